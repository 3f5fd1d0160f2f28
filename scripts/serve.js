// A plain static server for the built site (build/): no compression on the fly (vite preview
// gzips the 34 MB wasm on every request), long caching for hashed assets, and no other origin.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'build');
const port = Number(process.env.PORT ?? 4173);
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.csv': 'text/csv; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8'
};

function resolvePath(urlPath) {
	const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
	const base = join(root, clean);
	if (!base.startsWith(root)) return null;
	for (const p of [base, `${base}.html`, join(base, 'index.html')]) {
		if (existsSync(p) && statSync(p).isFile()) return p;
	}
	return null;
}

createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const file = resolvePath(url.pathname);
	if (!file) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
		return;
	}
	const immutable = url.pathname.startsWith('/_app/immutable/');
	res.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'content-length': statSync(file).size,
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
	});
	createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => {
	console.log(`Opportunity Lens: http://localhost:${port}/`);
});

/**
 * Evidence for the browser-side recommendations, measured in the same headless Chromium on the
 * built site's origin (IndexedDB needs one): what persisting the file's bytes costs on every
 * filter change, a copy of the bytes, and decoding them.
 *
 *   npx tsx bench/browser-experiments.ts [MB …]      (default 14 140: the 100k and 1M files)
 *
 * Needs ./build (npm run build); serves it on a free port itself.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = process.argv
	.slice(2)
	.map(Number)
	.filter((x) => x > 0);

const port = await new Promise<number>((resolve) => {
	const s = createServer().listen(0, '127.0.0.1', () => {
		const a = s.address();
		s.close(() => resolve(typeof a === 'object' && a ? a.port : 4390));
	});
});
const server = spawn(process.execPath, [join(root, 'scripts', 'serve.js'), join(root, 'build')], {
	env: { ...process.env, PORT: String(port) },
	stdio: 'ignore'
});
await new Promise((r) => setTimeout(r, 600));
const browser = await launch();
try {
	const page = await browser.newPage();
	await page.goto(`http://localhost:${port}/`);
	console.log(
		'MB      structuredClone   IDB put: main thread blocked / until committed   TextDecoder(utf-8, fatal)   Uint8Array.slice'
	);
	for (const mb of sizes.length ? sizes : [14, 140]) {
		// Plain JS in a string: tsx's helpers must not leak into the page.
		const r = (await page.evaluate(`(async () => {
			const n = ${mb} * 1e6;
			const bytes = new Uint8Array(n);
			for (let i = 0; i < n; i += 4096) bytes[i] = 59 + (i % 7);
			let t = performance.now();
			structuredClone({ deals: { name: 'x.csv', bytes } });
			const clone = performance.now() - t;
			const db = await new Promise((res, rej) => {
				const o = indexedDB.open('ol-bench-exp', 1);
				o.onupgradeneeded = () => o.result.createObjectStore('k');
				o.onsuccess = () => res(o.result);
				o.onerror = () => rej(o.error);
			});
			let put = NaN, commit = NaN, error = null;
			try {
				t = performance.now();
				const tx = db.transaction('k', 'readwrite');
				tx.objectStore('k').put({ deals: { name: 'x.csv', bytes } }, 'deals');
				put = performance.now() - t;
				await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
				commit = performance.now() - t;
			} catch (e) { error = String(e && e.message || e); }
			db.close();
			await new Promise((res) => { const d = indexedDB.deleteDatabase('ol-bench-exp'); d.onsuccess = d.onerror = d.onblocked = res; });
			t = performance.now();
			new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
			const decode = performance.now() - t;
			t = performance.now();
			bytes.slice(3);
			const slice = performance.now() - t;
			return { clone, put, commit, error, decode, slice };
		})()`)) as {
			clone: number;
			put: number;
			commit: number;
			error: string | null;
			decode: number;
			slice: number;
		};
		const f = (x: number) => (Number.isNaN(x) ? '   –' : `${x.toFixed(0)} ms`);
		console.log(
			`${String(mb).padEnd(8)}${f(r.clone).padStart(15)}   ${f(r.put).padStart(12)} / ${f(r.commit).padEnd(10)}${r.error ? ` (${r.error.slice(0, 60)})` : ''}`.padEnd(
				88
			) + `${f(r.decode).padStart(12)}   ${f(r.slice).padStart(14)}`
		);
	}
} finally {
	await browser.close();
	server.kill();
}
process.exit(0);

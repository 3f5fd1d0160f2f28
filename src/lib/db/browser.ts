/**
 * DuckDB-wasm in the browser: a worker with self-hosted eh/mvp bundles, started on first use.
 * Only browser code may call this; the package is imported dynamically so prerendering never
 * loads it (its node build starts a worker thread at import).
 */
import { CONNECTION_SETUP, toPlainRows, type Db, type Row, type SqlValue } from './db';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

let pending: Promise<Db> | null = null;

/** One statement that creates or fills a table (read_csv, the typed tables). */
const BUILDS = /^\s*(CREATE|INSERT)\b/i;

/** The page-wide database, created once on first call. */
export function browserDb(): Promise<Db> {
	pending ??= openBrowserDb().catch((e: unknown) => {
		pending = null;
		throw e;
	});
	return pending;
}

async function openBrowserDb(): Promise<Db> {
	const duck = await import('@duckdb/duckdb-wasm');
	const bundle = await duck.selectBundle({
		mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle for this browser.');
	const worker = new Worker(bundle.mainWorker);
	const db = new duck.AsyncDuckDB(new duck.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule);
	await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const conn = await db.connect();
	for (const s of CONNECTION_SETUP) await conn.query(s);
	// Keep the tab alive on big files: DuckDB spills nothing in the browser, so cap it.
	await conn.query("SET memory_limit='1GB'");

	return {
		async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
			// Statements that build tables are the long ones: send them as a pending query, which
			// the worker runs in slices, so interrupt() can stop them between slices.
			if (params.length === 0 && BUILDS.test(sql)) {
				const rows: T[] = [];
				for await (const batch of await conn.send(sql)) rows.push(...toPlainRows<T>(batch));
				return rows;
			}
			if (params.length === 0) return toPlainRows<T>(await conn.query(sql));
			const stmt = await conn.prepare(sql);
			try {
				return toPlainRows<T>(await stmt.query(...params));
			} finally {
				await stmt.close();
			}
		},
		async exec(sql: string) {
			await conn.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			await db.registerFileBuffer(name, bytes);
		},
		async interrupt() {
			await conn.cancelSent();
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
			pending = null;
		}
	};
}

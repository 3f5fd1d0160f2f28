/**
 * DuckDB-wasm in Node (blocking bindings): the same engine and SQL as the browser, for unit tests
 * and the command line.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as DuckBlocking from '@duckdb/duckdb-wasm/blocking';
import { CONNECTION_SETUP, toPlainRows, type Db, type Row, type SqlValue } from './db';

const require = createRequire(import.meta.url);

export async function openNodeDb(): Promise<Db> {
	const duck = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof DuckBlocking;
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: {
			mainModule: join(dist, 'duckdb-mvp.wasm'),
			mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs')
		},
		eh: {
			mainModule: join(dist, 'duckdb-eh.wasm'),
			mainWorker: join(dist, 'duckdb-node-eh.worker.cjs')
		}
	};
	const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
	await db.instantiate();
	db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const conn = db.connect();
	for (const s of CONNECTION_SETUP) conn.query(s);

	return {
		async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
			if (params.length === 0) return toPlainRows<T>(conn.query(sql));
			const stmt = conn.prepare(sql);
			try {
				return toPlainRows<T>(stmt.query(...params));
			} finally {
				stmt.close();
			}
		},
		async exec(sql: string) {
			conn.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}

/**
 * Native DuckDB (`@duckdb/node-api`, multi-threaded, DuckDB 1.5) behind the same `Db` interface:
 * the engine for files too big for the browser (the CLI) and the benchmark's "limit" row.
 * Node only. Results come back as the wasm engines return them: BIGINT/HUGEINT/DECIMAL as
 * numbers, DATE/TIMESTAMP as epoch milliseconds, lists as arrays.
 *
 * `registerFile` writes the bytes to a private temp folder that `file_search_path` points at,
 * so `read_csv('deals_raw.csv')` finds them as it does in the wasm engines' virtual file system.
 * DuckDB spills to a `spill` folder inside it (never to `.tmp` in the working directory).
 *
 *   const db = await openNativeDb();
 *   await db.query('SELECT count(*) AS n FROM range(?)', [10]);   // [{ n: 10 }]
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTION_SETUP, type Db, type Row, type SqlValue } from './db';

export interface NativeOptions {
	/** Worker threads (default: DuckDB's default, all cores). */
	threads?: number;
	/** e.g. '4GB' (default: DuckDB's default, 80 % of RAM). */
	memoryLimit?: string;
}

export interface NativeDb extends Db {
	readonly kind: 'native';
	/** The folder registered files are written to. */
	readonly dir: string;
}

/** isNativeDb(await openNativeDb()) → true; false for the wasm engines. */
export function isNativeDb(db: Db): db is NativeDb {
	return (db as Partial<NativeDb>).kind === 'native';
}

/** Whether `@duckdb/node-api` (a devDependency, with a native binary) can be loaded here. */
export async function nativeAvailable(): Promise<boolean> {
	try {
		await import('@duckdb/node-api');
		return true;
	} catch {
		return false;
	}
}

export async function openNativeDb(options: NativeOptions = {}): Promise<NativeDb> {
	// Imported here so nothing that merely imports this module loads the native binding.
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const config: Record<string, string> = {};
	if (options.threads) config.threads = String(options.threads);
	if (options.memoryLimit) config.memory_limit = options.memoryLimit;
	const instance = await DuckDBInstance.create(':memory:', config);
	const conn = await instance.connect();
	const dir = mkdtempSync(join(tmpdir(), 'ol-native-'));
	// Registered files are copies of the user's data: never leave them behind on process.exit().
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', cleanup);
	for (const s of CONNECTION_SETUP) await conn.run(s);
	const quoted = (p: string) => `'${p.replace(/'/g, "''")}'`;
	await conn.run(`SET file_search_path = ${quoted(dir)}`);
	// An in-memory database spills to `.tmp` in the working directory by default.
	await conn.run(`SET temp_directory = ${quoted(join(dir, 'spill'))}`);

	const files = new Set<string>();
	const pathOf = (name: string) => {
		if (!/^[\w.-]+$/.test(name)) throw new Error(`Not a plain file name: ${name}`);
		return join(dir, name);
	};

	return {
		kind: 'native',
		dir,
		async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
			const reader = params.length
				? await conn.runAndReadAll(sql, params as SqlValue[])
				: await conn.runAndReadAll(sql);
			return reader.getRowObjectsJS().map((r) => plain(r) as T);
		},
		async exec(sql: string) {
			await conn.run(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			writeFileSync(pathOf(name), bytes);
			files.add(name);
		},
		async dropFile(name: string) {
			if (files.delete(name)) unlinkSync(pathOf(name));
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			process.off('exit', cleanup);
			cleanup();
		}
	};
}

/** node-api JS values → the plain values the wasm engines give (bigint → number, Date → ms). */
function plain(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.getTime();
	if (Array.isArray(value)) return value.map(plain);
	if (value instanceof Uint8Array) return value;
	if (typeof value === 'object') {
		const out: Row = {};
		for (const [k, x] of Object.entries(value)) out[k] = plain(x);
		return out;
	}
	return value;
}

/**
 * Which DuckDB the command line runs on. Native DuckDB (`@duckdb/node-api`, all cores, spills to
 * disk) when it can be loaded, else the browser's engine (DuckDB-wasm, one thread, blocking
 * bindings). Both run the same SQL and give the same results; `--engine` picks one.
 *
 *   const e = await openEngine(undefined);   // { name: 'native', db, … } when installed
 *   e.label                                   // 'native DuckDB v1.5.x (@duckdb/node-api, 2 threads)'
 */
import { isMainThread } from 'node:worker_threads';
import type { Db } from '$lib/db/db';
import { isNativeDb, nativeAvailable, openNativeDb } from '$lib/db/native';
import { openNodeDb } from '$lib/db/node';
import { CliError } from './io';

export type EngineName = 'native' | 'wasm';
export const ENGINE_NAMES: readonly EngineName[] = ['native', 'wasm'];

export interface Engine {
	name: EngineName;
	db: Db;
	/** e.g. 'native DuckDB v1.5.2 (@duckdb/node-api, 2 threads)'; for stderr and readable output. */
	label: string;
}

export interface EngineDeps {
	/** Whether the native engine can be loaded (replaced in tests). */
	nativeAvailable?: () => Promise<boolean>;
}

/** Check `--engine` before any file is read, so a typo fails fast. */
export function checkEngine(choice: string | undefined): EngineName | undefined {
	if (choice === undefined || choice === 'auto') return undefined;
	if (!ENGINE_NAMES.includes(choice as EngineName)) {
		throw new CliError(`--engine must be ${ENGINE_NAMES.join(' or ')}, not "${choice}".`);
	}
	return choice as EngineName;
}

/** The engine `choice` names, or (without one) native when installed, else wasm. */
export async function pickEngine(
	choice: string | undefined,
	deps: EngineDeps = {}
): Promise<EngineName> {
	const want = checkEngine(choice);
	if (want === 'wasm') return 'wasm';
	if (await (deps.nativeAvailable ?? nativeAvailable)()) return 'native';
	if (want === 'native') {
		throw new CliError(
			'--engine native needs @duckdb/node-api (npm install @duckdb/node-api); --engine wasm runs without it.'
		);
	}
	return 'wasm';
}

export async function openEngine(
	choice: string | undefined,
	deps: EngineDeps = {}
): Promise<Engine> {
	const name = await pickEngine(choice, deps);
	if (name === 'native' && signals) exitOnSignals();
	const db = name === 'native' ? await openNativeDb() : await openNodeDb();
	return { name, db, label: await describe(name, db) };
}

/**
 * Run `fn` on the engine `choice` names, closed afterwards; or on `shared`, a database the
 * caller opened and keeps open (tests share one per file).
 */
export async function withEngine<T>(
	choice: string | undefined,
	shared: Db | undefined,
	fn: (engine: Engine) => Promise<T>,
	deps: EngineDeps = {}
): Promise<T> {
	if (shared) {
		const name = isNativeDb(shared) ? 'native' : 'wasm';
		return fn({ name, db: shared, label: await describe(name, shared) }).catch((e: unknown) => {
			throw outOfMemory(name, e);
		});
	}
	const engine = await openEngine(choice, deps);
	try {
		return await fn(engine);
	} catch (e) {
		throw outOfMemory(engine.name, e);
	} finally {
		await engine.db.close();
	}
}

/**
 * DuckDB's many-line "Out of Memory Error: could not allocate block … (3.1 GiB/3.1 GiB used)"
 * as one line that says what to do; any other error as it is.
 */
export function outOfMemory(name: EngineName, e: unknown): unknown {
	const m = e instanceof Error ? /^Out of Memory Error: (.*)$/m.exec(e.message) : null;
	if (!m) return e;
	const advice =
		name === 'wasm'
			? 'DuckDB-wasm addresses at most 4 GB; run with --engine native (@duckdb/node-api), or split the file.'
			: 'Close other programs or split the file.';
	return new CliError(`The ${name} engine ran out of memory (${m[1]!.trim()}). ${advice}`);
}

let signals = false;

/**
 * For the command line: when native DuckDB runs, Ctrl-C and kill end through process.exit(), so
 * its temp copies of the data are removed (its queries run off the JS thread, which stays free
 * to handle the signal). Not for wasm: its blocking queries hold the JS thread, and a handler
 * would delay Ctrl-C until they end.
 */
export function cleanUpOnSignals(): void {
	signals = true;
}

function exitOnSignals(): void {
	if (!isMainThread || process.listenerCount('SIGINT') > 0) return;
	process.once('SIGINT', () => process.exit(130));
	process.once('SIGTERM', () => process.exit(143));
}

async function describe(name: EngineName, db: Db): Promise<string> {
	const [r] = await db.query<{ v: string; t: unknown }>(
		"SELECT version() AS v, current_setting('threads') AS t"
	);
	const threads = Number(r?.t);
	const t = `${threads} thread${threads === 1 ? '' : 's'}`;
	return name === 'native'
		? `native DuckDB ${r?.v ?? '?'} (@duckdb/node-api, ${t})`
		: `DuckDB-wasm ${r?.v ?? '?'} (the browser's engine, ${t})`;
}

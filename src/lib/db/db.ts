/**
 * The one database interface the rest of the app sees. Two implementations run the same
 * DuckDB-wasm engine: `browser.ts` (in a worker) and `node.ts` (blocking, for tests and the CLI).
 */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Db {
	/** Run one statement with bound parameters (`?`) and return plain JS rows. */
	query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
	/** Run statements that return nothing of interest (DDL, SET, several statements). */
	exec(sql: string): Promise<void>;
	/** Make bytes readable by `read_csv('<name>')`. */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** Stop the statement that is running, where the engine allows it (browser: table builds). */
	interrupt?(): Promise<void>;
	close(): Promise<void>;
}

/** Settings applied on every new connection: never reach for the network. */
export const CONNECTION_SETUP = [
	'SET autoinstall_known_extensions=false',
	'SET autoload_known_extensions=false'
];

/** Arrow rows → plain objects; numbers stay numbers (the db is opened with cast-to-double). */
export function toPlainRows<T extends Row>(table: { toArray(): { toJSON(): unknown }[] }): T[] {
	return table.toArray().map((r) => normalise(r.toJSON()) as T);
}

function normalise(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.map(normalise);
	if (typeof value === 'object') {
		const v = value as { toJSON?: () => unknown; toArray?: () => unknown[] };
		if (typeof v.toArray === 'function' && !(value instanceof Date)) {
			return Array.from(v.toArray(), normalise);
		}
		if (value instanceof Date) return value.getTime();
		const out: Row = {};
		for (const [k, x] of Object.entries(value)) out[k] = normalise(x);
		return out;
	}
	return value;
}

/**
 * SQL text helpers. Values are always bound as parameters; identifiers only ever come from the
 * app's own internal names (`c0…cn`, table names it made) and still go through `ident`.
 */
import type { SqlValue } from '$lib/db/db';

export interface Query {
	text: string;
	params: SqlValue[];
}

/** Quote an identifier: ident('a"b') → `"a""b"`. */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal, for the few places DuckDB does not take a parameter (read_csv options): lit("it's") → `'it''s'`. */
export function lit(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/** Internal column name for the i-th source column: col(3) → "c3". */
export function col(i: number): string {
	return `c${i}`;
}

/**
 * Lookup tables (products → list price, teams → manager, accounts → sector): a copy of the raw
 * upload keyed by its trimmed key column, first row per key, columns renamed `l<n>_c<i>`.
 */
import { PT, joinKeyExpr, type LookupDef } from './pipeline-build';
import { col, ident, type Query } from './sql';
import { cleanExpr } from './typed';

/** createLookup('lookup_raw_0', { name: 'l1', table: 'pipeline_lookup_1', … }, 0, [1, 2]) → CREATE TABLE … l1_c1, l1_c2. */
export function createLookup(
	raw: string,
	def: LookupDef,
	key: number,
	columns: readonly number[]
): Query {
	const k = `nullif(${cleanExpr(col(key))}, '')`;
	const names = columns.map((i) => ident(`${def.name}_${col(i)}`));
	const renamed = columns
		.map((i, j) => `, nullif(${cleanExpr(col(i))}, '') AS ${names[j]}`)
		.join('');
	return {
		text: `CREATE OR REPLACE TABLE ${ident(def.table)} AS
SELECT lookup_key${names.map((n) => `, ${n}`).join('')} FROM (
	SELECT ${k} AS lookup_key${renamed}, row_number() OVER (PARTITION BY ${k} ORDER BY rowid) AS rn
	FROM ${ident(raw)}
) WHERE lookup_key IS NOT NULL AND rn = 1`,
		params: []
	};
}

/** Keys of the lookup file that appear more than once (the first row is used). */
export function duplicateKeysQuery(raw: string, key: number): Query {
	const k = `nullif(${cleanExpr(col(key))}, '')`;
	return {
		text: `SELECT ${k} AS value, count(*) AS n FROM ${ident(raw)} WHERE ${k} IS NOT NULL
GROUP BY 1 HAVING count(*) > 1 ORDER BY n DESC, value`,
		params: []
	};
}

/** Deals with a join value that found / did not find a lookup row. */
export function lookupMatchQuery(def: LookupDef): Query {
	const key = joinKeyExpr('d', def.dealColumn);
	return {
		text: `SELECT count(*) FILTER (WHERE l.lookup_key IS NOT NULL) AS matched,
	count(*) FILTER (WHERE ${key} IS NOT NULL AND l.lookup_key IS NULL) AS unmatched,
	list(DISTINCT ${key} ORDER BY ${key}) FILTER (WHERE ${key} IS NOT NULL AND l.lookup_key IS NULL) AS missing
FROM ${ident(PT.deals)} d LEFT JOIN ${ident(def.table)} l ON l.lookup_key = ${key}`,
		params: []
	};
}

/**
 * Pipeline tables. The raw deals upload (all VARCHAR, c0…cn) becomes
 *   pipeline_stages(pos, name, probability, kind, forecast)   the stage dictionary, in order
 *   pipeline_values(field, raw, code, pos)                    data values → dictionary position or code
 *   pipeline_meta(key, value)                                 reference date, target, mapping labels…
 *   pipeline_deals(rid, <field>…, stage_raw, stage_pos, kind, prob, category, …, c0…cn)
 *                                                             one typed row per deal
 *   pipeline_all                                             view: deals + joined lookup columns
 * Values (stage names, dates, labels) are always bound parameters; only internal names are spliced.
 */
import { FIELDS, fieldKind, type Field } from '$lib/domain/pipeline/fields';
import type { DateFormat, NumberFormat } from '$lib/domain/pipeline/parse-format';
import type { StageDef } from '$lib/domain/pipeline/stages';
import type { SqlValue } from '$lib/db/db';
import { col, ident, type Query } from './sql';
import {
	blankExpr,
	cleanExpr,
	dateExpr,
	datePlainExpr,
	flagExpr,
	numberExpr,
	numberPlainExpr
} from './typed';

export const PT = {
	stages: 'pipeline_stages',
	values: 'pipeline_values',
	meta: 'pipeline_meta',
	deals: 'pipeline_deals',
	all: 'pipeline_all',
	history: 'pipeline_history'
} as const;

/**
 * How one mapped raw column becomes a typed deal column. `plain`: every non-NULL raw value of the
 * column is in the format's plain shape (`numberFastPattern` / `dateFast`), as checked on its
 * distinct values when it was planned, so each is read without testing its shape again.
 */
export type ColumnSpec =
	| { kind: 'text' | 'flag'; column: string }
	| { kind: 'number'; column: string; format: NumberFormat | null; plain?: boolean }
	| { kind: 'date'; column: string; format: DateFormat | null; plain?: boolean };

const SQL_TYPE = { text: 'VARCHAR', flag: 'BOOLEAN', number: 'DOUBLE', date: 'DATE' } as const;

/** The typed value of a spec: typedExpr({ kind: 'text', column: 'c2' }) → nullif(trim(…"c2"…), ''). */
export function typedExpr(spec: ColumnSpec): string {
	switch (spec.kind) {
		case 'text':
			return `nullif(${cleanExpr(spec.column)}, '')`;
		case 'flag':
			return flagExpr(spec.column);
		case 'number':
			if (!spec.format) return 'CAST(NULL AS DOUBLE)';
			return (spec.plain ? numberPlainExpr : numberExpr)(spec.column, spec.format);
		case 'date':
			if (!spec.format) return 'CAST(NULL AS DATE)';
			return (spec.plain ? datePlainExpr : dateExpr)(spec.column, spec.format);
	}
}

/** The SQL type a field's column has: number and probability DOUBLE, dates DATE, flags BOOLEAN. */
export function fieldSqlType(field: Field): string {
	const k = fieldKind(field);
	return SQL_TYPE[k === 'probability' ? 'number' : k];
}

/** Insert rows in chunks of 200 so no statement carries thousands of parameters. */
function inserts(table: string, rows: SqlValue[][]): Query[] {
	const out: Query[] = [];
	for (let i = 0; i < rows.length; i += 200) {
		const chunk = rows.slice(i, i + 200);
		const tuple = `(${chunk[0]!.map(() => '?').join(', ')})`;
		out.push({
			text: `INSERT INTO ${ident(table)} VALUES ${chunk.map(() => tuple).join(', ')}`,
			params: chunk.flat()
		});
	}
	return out;
}

/** The dictionary as a table, position = order: createStages([Angebot 70 …]) → CREATE + INSERT (0, 'Angebot', 70, …). */
export function createStages(dictionary: readonly StageDef[]): Query[] {
	return [
		{
			text: `CREATE OR REPLACE TABLE ${ident(PT.stages)} (pos INTEGER, name VARCHAR, probability DOUBLE, kind VARCHAR, forecast VARCHAR)`,
			params: []
		},
		...inserts(
			PT.stages,
			dictionary.map((s, pos) => [pos, s.name, s.probability, s.kind, s.forecast])
		)
	];
}

export interface ValueRow {
	field: 'stage' | 'status_kind' | 'forecast_category';
	raw: string;
	code: string | null;
	pos: number | null;
}

/** What each distinct data value means (decided in JS with the same matching as the dictionary editor). */
export function createValues(rows: readonly ValueRow[]): Query[] {
	return [
		{
			text: `CREATE OR REPLACE TABLE ${ident(PT.values)} (field VARCHAR, raw VARCHAR, code VARCHAR, pos INTEGER)`,
			params: []
		},
		...inserts(
			PT.values,
			rows.map((r) => [r.field, r.raw, r.code, r.pos])
		)
	];
}

/** More values (stages first seen in a history file): addValues([…]) → INSERT …. */
export function addValues(rows: readonly ValueRow[]): Query[] {
	return inserts(
		PT.values,
		rows.map((r) => [r.field, r.raw, r.code, r.pos])
	);
}

/** Settings and labels as text (structured ones JSON-encoded by the caller). */
export function writeMeta(entries: Record<string, string>): Query[] {
	return [
		{
			text: `CREATE TABLE IF NOT EXISTS ${ident(PT.meta)} (key VARCHAR, value VARCHAR)`,
			params: []
		},
		...Object.entries(entries).flatMap(([key, value]) => [
			{ text: `DELETE FROM ${ident(PT.meta)} WHERE key = ?`, params: [key] },
			{ text: `INSERT INTO ${ident(PT.meta)} VALUES (?, ?)`, params: [key, value] }
		])
	];
}

export function readMeta(): Query {
	return { text: `SELECT key, value FROM ${ident(PT.meta)}`, params: [] };
}

/** The reference date as a DATE, for ages and overdue checks. */
export const AS_OF = `(SELECT CAST(value AS DATE) FROM ${ident(PT.meta)} WHERE key = 'as_of')`;

/**
 * Distinct cleaned values of a raw column in order of first appearance, with counts (and with
 * `blanks`, whether every raw text behind a value already was that value: `same`). The raw values
 * are grouped first and only the distinct ones cleaned (a column of 1M values has a few hundred).
 * NULL is left out; blank values ('' after cleaning) too unless `blanks`.
 */
function cleanedValues(table: string, column: string, blanks: boolean): Query {
	return {
		text: `SELECT v AS value, CAST(sum(n) AS BIGINT) AS n${blanks ? ', bool_and(raw = v) AS same' : ''} FROM (
	SELECT raw, ${cleanExpr('raw')} AS v, n, r FROM (
		SELECT ${ident(column)} AS raw, count(*) AS n, min(rowid) AS r FROM ${ident(table)} GROUP BY 1
	)
) WHERE ${blanks ? 'v IS NOT NULL' : "v <> ''"} GROUP BY v ORDER BY min(r)`,
		params: []
	};
}

/**
 * Distinct non-blank cleaned values of a raw column in order of first appearance, with counts:
 * raw 'Nord', ' Nord', 'Süd', '  ' → [{ value: 'Nord', n: 2, … }, { value: 'Süd', n: 1, … }].
 */
export function distinctValues(table: string, column: string): Query {
	return cleanedValues(table, column, false);
}

/**
 * The same with blank values kept (as '') and `same` (every raw text behind the value was already
 * clean), for planning a column: whether all its raw texts are clean and in one shape is then
 * known from its distinct values alone: raw '5', ' 5', '  ' → [{ '5', n: 2, same: false }, { '', … }].
 */
export function distinctWithBlanks(table: string, column: string): Query {
	return cleanedValues(table, column, true);
}

const v = (field: string) => ident(field);

/** Columns of the build's steps that no query reads: left out of the stored table. */
const STEPS = [
	'stage_kind',
	'stage_probability',
	'stage_forecast',
	'status_code',
	'forecast_code',
	'end_date'
];

/** Text fields stored as ENUM when mapped (with kind and category, always). */
const ENUM_FIELDS = ['stage', 'owner', 'product', 'region', 'industry', 'currency'] as const;

/** The ENUM type a deal column is stored as: enumType('owner') → pipeline_enum_owner. */
export const enumType = (column: string) => `pipeline_enum_${column}`;

/**
 * The ENUM types of the deals' repeated text columns, each holding every value the column can
 * take (non-NULL, sorted as VARCHAR sorts, so ORDER BY on the column orders as on its text):
 * the distinct raw texts of the column read as `buildDeals` reads them, the stage names and values, the
 * outcome and forecast codes. Returns the queries and the columns they type (for buildDeals).
 * A filter or copy of filtered deals then reads 1-byte codes instead of uncompressed strings.
 */
export function dealEnums(
	raw: string,
	specs: Partial<Record<Field, ColumnSpec>>
): { queries: Query[]; columns: string[] } {
	const values: [string, string][] = [];
	const distinctOf = (s: ColumnSpec) =>
		`SELECT ${typedExpr(s)} AS v FROM (SELECT DISTINCT ${ident(s.column)} FROM ${ident(raw)})`;
	for (const f of ENUM_FIELDS) {
		const s = specs[f];
		if (!s || s.kind !== 'text') continue;
		values.push([
			f,
			// A deal's stage is its dictionary stage's name, else its own (cleaned) value, and
			// pipeline_values holds every distinct cleaned stage value of the deals (writeValueMap).
			f === 'stage'
				? `SELECT name AS v FROM ${ident(PT.stages)} UNION ALL SELECT raw FROM ${ident(PT.values)} WHERE field = 'stage'`
				: distinctOf(s)
		]);
	}
	const codes = (field: string) => `SELECT code FROM ${ident(PT.values)} WHERE field = '${field}'`;
	values.push([
		'kind',
		`SELECT * FROM (VALUES ('open'), ('won'), ('lost')) x(v) UNION ALL ${codes('status_kind')} UNION ALL SELECT kind FROM ${ident(PT.stages)}`
	]);
	values.push([
		'category',
		`SELECT * FROM (VALUES ('closed'), ('omitted')) x(v) UNION ALL ${codes('forecast_category')} UNION ALL SELECT forecast FROM ${ident(PT.stages)}`
	]);
	const queries = values.flatMap(([c, q]): Query[] => [
		{ text: `DROP TYPE IF EXISTS ${ident(enumType(c))}`, params: [] },
		{
			// list_distinct drops the NULLs: a `v IS NOT NULL` filter would be pushed below the
			// DISTINCT of the raw texts and clean every row instead of every distinct text.
			text: `CREATE TYPE ${ident(enumType(c))} AS ENUM (SELECT v FROM (SELECT unnest(list_distinct(list(v))) AS v FROM (${q}) x(v)) ORDER BY v)`,
			params: []
		}
	]);
	return { queries, columns: values.map(([c]) => c) };
}

/**
 * The typed deals table. A deal's outcome (kind) comes from its status column, else its won /
 * closed flags, else its stage's kind; its probability from the file, else the stage's; its
 * forecast category from the file, else the stage's (won → closed, lost → omitted). The raw
 * columns `c0…cn` are kept (breakdowns, filters and lookup joins may name any of them); the
 * stage's own kind / probability / forecast and the end date are only steps and are not stored.
 */
export function buildDeals(
	raw: string,
	specs: Partial<Record<Field, ColumnSpec>>,
	columns: number,
	enums: readonly string[] = []
): Query {
	const typed = FIELDS.map((f) => {
		const s = specs[f];
		return `${s ? typedExpr(s) : `CAST(NULL AS ${fieldSqlType(f)})`} AS ${v(f)}`;
	});
	const rawCols = Array.from({ length: columns }, (_, i) => ident(col(i)));
	const join = (alias: string, field: string, on: string) =>
		`LEFT JOIN ${ident(PT.values)} ${alias} ON ${alias}.field = '${field}' AND ${alias}.raw = t.${v(on)}`;
	const replace = enums.length
		? ` REPLACE (${enums.map((c) => `CAST(${v(c)} AS ${ident(enumType(c))}) AS ${v(c)}`).join(', ')})`
		: '';
	return {
		text: `CREATE OR REPLACE TABLE ${ident(PT.deals)} AS
WITH t AS (
	SELECT rowid AS rid, ${[...typed, ...rawCols].join(', ')}
	FROM ${ident(raw)}
), k AS (
	SELECT t.* EXCLUDE (stage), t.stage AS stage_raw, s.pos AS stage_pos, coalesce(s.name, t.stage) AS stage,
		s.kind AS stage_kind, s.probability AS stage_probability, s.forecast AS stage_forecast,
		sk.code AS status_code, fc.code AS forecast_code
	FROM t
	${join('sv', 'stage', 'stage')}
	LEFT JOIN ${ident(PT.stages)} s ON s.pos = sv.pos
	${join('sk', 'status_kind', 'status_kind')}
	${join('fc', 'forecast_category', 'forecast_category')}
), o AS (
	SELECT *, coalesce(status_code,
		CASE WHEN is_closed = FALSE THEN 'open' WHEN is_won THEN 'won' WHEN is_closed AND is_won = FALSE THEN 'lost' END,
		stage_kind) AS kind
	FROM k
), e AS (
	SELECT *, CASE kind WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE coalesce(probability, stage_probability) END AS prob,
		CASE kind WHEN 'won' THEN 'closed' WHEN 'lost' THEN 'omitted' ELSE coalesce(forecast_code, stage_forecast) END AS category,
		CASE kind WHEN 'won' THEN coalesce(won_date, close_date) WHEN 'lost' THEN coalesce(lost_date, close_date) ELSE close_date END AS end_date
	FROM o
)
SELECT * EXCLUDE (${STEPS.join(', ')})${replace}, strftime(end_date, '%Y-%m') AS close_month,
	CAST(year(end_date) AS VARCHAR) || '-Q' || CAST(quarter(end_date) AS VARCHAR) AS close_quarter,
	date_diff('day', created_date, end_date) AS cycle_days,
	date_diff('day', created_date, ${AS_OF}) AS age_days,
	coalesce(kind = 'open' AND close_date < ${AS_OF}, FALSE) AS overdue,
	CASE WHEN kind = 'open' THEN amount * prob / 100 END AS expected
FROM e`,
		params: []
	};
}

export interface LookupDef {
	/** `l<n>`: lookup columns are called `l<n>_c<i>`. */
	name: string;
	table: string;
	/** Deal column joined on: a field name or raw `c<i>`. */
	dealColumn: string;
}

/** The text a deal column is joined on: trimmed, numbers and dates as their text. */
export function joinKeyExpr(alias: string, column: string): string {
	return `nullif(trim(CAST(${alias}.${ident(column)} AS VARCHAR)), '')`;
}

/** The view every metric reads: deals with their lookup columns. */
export function createAllView(lookups: readonly LookupDef[]): Query {
	const cols = lookups.map((l) => `, ${ident(l.name)}.* EXCLUDE (lookup_key)`).join('');
	const joins = lookups
		.map(
			(l) =>
				`LEFT JOIN ${ident(l.table)} ${ident(l.name)} ON ${ident(l.name)}.lookup_key = ${joinKeyExpr('d', l.dealColumn)}`
		)
		.join('\n');
	return {
		text: `CREATE OR REPLACE VIEW ${ident(PT.all)} AS SELECT d.*${cols} FROM ${ident(PT.deals)} d\n${joins}`,
		params: []
	};
}

/** Whether a table or view exists: tableExistsQuery('pipeline_history') → { n: 0 | 1 }. */
export function tableExistsQuery(name: string): Query {
	return {
		text: `SELECT count(*) AS n FROM (SELECT table_name AS t FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()) WHERE t = ?`,
		params: [name]
	};
}

/** Stage values already given a meaning. */
export function knownStageValues(): Query {
	return { text: `SELECT raw FROM ${ident(PT.values)} WHERE field = 'stage'`, params: [] };
}

/** The stored dictionary, in order. */
export function readStages(): Query {
	return {
		text: `SELECT name, probability, kind, forecast FROM ${ident(PT.stages)} ORDER BY pos`,
		params: []
	};
}

/** A typed deal column and the raw column it was read from: { field: 'amount', column: 'c4' }. */
export interface CheckedColumn {
	field: Field;
	column: string;
}

/** Raw value there (not blank) but the typed value NULL: it could not be read. */
function unreadable(c: CheckedColumn): string {
	return `${v(c.field)} IS NULL AND NOT ${blankExpr(c.column)}`;
}

/**
 * Unreadable values of several columns in one pass over the built deals table (its typed columns
 * beside its copies of the raw ones; nothing is read twice): invalidCountsQuery([amount]) → row
 * { f0: 3 } when 3 deals have an amount text that did not read.
 */
export function invalidCountsQuery(checked: readonly CheckedColumn[]): Query {
	const counts = checked.map((c, i) => `count(*) FILTER (WHERE ${unreadable(c)}) AS ${v(`f${i}`)}`);
	// Only rows with a NULL reach the aggregates (most have none): the raw copies stay unread.
	const someNull = checked.map((c) => `${v(c.field)} IS NULL`).join(' OR ');
	return {
		text: `SELECT ${counts.join(', ')} FROM ${ident(PT.deals)} WHERE ${someNull}`,
		params: []
	};
}

/**
 * The most frequent raw texts of a column that did not read, from the deals table:
 * invalidExamplesQuery({ field: 'amount', column: 'c4' }) → rows { value: 'abc', n: 2 }, ….
 */
export function invalidExamplesQuery(c: CheckedColumn, limit = 3): Query {
	return {
		text:
			`SELECT ${ident(c.column)} AS value, count(*) AS n FROM ${ident(PT.deals)} ` +
			`WHERE ${unreadable(c)} GROUP BY 1 ORDER BY n DESC, value LIMIT ?`,
		params: [limit]
	};
}

export function dropTable(name: string): Query {
	return { text: `DROP TABLE IF EXISTS ${ident(name)}`, params: [] };
}

/**
 * Typed values from raw VARCHAR columns (`c0…cn`). The format is decided in JS
 * (`$lib/domain/pipeline/parse-format`) and compiled to the same regular expression the JS parsers
 * use, so `numberExpr` agrees with `parseNumber` and `dateExpr` with `parseDate` value for value.
 * Core SQL only (regexp_*, replace, trim, TRY_CAST, try_strptime): no extension, nothing that can
 * go online.
 *
 * Cost: most raw values are already clean and in the column's plainest shape, so each expression
 * first tries a cheap test on the raw text (no leading/trailing space, no NBSP/tab → the value is
 * its own clean form; `-1234,5` → one anchored match + replace + cast; `05.03.2024` → one anchored
 * match + `try_strptime`) and runs the general expression only for the values that fail it. The
 * fast paths accept a subset of what the general expressions accept and read it to the same value.
 * An unreadable value becomes NULL, never 0; count them with `invalidCountExpr` and show a few
 * with `invalidExamplesQuery` ("Opportunity-Betrag: 3 values could not be read (e.g. 'abc')").
 */
import {
	dateGroups,
	datePattern,
	numberPattern,
	type DateFormat,
	type NumberFormat
} from '$lib/domain/pipeline/parse-format';
import { ident, lit, type Query } from './sql';

/** Characters `clean()` turns into spaces: tab, NBSP, narrow NBSP. */
const SPACES = ['chr(9)', 'chr(160)', 'chr(8239)'];

/**
 * True when the raw value is not its own clean form (a leading/trailing space or a tab/NBSP
 * anywhere): needsClean('c3') over ' 5' → true, over '5' → false, over NULL → NULL.
 */
function needsClean(column: string): string {
	const c = ident(column);
	const any = SPACES.map((ch) => `contains(${c}, ${ch})`);
	return `(starts_with(${c}, ' ') OR ends_with(${c}, ' ') OR ${any.join(' OR ')})`;
}

/**
 * The SQL twin of `clean()`: NBSP, narrow NBSP and tab become spaces, outer spaces go. Values with
 * nothing to clean (almost all) are passed through without the regular expression:
 * cleanExpr('c3') → (CASE WHEN <needs cleaning> THEN trim(regexp_replace("c3", …), ' ') ELSE "c3" END).
 */
export function cleanExpr(column: string): string {
	const c = ident(column);
	const full = `trim(regexp_replace(${c}, '[\\x{00A0}\\x{202F}\\t]', ' ', 'g'), ' ')`;
	return `(CASE WHEN ${needsClean(column)} THEN ${full} ELSE ${c} END)`;
}

/** True when the raw value is NULL or only spaces: blankExpr('c3') → coalesce(…, '') = ''. */
export function blankExpr(column: string): string {
	return `(coalesce(${cleanExpr(column)}, '') = '')`;
}

/** RE2/JS pattern text of a literal: esc('.') → '\\.'. */
function esc(s: string): string {
	return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * The plainest shape of a number format, matched against the raw text: an optional ASCII minus,
 * digits (grouped or not), an optional decimal part, `%` right after them when the column has
 * percent signs; no spaces, currency or parentheses. numberFastPattern(German) matches '-1.234,5'.
 * Every such value is clean and matches `numberPattern`, with group 1 = the sign and group 3 = the
 * digits, so `-1 * n` there equals the cast of the signed text here.
 */
export function numberFastPattern(fmt: NumberFormat): string {
	const t = fmt.thousands === null ? null : esc(fmt.thousands);
	const int = t === null ? '[0-9]+' : `(?:[1-9][0-9]{0,2}(?:${t}[0-9]{3})+|[0-9]+)`;
	return `-?${int}(?:${esc(fmt.decimal)}[0-9]+)?${fmt.percent ? '%?' : ''}`;
}

/** The general reading: every shape `numberPattern` allows, on the cleaned value. */
function numberGeneral(column: string, fmt: NumberFormat): string {
	const v = cleanExpr(column);
	const p = lit(numberPattern(fmt));
	const group = (i: number) => `regexp_extract(${v}, ${p}, ${i})`;
	const plain =
		fmt.thousands === null ? group(3) : `replace(${group(3)}, ${lit(fmt.thousands)}, '')`;
	const n = `TRY_CAST(replace(${plain}, ${lit(fmt.decimal)}, '.') AS DOUBLE)`;
	const parens = `(starts_with(${v}, '(') = ends_with(${v}, ')'))`;
	const oneSign = `(${group(1)} = '' OR ${group(2)} = '')`;
	const neg = `(starts_with(${v}, '(') OR regexp_matches(${group(1)} || ${group(2)}, '[-−]'))`;
	const scale = fmt.scale === 1 ? '' : ` * ${fmt.scale}`;
	return (
		`(CASE WHEN regexp_matches(${v}, ${p}) AND ${parens} AND ${oneSign} ` +
		`THEN (CASE WHEN ${neg} THEN -1 ELSE 1 END) * ${n}${scale} END)`
	);
}

/**
 * The reading of a value known to be in the plain shape (`numberFastPattern`): separators out, a
 * cast, the scale: numberPlainExpr('c4', German) over '-1.234,5' → TRY_CAST('-1234.5') = -1234.5.
 */
export function numberPlainExpr(column: string, fmt: NumberFormat): string {
	let text = ident(column);
	if (fmt.thousands !== null) text = `replace(${text}, ${lit(fmt.thousands)}, '')`;
	if (fmt.decimal !== '.') text = `replace(${text}, ${lit(fmt.decimal)}, '.')`;
	if (fmt.percent) text = `replace(${text}, '%', '')`;
	return `TRY_CAST(${text} AS DOUBLE)${fmt.scale === 1 ? '' : ` * ${fmt.scale}`}`;
}

/**
 * A DOUBLE from a VARCHAR column, NULL when unreadable:
 * numberExpr('c4', { decimal: ',', thousands: '.', … }) over '1.234,50 €' → 1234.5.
 * Values in the plain shape (`numberFastPattern`) are read by one anchored match and a cast;
 * the rest by the general expression.
 */
export function numberExpr(column: string, fmt: NumberFormat): string {
	return (
		`(CASE WHEN regexp_full_match(${ident(column)}, ${lit(numberFastPattern(fmt))}) ` +
		`THEN ${numberPlainExpr(column, fmt)} ELSE ${numberGeneral(column, fmt)} END)`
	);
}

/**
 * The plainest shape of a date format (four-digit year, no time) as an anchored pattern and the
 * `strptime` format that reads it, or null when the format has two-digit years (strptime's `%y`
 * pivots differently): dateFast(dmy '.') → ['[0-9]{1,2}\\.[0-9]{1,2}\\.[12][0-9]{3}', '%d.%m.%Y'].
 */
export function dateFast(fmt: DateFormat): [pattern: string, strptime: string] | null {
	if (fmt.yearDigits !== 4) return null;
	const s = esc(fmt.sep);
	const dm = '[0-9]{1,2}';
	const y = '[12][0-9]{3}';
	if (fmt.order === 'ymd') return [`${y}${s}${dm}${s}${dm}`, `%Y${fmt.sep}%m${fmt.sep}%d`];
	const f = fmt.order === 'dmy' ? `%d${fmt.sep}%m` : `%m${fmt.sep}%d`;
	return [`${dm}${s}${dm}${s}${y}`, `${f}${fmt.sep}%Y`];
}

/** The general reading: every shape `datePattern` allows, on the cleaned value. */
function dateGeneral(column: string, fmt: DateFormat): string {
	const v = cleanExpr(column);
	const p = lit(datePattern(fmt));
	const g = dateGroups(fmt.order);
	const group = (i: number) => `regexp_extract(${v}, ${p}, ${i})`;
	const year =
		fmt.yearDigits === 4
			? group(g.y)
			: `(CASE WHEN ${group(g.y)} < '70' THEN '20' ELSE '19' END || ${group(g.y)})`;
	const iso = `${year} || '-' || lpad(${group(g.m)}, 2, '0') || '-' || lpad(${group(g.d)}, 2, '0')`;
	return `(CASE WHEN regexp_matches(${v}, ${p}) THEN TRY_CAST(${iso} AS DATE) END)`;
}

/**
 * A DATE from a VARCHAR column, NULL when unreadable or not a real day (31.02.2024); a time part is
 * checked and dropped: dateExpr('c7', { order: 'dmy', sep: '.', … }) over '05.03.2024' → 2024-03-05.
 * Values in the plain shape (`dateFast`) are read by one anchored match and `try_strptime` (which
 * also rejects days that do not exist); the rest by the general expression.
 */
export function dateExpr(column: string, fmt: DateFormat): string {
	const fast = dateFast(fmt);
	if (fast === null) return dateGeneral(column, fmt);
	return (
		`(CASE WHEN regexp_full_match(${ident(column)}, ${lit(fast[0])}) ` +
		`THEN ${datePlainExpr(column, fmt)} ELSE ${dateGeneral(column, fmt)} END)`
	);
}

/**
 * The reading of a value known to be in the plain shape (`dateFast`, so the format has four-digit
 * years): datePlainExpr('c7', dmy '.') over '31.02.2024' → NULL, over '5.3.2024' → 2024-03-05.
 */
export function datePlainExpr(column: string, fmt: DateFormat): string {
	const fast = dateFast(fmt);
	if (fast === null) throw new Error('Two-digit years have no plain reading.');
	return `CAST(try_strptime(${ident(column)}, ${lit(fast[1])}) AS DATE)`;
}

/** An anchored JS regular expression: plainTest(numberFastPattern(f)).test('-1.234,5') → true. */
export function plainTest(pattern: string): RegExp {
	return new RegExp(`^(?:${pattern})$`);
}

/**
 * Values that are there but could not be read, as an aggregate:
 * `SELECT ${invalidCountExpr('c4', numberExpr('c4', f))} AS bad FROM raw` → 3 for 'abc', '1,2,3', '€€5'.
 */
export function invalidCountExpr(column: string, typed: string): string {
	return `count(*) FILTER (WHERE NOT ${blankExpr(column)} AND ${typed} IS NULL)`;
}

/**
 * The most frequent unreadable raw values, for the message:
 * invalidExamplesQuery('raw', 'c4', expr) → rows { value: 'abc', n: 2 }, most frequent first.
 */
export function invalidExamplesQuery(
	table: string,
	column: string,
	typed: string,
	limit = 3
): Query {
	return {
		text:
			`SELECT ${ident(column)} AS value, count(*) AS n FROM ${ident(table)} ` +
			`WHERE NOT ${blankExpr(column)} AND ${typed} IS NULL ` +
			`GROUP BY 1 ORDER BY n DESC, value LIMIT ?`,
		params: [limit]
	};
}

const TRUE_WORDS = ['1', 'true', 'yes', 'y', 'ja', 'j', 'wahr'];
const FALSE_WORDS = ['0', 'false', 'no', 'n', 'nein', 'falsch'];

/**
 * A BOOLEAN from a flag column (Salesforce `IsWon` 0/1, true/false, yes/no, ja/nein, wahr/falsch;
 * any case), NULL when blank or anything else: flagExpr('c5') over 'Ja' → true, over '0' → false.
 */
export function flagExpr(column: string): string {
	const v = `lower(${cleanExpr(column)})`;
	const list = (words: string[]) => words.map(lit).join(', ');
	return `(CASE WHEN ${v} IN (${list(TRUE_WORDS)}) THEN TRUE WHEN ${v} IN (${list(FALSE_WORDS)}) THEN FALSE END)`;
}

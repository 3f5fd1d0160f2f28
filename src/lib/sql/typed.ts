/**
 * Typed values from raw VARCHAR columns (`c0…cn`). The format is decided in JS
 * (`$lib/domain/pipeline/parse-format`) and compiled to the same regular expression the JS parsers
 * use, so `numberExpr` agrees with `parseNumber` and `dateExpr` with `parseDate` value for value.
 * Core SQL only (regexp_*, replace, trim, TRY_CAST): no extension, nothing that can go online.
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

/** The SQL twin of `clean()`: cleanExpr('c3') → trim(regexp_replace("c3", '[\x{00A0}…]', ' ', 'g'), ' '). */
export function cleanExpr(column: string): string {
	return `trim(regexp_replace(${ident(column)}, '[\\x{00A0}\\x{202F}\\t]', ' ', 'g'), ' ')`;
}

/** True when the raw value is NULL or only spaces: blankExpr('c3') → coalesce(…, '') = ''. */
export function blankExpr(column: string): string {
	return `(coalesce(${cleanExpr(column)}, '') = '')`;
}

/**
 * A DOUBLE from a VARCHAR column, NULL when unreadable:
 * numberExpr('c4', { decimal: ',', thousands: '.', … }) over '1.234,50 €' → 1234.5.
 */
export function numberExpr(column: string, fmt: NumberFormat): string {
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
 * A DATE from a VARCHAR column, NULL when unreadable or not a real day (31.02.2024); a time part is
 * checked and dropped: dateExpr('c7', { order: 'dmy', sep: '.', … }) over '05.03.2024' → 2024-03-05.
 */
export function dateExpr(column: string, fmt: DateFormat): string {
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

/**
 * What each column holds, judged from a bounded sample of its values, for the import preview.
 * The table itself stays VARCHAR: this only says what the values look like, so people can see at
 * a glance that "Betrag" was read as decimal-comma numbers and "Schlusstermin" as dates.
 */

export type ColumnType =
	'empty' | 'integer' | 'decimal' | 'decimal-comma' | 'date' | 'datetime' | 'boolean' | 'text';

export const COLUMN_TYPES: readonly ColumnType[] = [
	'empty',
	'integer',
	'decimal',
	'decimal-comma',
	'date',
	'datetime',
	'boolean',
	'text'
];

// Value shapes. A value may fit several (1.234 is a decimal or a German thousand).
const INT = /^[+-]?\d+$/;
const DOT = /^[+-]?(?:\d+\.\d*|\.\d+)$/;
const DOT_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const COMMA = /^[+-]?(?:\d+,\d*|,\d+)$/;
const COMMA_GROUPED = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const DATE =
	/^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?|\d{1,2}\/\d{1,2}\/\d{2}(?:\d{2})?)$/;
const TIME = /^\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[ ]?(?:Z|[+-]\d{2}:?\d{2}|UTC))?$/i;
const BOOL = /^(?:true|false|yes|no|ja|nein|wahr|falsch)$/i;

const enum Shape {
	Int = 1,
	Dot = 2,
	Comma = 4,
	Date = 8,
	DateTime = 16,
	Bool = 32,
	Text = 64
}

function shape(raw: string): number {
	const v = raw.trim();
	if (INT.test(v)) return Shape.Int;
	let s = 0;
	if (DOT.test(v) || DOT_GROUPED.test(v)) s |= Shape.Dot;
	if (COMMA.test(v) || COMMA_GROUPED.test(v)) s |= Shape.Comma;
	if (s) return s;
	if (DATE.test(v)) return Shape.Date;
	const t = /^(\S+)(?:T|[ ]+)(.+)$/.exec(v);
	if (t && DATE.test(t[1]!) && TIME.test(t[2]!)) return Shape.DateTime;
	if (BOOL.test(v)) return Shape.Bool;
	return Shape.Text;
}

/**
 * The narrowest type every non-empty sampled value of a column fits. `commaFirst` settles values
 * that fit both number styles (only 1.234 or 1,234 seen): true for `;`-delimited files, where
 * the decimal comma is the custom.
 * columnType(['1.234,50', '7']) → 'decimal-comma'; columnType(['', '']) → 'empty'.
 */
export function columnType(values: Iterable<string>, commaFirst = false): ColumnType {
	let any = 0;
	for (const v of values) {
		if (v.trim() === '') continue;
		const s = shape(v);
		any |= s;
		if (any & Shape.Text) return 'text';
	}
	if (any === 0) return 'empty';
	if (any === Shape.Int) return 'integer';
	const numeric = Shape.Int | Shape.Dot | Shape.Comma;
	if ((any & ~numeric) === 0) {
		// Every value is a number; each non-integer fits dot style, comma style, or both.
		const dotOk = everyNonIntHas(values, Shape.Dot);
		const commaOk = everyNonIntHas(values, Shape.Comma);
		if (dotOk && commaOk) return commaFirst ? 'decimal-comma' : 'decimal';
		if (commaOk) return 'decimal-comma';
		if (dotOk) return 'decimal';
		return 'text';
	}
	if ((any & ~(Shape.Date | Shape.DateTime)) === 0)
		return any & Shape.DateTime ? 'datetime' : 'date';
	if (any === Shape.Bool) return 'boolean';
	return 'text';
}

function everyNonIntHas(values: Iterable<string>, want: Shape): boolean {
	for (const v of values) {
		if (v.trim() === '') continue;
		const s = shape(v);
		if (s !== Shape.Int && !(s & want)) return false;
	}
	return true;
}

/**
 * Types of `columns` columns from sample records (records of another length are ignored).
 * detectColumnTypes([['1', 'a'], ['2', '']], 2) → ['integer', 'text'].
 */
export function detectColumnTypes(
	sample: readonly (readonly string[])[],
	columns: number,
	commaFirst = false
): ColumnType[] {
	const rows = sample.filter((r) => r.length === columns);
	return Array.from({ length: columns }, (_, c) =>
		columnType(
			rows.map((r) => r[c]!),
			commaFirst
		)
	);
}

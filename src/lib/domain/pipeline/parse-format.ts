/**
 * Number and date formats of raw CSV columns, decided in JS from ALL of a column's distinct values,
 * never from the first rows. A format compiles to one regular expression (`numberPattern`,
 * `datePattern`) written in the subset JS and RE2 (DuckDB) read alike, so the pure parsers here and
 * the SQL in `$lib/sql/typed.ts` accept exactly the same values. Unreadable → null, never 0.
 *
 * Not recognised (→ null / invalid): exponents (`1e5`), trailing minus (`1.234-`), month names
 * (`5 Mar 2024`), Excel serial days (`45356`), two-digit years in year-first dates.
 */

export type DecimalSep = '.' | ',';
export type ThousandsSep = '.' | ',' | ' ' | "'";

export interface NumberFormat {
	decimal: DecimalSep;
	thousands: ThousandsSep | null;
	/** Some values carry a `%`. It is always optional: `75%` and `75` both read as 75. */
	percent: boolean;
	/** The currency symbol or code written beside the numbers (optional per value); other currencies are invalid. */
	currency: string | null;
	/** Multiplier after parsing: 100 for probabilities written as fractions (`0.75` → 75). */
	scale: 1 | 100;
}

/** German files (`;` delimiter) → `{ decimalComma: true }`: a lone `1.234` then reads as 1234. */
export interface NumberHint {
	decimalComma?: boolean;
}

export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export type DateSep = '-' | '.' | '/';

export interface DateFormat {
	order: DateOrder;
	sep: DateSep;
	/** A time part (`14:22`, `T14:22:01Z`, `2:22 PM`) is allowed, checked and dropped. */
	hasTime: boolean;
	/** Two-digit years pivot like strptime's `%y`: 00–69 → 20xx, 70–99 → 19xx. */
	yearDigits: 2 | 4;
}

export interface AmbiguousDate {
	ambiguous: true;
	candidates: DateFormat[];
}

/** The known source settles what the values cannot: `{ order: 'dmy' }` for a German export. */
export interface DateHint {
	order?: 'dmy' | 'mdy';
}

/** clean('\u00a01 234 ') → '1 234': NBSP, narrow NBSP and tab become spaces; outer spaces go. */
export function clean(value: string): string {
	return value.replace(/[\u00a0\u202f\t]/g, ' ').replace(/^ +| +$/g, '');
}

function esc(s: string): string {
	return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * The pattern of a number format; group 1 and 2 are signs (before / after the currency), group 3
 * the digits: numberPattern({ decimal: ',', thousands: '.', currency: null, … }) matches '-1.234,5'.
 */
export function numberPattern(fmt: NumberFormat): string {
	const d = esc(fmt.decimal);
	const int =
		fmt.thousands === null ? '\\d+' : `(?:[1-9]\\d{0,2}(?:${esc(fmt.thousands)}\\d{3})+|\\d+)`;
	const cur = fmt.currency === null ? '' : `(?:${esc(fmt.currency)})?`;
	return `^\\(? *([-+−]?) *${cur} *([-+−]?) *(${int}(?:${d}\\d+)?|${d}\\d+) *${cur} *%? *\\)?$`;
}

/** A reusable parser (the pattern compiled once): numberParser(fmt)('1.234,50 €') → 1234.5. */
export function numberParser(fmt: NumberFormat): (value: string | null) => number | null {
	const re = new RegExp(numberPattern(fmt));
	return (value) => {
		if (value === null) return null;
		const v = clean(value);
		const m = re.exec(v);
		if (!m || v.startsWith('(') !== v.endsWith(')')) return null;
		const [, s1 = '', s2 = '', digits = ''] = m;
		if (s1 !== '' && s2 !== '') return null;
		const plain = fmt.thousands === null ? digits : digits.replaceAll(fmt.thousands, '');
		const n = Number(plain.replace(fmt.decimal, '.'));
		const neg = v.startsWith('(') || /[-−]/.test(s1 + s2);
		return (neg ? -1 : 1) * n * fmt.scale;
	};
}

/** parseNumber('(1,234.00)', { decimal: '.', thousands: ',', … }) → -1234; parseNumber('abc', f) → null. */
export function parseNumber(value: string | null, fmt: NumberFormat): number | null {
	return numberParser(fmt)(value);
}

type Separators = Pick<NumberFormat, 'decimal' | 'thousands'>;

/** Candidate separator pairs, most likely first: the hint's decimal mark leads, no grouping first. */
function numberCandidates(hint: NumberHint): Separators[] {
	const decimals: DecimalSep[] = hint.decimalComma ? [',', '.'] : ['.', ','];
	return decimals.flatMap((decimal) => {
		const group: ThousandsSep[] = [decimal === '.' ? ',' : '.', ' ', "'"];
		return [null, ...group].map((thousands) => ({ decimal, thousands }));
	});
}

const CURRENCY_AT = /^\(? *[-+−]? *([€$£¥₹]|[A-Z]{3})|([€$£¥₹]|[A-Z]{3}) *%? *\)?$/;

/** The most frequent currency token: detectCurrency(['€ 5', '7 €', '9']) → '€'. */
function detectCurrency(values: readonly string[]): string | null {
	const counts = new Map<string, number>();
	for (const v of values) {
		const m = CURRENCY_AT.exec(v);
		const token = m?.[1] ?? m?.[2];
		if (token) counts.set(token, (counts.get(token) ?? 0) + 1);
	}
	let best: string | null = null;
	for (const [token, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = token;
	return best;
}

/**
 * The format that reads the most values; ties go to the hint's decimal mark, then to no thousands
 * separator: detectNumberFormat(['12.500,00', '7,5']) → decimal ',', thousands '.';
 * detectNumberFormat(['1.234']) → decimal '.', but with { decimalComma: true } thousands '.'.
 */
export function detectNumberFormat(
	values: readonly string[],
	hint: NumberHint = {}
): NumberFormat | null {
	const vs = values.map(clean).filter((v) => /\d/.test(v));
	const currency = detectCurrency(vs);
	const percent = vs.some((v) => /% *\)?$/.test(v));
	let best: NumberFormat | null = null;
	let bestCount = 0;
	for (const sep of numberCandidates(hint)) {
		const fmt: NumberFormat = { ...sep, percent, currency, scale: 1 };
		const parse = numberParser(fmt);
		const count = vs.filter((v) => parse(v) !== null).length;
		if (count > bestCount) [best, bestCount] = [fmt, count];
	}
	return best;
}

/**
 * A probability column on 0–100: values all within 0–1 with some decimals and no `%` are fractions
 * (scale 100): detectProbabilityFormat(['0.1', '0.75', '1']) → scale 100; (['10', '75']) → scale 1.
 */
export function detectProbabilityFormat(
	values: readonly string[],
	hint: NumberHint = {}
): NumberFormat | null {
	const fmt = detectNumberFormat(values, hint);
	if (fmt === null || fmt.percent) return fmt;
	const parse = numberParser(fmt);
	const nums = values.map(parse).filter((n): n is number => n !== null);
	const fraction = nums.every((n) => n >= 0 && n <= 1) && nums.some((n) => !Number.isInteger(n));
	return fraction ? { ...fmt, scale: 100 } : fmt;
}

const TIME =
	'(?:(?:T| +)(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d+)?)?' +
	'(?: ?[AaPp][Mm])?(?: ?(?:Z|[+-]\\d{2}(?::?\\d{2})?))?)?';

/** The pattern of a date format, groups 1–3 in written order: datePattern(dmy '.') matches '5.3.2024'. */
export function datePattern(fmt: DateFormat): string {
	const s = esc(fmt.sep);
	const y = fmt.yearDigits === 4 ? '([12]\\d{3})' : '(\\d{2})';
	const body =
		fmt.order === 'ymd' ? `${y}${s}(\\d{1,2})${s}(\\d{1,2})` : `(\\d{1,2})${s}(\\d{1,2})${s}${y}`;
	return `^${body}${fmt.hasTime ? TIME : ''}$`;
}

/** Which pattern group holds year, month and day: dateGroups('mdy') → { y: 3, m: 1, d: 2 }. */
export function dateGroups(order: DateOrder): { y: number; m: number; d: number } {
	if (order === 'ymd') return { y: 1, m: 2, d: 3 };
	return order === 'dmy' ? { y: 3, m: 2, d: 1 } : { y: 3, m: 1, d: 2 };
}

/** fullYear('24') → 2024, fullYear('70') → 1970, fullYear('2024') → 2024. */
export function fullYear(digits: string): number {
	const n = Number(digits);
	if (digits.length !== 2) return n;
	return n < 70 ? 2000 + n : 1900 + n;
}

function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A reusable parser to ISO 'YYYY-MM-DD': dateParser(dmy '.' with time)('31.12.2024 23:59') → '2024-12-31'. */
export function dateParser(fmt: DateFormat): (value: string | null) => string | null {
	const re = new RegExp(datePattern(fmt));
	const g = dateGroups(fmt.order);
	return (value) => {
		const m = value === null ? null : re.exec(clean(value));
		if (!m) return null;
		const [y, mo, d] = [fullYear(m[g.y] ?? ''), Number(m[g.m]), Number(m[g.d])];
		if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
		return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	};
}

/** parseDate('3/5/24', { order: 'mdy', sep: '/', hasTime: false, yearDigits: 2 }) → '2024-03-05'. */
export function parseDate(value: string | null, fmt: DateFormat): string | null {
	return dateParser(fmt)(value);
}

const SHAPE = /^(\d{1,4})([-./])\d{1,2}\2(\d{1,4})(.*)$/;

/** Formats a value's shape allows: '05.03.2024' → dmy and mdy with '.', 4-digit year. */
function shapeCandidates(value: string): DateFormat[] {
	const m = SHAPE.exec(value);
	if (!m) return [];
	const [, first = '', sep = '-', last = '', rest = ''] = m;
	const hasTime = rest !== '';
	const s = sep as DateSep;
	if (first.length === 4) return [{ order: 'ymd', sep: s, hasTime, yearDigits: 4 }];
	if (first.length > 2 || (last.length !== 2 && last.length !== 4)) return [];
	const yearDigits = last.length === 4 ? 4 : 2;
	return (['dmy', 'mdy'] as const).map((order) => ({ order, sep: s, hasTime, yearDigits }));
}

/** Same format apart from the time flag. */
function formatKey(f: DateFormat): string {
	return `${f.order}${f.sep}${f.yearDigits}`;
}

/**
 * The date format that reads the most values. detectDateFormat(['13/02/2024', '01/02/2024']) → dmy
 * (13 cannot be a month); detectDateFormat(['01/02/2024']) → ambiguous dmy/mdy (ask the user);
 * detectDateFormat(['01.02.2024']) → dmy (the dot convention). Null when no value looks like a date.
 */
export function detectDateFormat(
	values: readonly string[],
	hint: DateHint = {}
): DateFormat | AmbiguousDate | null {
	const vs = values.map(clean).filter((v) => v !== '');
	const candidates = new Map<string, DateFormat>();
	for (const v of vs) for (const f of shapeCandidates(v)) candidates.set(formatKey(f), f);
	const hasTime = vs.some((v) => /\d:\d/.test(v));
	let best: DateFormat[] = [];
	let bestCount = 0;
	for (const c of candidates.values()) {
		const fmt = { ...c, hasTime };
		const parse = dateParser(fmt);
		const count = vs.filter((v) => parse(v) !== null).length;
		if (count > bestCount) [best, bestCount] = [[fmt], count];
		else if (count === bestCount && count > 0) best.push(fmt);
	}
	return settle(best, hint);
}

/** Ties between day-first and month-first: the hint, then the dot convention, else ambiguous. */
function settle(tied: DateFormat[], hint: DateHint): DateFormat | AmbiguousDate | null {
	if (tied.length <= 1) return tied[0] ?? null;
	const hinted = tied.filter((f) => f.order === hint.order);
	if (hinted.length === 1) return hinted[0] ?? null;
	const dotted = tied.filter((f) => f.sep === '.' && f.order === 'dmy');
	if (dotted.length === 1) return dotted[0] ?? null;
	return { ambiguous: true, candidates: tied };
}

/** Type guard: isAmbiguousDate({ ambiguous: true, candidates: [] }) → true. */
export function isAmbiguousDate(x: DateFormat | AmbiguousDate | null): x is AmbiguousDate {
	return x !== null && 'ambiguous' in x;
}

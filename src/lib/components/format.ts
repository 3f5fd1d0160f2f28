/** Display formatting. Raw numbers stay in data-value; these are for the eye only. */

/** fmt(12.037037) → '12.0'; fmt(null) → '–'. */
export function fmt(x: number | null | undefined, digits = 1): string {
	return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** plural(1, 'row') → '1 row'; plural(3, 'row') → '3 rows'. */
export function plural(n: number, word: string, many = `${word}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}

/** money(1234567) → '€1.23M'; money(null) → '–'. */
export function money(x: number | null | undefined, currency = 'EUR', locale = 'en'): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		notation: Math.abs(x) >= 100_000 ? 'compact' : 'standard',
		maximumFractionDigits: Math.abs(x) >= 100_000 ? 2 : 0
	}).format(x);
}

/** pct(0.381) → '38.1%'. */
export function pct(x: number | null | undefined, digits = 1): string {
	return x === null || x === undefined || !Number.isFinite(x)
		? '–'
		: `${(x * 100).toFixed(digits)}%`;
}

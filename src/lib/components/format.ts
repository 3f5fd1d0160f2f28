/**
 * Display formatting in the chosen UI language. Raw numbers stay in data-value; these are for
 * the eye only. Every function reads the locale when called, so templates re-render on a switch.
 */
import { locale } from '$lib/i18n/locale.svelte';

const cache = new Map<string, Intl.NumberFormat>();
function nf(loc: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = loc + JSON.stringify(options);
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.NumberFormat(loc, options)));
	return f;
}
const missing = (x: number | null | undefined): x is null | undefined =>
	x === null || x === undefined || !Number.isFinite(x);

/** fmt(12.037037) → '12.0' (en) / '12,0' (de); fmt(null) → '–'. */
export function fmt(
	x: number | null | undefined,
	digits = 1,
	loc: string = locale.current
): string {
	return missing(x)
		? '–'
		: nf(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** int(1234) → '1,234' (en) / '1.234' (de). */
export function int(x: number | null | undefined, loc: string = locale.current): string {
	return missing(x) ? '–' : nf(loc, { maximumFractionDigits: 0 }).format(x);
}

/** plural(1, 'row') → '1 row'; plural(3, 'row') → '3 rows'. English words only: prefer t(). */
export function plural(n: number, word: string, many = `${word}s`): string {
	return `${int(n, 'en')} ${n === 1 ? word : many}`;
}

/** money(1234567) → '€1.23M' (en) / '1,23 Mio. €' (de); money(119500) → '€119.5K' / '119.500 €'. */
export function money(
	x: number | null | undefined,
	currency = 'EUR',
	loc: string = locale.current
): string {
	if (missing(x)) return '–';
	const big = Math.abs(x) >= 100_000;
	return nf(loc, {
		style: 'currency',
		currency,
		notation: big ? 'compact' : 'standard',
		minimumFractionDigits: 0,
		maximumFractionDigits: big ? 2 : 0
	}).format(x);
}

/** pct(0.381) → '38.1%' (en) / '38,1 %' (de). */
export function pct(
	x: number | null | undefined,
	digits = 1,
	loc: string = locale.current
): string {
	return missing(x)
		? '–'
		: nf(loc, {
				style: 'percent',
				minimumFractionDigits: digits,
				maximumFractionDigits: digits
			}).format(x);
}

/** Display formatting for the pipeline charts. Raw numbers stay in data attributes. */

/** money('EUR', 'en')(1234567) → '€1.2M'; money('EUR', 'de')(1234567) → '1,2 Mio. €'. */
export function money(currency = 'EUR', locale = 'en'): (v: number) => string {
	const f = new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		notation: 'compact',
		minimumFractionDigits: 0,
		maximumFractionDigits: 1
	});
	return (v) => f.format(v);
}

/** percent('en')(0.625) → '63%'; percent('en')(null) → '–'. */
export function percent(locale = 'en'): (v: number | null | undefined) => string {
	const f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
	return (v) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : f.format(v));
}

/** count('en')(1234) → '1,234'. */
export function count(locale = 'en'): (v: number) => string {
	const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
	return (v) => f.format(v);
}

/** monthLabel('en')('2027-01') → 'Jan 27'; monthLabel('en', true)('2027-01') → 'January 2027'. */
export function monthLabel(locale = 'en', long = false): (ym: string) => string {
	const f = new Intl.DateTimeFormat(locale, {
		month: long ? 'long' : 'short',
		year: long ? 'numeric' : '2-digit',
		timeZone: 'UTC'
	});
	return (ym) => {
		const [y, m] = ym.split('-').map(Number);
		if (!y || !m) return ym;
		return f.format(new Date(Date.UTC(y, m - 1, 1)));
	};
}

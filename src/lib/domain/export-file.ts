/**
 * Names and notes for exported files (chart PNG/SVG, table CSV): one rule for every export, so
 * files from one session sort together and say where their numbers came from.
 */

const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** slug('Forecast by close month') → 'forecast-by-close-month'; slug('Nächster Schritt') → 'naechster-schritt'. */
export function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => UMLAUT[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
}

/** isoDate(new Date(2025, 5, 30)) → '2025-06-30' (the local calendar day, not UTC's). */
export function isoDate(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * exportFileName('Forecast by close month', 'png', '2025-06-30') → 'forecast-by-close-month-2025-06-30.png';
 * a title with nothing to keep ('€ / %') gives 'opportunity-lens-2025-06-30.png'.
 */
export function exportFileName(title: string, ext: string, date: string): string {
	return `${slug(title) || 'opportunity-lens'}-${date}.${ext}`;
}

/**
 * The line under an exported chart.
 * sourceNote('deals.csv', '2025-06-30') → 'Opportunity Lens · deals.csv · 2025-06-30';
 * sourceNote(null, '2025-06-30') → 'Opportunity Lens · 2025-06-30'.
 */
export function sourceNote(source: string | null | undefined, date: string): string {
	const name = source?.replace(/\s+/g, ' ').trim();
	return ['Opportunity Lens', name, date].filter(Boolean).join(' · ');
}

/** The byte-order mark Excel needs to read a CSV as UTF-8 (else 'Nächster' arrives as 'NÃ¤chster'). */
export const CSV_BOM = '\uFEFF';

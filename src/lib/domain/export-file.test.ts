import { describe, expect, it } from 'vitest';
import { exportFileName, isoDate, slug, sourceNote } from './export-file';

describe('export file names', () => {
	it('slugs titles, German ones included', () => {
		expect(slug('Forecast by close month')).toBe('forecast-by-close-month');
		expect(slug('Nächster Schritt · Größe')).toBe('naechster-schritt-groesse');
		expect(slug('Café / Señor')).toBe('cafe-senor');
		expect(slug('€ / %')).toBe('');
		expect(slug('x'.repeat(80))).toHaveLength(60);
	});
	it('puts the date last and falls back to the product name', () => {
		expect(exportFileName('Forecast by close month', 'png', '2025-06-30')).toBe(
			'forecast-by-close-month-2025-06-30.png'
		);
		expect(exportFileName('€', 'csv', '2025-06-30')).toBe('opportunity-lens-2025-06-30.csv');
	});
	it('uses the local calendar day', () => {
		expect(isoDate(new Date(2025, 5, 30, 23, 59))).toBe('2025-06-30');
		expect(isoDate(new Date(2025, 0, 1, 0, 0))).toBe('2025-01-01');
	});
	it('writes the source note', () => {
		expect(sourceNote('deals.csv', '2025-06-30')).toBe('Opportunity Lens · deals.csv · 2025-06-30');
		expect(sourceNote(' my\n deals.csv ', '2025-06-30')).toBe(
			'Opportunity Lens · my deals.csv · 2025-06-30'
		);
		expect(sourceNote(null, '2025-06-30')).toBe('Opportunity Lens · 2025-06-30');
	});
});

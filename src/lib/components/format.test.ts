import { describe, expect, it } from 'vitest';
import { fmt, int, money, pct, plural } from './format';

describe('display formatting', () => {
	it('formats numbers, money and shares in English', () => {
		expect(fmt(12.037037)).toBe('12.0');
		expect(fmt(null)).toBe('–');
		expect(int(1234.4)).toBe('1,234');
		expect(money(1_234_567)).toBe('€1.23M');
		expect(money(12_500)).toBe('€12,500');
		expect(money(119_500)).toBe('€119.5K');
		expect(pct(0.381)).toBe('38.1%');
		expect(plural(1, 'row')).toBe('1 row');
		expect(plural(1200, 'row')).toBe('1,200 rows');
	});

	it('formats the same values the German way', () => {
		// Decimal comma, '.' thousands, the percent sign after a (narrow) no-break space.
		expect(fmt(12.037037, 1, 'de')).toBe('12,0');
		expect(int(1234.4, 'de')).toBe('1.234');
		expect(money(1_234_567, 'EUR', 'de')).toBe('1,23\u00a0Mio.\u00a0€');
		expect(money(12_500, 'EUR', 'de')).toBe('12.500\u00a0€');
		// German has no short word for thousands: the amount is written out, without cents.
		expect(money(119_500, 'EUR', 'de')).toBe('119.500\u00a0€');
		expect(pct(0.3805, 2, 'de')).toBe('38,05\u00a0%');
	});
});

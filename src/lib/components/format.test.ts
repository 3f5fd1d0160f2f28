import { describe, expect, it } from 'vitest';
import { fmt, money, pct, plural } from './format';

describe('display formatting', () => {
	it('formats numbers, money and shares', () => {
		expect(fmt(12.037037)).toBe('12.0');
		expect(fmt(null)).toBe('–');
		expect(money(1_234_567)).toBe('€1.23M');
		expect(money(12_500)).toBe('€12,500');
		expect(pct(0.381)).toBe('38.1%');
		expect(plural(1, 'row')).toBe('1 row');
		expect(plural(1200, 'row')).toBe('1,200 rows');
	});
});

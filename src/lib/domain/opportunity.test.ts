import { describe, expect, it } from 'vitest';
import { band, opportunity, parseRating, served, topTwoBox } from './opportunity';

describe('opportunity formulas', () => {
	it('reproduces the published check 200/270 and 75/270', () => {
		const imp = topTwoBox(200, 270)!; // 10 × 200 / 270 = 7.4074…
		const sat = topTwoBox(75, 270)!; // 10 × 75 / 270 = 2.7777…
		expect(imp).toBeCloseTo(7.407407407, 8);
		expect(sat).toBeCloseTo(2.777777778, 8);
		// 7.4074 + (7.4074 − 2.7778) = 12.0370…
		expect(opportunity(imp, sat)).toBeCloseTo(12.037037037, 8);
		expect(band(opportunity(imp, sat))).toBe('high');
	});
	it('7.5 and 4.0 → 11.0', () => {
		expect(opportunity(7.5, 4.0)).toBe(11); // 7.5 + 3.5
	});
	it('satisfaction above importance: Ulwick floors the gap at 0, plain subtracts', () => {
		expect(opportunity(3, 5)).toBe(3); // 3 + max(−2, 0)
		expect(opportunity(3, 5, 'plain')).toBe(1); // 3 + (−2)
		expect(served(3, 5, 3)).toBe('over');
	});
	it('no valid answers gives no score', () => {
		expect(topTwoBox(0, 0)).toBeNull();
	});
	it('bands at their edges', () => {
		expect(band(15.0001)).toBe('extreme');
		expect(band(15)).toBe('high');
		expect(band(12)).toBe('high');
		expect(band(11.99)).toBe('worth');
		expect(band(10)).toBe('worth');
		expect(band(9.99)).toBe('low');
	});
	it('served status', () => {
		expect(served(7.41, 2.78, 12.04)).toBe('under');
		expect(served(6, 6, 6)).toBe('appropriate');
		expect(served(9, 9.5, 10)).toBe('under'); // score ≥ 10 counts first
	});
	it('rating validity', () => {
		expect(parseRating('4')).toBe(4);
		expect(parseRating('4.0')).toBe(4);
		expect(parseRating('5.00')).toBe(5);
		expect(parseRating('')).toBeNull();
		expect(parseRating('\u00a0')).toBeNull();
		for (const bad of ['0', '6', '4.5', 'abc', '-1', '1e0'])
			expect(parseRating(bad)).toBe('invalid');
	});
});

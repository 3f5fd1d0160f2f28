import { describe, expect, it } from 'vitest';
import { scale10, wilson, wilsonInterval, wilsonScore10, Z95 } from './wilson';

describe('Wilson score interval', () => {
	it('81 of 263 with z = 1.96 → [0.2553, 0.3662] (textbook value)', () => {
		// p = 81/263 = 0.307985, z² = 3.8416, z²/n = 0.014607, denominator 1 + z²/n = 1.014607
		// centre = (p + z²/2n) / 1.014607 = (0.307985 + 0.0073034) / 1.014607 = 0.310749
		// half = 1.96 / 1.014607 × √(p(1−p)/n + z²/4n²) = 1.93178 × √(0.00081038 + 0.0000138849)
		//      = 1.93178 × 0.0287102 = 0.055462 → [0.255287, 0.366211]
		const w = wilson(81, 263, 1.96)!;
		expect(w.low).toBeCloseTo(0.255287, 5);
		expect(w.high).toBeCloseTo(0.366211, 5);
		expect(w.low.toFixed(4)).toBe('0.2553');
		expect(w.high.toFixed(4)).toBe('0.3662');
	});
	it('defaults to the exact 95% quantile 1.959964 (differs from 1.96 in the 6th decimal)', () => {
		expect(Z95).toBeCloseTo(1.959964, 6);
		const w = wilson(81, 263)!;
		expect(w.low).toBeCloseTo(0.255289, 5);
		expect(w.high).toBeCloseTo(0.36621, 5);
	});
	it('k = 0 and k = n give the closed ends and the "rule of three"-like other end', () => {
		// k = 0, n = 10: low = 0; high = z²/n / (1 + z²/n) = 0.38415 / 1.38415 = 0.27753
		const zero = wilson(0, 10)!;
		expect(zero.low).toBe(0);
		expect(zero.high).toBeCloseTo(0.277533, 5);
		const all = wilson(10, 10)!;
		expect(all.high).toBe(1);
		expect(all.low).toBeCloseTo(1 - 0.277533, 5); // symmetric: k ↔ n − k
	});
	it('n = 0 (or nonsense) has no interval', () => {
		expect(wilson(0, 0)).toBeNull();
		expect(wilson(3, 2)).toBeNull();
		expect(wilsonInterval(0.5, 0)).toBeNull();
		expect(wilsonInterval(1.2, 10)).toBeNull();
		expect(wilsonInterval(0.5, NaN)).toBeNull();
	});
	it('takes an effective n for weighted shares: a smaller n_eff gives a wider interval', () => {
		const full = wilsonInterval(0.4, 100)!;
		const eff = wilsonInterval(0.4, 62.5)!; // e.g. Kish n_eff of 100 unequal weights
		expect(eff.high - eff.low).toBeGreaterThan(full.high - full.low);
		// with integer n it is the k-of-n interval
		expect(wilsonInterval(40 / 100, 100)).toEqual(wilson(40, 100));
	});
	it('on the 0–10 score scale around the published 200/270 check (7.41)', () => {
		// p = 0.740741, n = 270, z² = 3.841459: centre = (0.740741 + 0.0071138) / 1.0142276 = 0.737364
		// half = 1.959964 / 1.0142276 × √(0.00071127 + 0.00001317) = 1.932469 × 0.026916 = 0.052014
		// → [0.685350, 0.789378] × 10
		const w = wilsonScore10(200, 270)!;
		expect(w.low).toBeCloseTo(6.8535, 3);
		expect(w.high).toBeCloseTo(7.8938, 3);
		expect(w.low).toBeLessThan(7.407407);
		expect(w.high).toBeGreaterThan(7.407407);
		expect(wilsonScore10(0, 0)).toBeNull();
		expect(scale10({ low: 0.25, high: 0.4 })).toEqual({ low: 2.5, high: 4 });
	});
});

import { describe, expect, it } from 'vitest';
import { kishEffectiveN, weightedTopTwoBox } from './kish';
import { wilsonInterval } from './wilson';

describe('Kish effective sample size', () => {
	it('equal weights give n back', () => {
		expect(kishEffectiveN([1, 1, 1, 1])).toBe(4);
		expect(kishEffectiveN([2.5, 2.5, 2.5])).toBeCloseTo(3, 12); // (7.5)² / 18.75 = 3
	});
	it('unequal weights shrink n: [1, 1, 2] → 16 / 6 = 2.667', () => {
		// Σw = 4, Σw² = 1 + 1 + 4 = 6 → 16 / 6
		expect(kishEffectiveN([1, 1, 2])).toBeCloseTo(2.666667, 6);
		// one weight of 3 among 1s: Σw = 6, Σw² = 1 + 1 + 1 + 9 = 12 → 36 / 12 = 3 of 4
		expect(kishEffectiveN([1, 1, 1, 3])).toBe(3);
	});
	it('ignores unusable weights and is 0 with none', () => {
		expect(kishEffectiveN([1, NaN, -2, 0, 1])).toBe(2);
		expect(kishEffectiveN([])).toBe(0);
	});
});

describe('weighted top-2-box share', () => {
	it('weights the share and reports n_eff of the valid answers only', () => {
		// valid: 5 (w 1), 4 (w 1), 2 (w 2); the missing 0 with weight 9 does not count
		// share = (1 + 1) / 4 = 0.5; n_eff = 4² / (1 + 1 + 4) = 2.667
		const s = weightedTopTwoBox([5, 4, 2, 0], [1, 1, 2, 9]);
		expect(s.share).toBe(0.5);
		expect(s.nEff).toBeCloseTo(2.666667, 6);
		expect(s.n).toBe(3);
		expect(s.sumWeights).toBe(4);
	});
	it('without weights it is the plain top-2-box share with n_eff = n', () => {
		// 200 of 270 rate 4–5 → 0.7407
		const ratings = [...Array<number>(200).fill(5), ...Array<number>(70).fill(2), null, 0, 7];
		const s = weightedTopTwoBox(ratings);
		expect(s.share).toBeCloseTo(200 / 270, 12);
		expect(s.nEff).toBe(270);
	});
	it('top-box only with minTop = 5', () => {
		expect(weightedTopTwoBox([5, 4, 4, 1], undefined, 5).share).toBe(0.25);
	});
	it('feeds Wilson with n_eff', () => {
		const s = weightedTopTwoBox([5, 5, 1, 1], [3, 1, 1, 1]); // share 4/6, n_eff 36/12 = 3
		expect(s.nEff).toBe(3);
		const w = wilsonInterval(s.share!, s.nEff)!;
		expect(w.low).toBeLessThan(4 / 6);
		expect(w.high).toBeGreaterThan(4 / 6);
	});
	it('no valid answer → share null; mismatched lengths throw', () => {
		expect(weightedTopTwoBox([0, null]).share).toBeNull();
		expect(() => weightedTopTwoBox([1, 2], [1])).toThrow(RangeError);
	});
});

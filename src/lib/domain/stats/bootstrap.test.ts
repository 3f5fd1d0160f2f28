import { describe, expect, it } from 'vitest';
import {
	bootstrapDifference,
	bootstrapOpportunity,
	bootstrapResamples,
	mulberry32,
	percentile,
	randomInt,
	type OutcomeRatings
} from './bootstrap';
import {
	measureFromCounts,
	ratingCounts,
	VARIANT_FORMULA,
	VARIANT_MEASURE,
	type Variant
} from './variants';
import { opportunity } from '../opportunity';

/**
 * The fixture: 100 respondents as (importance, satisfaction) pairs —
 * 21 × (5, 4) top on both, 49 × (4, 2) top importance only, 9 × (3, 5) top satisfaction only,
 * 21 × (2, 1) top on neither. Importance top-2 = 70/100 → I = 7; satisfaction 30/100 → S = 3;
 * opportunity = 7 + 4 = 11. The two sides are uncorrelated: P(both) = 0.21 = 0.7 × 0.3.
 */
function fixture(): { imp: number[]; sat: number[] } {
	const imp: number[] = [];
	const sat: number[] = [];
	for (const [k, i, s] of [
		[21, 5, 4],
		[49, 4, 2],
		[9, 3, 5],
		[21, 2, 1]
	] as const)
		for (let j = 0; j < k; j++) {
			imp.push(i);
			sat.push(s);
		}
	return { imp, sat };
}

/** A plain, slow bootstrap written straight from the definition, drawing in the same order. */
function reference(
	outcomes: OutcomeRatings[],
	variant: Variant,
	R: number,
	seed: number,
	weights?: Float64Array
): { low: number; high: number }[] {
	const n = outcomes[0]!.importance.length;
	const rng = mulberry32(seed);
	const values = outcomes.map(() => [] as number[]);
	for (let r = 0; r < R; r++) {
		const drawn = Array.from({ length: n }, () => Math.floor(rng() * n));
		const w = weights ? drawn.map((i) => weights[i]!) : undefined;
		outcomes.forEach((o, k) => {
			const imp = measureFromCounts(
				ratingCounts(
					drawn.map((i) => o.importance[i]!),
					w
				),
				VARIANT_MEASURE[variant]
			);
			const sat = measureFromCounts(
				ratingCounts(
					drawn.map((i) => o.satisfaction[i]!),
					w
				),
				VARIANT_MEASURE[variant]
			);
			if (imp !== null && sat !== null)
				values[k]!.push(opportunity(imp, sat, VARIANT_FORMULA[variant]));
		});
	}
	return values.map((v) => {
		v.sort((a, b) => a - b);
		return { low: percentile(v, 0.025), high: percentile(v, 0.975) };
	});
}

describe('seeded PRNG', () => {
	it('mulberry32 is deterministic and uniform-looking', () => {
		const a = mulberry32(42);
		const b = mulberry32(42);
		const first = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(first);
		expect(first[0]).toBe(0.6011037519201636);
		expect(mulberry32(43)()).not.toBe(first[0]);
		// mean of 100,000 draws ≈ 0.5 (sd of the mean = 0.2887 / √100000 = 0.0009)
		const r = mulberry32(1);
		let s = 0;
		for (let i = 0; i < 100_000; i++) s += r();
		expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.004);
		expect(randomInt(mulberry32(42), 10)).toBe(6);
	});
	it('percentile interpolates between order statistics (R type 7)', () => {
		expect(percentile([1, 2, 3, 4], 0.25)).toBe(1.75); // h = 3 × 0.25 = 0.75
		expect(percentile([1, 2, 3, 4], 1)).toBe(4);
		expect(percentile([7], 0.5)).toBe(7);
		expect(percentile([], 0.5)).toBeNaN();
	});
});

describe('paired respondent bootstrap of the opportunity score', () => {
	const { imp, sat } = fixture();
	const A = { importance: Int8Array.from(imp), satisfaction: Int8Array.from(sat) };

	it('pins the interval for the fixture with seed 42 and checks it by hand', () => {
		const [a] = bootstrapOpportunity([A], { seed: 42 });
		// Pinned (computed once by this code, 1,000 resamples, seed 42):
		expect(a).toEqual({ low: 9, high: 12.9, estimate: 11, used: 1000 });
		// Hand check. On 0–10, Var(I) = 100 × 0.7 × 0.3 / 100 = 0.21, Var(S) = 0.21, Cov(I, S) = 0
		// (P(both) = 0.21 = 0.7 × 0.3). I > S in practically every resample, so the score is 2I − S:
		// Var = 4 × 0.21 + 0.21 = 1.05, sd = 1.0247, normal 95% interval 11 ± 1.96 × 1.0247 = [8.99, 13.01].
		expect(a!.low).toBeLessThan(11);
		expect(a!.high).toBeGreaterThan(11);
		expect(Math.abs(a!.low - 8.99)).toBeLessThan(0.3);
		expect(Math.abs(a!.high - 13.01)).toBeLessThan(0.3);
		expect((a!.high - a!.low) / 4.017).toBeGreaterThan(0.9);
		expect((a!.high - a!.low) / 4.017).toBeLessThan(1.1);
	});
	it('is paired: the same resampled respondents score every outcome and both sides', () => {
		// C: satisfaction = importance, so every resample scores I + max(0, 0) = I exactly;
		// D: same importance, satisfaction all 1s (S = 0), so every resample scores 2I.
		// Paired across outcomes ⇒ D's interval is exactly twice C's.
		const C = { importance: Int8Array.from(imp), satisfaction: Int8Array.from(imp) };
		const D = { importance: Int8Array.from(imp), satisfaction: new Int8Array(100).fill(1) };
		const [, c, d] = bootstrapOpportunity([A, C, D], { seed: 42 });
		expect(c!.estimate).toBe(7);
		expect(d!.estimate).toBe(14);
		expect(d!.low).toBeCloseTo(2 * c!.low, 12);
		expect(d!.high).toBeCloseTo(2 * c!.high, 12);
		// C is then a bootstrap interval of one share: 7 ± 1.96 × 10 × √(0.21/100) = 7 ± 0.898
		expect(Math.abs(c!.low - 6.1)).toBeLessThan(0.25);
		expect(Math.abs(c!.high - 7.9)).toBeLessThan(0.25);
		// Adding outcomes does not change another outcome's interval (one draw per resample).
		expect(bootstrapOpportunity([A, C, D], { seed: 42 })[0]).toEqual(
			bootstrapOpportunity([A], { seed: 42 })[0]
		);
	});
	it('is deterministic per seed', () => {
		const one = bootstrapOpportunity([A], { seed: 7 });
		expect(bootstrapOpportunity([A], { seed: 7 })).toEqual(one);
		expect(bootstrapOpportunity([A], { seed: 8 })).not.toEqual(one);
	});
	it('equals a from-the-definition bootstrap for every variant, with missing values and weights', () => {
		// 37 respondents, 3 outcomes, ratings 0–5 from a seeded generator (0 = missing); 203 resamples
		// (not a multiple of the 8 lanes computed side by side).
		const rng = mulberry32(5);
		const n = 37;
		const outcomes = Array.from({ length: 3 }, () => ({
			importance: Int8Array.from({ length: n }, () => Math.floor(rng() * 6)),
			satisfaction: Int8Array.from({ length: n }, () => Math.floor(rng() * 6))
		}));
		const weights = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 0.5 + rng()));
		for (const variant of ['ulwick', 'plain', 'mean', 'topbox'] as const) {
			const fast = bootstrapOpportunity(outcomes, { variant, resamples: 203, seed: 9 });
			const slow = reference(outcomes, variant, 203, 9);
			// Unweighted counts are integers: the results agree to the last bit.
			fast.forEach((f, k) => expect({ low: f!.low, high: f!.high }).toEqual(slow[k]));
			const fastW = bootstrapOpportunity(outcomes, { variant, resamples: 203, seed: 9, weights });
			const slowW = reference(outcomes, variant, 203, 9, weights);
			fastW.forEach((f, k) => {
				expect(f!.low).toBeCloseTo(slowW[k]!.low, 9);
				expect(f!.high).toBeCloseTo(slowW[k]!.high, 9);
			});
		}
	});
	it('equal weights change nothing', () => {
		const plain = bootstrapOpportunity([A], { seed: 42 })[0]!;
		const weighted = bootstrapOpportunity([A], {
			seed: 42,
			weights: new Float64Array(100).fill(2.5)
		})[0]!;
		expect(weighted.low).toBeCloseTo(plain.low, 9);
		expect(weighted.high).toBeCloseTo(plain.high, 9);
	});
	it('supports the other variants and levels', () => {
		const mean = bootstrapOpportunity([A], { seed: 42, variant: 'mean' })[0]!;
		// imp mean = (21·5 + 49·4 + 9·3 + 21·2)/100 = 3.70 → 6.75; sat mean = (84 + 98 + 45 + 21)/100 = 2.48 → 3.7
		// opportunity = 6.75 + 3.05 = 9.8
		expect(mean.estimate).toBeCloseTo(9.8, 12);
		expect(mean.low).toBeLessThan(9.8);
		expect(mean.high).toBeGreaterThan(9.8);
		const wide = bootstrapOpportunity([A], { seed: 42, level: 0.99 })[0]!;
		expect(wide.low).toBeLessThanOrEqual(9);
		expect(wide.high).toBeGreaterThanOrEqual(12.9);
	});
	it('no score → null; a sparse outcome reports how many resamples scored it', () => {
		const none = { importance: new Int8Array(100), satisfaction: Int8Array.from(sat) };
		// one importance answer among 100: a resample misses it with probability 0.99^100 = 0.366
		const sparseImp = new Int8Array(100);
		sparseImp[0] = 5;
		const sparse = { importance: sparseImp, satisfaction: Int8Array.from(sat) };
		const [a, b, c] = bootstrapOpportunity([A, none, sparse], { seed: 42 });
		expect(a).not.toBeNull();
		expect(b).toBeNull();
		expect(c!.used).toBeGreaterThan(560);
		expect(c!.used).toBeLessThan(710); // ≈ 634 ± 15
		expect(bootstrapOpportunity([])).toEqual([]);
	});
	it('rejects inconsistent input', () => {
		const short = { importance: new Int8Array(3), satisfaction: new Int8Array(4) };
		expect(() => bootstrapOpportunity([short])).toThrow(RangeError);
		expect(() => bootstrapOpportunity([A], { weights: new Float64Array(3) })).toThrow(RangeError);
		expect(() => bootstrapOpportunity([A], { resamples: 0 })).toThrow(RangeError);
	});
	it('runs 2,000 respondents × 20 outcomes × 1,000 resamples quickly (the 10k × 100 case is measured outside the suite)', () => {
		const rng = mulberry32(11);
		const n = 2000;
		const outcomes = Array.from({ length: 20 }, () => ({
			importance: Int8Array.from({ length: n }, () => 1 + Math.floor(rng() * 5)),
			satisfaction: Int8Array.from({ length: n }, () => 1 + Math.floor(rng() * 5))
		}));
		const t0 = performance.now();
		const out = bootstrapOpportunity(outcomes, { seed: 1 });
		expect(out.every((o) => o !== null && o.low <= o.estimate && o.estimate <= o.high)).toBe(true);
		expect(performance.now() - t0).toBeLessThan(5000); // ~40 ms here; generous for loaded CI machines
	});
});

describe('bootstrap of a difference between two groups', () => {
	const { imp, sat } = fixture();
	const A = { importance: Int8Array.from(imp), satisfaction: Int8Array.from(sat) };
	it('against a group that always scores 0 it is the first group’s own interval', () => {
		// B: 40 respondents rating 1 on both sides → I = S = 0, opportunity 0 in every resample,
		// so score(A) − score(B) = score(A) resample by resample (A drawn with the same seed).
		const B = { importance: new Int8Array(40).fill(1), satisfaction: new Int8Array(40).fill(1) };
		const [d] = bootstrapDifference([A], [B], { seed: 42 });
		expect(d).toEqual(bootstrapOpportunity([A], { seed: 42 })[0]);
		expect(d).toEqual({ low: 9, high: 12.9, estimate: 11, used: 1000 });
	});
	it('two copies of one group differ by 0 on the full sample, with an interval around it', () => {
		// Independent resamples of the same 100 respondents: Var(diff) = 2 × 1.05, sd = 1.449,
		// normal 95% interval 0 ± 2.84.
		const [d] = bootstrapDifference([A], [A], { seed: 3 });
		expect(d!.estimate).toBe(0);
		expect(Math.abs(d!.low + 2.84)).toBeLessThan(0.45);
		expect(Math.abs(d!.high - 2.84)).toBeLessThan(0.45);
	});
	it('exposes the raw resamples behind the interval', () => {
		const r = bootstrapResamples([A], { seed: 42, resamples: 10 });
		expect(r.resamples).toBe(10);
		expect(r.estimates[0]).toBe(11);
		expect(r.values).toHaveLength(10);
		expect(() => bootstrapDifference([A], [], {})).toThrow(RangeError);
	});
});

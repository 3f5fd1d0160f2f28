import { describe, expect, it } from 'vitest';
import {
	benjaminiHochberg,
	normalCdf,
	normalPdf,
	normalSf,
	twoProportionTest,
	twoSidedP
} from './multiple-testing';

/** Numerical Recipes' erfc (Chebyshev fit, relative error < 1.2e-7): an independent check. */
function erfcNR(x: number): number {
	const z = Math.abs(x);
	const t = 1 / (1 + 0.5 * z);
	const poly =
		-z * z -
		1.26551223 +
		t *
			(1.00002368 +
				t *
					(0.37409196 +
						t *
							(0.09678418 +
								t *
									(-0.18628806 +
										t *
											(0.27886807 +
												t *
													(-1.13520398 +
														t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
	const r = t * Math.exp(poly);
	return x >= 0 ? r : 2 - r;
}

describe('normal distribution', () => {
	it('matches published values of Φ', () => {
		expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
		expect(normalCdf(0)).toBe(0.5);
		expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
		expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 12);
		expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
		expect(normalCdf(2.5758293035489004)).toBeCloseTo(0.995, 12);
		expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 12);
	});
	it('keeps relative accuracy far in the upper tail', () => {
		// Q(5) = 2.866515718791939e-7, Q(10) = 7.619853024160527e-24, Φ(−8) = 6.22096057427178e-16
		expect(normalSf(5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
		expect(normalSf(10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
		expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
		expect(normalSf(50)).toBe(0);
		expect(normalCdf(50)).toBe(1);
	});
	it('agrees with an independent erfc approximation within 1e-7 on a grid', () => {
		// Φ(x) = erfc(−x/√2) / 2
		for (let x = -6; x <= 6; x += 0.05)
			expect(Math.abs(normalCdf(x) - erfcNR(-x / Math.SQRT2) / 2)).toBeLessThan(1e-7);
	});
	it('is continuous where the series hands over to the continued fraction (|x| = 3)', () => {
		// the slope there is −φ(3) = −0.0044, so 2e-15 apart the values may differ by ~1e-17
		const below = normalSf(3 - 1e-15);
		const above = normalSf(3 + 1e-15);
		expect(Math.abs(below - above) / above).toBeLessThan(1e-12);
		expect(Math.abs(normalSf(-3 - 1e-15) - normalSf(-3 + 1e-15))).toBeLessThan(1e-15);
	});
	it('two-sided p of 1.96 is 0.05', () => {
		expect(twoSidedP(1.96)).toBeCloseTo(0.04999579, 8);
		expect(twoSidedP(-1.96)).toBeCloseTo(0.04999579, 8);
		expect(twoSidedP(0)).toBe(1);
	});
});

describe('two-proportion z-test (pooled, two-sided)', () => {
	it('45/100 vs 30/100 → z = 2.1909, p = 0.02846 (χ² = 4.8 without continuity correction)', () => {
		// p̂ = 75/200 = 0.375; SE = √(0.375 × 0.625 × (1/100 + 1/100)) = √0.0046875 = 0.0684653
		// z = 0.15 / 0.0684653 = 2.19089; z² = 4.8; p = 2·Q(2.19089) = 0.028460
		const t = twoProportionTest(45, 100, 30, 100)!;
		expect(t.difference).toBeCloseTo(0.15, 12);
		expect(t.z).toBeCloseTo(2.19089, 5);
		expect(t.z * t.z).toBeCloseTo(4.8, 10);
		expect(t.p).toBeCloseTo(0.0284597, 6);
	});
	it('is symmetric and handles degenerate groups', () => {
		const a = twoProportionTest(30, 100, 45, 100)!;
		expect(a.z).toBeCloseTo(-2.19089, 5);
		expect(a.p).toBeCloseTo(0.0284597, 6);
		expect(twoProportionTest(0, 50, 0, 40)).toEqual({ difference: 0, z: 0, p: 1 });
		expect(twoProportionTest(50, 50, 40, 40)!.p).toBe(1);
		expect(twoProportionTest(1, 0, 2, 10)).toBeNull();
		expect(twoProportionTest(11, 10, 2, 10)).toBeNull();
	});
	it('accepts effective (weighted) counts', () => {
		// share 0.5 on n_eff 80.5 vs 0.3 on n_eff 60.25
		const t = twoProportionTest(0.5 * 80.5, 80.5, 0.3 * 60.25, 60.25)!;
		expect(t.difference).toBeCloseTo(0.2, 12);
		expect(t.p).toBeGreaterThan(0);
		expect(t.p).toBeLessThan(0.05);
	});
});

describe('Benjamini–Hochberg adjustment', () => {
	it('p = [0.01, 0.04, 0.03, 0.005] → [0.02, 0.04, 0.04, 0.02]', () => {
		// sorted: 0.005, 0.01, 0.03, 0.04 → m·p/i = 0.02, 0.02, 0.04, 0.04; running min from the top keeps them
		const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
		[0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
	});
	it("Benjamini & Hochberg (1995)'s 15 p-values: exactly the four smallest pass at q = 0.05", () => {
		const p = [
			0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
			0.6528, 0.759, 1.0
		];
		const adj = benjaminiHochberg(p) as number[];
		// 4th: 0.0095 × 15/4 = 0.035625; 5th: min(0.0201 × 3 = 0.0603, 0.0695, 0.06386, 0.0645, …) = 0.0603
		expect(adj[3]).toBeCloseTo(0.035625, 10);
		expect(adj[4]).toBeCloseTo(0.0603, 10);
		expect(adj.filter((a) => a <= 0.05)).toHaveLength(4);
		// 1st: min(0.0015, 0.003, 0.0095, …) = 0.0015; last stays 1
		expect(adj[0]).toBeCloseTo(0.0015, 10);
		expect(adj[14]).toBe(1);
	});
	it('a larger p can pull a smaller one up no further than its own m·p/i; caps at 1; nulls pass through', () => {
		// [0.04, 0.05]: m·p/i = 0.08, 0.05 → running min 0.05, 0.05
		const adj = benjaminiHochberg([0.04, 0.05]);
		expect(adj[0]).toBeCloseTo(0.05, 12);
		expect(adj[1]).toBeCloseTo(0.05, 12);
		// null does not count in m: [0.01, null, 0.02] → m = 2 → 0.02, null, 0.02
		expect(benjaminiHochberg([0.01, null, 0.02])).toEqual([0.02, null, 0.02]);
		expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
		expect(benjaminiHochberg([])).toEqual([]);
	});
});

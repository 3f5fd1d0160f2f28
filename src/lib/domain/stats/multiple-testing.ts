/**
 * Segment comparisons: the normal distribution, a pooled two-proportion z-test on top-2-box shares,
 * and Benjamini–Hochberg adjusted p-values across the outcomes compared.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density: normalPdf(0) → 0.3989422804014327 (1 / √(2π)). */
export function normalPdf(x: number): number {
	return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Upper tail Q(x) = 1 − Φ(x) with full relative accuracy in the far tail, where 1 − normalCdf(x) would
 * round to 0: normalSf(1.96) → 0.024997895148220435; normalSf(10) → 7.62e-24.
 * For |x| < 3 Marsaglia's series Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …) (error ~1e-16);
 * beyond, the continued fraction Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) (modified Lentz).
 */
export function normalSf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	if (x < -3) return 1 - normalSf(-x);
	if (x < 3) {
		let term = x;
		let sum = x;
		const x2 = x * x;
		for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
			term *= x2 / k;
			sum += term;
		}
		return 0.5 - normalPdf(x) * sum;
	}
	if (x > 40) return 0; // below the smallest double
	// Lentz's algorithm for the continued fraction x + 1/(x + 2/(x + 3/(x + …))).
	const tiny = 1e-300;
	let f = x;
	let c = x;
	let d = 0;
	for (let k = 1; k < 500; k++) {
		d = x + k * d;
		d = Math.abs(d) < tiny ? tiny : d;
		c = x + k / c;
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		const delta = c * d;
		f *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return normalPdf(x) / f;
}

/** Standard normal CDF Φ(x): normalCdf(1.96) → 0.9750021048517795. */
export function normalCdf(x: number): number {
	return normalSf(-x);
}

/** Two-sided p-value of a z statistic, 2·Q(|z|): twoSidedP(1.96) → 0.04999579. */
export function twoSidedP(z: number): number {
	return Math.min(1, 2 * normalSf(Math.abs(z)));
}

export interface ProportionTest {
	/** p1 − p2 on 0–1. */
	difference: number;
	z: number;
	/** Two-sided p-value. */
	p: number;
}

/**
 * Pooled two-proportion z-test, two-sided: z = (p1 − p2) / √(p̂(1 − p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2) / (n1 + n2).
 * twoProportionTest(45, 100, 30, 100) → { difference: 0.15, z: 2.1909, p: 0.02846 } (= χ² 4.8 without
 * continuity correction). Counts may be effective (weighted share × Kish n_eff, not integers). Null when
 * a group is empty; p = 1 when both groups are all-in or all-out (p̂ is 0 or 1, nothing can differ).
 */
export function twoProportionTest(
	x1: number,
	n1: number,
	x2: number,
	n2: number
): ProportionTest | null {
	if (!(n1 > 0 && n2 > 0) || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) return null;
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const pooled = (x1 + x2) / (n1 + n2);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	if (!(se > 0)) return { difference: p1 - p2, z: 0, p: 1 };
	const z = (p1 - p2) / se;
	return { difference: p1 - p2, z, p: twoSidedP(z) };
}

/**
 * Benjamini–Hochberg adjusted p-values (step-up, as R's p.adjust(p, 'BH')): sort ascending, take
 * m·p(i)/i, then the running minimum from the largest down, capped at 1.
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]) → [0.02, 0.04, 0.04, 0.02]. Null (or NaN) entries stay
 * null and do not count in m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
	const idx: number[] = [];
	pValues.forEach((p, i) => {
		if (p !== null && !Number.isNaN(p)) idx.push(i);
	});
	idx.sort((a, b) => pValues[a]! - pValues[b]!);
	const m = idx.length;
	const out: (number | null)[] = pValues.map(() => null);
	let running = 1;
	for (let r = m - 1; r >= 0; r--) {
		const i = idx[r]!;
		running = Math.min(running, (m * pValues[i]!) / (r + 1));
		out[i] = running;
	}
	return out;
}

/**
 * Wilson score interval for a proportion. Unlike the Wald interval p ± z·√(p(1−p)/n) it never leaves
 * [0, 1] and keeps its coverage near 0 and 1, where top-2-box shares of small samples often sit.
 */

/** Two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/** A closed interval [low, high]. */
export interface Interval {
	low: number;
	high: number;
}

/**
 * Wilson interval for a share p observed on n (possibly effective, non-integer) answers:
 * wilsonInterval(81 / 263, 263, 1.96) → { low: 0.2553, high: 0.3662 }. Null when n ≤ 0 or p is not in
 * [0, 1]. Pass Kish's effective n for weighted shares.
 */
export function wilsonInterval(p: number, n: number, z: number = Z95): Interval | null {
	if (!(n > 0) || !Number.isFinite(n) || !(p >= 0 && p <= 1)) return null;
	const z2n = (z * z) / n;
	const denom = 1 + z2n;
	const centre = (p + z2n / 2) / denom;
	const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
	// At p = 0 (p = 1) the bound is exactly 0 (1) in exact arithmetic; clamp away the rounding.
	return {
		low: p === 0 ? 0 : Math.max(0, centre - half),
		high: p === 1 ? 1 : Math.min(1, centre + half)
	};
}

/** Wilson interval for k successes of n answers: wilson(81, 263, 1.96) → { low: 0.2553, high: 0.3662 }. */
export function wilson(k: number, n: number, z: number = Z95): Interval | null {
	if (!(n > 0) || k < 0 || k > n) return null;
	return wilsonInterval(k / n, n, z);
}

/** An interval on the 0–1 share scale moved to the 0–10 score scale: scale10({low: 0.25, high: 0.4}) → {low: 2.5, high: 4}. */
export function scale10(interval: Interval): Interval {
	return { low: 10 * interval.low, high: 10 * interval.high };
}

/**
 * Wilson interval of a top-2-box score on the 0–10 scale, beside `topTwoBox(top2, valid)`:
 * wilsonScore10(200, 270) → { low: 6.85, high: 7.89 } around 7.41. Null when valid = 0.
 */
export function wilsonScore10(top2: number, valid: number, z: number = Z95): Interval | null {
	const w = wilson(top2, valid, z);
	return w && scale10(w);
}

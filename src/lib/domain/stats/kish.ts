/**
 * Respondent weights: Kish's effective sample size and weighted top-2-box shares. A weighted share is
 * as uncertain as an unweighted one on n_eff answers, so intervals take n_eff instead of n.
 */

/** A usable weight: finite and > 0. Anything else (NaN, negative, 0) leaves the respondent out. */
export function usableWeight(w: number | null | undefined): w is number {
	return typeof w === 'number' && Number.isFinite(w) && w > 0;
}

/**
 * Kish effective n = (Σw)² / Σw² over the usable weights: kishEffectiveN([1, 1, 2]) → 16 / 6 = 2.667.
 * Equal weights give n back; 0 when no weight is usable.
 */
export function kishEffectiveN(weights: ArrayLike<number>): number {
	let s = 0;
	let s2 = 0;
	for (let i = 0; i < weights.length; i++) {
		const w = weights[i]!;
		if (!usableWeight(w)) continue;
		s += w;
		s2 += w * w;
	}
	return s2 > 0 ? (s * s) / s2 : 0;
}

/** A weighted share with the sizes its interval needs. */
export interface WeightedShare {
	/** Σ w over top answers / Σ w over valid answers, on 0–1; null when no valid answer. */
	share: number | null;
	/** Kish effective n of the valid answers' weights. */
	nEff: number;
	/** Valid answers counted (unweighted). */
	n: number;
	/** Σ w over valid answers. */
	sumWeights: number;
}

/**
 * Weighted share of ratings ≥ `minTop` (default 4, top-2-box) among valid ratings 1–5 (anything else,
 * e.g. 0 or null, is missing); without weights every respondent weighs 1.
 * weightedTopTwoBox([5, 4, 2, 0], [1, 1, 2, 9]) → { share: 2 / 4 = 0.5, nEff: 16 / 6 = 2.667, n: 3, sumWeights: 4 }.
 */
export function weightedTopTwoBox(
	ratings: ArrayLike<number | null>,
	weights?: ArrayLike<number>,
	minTop = 4
): WeightedShare {
	if (weights && weights.length !== ratings.length)
		throw new RangeError(`ratings (${ratings.length}) and weights (${weights.length}) differ`);
	let s = 0;
	let s2 = 0;
	let top = 0;
	let n = 0;
	for (let i = 0; i < ratings.length; i++) {
		const r = ratings[i];
		if (r == null || !Number.isInteger(r) || r < 1 || r > 5) continue;
		const w = weights ? weights[i]! : 1;
		if (!usableWeight(w)) continue;
		n++;
		s += w;
		s2 += w * w;
		if (r >= minTop) top += w;
	}
	return { share: s > 0 ? top / s : null, nEff: s2 > 0 ? (s * s) / s2 : 0, n, sumWeights: s };
}

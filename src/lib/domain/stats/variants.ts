/**
 * Formula variants. Each turns an outcome's rating distribution into importance and satisfaction on
 * 0–10 and combines them into an opportunity score:
 *
 * | variant  | importance / satisfaction on 0–10        | opportunity                       |
 * | -------- | ---------------------------------------- | --------------------------------- |
 * | `ulwick` | 10 × share of 4s and 5s (top-2-box)      | I + max(I − S, 0)                  |
 * | `plain`  | 10 × share of 4s and 5s (top-2-box)      | I + (I − S)                        |
 * | `mean`   | (mean rating − 1) × 2.5                  | I + max(I − S, 0)                  |
 * | `topbox` | 10 × share of 5s                         | I + max(I − S, 0)                  |
 *
 * Everything is computed from counts per rating value, `counts[1..5]` (index 0, missing, is ignored),
 * so one histogram serves every variant and weighted counts (Σ w per value) work unchanged.
 */
import { opportunity, type Formula } from '../opportunity';

export type Variant = Formula | 'mean' | 'topbox';
export const VARIANTS: readonly Variant[] = ['ulwick', 'plain', 'mean', 'topbox'];
export const VARIANT_LABEL: Record<Variant, string> = {
	ulwick: 'Ulwick: top-2-box, importance + max(importance − satisfaction, 0)',
	plain: 'Plain: top-2-box, importance + (importance − satisfaction)',
	mean: 'Mean-based: (mean rating − 1) × 2.5, Ulwick formula',
	topbox: 'Top-box: share of 5s × 10, Ulwick formula'
};

/** How a variant measures one side (importance or satisfaction). */
export type Measure = 'top2' | 'mean' | 'top1';
export const VARIANT_MEASURE: Record<Variant, Measure> = {
	ulwick: 'top2',
	plain: 'top2',
	mean: 'mean',
	topbox: 'top1'
};
/** Which opportunity formula a variant applies to its importance and satisfaction. */
export const VARIANT_FORMULA: Record<Variant, Formula> = {
	ulwick: 'ulwick',
	plain: 'plain',
	mean: 'ulwick',
	topbox: 'ulwick'
};

/**
 * Rating histogram: counts[v] = number (or Σ weight) of ratings equal to v for v = 1..5; counts[0]
 * collects everything else (missing, 0, out of range). ratingCounts([5, 4, 4, 0, 1]) → [1, 1, 0, 0, 2, 1].
 */
export function ratingCounts(
	ratings: ArrayLike<number | null>,
	weights?: ArrayLike<number>
): Float64Array {
	const c = new Float64Array(6);
	for (let i = 0; i < ratings.length; i++) {
		const r = ratings[i];
		const w = weights ? weights[i]! : 1;
		if (!(Number.isFinite(w) && w > 0)) continue;
		c[r != null && Number.isInteger(r) && r >= 1 && r <= 5 ? r : 0]! += w;
	}
	return c;
}

/**
 * One side on 0–10 from counts[1..5]: measureFromCounts([0, 1, 1, 2, 3, 3], 'mean') → 2.5 × (mean 3.6 − 1)
 * = 6.5; 'top2' → 10 × 6 / 10 = 6; 'top1' → 10 × 3 / 10 = 3. Null when there is no valid rating.
 */
export function measureFromCounts(counts: ArrayLike<number>, measure: Measure): number | null {
	const v = measureAt(counts, 0, measure);
	return Number.isNaN(v) ? null : v;
}

/**
 * measureFromCounts on the six counts starting at `offset` of a larger array, NaN instead of null;
 * allocation-free for the bootstrap's inner loop. measureAt([9, 0, 1, 1, 2, 3, 3], 1, 'top2') → 6.
 */
export function measureAt(counts: ArrayLike<number>, offset: number, measure: Measure): number {
	const c1 = counts[offset + 1] ?? 0;
	const c2 = counts[offset + 2] ?? 0;
	const c3 = counts[offset + 3] ?? 0;
	const c4 = counts[offset + 4] ?? 0;
	const c5 = counts[offset + 5] ?? 0;
	const valid = c1 + c2 + c3 + c4 + c5;
	if (!(valid > 0)) return NaN;
	if (measure === 'top2') return (10 * (c4 + c5)) / valid;
	if (measure === 'top1') return (10 * c5) / valid;
	return ((c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5) / valid - 1) * 2.5;
}

/** Importance on 0–10 for a variant: scaleFromCounts([0, 1, 1, 2, 3, 3], 'topbox') → 3. */
export function scaleFromCounts(counts: ArrayLike<number>, variant: Variant): number | null {
	return measureFromCounts(counts, VARIANT_MEASURE[variant]);
}

export interface VariantScore {
	importance: number;
	satisfaction: number;
	opportunity: number;
}

/**
 * An outcome's scores for a variant from its two histograms. With the published check (200 of 270 rate
 * importance 4–5, 75 of 270 satisfaction 4–5): variantScore([0,0,0,70,100,100], [0,0,0,195,40,35],
 * 'ulwick') → 7.41, 2.78, 12.04. Null when either side has no valid rating.
 */
export function variantScore(
	importanceCounts: ArrayLike<number>,
	satisfactionCounts: ArrayLike<number>,
	variant: Variant = 'ulwick'
): VariantScore | null {
	const importance = scaleFromCounts(importanceCounts, variant);
	const satisfaction = scaleFromCounts(satisfactionCounts, variant);
	if (importance === null || satisfaction === null) return null;
	return {
		importance,
		satisfaction,
		opportunity: opportunity(importance, satisfaction, VARIANT_FORMULA[variant])
	};
}

/**
 * Scores and intervals from an outcome's additive sums (`OutcomeSums`): the SQL returns the sums
 * beside its scores, and everything derived — Wilson intervals on Kish's effective n, the scores of
 * "the rest" of a segment (total − segment), sample-size levels — is computed here, in one place.
 */
import { band, opportunity, served, type Band, type Served } from './opportunity';
import { uncertainBand } from './stats/bands';
import { VARIANT_FORMULA, VARIANT_MEASURE, type Measure, type Variant } from './stats/variants';
import { wilsonInterval, Z95 } from './stats/wilson';
import type { OutcomeSums, Range, ScoreRow, SideSums } from './survey';

export const EMPTY_SIDE: SideSums = { n: 0, sw: 0, sw2: 0, t2: 0, t1: 0, sx: 0, sxx: 0 };

/** Below this many answers an outcome's scores get a visible warning. */
export const SMALL_N = 30;
/** The usual recommendation for these studies; below it a softer note. */
export const RECOMMENDED_N = 180;

/** Kish effective n of one side: nEff({ sw: 4, sw2: 6, … }) → 16 / 6 = 2.667 (weights 1, 1, 2). */
export function nEff(s: SideSums): number {
	return s.sw2 > 0 ? (s.sw * s.sw) / s.sw2 : 0;
}

/**
 * One side on 0–10 for a measure: top2 = 10 × t2 / sw, top1 = 10 × t1 / sw, mean = (sx / sw − 1) × 2.5.
 * sideScore({ sw: 270, t2: 200, … }, 'top2') → 7.407; null without answers.
 */
export function sideScore(s: SideSums, measure: Measure): number | null {
	if (!(s.sw > 0)) return null;
	if (measure === 'top2') return (10 * s.t2) / s.sw;
	if (measure === 'top1') return (10 * s.t1) / s.sw;
	return (s.sx / s.sw - 1) * 2.5;
}

/**
 * 95% interval of one side on 0–10. Box measures: Wilson on the share with n = Kish n_eff
 * (sideInterval(200 of 270, 'top2') → [6.85, 7.89]). Mean: mean ± z·sd/√n_eff (weighted population
 * sd), rescaled by (x − 1) × 2.5 and kept within 0–10. Null without answers.
 */
export function sideInterval(s: SideSums, measure: Measure, z = Z95): Range | null {
	const n = nEff(s);
	if (!(s.sw > 0) || !(n > 0)) return null;
	if (measure !== 'mean') {
		const w = wilsonInterval((measure === 'top2' ? s.t2 : s.t1) / s.sw, n, z);
		return w && [10 * w.low, 10 * w.high];
	}
	const mean = s.sx / s.sw;
	const variance = Math.max(0, s.sxx / s.sw - mean * mean);
	const half = z * Math.sqrt(variance / n);
	const to10 = (x: number) => Math.min(10, Math.max(0, (x - 1) * 2.5));
	return [to10(mean - half), to10(mean + half)];
}

export interface Scores {
	importance: number | null;
	satisfaction: number | null;
	opportunity: number | null;
	band: Band | null;
	served: Served | null;
}

/**
 * An outcome's scores for a variant from its sums. With 200 of 270 importance and 75 of 270
 * satisfaction answers in 4–5: scoreSums(…, 'ulwick') → 7.407, 2.778, 12.037, 'high', 'under'.
 */
export function scoreSums(sums: OutcomeSums, variant: Variant): Scores {
	const measure = VARIANT_MEASURE[variant];
	const importance = sideScore(sums.imp, measure);
	const satisfaction = sideScore(sums.sat, measure);
	if (importance === null || satisfaction === null)
		return { importance, satisfaction, opportunity: null, band: null, served: null };
	const o = opportunity(importance, satisfaction, VARIANT_FORMULA[variant]);
	return {
		importance,
		satisfaction,
		opportunity: o,
		band: band(o),
		served: served(importance, satisfaction, o)
	};
}

function subtractSide(a: SideSums, b: SideSums): SideSums {
	// Weighted sums can leave rounding dust (1e-13) where the rest is really empty.
	const d = (x: number, y: number) => {
		const v = x - y;
		return Math.abs(v) < 1e-9 * Math.max(1, Math.abs(x)) ? 0 : v;
	};
	return {
		n: a.n - b.n,
		sw: d(a.sw, b.sw),
		sw2: d(a.sw2, b.sw2),
		t2: d(a.t2, b.t2),
		t1: d(a.t1, b.t1),
		sx: d(a.sx, b.sx),
		sxx: d(a.sxx, b.sxx)
	};
}

/** The sums of everyone but a segment: subtractSums(total, segment). */
export function subtractSums(total: OutcomeSums, part: OutcomeSums): OutcomeSums {
	return { imp: subtractSide(total.imp, part.imp), sat: subtractSide(total.sat, part.sat) };
}

/** Both sides' intervals for a variant, as [low, high] on 0–10. */
export function scoreIntervals(
	sums: OutcomeSums,
	variant: Variant
): { importance_ci: Range | null; satisfaction_ci: Range | null } {
	const measure = VARIANT_MEASURE[variant];
	return {
		importance_ci: sideInterval(sums.imp, measure),
		satisfaction_ci: sideInterval(sums.sat, measure)
	};
}

/** A row with its bootstrap interval and the "uncertain band" mark set (null interval clears both). */
export function withOpportunityCi(row: ScoreRow, ci: Range | null): ScoreRow {
	return { ...row, opportunity_ci: ci, uncertain: ci ? uncertainBand(ci[0], ci[1]) : null };
}

export type SampleLevel = 'small' | 'modest' | null;

/** sampleLevel(12) → 'small' (< 30), sampleLevel(120) → 'modest' (< 180), sampleLevel(200) → null. */
export function sampleLevel(n: number): SampleLevel {
	if (n < SMALL_N) return 'small';
	if (n < RECOMMENDED_N) return 'modest';
	return null;
}

/** The fewer of an outcome's two answer counts: what its sample-size level is judged on. */
export function rowN(r: Pick<ScoreRow, 'n_importance' | 'n_satisfaction'>): number {
	return Math.min(r.n_importance, r.n_satisfaction);
}

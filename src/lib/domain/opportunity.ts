/**
 * Outcome-Driven Innovation scoring (Ulwick). Pure formulas, no engine: the SQL in
 * `$lib/sql/survey.ts` computes the same numbers over the whole table; these are the definitions
 * and what the UI and tests check against.
 */

/**
 * The formula variants. Ulwick (default) and plain measure both sides by top-2-box and differ in
 * whether a negative gap counts; mean-based ((mean rating − 1) × 2.5) and top-box (share of 5s)
 * measure differently and combine like Ulwick. The measures live in `stats/variants.ts`.
 */
export type Formula = 'ulwick' | 'plain' | 'mean' | 'topbox';
export const FORMULAS: readonly Formula[] = ['ulwick', 'plain', 'mean', 'topbox'];
export const FORMULA_LABEL: Record<Formula, string> = {
	ulwick: 'Ulwick: importance + max(importance − satisfaction, 0)',
	plain: 'Plain: importance + (importance − satisfaction)',
	mean: 'Mean-based: (mean rating − 1) × 2.5, then Ulwick',
	topbox: 'Top-box: share of 5s × 10, then Ulwick'
};
/** Short names for compact places (chart captions, tables). */
export const FORMULA_SHORT: Record<Formula, string> = {
	ulwick: 'Ulwick',
	plain: 'Plain',
	mean: 'Mean-based',
	topbox: 'Top-box'
};

export type Band = 'extreme' | 'high' | 'worth' | 'low';
export type Served = 'under' | 'over' | 'appropriate';

export const BAND_LABEL: Record<Band, string> = {
	extreme: 'Extreme (> 15)',
	high: 'High (12–15)',
	worth: 'Worth considering (10–12)',
	low: 'Not attractive (< 10)'
};
export const SERVED_LABEL: Record<Served, string> = {
	under: 'Under-served',
	over: 'Over-served',
	appropriate: 'Appropriately served'
};

/** Score lines drawn on the landscape: S = 2I − k. */
export const BAND_EDGES = [10, 12, 15] as const;

/** Top-2-box share on 0–10: topTwoBox(200, 270) → 7.407407… (10 × 200 / 270). Null when n = 0. */
export function topTwoBox(top2: number, valid: number): number | null {
	return valid > 0 ? (10 * top2) / valid : null;
}

/**
 * opportunity(7.5, 4.0) → 11 (7.5 + 3.5); with 'plain', opportunity(3, 5, 'plain') → 1 (3 − 2). Every
 * variant but plain floors the gap at 0.
 */
export function opportunity(
	importance: number,
	satisfaction: number,
	formula: Formula = 'ulwick'
): number {
	const gap = importance - satisfaction;
	return importance + (formula === 'plain' ? gap : Math.max(gap, 0));
}

/** band(12.04) → 'high'; 15 is high, 15.01 extreme, 12 high, 10 worth, 9.99 low. */
export function band(score: number): Band {
	if (score > 15) return 'extreme';
	if (score >= 12) return 'high';
	if (score >= 10) return 'worth';
	return 'low';
}

/** served(7.41, 2.78, 12.04) → 'under'; served(4, 6, 4) → 'over'. Under-served wins over over-served. */
export function served(importance: number, satisfaction: number, score: number): Served {
	if (score >= 10) return 'under';
	if (satisfaction > importance) return 'over';
	return 'appropriate';
}

/** Is a raw rating valid? isValidRating('4.0') → 4, isValidRating('4.5') → 'invalid', isValidRating(' ') → null (missing). */
export function parseRating(raw: string | null | undefined): number | null | 'invalid' {
	const t = (raw ?? '').replace(/\u00a0/g, ' ').trim();
	if (t === '') return null;
	if (!/^[+]?\d+(\.\d+)?$/.test(t)) return 'invalid';
	const v = Number(t);
	return Number.isInteger(v) && v >= 1 && v <= 5 ? v : 'invalid';
}

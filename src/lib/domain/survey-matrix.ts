/**
 * Per-respondent ratings as compact arrays, for what SQL does not do: the bootstrap, quality
 * screening and k-means. One Int8Array per outcome and side, one entry per respondent in the
 * table's order (rid 0…n−1): 1–5, 0 = missing or invalid — the shape `bootstrapOpportunity` takes.
 */
import type { OutcomeRatings } from './stats/bootstrap';
import type { RespondentRatings } from './quality';
import type { MissingPolicy } from './survey';

export interface RatingMatrix {
	/** Respondents (rid 0…n−1). */
	n: number;
	/** One entry per outcome, in outcome order (idx). */
	outcomes: OutcomeRatings[];
}

/**
 * One side's digits as sent by the SQL ('0'–'5' per respondent): decodeRatings('5041') → [5, 0, 4, 1].
 * Anything else decodes to 0 (missing).
 */
export function decodeRatings(digits: string): Int8Array {
	const out = new Int8Array(digits.length);
	for (let i = 0; i < digits.length; i++) {
		const v = digits.charCodeAt(i) - 48;
		out[i] = v >= 1 && v <= 5 ? v : 0;
	}
	return out;
}

/**
 * One side's ratings from the SQL's one-hot bits (`ratingMatrix`): base64 of a bit string of 5·n
 * bits, left-padded with zero bits to whole bytes, where bit 5i + r − 1 (from the left) is set when
 * respondent i rated r; none set → 0 (missing). null (no ratings at all) → all 0.
 * decodeOneHot('Agg=', 2) → bytes 02 08 → 0000 0010 0000 1000 → after 6 padding bits 10000 01000 → [1, 2].
 */
export function decodeOneHot(base64: string | null, n: number): Int8Array {
	const out = new Int8Array(n);
	if (base64 === null) return out;
	const bytes = atob(base64);
	const bits = 5 * n;
	const pad = bytes.length * 8 - bits;
	for (let b = 0; b < bytes.length; b++) {
		let byte = bytes.charCodeAt(b);
		while (byte !== 0) {
			const hi = 31 - Math.clz32(byte);
			byte ^= 1 << hi;
			const p = b * 8 + 7 - hi - pad;
			if (p >= 0 && p < bits) out[(p / 5) | 0] = (p % 5) + 1;
		}
	}
	return out;
}

/** The ratings of some respondents only (rows ascending or not): selectRows(m, [2, 0]). */
export function selectRows(matrix: RatingMatrix, rows: ArrayLike<number>): OutcomeRatings[] {
	const pick = (a: Int8Array) => {
		const out = new Int8Array(rows.length);
		for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]!]!;
		return out;
	};
	return matrix.outcomes.map((o) => ({
		importance: pick(o.importance),
		satisfaction: pick(o.satisfaction)
	}));
}

/**
 * The missing-data policy applied to ratings: 'complete' keeps a respondent's pair for an outcome
 * only when both sides are answered (applyPolicy of imp [5, 0], sat [1, 2] → imp [5, 0], sat [1, 0]);
 * 'available' returns the input.
 */
export function applyPolicy(outcomes: OutcomeRatings[], policy: MissingPolicy): OutcomeRatings[] {
	if (policy === 'available') return outcomes;
	return outcomes.map((o) => {
		const importance = o.importance.slice();
		const satisfaction = o.satisfaction.slice();
		for (let i = 0; i < importance.length; i++) {
			if (importance[i] === 0 || satisfaction[i] === 0) importance[i] = satisfaction[i] = 0;
		}
		return { importance, satisfaction };
	});
}

/** Respondents in the shape the quality screening takes (ratings as numbers, 0 → null). */
export function respondentRatings(
	matrix: RatingMatrix,
	ids: readonly (string | null)[]
): RespondentRatings[] {
	const m = matrix.outcomes.length;
	return Array.from({ length: matrix.n }, (_, i) => {
		const importance: (number | null)[] = new Array(m);
		const satisfaction: (number | null)[] = new Array(m);
		for (let k = 0; k < m; k++) {
			const o = matrix.outcomes[k]!;
			importance[k] = o.importance[i] || null;
			satisfaction[k] = o.satisfaction[i] || null;
		}
		return { id: ids[i] ?? null, importance, satisfaction };
	});
}

/**
 * Each respondent's own opportunity per outcome, for outcome-based segmentation: ratings on 0–10 as
 * (r − 1) × 2.5, then I + max(I − S, 0); NaN where a side is missing (k-means imputes the mean).
 * Importance 5, satisfaction 2 → 10 + max(10 − 2.5, 0) = 17.5.
 */
export function respondentOpportunity(
	matrix: RatingMatrix,
	rows: ArrayLike<number>
): Float64Array[] {
	const m = matrix.outcomes.length;
	return Array.from({ length: rows.length }, (_, j) => {
		const i = rows[j]!;
		const v = new Float64Array(m);
		for (let k = 0; k < m; k++) {
			const o = matrix.outcomes[k]!;
			const a = o.importance[i]!;
			const b = o.satisfaction[i]!;
			if (a === 0 || b === 0) {
				v[k] = NaN;
				continue;
			}
			const imp = (a - 1) * 2.5;
			const sat = (b - 1) * 2.5;
			v[k] = imp + Math.max(imp - sat, 0);
		}
		return v;
	});
}

/** Respondent-level columns beside the matrix (rid order). */
export interface Respondents {
	n: number;
	ids: (string | null)[];
	/** Attribute values by raw column index. */
	columns: Map<number, (string | null)[]>;
	/** The outcome-based cluster of each respondent (null: none). */
	cluster: (string | null)[];
	/** Weight per respondent when weighting (NaN when unreadable), else null. */
	weights: Float64Array | null;
}

/** A condition on one attribute: its values per respondent must equal `value` (null matches null). */
export interface RowCondition {
	values: readonly (string | null)[];
	value: string | null;
}

/**
 * The rows in an analysis, as the SQL selects them: not excluded, every condition met, and with a
 * usable weight (finite, > 0) when weighting. selectPopulation(3, new Set([1]), [], null) → [0, 2].
 */
export function selectPopulation(
	n: number,
	excluded: ReadonlySet<number>,
	conditions: readonly RowCondition[],
	weights: Float64Array | null
): Int32Array {
	const rows: number[] = [];
	for (let i = 0; i < n; i++) {
		if (excluded.has(i)) continue;
		if (conditions.some((c) => (c.values[i] ?? null) !== c.value)) continue;
		if (weights && !(Number.isFinite(weights[i]!) && weights[i]! > 0)) continue;
		rows.push(i);
	}
	return Int32Array.from(rows);
}

/** The weights of some rows, or null when not weighting. */
export function selectWeights(
	weights: Float64Array | null,
	rows: ArrayLike<number>
): Float64Array | null {
	if (!weights) return null;
	return Float64Array.from({ length: rows.length }, (_, j) => weights[rows[j]!]!);
}

/** The rows as a set, for membership tests: rowSet([3, 1]).has(1) → true. */
export function rowSet(rows: readonly number[]): ReadonlySet<number> {
	return new Set(rows);
}

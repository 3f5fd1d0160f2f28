/**
 * Segments: each segment compared with the rest of the respondents, and what sets the segments of
 * an outcome-based clustering apart. Pure functions over score rows and attribute columns.
 */
import { benjaminiHochberg, twoProportionTest } from './stats/multiple-testing';
import type { Variant } from './stats/variants';
import { EMPTY_SIDE, nEff, scoreSums, subtractSums } from './survey-stats';
import type { Range, ScoreRow, SideSums } from './survey';

export interface CompareRow {
	id: string;
	label: string;
	step: string | null;
	/** Opportunity of the segment, of everyone else, and their difference (segment − rest). */
	segment: number | null;
	rest: number | null;
	difference: number | null;
	/** Bootstrap interval of the difference; null until computed. */
	difference_ci: Range | null;
	/** Fewer of the two answer counts, in the segment and in the rest. */
	n_segment: number;
	n_rest: number;
	/** Two-sided p of the two-proportion z-test on the top-2-box shares, and BH-adjusted across outcomes. */
	p_importance: number | null;
	p_satisfaction: number | null;
	q_importance: number | null;
	q_satisfaction: number | null;
}

/** A significance level for the adjusted p-values (false discovery rate). */
export const FDR = 0.05;

/** Top-2-box test of one side: effective counts x = share × n_eff, n = n_eff (plain counts unweighted). */
function sideTest(a: SideSums, b: SideSums): number | null {
	const na = nEff(a);
	const nb = nEff(b);
	if (!(a.sw > 0 && b.sw > 0)) return null;
	return twoProportionTest((a.t2 / a.sw) * na, na, (b.t2 / b.sw) * nb, nb)?.p ?? null;
}

/**
 * Each outcome of a segment against the rest (total − segment): opportunity of both under the
 * variant, the difference, and top-2-box tests on importance and on satisfaction, each family
 * Benjamini–Hochberg adjusted across the outcomes. Segment I 45/100 top-2 vs rest 30/100 → p 0.0285.
 */
export function compareWithRest(
	segment: readonly ScoreRow[],
	total: readonly ScoreRow[],
	variant: Variant
): CompareRow[] {
	const seg = new Map(segment.map((r) => [r.id, r]));
	const rows = total.map((t): CompareRow => {
		const s = seg.get(t.id);
		const none = { imp: EMPTY_SIDE, sat: EMPTY_SIDE };
		const sums = s?.sums ?? none;
		const rest = subtractSums(t.sums ?? none, sums);
		const a = scoreSums(sums, variant).opportunity;
		const b = scoreSums(rest, variant).opportunity;
		return {
			id: t.id,
			label: t.label,
			step: t.step ?? null,
			segment: a,
			rest: b,
			difference: a !== null && b !== null ? a - b : null,
			difference_ci: null,
			n_segment: Math.min(sums.imp.n, sums.sat.n),
			n_rest: Math.min(rest.imp.n, rest.sat.n),
			p_importance: sideTest(sums.imp, rest.imp),
			p_satisfaction: sideTest(sums.sat, rest.sat),
			q_importance: null,
			q_satisfaction: null
		};
	});
	const qi = benjaminiHochberg(rows.map((r) => r.p_importance));
	const qs = benjaminiHochberg(rows.map((r) => r.p_satisfaction));
	return rows.map((r, i) => ({ ...r, q_importance: qi[i] ?? null, q_satisfaction: qs[i] ?? null }));
}

/** Is either adjusted p at or below the false discovery rate? */
export function isSignificant(r: Pick<CompareRow, 'q_importance' | 'q_satisfaction'>): boolean {
	return (r.q_importance ?? 1) <= FDR || (r.q_satisfaction ?? 1) <= FDR;
}

export interface AttributeColumn {
	name: string;
	/** One value per respondent (the same order as the cluster labels). */
	values: readonly (string | null)[];
}

export interface Distinction {
	attribute: string;
	value: string;
	/** Share of the cluster with this value, and of everyone clustered. */
	share: number;
	overall: number;
}

/**
 * Per cluster, the attribute values most over-represented in it (share in the cluster − share
 * overall, largest first, at least 10 points), at most `top` each. Columns with more than
 * `maxValues` distinct values (ids, dates) are skipped; labels < 0 are respondents not clustered.
 * Cluster 0 = rows [0, 1] with role [a, a], cluster 1 = rows [2, 3] with [a, b] →
 * cluster 0: role = a, 100% vs 75% overall; cluster 1: role = b, 50% vs 25%.
 */
export function distinguishingAttributes(
	columns: readonly AttributeColumn[],
	labels: ArrayLike<number>,
	k: number,
	top = 3,
	maxValues = 30
): Distinction[][] {
	const sizes = new Array<number>(k).fill(0);
	let total = 0;
	for (let i = 0; i < labels.length; i++) {
		const c = labels[i]!;
		if (c < 0 || c >= k) continue;
		sizes[c]!++;
		total++;
	}
	const found: Distinction[][] = Array.from({ length: k }, () => []);
	for (const col of columns) {
		const counts = new Map<string, number[]>();
		for (let i = 0; i < labels.length; i++) {
			const c = labels[i]!;
			const v = col.values[i];
			if (c < 0 || c >= k || v === null || v === undefined || v === '') continue;
			const row = counts.get(v) ?? new Array<number>(k + 1).fill(0);
			row[c]!++;
			row[k]!++;
			counts.set(v, row);
		}
		if (counts.size > maxValues || counts.size < 2) continue;
		for (const [value, row] of counts) {
			const overall = row[k]! / total;
			for (let c = 0; c < k; c++) {
				const share = sizes[c]! > 0 ? row[c]! / sizes[c]! : 0;
				if (share - overall >= 0.1) found[c]!.push({ attribute: col.name, value, share, overall });
			}
		}
	}
	return found.map((list) =>
		list.sort((a, b) => b.share - b.overall - (a.share - a.overall)).slice(0, top)
	);
}

/** Names for k clusters: clusterNames(3) → ['Cluster 1', 'Cluster 2', 'Cluster 3']. */
export function clusterNames(k: number): string[] {
	return Array.from({ length: k }, (_, i) => `Cluster ${i + 1}`);
}

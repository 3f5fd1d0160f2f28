/**
 * Survey analysis over a loaded file: reshape by layout, map text answers, then score — everyone,
 * a filtered part, or each segment. Runs the same SQL on the browser and the Node engine, and reads
 * the per-respondent arrays the bootstrap, screening and clustering need.
 */
import type { Db } from '$lib/db/db';
import { mapLabels } from '$lib/domain/rating-labels';
import type { Variant } from '$lib/domain/stats/variants';
import type {
	OutcomeSums,
	ScoreRow,
	SegmentResult,
	SideSums,
	SurveyResult
} from '$lib/domain/survey';
import { decodeOneHot, type RatingMatrix, type Respondents } from '$lib/domain/survey-matrix';
import { rowN, scoreIntervals, RECOMMENDED_N, SMALL_N } from '$lib/domain/survey-stats';
import type { Layout } from '$lib/ingest/survey-layout';
import { matchDictionary, type DictionaryEntry } from '$lib/ingest/survey-dictionary';
import {
	attributeStats,
	attributeValues,
	buildRated,
	DEFAULT_SCORE_OPTIONS,
	insertOutcomes,
	labelCandidates,
	matrixSize,
	ratingMatrix,
	reshapeSurvey,
	respondentCount,
	respondentLists,
	setClusters,
	setExcluded,
	setLabels,
	surveyScores,
	unusableLongRows,
	unusableWeights,
	updateOutcome,
	T,
	type AttrKey,
	type ScoreOptions,
	type SurveyFilter
} from '$lib/sql/survey';
import type { Query } from '$lib/sql/sql';

const run = <R extends Record<string, unknown>>(db: Db, q: Query) => db.query<R>(q.text, q.params);

/**
 * Build the survey tables from `survey_raw`, map text answers with the default scales and read
 * every rating once. Returns warnings about rows that cannot be used.
 */
export async function prepareSurvey(db: Db, layout: Layout): Promise<string[]> {
	return (await prepareSurveyLabels(db, layout)).warnings;
}

/** `prepareSurvey`, also returning the text answers and how they were mapped. */
export async function prepareSurveyLabels(
	db: Db,
	layout: Layout
): Promise<{ warnings: string[]; labels: LabelReport }> {
	await db.exec(reshapeSurvey(layout, T.raw).join(';\n'));
	const warnings: string[] = [];
	if (layout.kind === 'wide') {
		if (layout.pairs.length > 0)
			await run(db, insertOutcomes(layout.pairs.map((p) => ({ id: p.key, label: p.key }))));
	} else {
		const q = unusableLongRows(layout, T.raw);
		const n = q ? ((await run<{ n: number }>(db, q))[0]?.n ?? 0) : 0;
		if (n > 0) warnings.push(`${n} rows name no respondent or no outcome and are not used.`);
	}
	const labels = await readLabels(db);
	await applyLabels(db, labels);
	return { warnings, labels };
}

export type Side = 'imp' | 'sat';
export type LabelStatus = 'mapped' | 'ambiguous' | 'missing' | 'unknown';

export interface LabelValue {
	side: Side;
	raw: string;
	/** Answers with this text. */
	n: number;
	/** 1–5, or null for "no answer" and for unknown labels. */
	value: number | null;
	status: LabelStatus;
}

export interface LabelReport {
	/** The scale each side's labels come from (null: no text labels). */
	scales: Record<Side, string | null>;
	values: LabelValue[];
}

/** The text answers of each side, mapped by the scale their labels settle (`mapLabels`). */
export async function readLabels(db: Db): Promise<LabelReport> {
	const rows = await run<{ side: Side; value: string; n: number }>(db, labelCandidates());
	const scales: Record<Side, string | null> = { imp: null, sat: null };
	const values: LabelValue[] = [];
	for (const side of ['imp', 'sat'] as const) {
		const mine = rows.filter((r) => r.side === side);
		const m = mapLabels(mine.map((r) => r.value));
		scales[side] = m.scale;
		const ambiguous = new Set(m.ambiguous);
		const missing = new Set(m.missing);
		for (const r of mine) {
			const value = m.mapping.get(r.value) ?? null;
			const status: LabelStatus = missing.has(r.value)
				? 'missing'
				: value === null
					? 'unknown'
					: ambiguous.has(r.value)
						? 'ambiguous'
						: 'mapped';
			values.push({ side, raw: r.value, n: r.n, value, status });
		}
	}
	return { scales, values };
}

/** Key of a user's choice for one label: labelKey('imp', 'Sort of') → 'imp:Sort of'. */
export const labelKey = (side: Side, raw: string) => `${side}:${raw}`;

/**
 * Store the label map (with the user's choices: a number 1–5, or null for "no answer"; unknown
 * labels without a choice stay invalid) and re-read every rating.
 */
export async function applyLabels(
	db: Db,
	report: LabelReport,
	choices: Readonly<Record<string, number | null>> = {}
): Promise<void> {
	const entries = report.values.flatMap((v) => {
		const k = labelKey(v.side, v.raw);
		if (k in choices) return [{ side: v.side, raw: v.raw, value: choices[k] ?? null }];
		if (v.status === 'unknown') return [];
		return [{ side: v.side, raw: v.raw, value: v.value }];
	});
	for (const q of setLabels(entries)) await run(db, q);
	for (const statement of buildRated()) await db.exec(statement);
}

/** Join an outcome dictionary: statements become labels, job steps are set; null clears it. */
export async function applyDictionary(
	db: Db,
	entries: readonly DictionaryEntry[] | null
): Promise<{ matched: number; unused: DictionaryEntry[] }> {
	const outcomes = await db.query<{ idx: number; id: string; label: string }>(
		`SELECT idx, id, id AS label FROM ${T.outcomes} ORDER BY idx`
	);
	const m = entries ? matchDictionary(outcomes, entries) : { matched: [], unused: [] };
	for (const [i, o] of outcomes.entries()) {
		const e = m.matched[i] ?? null;
		await run(db, updateOutcome(o.idx, e?.statement ?? null, e?.step ?? null));
	}
	return { matched: m.matched.filter(Boolean).length, unused: m.unused };
}

type SqlScoreRow = Omit<ScoreRow, 'sums' | 'importance_ci' | 'satisfaction_ci'> & {
	grp: string | null;
} & Record<`${'i' | 's'}_${keyof SideSums}`, number>;

function sideOf(r: SqlScoreRow, x: 'i' | 's'): SideSums {
	return {
		n: r[`${x}_n`],
		sw: r[`${x}_sw`],
		sw2: r[`${x}_sw2`],
		t2: r[`${x}_t2`],
		t1: r[`${x}_t1`],
		sx: r[`${x}_sx`],
		sxx: r[`${x}_sxx`]
	};
}

function toScoreRow(r: SqlScoreRow, variant: Variant): ScoreRow {
	const sums: OutcomeSums = { imp: sideOf(r, 'i'), sat: sideOf(r, 's') };
	return {
		id: r.id,
		label: r.label,
		idx: r.idx,
		step: r.step ?? null,
		n_importance: r.n_importance,
		n_satisfaction: r.n_satisfaction,
		invalid: r.invalid,
		invalid_values: r.invalid_values,
		importance: r.importance,
		satisfaction: r.satisfaction,
		opportunity: r.opportunity,
		band: r.band,
		served: r.served,
		...scoreIntervals(sums, variant),
		opportunity_ci: null,
		uncertain: null,
		sums
	};
}

/**
 * Scores of everyone in the analysis. `options` is a variant or the full options; `filters` (kept
 * for callers that only filter) are added to the options' filters.
 */
export async function scoreSurvey(
	db: Db,
	options: Variant | Partial<ScoreOptions>,
	filters: readonly SurveyFilter[] = []
): Promise<SurveyResult> {
	const base = typeof options === 'string' ? { variant: options } : options;
	const o: ScoreOptions = {
		...DEFAULT_SCORE_OPTIONS,
		...base,
		filters: [...(base.filters ?? []), ...filters],
		groupBy: null
	};
	const rows = await run<SqlScoreRow>(db, surveyScores(o));
	const outcomes = rows.map((r) => toScoreRow(r, o.variant));
	const respondents = (await run<{ n: number }>(db, respondentCount(o)))[0]?.n ?? 0;
	const warnings = scoreWarnings(outcomes);
	if (o.weight !== null) {
		const bad = (await run<{ n: number }>(db, unusableWeights(o)))[0]?.n ?? 0;
		if (bad > 0)
			warnings.push(
				`${bad} ${bad === 1 ? 'respondent has' : 'respondents have'} no usable weight (missing, zero, negative or not a number) and ${bad === 1 ? 'is' : 'are'} left out.`
			);
	}
	return {
		formula: o.variant,
		policy: o.policy,
		weight: null,
		respondents,
		outcomes,
		warnings,
		notes: sampleNotes(outcomes)
	};
}

/** Scores per value of an attribute (blank values form their own segment, value null). */
export async function scoreSegments(
	db: Db,
	options: Partial<ScoreOptions>,
	groupBy: AttrKey
): Promise<SegmentResult[]> {
	const o: ScoreOptions = { ...DEFAULT_SCORE_OPTIONS, ...options, groupBy };
	const rows = await run<SqlScoreRow>(db, surveyScores(o));
	const counts = await run<{ grp: string | null; n: number }>(db, respondentCount(o));
	return counts
		.sort((a, b) => b.n - a.n || String(a.grp).localeCompare(String(b.grp)))
		.map((c) => ({
			value: c.grp,
			respondents: c.n,
			outcomes: rows.filter((r) => r.grp === c.grp).map((r) => toScoreRow(r, o.variant))
		}));
}

/** Human warnings: invalid ratings per outcome, outcomes without answers, thin samples. */
export function scoreWarnings(rows: readonly ScoreRow[]): string[] {
	const out: string[] = [];
	for (const r of rows) {
		if (r.invalid > 0) {
			const vals = r.invalid_values.slice(0, 6).map((v) => JSON.stringify(v).slice(1, -1));
			out.push(
				`${r.label}: ${r.invalid} invalid ${r.invalid === 1 ? 'rating' : 'ratings'} (${r.invalid_values.length === 1 ? 'value' : 'values'} ${vals.join(', ')}${r.invalid_values.length > 6 ? ', …' : ''}) excluded.`
			);
		}
		if (r.opportunity === null)
			out.push(`${r.label}: no valid importance or satisfaction answers, so no score.`);
	}
	const thin = rows.filter((r) => r.opportunity !== null && rowN(r) < SMALL_N);
	if (thin.length > 0) {
		out.push(
			`${thin.length} ${thin.length === 1 ? 'outcome has' : 'outcomes have'} fewer than ${SMALL_N} answers: treat their scores as rough.`
		);
	}
	return out;
}

/** The softer note: outcomes with at least 30 but fewer than the recommended 180 answers. */
export function sampleNotes(rows: readonly ScoreRow[]): string[] {
	const modest = rows.filter(
		(r) => r.opportunity !== null && rowN(r) >= SMALL_N && rowN(r) < RECOMMENDED_N
	);
	if (modest.length === 0) return [];
	return [
		`${modest.length} ${modest.length === 1 ? 'outcome has' : 'outcomes have'} fewer than ${RECOMMENDED_N} answers, the usual recommendation for these studies: intervals are wide.`
	];
}

/** Every respondent's ratings as compact arrays (one-hot bits per outcome, see `ratingMatrix`). */
export async function readMatrix(db: Db, layout: Layout): Promise<RatingMatrix> {
	const [size] = await run<{ n: number; odd: number }>(db, matrixSize());
	const n = size?.n ?? 0;
	if (n === 0) return { n, outcomes: [] };
	const rows = await run<{ idx: number; imp: string | null; sat: string | null }>(
		db,
		ratingMatrix(layout.kind === 'wide', n, (size?.odd ?? 0) > 0)
	);
	return {
		n,
		outcomes: rows.map((r) => ({
			importance: decodeOneHot(r.imp, n),
			satisfaction: decodeOneHot(r.sat, n)
		}))
	};
}

/** Respondent ids, attribute values, cluster and weights in rid order (one row of lists). */
export async function readRespondents(
	db: Db,
	attributes: readonly number[],
	weight: number | null
): Promise<Respondents> {
	const [r = {}] = await run<Record<string, unknown[] | null>>(
		db,
		respondentLists(attributes, weight)
	);
	const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
	const list = (k: string) => r[k] ?? [];
	const ids = list('ids').map(str);
	return {
		n: ids.length,
		ids,
		columns: new Map(attributes.map((a, j) => [a, list(`a${j}`).map(str)])),
		cluster: list('cluster').map(str),
		weights:
			weight === null
				? null
				: Float64Array.from(list('w'), (w) => (typeof w === 'number' ? w : NaN))
	};
}

export interface AttributeInfo {
	index: number;
	/** Distinct non-blank values. */
	distinct: number;
	/** Every non-blank value reads as a number (a weight candidate). */
	numeric: boolean;
}

export async function attributeInfo(
	db: Db,
	attributes: readonly number[]
): Promise<AttributeInfo[]> {
	if (attributes.length === 0) return [];
	const [r = {}] = await run<Record<string, number>>(db, attributeStats(attributes));
	return attributes.map((index, j) => ({
		index,
		distinct: r[`d${j}`] ?? 0,
		numeric: (r[`n${j}`] ?? 0) > 0 && r[`x${j}`] === r[`n${j}`]
	}));
}

export async function valuesOf(db: Db, a: AttrKey): Promise<{ value: string | null; n: number }[]> {
	return run(db, attributeValues(a));
}

/** Exclude respondents (by rid) from every figure. */
export async function excludeRespondents(db: Db, rids: readonly number[]): Promise<void> {
	await run(db, setExcluded(rids));
}

/** Store the cluster of every respondent (rid order; null: not clustered). */
export async function storeClusters(db: Db, names: readonly (string | null)[]): Promise<void> {
	await run(db, setClusters(names.map((x) => x ?? '')));
}

/**
 * Survey SQL. The raw upload is an all-VARCHAR table (c0…cn); these builders reshape it into
 *   survey_resp(rid, respondent, c<attr>…)       one row per respondent
 *   survey_outcomes(idx, id, label, step)        one row per outcome (text bound as parameters)
 *   survey_long(rid, idx, imp_raw, sat_raw)      one row per respondent × outcome
 *   survey_labels(side, raw, value)              text answers mapped to 1–5 (value NULL = no answer)
 *   survey_rated(rid, idx, imp, sat, …_bad, …)   ratings read once: numbers or mapped labels
 *   survey_excluded(rid), survey_cluster(rid, segment)
 * and score it. Only internal names (c<i>, table names, fixed keywords) are ever spliced into the
 * text; every value is a bound parameter.
 */
import { BAND_EDGES } from '$lib/domain/opportunity';
import type { MissingPolicy } from '$lib/domain/survey';
import { VARIANT_FORMULA, VARIANT_MEASURE, type Variant } from '$lib/domain/stats/variants';
import type { Layout } from '$lib/ingest/survey-layout';
import { col, ident, type Query } from './sql';

export const T = {
	raw: 'survey_raw',
	resp: 'survey_resp',
	outcomes: 'survey_outcomes',
	long: 'survey_long',
	labels: 'survey_labels',
	rated: 'survey_rated',
	excluded: 'survey_excluded',
	cluster: 'survey_cluster'
} as const;

const c = (i: number) => ident(col(i));
const t = (name: keyof typeof T) => ident(T[name]);

/** Statements that build the survey tables from the raw table for a layout. */
export function reshapeSurvey(layout: Layout, raw: string = T.raw): string[] {
	const attrs = layout.attributes.map((i) => `, ${c(i)}`).join('');
	const firstAttrs = layout.attributes
		.map((i) => `, first(${c(i)} ORDER BY rowid) AS ${c(i)}`)
		.join('');
	const drop = [T.resp, T.long, T.outcomes, T.labels, T.rated, T.excluded, T.cluster].map(
		(x) => `DROP TABLE IF EXISTS ${ident(x)}`
	);
	const side = [
		`CREATE TABLE ${t('labels')} (side VARCHAR, raw VARCHAR, value INTEGER)`,
		`CREATE TABLE ${t('excluded')} (rid BIGINT)`,
		`CREATE TABLE ${t('cluster')} (rid BIGINT, segment VARCHAR)`
	];
	if (layout.kind === 'wide') {
		const respondent =
			layout.respondent === null ? 'CAST(rowid + 1 AS VARCHAR)' : c(layout.respondent);
		const parts = layout.pairs.map(
			(p, idx) =>
				`SELECT rowid AS rid, ${idx} AS idx, ${c(p.imp)} AS imp_raw, ${c(p.sat)} AS sat_raw FROM ${ident(raw)}`
		);
		return [
			...drop,
			`CREATE TABLE ${t('resp')} AS SELECT rowid AS rid, ${respondent} AS respondent${attrs} FROM ${ident(raw)}`,
			`CREATE TABLE ${t('outcomes')} (idx INTEGER, id VARCHAR, label VARCHAR, step VARCHAR)`,
			`CREATE TABLE ${t('long')} AS ${parts.join(' UNION ALL ')}`,
			...side
		];
	}
	const r = c(layout.respondent);
	const o = c(layout.outcome);
	return [
		...drop,
		`CREATE TABLE ${t('resp')} AS SELECT row_number() OVER (ORDER BY min(rowid)) - 1 AS rid, ${r} AS respondent${firstAttrs}
			FROM ${ident(raw)} WHERE ${r} IS NOT NULL GROUP BY ${r}`,
		`CREATE TABLE ${t('outcomes')} AS SELECT CAST(row_number() OVER (ORDER BY min(rowid)) - 1 AS INTEGER) AS idx,
			${o} AS id, ${o} AS label, CAST(NULL AS VARCHAR) AS step FROM ${ident(raw)} WHERE ${o} IS NOT NULL GROUP BY ${o}`,
		`CREATE TABLE ${t('long')} AS SELECT p.rid, o.idx, x.${c(layout.importance)} AS imp_raw, x.${c(layout.satisfaction)} AS sat_raw
			FROM ${ident(raw)} x JOIN ${t('resp')} p ON x.${r} = p.respondent JOIN ${t('outcomes')} o ON x.${o} = o.id`,
		...side
	];
}

/** Rows of a long-layout file that name no respondent or no outcome (reported, not used). */
export function unusableLongRows(layout: Layout, raw: string = T.raw): Query | null {
	if (layout.kind !== 'long') return null;
	return {
		text: `SELECT count(*) AS n FROM ${ident(raw)} WHERE ${c(layout.respondent)} IS NULL OR ${c(layout.outcome)} IS NULL`,
		params: []
	};
}

/** Outcome ids and labels for a wide layout (idx 0…), bound as parameters, in one statement. */
export function insertOutcomes(outcomes: readonly { id: string; label: string }[]): Query {
	return {
		text: `INSERT INTO ${t('outcomes')} VALUES ${outcomes.map(() => '(?, ?, ?, NULL)').join(', ')}`,
		params: outcomes.flatMap((o, idx) => [idx, o.id, o.label])
	};
}

/** A dictionary's statement and job step for one outcome (null keeps the label). */
export function updateOutcome(idx: number, label: string | null, step: string | null): Query {
	return {
		text: `UPDATE ${t('outcomes')} SET label = coalesce(?, id), step = ? WHERE idx = ?`,
		params: [label, step, idx]
	};
}

/** A rating's text without NBSP/whitespace at either end. */
const clean = (x: string) => `regexp_replace(${x}, '^[\\s\\xa0]+|[\\s\\xa0]+$', '', 'g')`;
/** Text that looks like a number ('4', '4.5', '4,0', '-1'): read by the number rules, never as a label. */
const NUMBERISH = `'[+-]?[0-9]+([.,][0-9]+)?'`;

/**
 * 1–5 when the text is a plain number equal to an integer 1–5 ('4', '4.0', '5.00'), else NULL.
 * Blank is missing; anything else (0, 6, 4.5, 1e0) is invalid unless a label maps it.
 */
export function ratingExpr(x: string): string {
	const v = clean(x);
	return `CASE WHEN regexp_full_match(${v}, '\\+?[0-9]+(\\.[0-9]+)?') AND TRY_CAST(${v} AS DOUBLE) IN (1, 2, 3, 4, 5)
		THEN CAST(TRY_CAST(${v} AS DOUBLE) AS INTEGER) END`;
}

/**
 * Distinct answers that are not numbers, per side ('imp'/'sat'), most frequent first: text labels
 * to map. Grouped on the raw text first, so the cleaning runs once per distinct answer.
 */
export function labelCandidates(limit = 500): Query {
	const part = (side: string, x: string) =>
		`SELECT '${side}' AS side, ${x} AS raw, count(*) AS n FROM ${t('long')} GROUP BY ${x}`;
	// MATERIALIZED keeps the filter from being pushed below the grouping (onto every rating).
	return {
		text: `WITH d AS MATERIALIZED (${part('imp', 'imp_raw')} UNION ALL ${part('sat', 'sat_raw')}),
c AS MATERIALIZED (SELECT side, ${clean('raw')} AS value, n FROM d)
SELECT side, value, sum(n) AS n FROM c
WHERE value <> '' AND NOT regexp_full_match(value, ${NUMBERISH})
GROUP BY side, value ORDER BY side, n DESC, value LIMIT ?`,
		params: [limit]
	};
}

/** Replace the label map: one row per (side, raw) → 1–5, or NULL for "no answer". */
export function setLabels(
	entries: readonly { side: 'imp' | 'sat'; raw: string; value: number | null }[]
): Query[] {
	const out: Query[] = [{ text: `DELETE FROM ${t('labels')}`, params: [] }];
	for (let i = 0; i < entries.length; i += 200) {
		const chunk = entries.slice(i, i + 200);
		out.push({
			text: `INSERT INTO ${t('labels')} VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
			params: chunk.flatMap((e) => [e.side, e.raw, e.value])
		});
	}
	return out;
}

/**
 * (Re)build survey_rated: each distinct answer text is read once (a number 1–5, or through the
 * label map; present but neither is invalid), then joined to every rating.
 */
export function buildRated(): string[] {
	const values = ident('survey_values');
	const distinct = (side: string, x: string) =>
		`SELECT DISTINCT '${side}' AS side, ${x} AS raw FROM ${t('long')} WHERE ${x} IS NOT NULL`;
	const num = ratingExpr('d.raw');
	return [
		`CREATE OR REPLACE TEMP TABLE ${values} AS SELECT d.side, d.raw, coalesce(${num}, lb.value) AS value,
		coalesce(${clean('d.raw')} <> '' AND ${num} IS NULL AND lb.raw IS NULL, false) AS bad
	FROM (${distinct('imp', 'imp_raw')} UNION ALL ${distinct('sat', 'sat_raw')}) d
	LEFT JOIN ${t('labels')} lb ON lb.side = d.side AND lb.raw = ${clean('d.raw')}`,
		`CREATE OR REPLACE TABLE ${t('rated')} AS SELECT l.rid, l.idx,
		vi.value AS imp, coalesce(vi.bad, false) AS imp_bad, vs.value AS sat, coalesce(vs.bad, false) AS sat_bad,
		l.imp_raw, l.sat_raw
	FROM ${t('long')} l
	LEFT JOIN ${values} vi ON vi.side = 'imp' AND vi.raw = l.imp_raw
	LEFT JOIN ${values} vs ON vs.side = 'sat' AND vs.raw = l.sat_raw`
	];
}

/** Replace the excluded respondents (rids, bound as one comma-separated parameter). */
export function setExcluded(rids: readonly number[]): Query {
	return {
		text: `CREATE OR REPLACE TABLE ${t('excluded')} AS SELECT DISTINCT CAST(x AS BIGINT) AS rid
	FROM (SELECT unnest(string_split(?, ',')) AS x) WHERE x <> ''`,
		params: [rids.join(',')]
	};
}

const SEP = '\u001f';
/** Replace the cluster attribute: one name per rid 0…n−1 ('' = not clustered), bound as one parameter. */
export function setClusters(names: readonly string[]): Query {
	return {
		text: `CREATE OR REPLACE TABLE ${t('cluster')} AS SELECT rid, nullif(segment, '') AS segment FROM (
	SELECT unnest(range(len(l))) AS rid, unnest(l) AS segment FROM (SELECT string_split(?, chr(31)) AS l))`,
		params: [names.join(SEP)]
	};
}

/** A respondent attribute: a raw column index, or the outcome-based cluster. */
export type AttrKey = number | 'cluster';

const attrExpr = (a: AttrKey) => (a === 'cluster' ? 'k.segment' : `p.${c(a)}`);

export interface SurveyFilter {
	attribute: AttrKey;
	value: string | null;
}

export interface ScoreOptions {
	variant: Variant;
	policy: MissingPolicy;
	filters: readonly SurveyFilter[];
	/** Raw column index of the weight column, or null. */
	weight: number | null;
	/** Score each value of this attribute separately (null: everyone together). */
	groupBy: AttrKey | null;
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
	variant: 'ulwick',
	policy: 'available',
	filters: [],
	weight: null,
	groupBy: null
};

const weightExpr = (weight: number | null) =>
	weight === null ? '1.0::DOUBLE' : `TRY_CAST(p.${c(weight)} AS DOUBLE)`;

/** Respondents in the analysis: not excluded, matching the filters, with a usable weight. */
function population(o: Pick<ScoreOptions, 'filters' | 'weight'>, join = ''): Query {
	const parts = [`p.rid NOT IN (SELECT rid FROM ${t('excluded')})`];
	for (const f of o.filters)
		parts.push(
			f.value === null ? `${attrExpr(f.attribute)} IS NULL` : `${attrExpr(f.attribute)} = ?`
		);
	const w = weightExpr(o.weight);
	if (o.weight !== null) parts.push(`isfinite(${w}) AND ${w} > 0`);
	return {
		text: `FROM ${t('resp')} p LEFT JOIN ${t('cluster')} k ON k.rid = p.rid ${join} WHERE ${parts.join(' AND ')}`,
		params: o.filters.flatMap((f) => (f.value === null ? [] : [f.value]))
	};
}

/** Respondents in the analysis, per group value when grouping. */
export function respondentCount(o: Partial<ScoreOptions> = {}): Query {
	const opts = { ...DEFAULT_SCORE_OPTIONS, ...o };
	const p = population(opts);
	const g = opts.groupBy === null ? 'CAST(NULL AS VARCHAR)' : attrExpr(opts.groupBy);
	return { text: `SELECT ${g} AS grp, count(*) AS n ${p.text} GROUP BY ALL`, params: p.params };
}

/** Respondents left out only because their weight is missing, zero, negative or not a number. */
export function unusableWeights(o: Pick<ScoreOptions, 'filters' | 'weight'>): Query {
	const p = population({ filters: o.filters, weight: null });
	const w = weightExpr(o.weight);
	return {
		text: `SELECT count(*) AS n ${p.text} AND NOT coalesce(isfinite(${w}) AND ${w} > 0, false)`,
		params: p.params
	};
}

/** One side's 0–10 score from its sums, for a variant's measure. */
function measureSql(x: 'i' | 's', variant: Variant): string {
	const m = VARIANT_MEASURE[variant];
	const sw = `nullif(${x}_sw, 0)`;
	if (m === 'top2') return `10.0 * ${x}_t2 / ${sw}`;
	if (m === 'top1') return `10.0 * ${x}_t1 / ${sw}`;
	return `(${x}_sx / ${sw} - 1) * 2.5`;
}

/**
 * Per outcome (per group value when grouping), over the respondents in the analysis:
 *   n, Σw, Σw², Σw·[4–5], Σw·[5], Σw·x, Σw·x² of each side (every w = 1 unweighted), invalid counts,
 *   importance and satisfaction on 0–10 by the variant's measure (top-2-box, top-box or mean),
 *   opportunity = I + max(I − S, 0) (plain: I + (I − S)), band and served status.
 * Available-case per metric by default; 'complete' counts a pair only when both sides are answered.
 * Ordered by group, then opportunity (highest first).
 */
export function surveyScores(o: Partial<ScoreOptions> = {}): Query {
	const opts = { ...DEFAULT_SCORE_OPTIONS, ...o };
	const p = population(opts, `JOIN ${t('rated')} l ON l.rid = p.rid`);
	const complete = opts.policy === 'complete' ? 'TRUE' : 'FALSE';
	const grouped = opts.groupBy !== null;
	const g = grouped ? attrExpr(opts.groupBy!) : 'CAST(NULL AS VARCHAR)';
	const diff = 'importance - satisfaction';
	const gap = VARIANT_FORMULA[opts.variant] === 'ulwick' ? `greatest(${diff}, 0)` : `(${diff})`;
	const [e10, e12, e15] = BAND_EDGES;
	const sums = (x: 'i' | 's') => `count(${x}) AS ${x}_n,
		coalesce(sum(w) FILTER (WHERE ${x} IS NOT NULL), 0) AS ${x}_sw,
		coalesce(sum(w * w) FILTER (WHERE ${x} IS NOT NULL), 0) AS ${x}_sw2,
		coalesce(sum(w) FILTER (WHERE ${x} >= 4), 0) AS ${x}_t2,
		coalesce(sum(w) FILTER (WHERE ${x} = 5), 0) AS ${x}_t1,
		coalesce(sum(w * ${x}), 0) AS ${x}_sx,
		coalesce(sum(w * ${x} * ${x}), 0) AS ${x}_sxx`;
	const zero = (x: 'i' | 's') =>
		['n', 'sw', 'sw2', 't2', 't1', 'sx', 'sxx']
			.map((k) => `coalesce(a.${x}_${k}, 0) AS ${x}_${k}`)
			.join(', ');
	return {
		text: `WITH r AS (
	SELECT ${g} AS grp, l.idx, ${weightExpr(opts.weight)} AS w,
		CASE WHEN ${complete} AND l.sat IS NULL THEN NULL ELSE l.imp END AS i,
		CASE WHEN ${complete} AND l.imp IS NULL THEN NULL ELSE l.sat END AS s,
		l.imp_bad, l.sat_bad, l.imp_raw, l.sat_raw
	${p.text}
), agg AS (
	SELECT grp, idx, ${sums('i')}, ${sums('s')},
		count(*) FILTER (WHERE imp_bad) + count(*) FILTER (WHERE sat_bad) AS invalid,
		list_sort(list_distinct(list_concat(
			coalesce(list(imp_raw) FILTER (WHERE imp_bad), []),
			coalesce(list(sat_raw) FILTER (WHERE sat_bad), [])))) AS invalid_values
	FROM r GROUP BY grp, idx
), groups AS (
	${grouped ? 'SELECT DISTINCT grp FROM r' : 'SELECT CAST(NULL AS VARCHAR) AS grp'}
), s AS (
	SELECT g.grp, o.id, o.label, o.step, o.idx, ${zero('i')}, ${zero('s')},
		coalesce(a.invalid, 0) AS invalid, coalesce(a.invalid_values, []) AS invalid_values
	FROM ${t('outcomes')} o CROSS JOIN groups g LEFT JOIN agg a ON a.idx = o.idx AND a.grp IS NOT DISTINCT FROM g.grp
), m AS (
	SELECT *, ${measureSql('i', opts.variant)} AS importance, ${measureSql('s', opts.variant)} AS satisfaction FROM s
), sc AS (
	SELECT *, importance + ${gap} AS opportunity FROM m
)
SELECT grp, idx, id, label, step, i_n AS n_importance, s_n AS n_satisfaction, invalid, invalid_values,
	importance, satisfaction, opportunity,
	CASE WHEN opportunity IS NULL THEN NULL WHEN opportunity > ${e15} THEN 'extreme' WHEN opportunity >= ${e12} THEN 'high'
		WHEN opportunity >= ${e10} THEN 'worth' ELSE 'low' END AS band,
	CASE WHEN opportunity IS NULL THEN NULL WHEN opportunity >= ${e10} THEN 'under'
		WHEN satisfaction > importance THEN 'over' ELSE 'appropriate' END AS served,
	i_n, i_sw, i_sw2, i_t2, i_t1, i_sx, i_sxx, s_n, s_sw, s_sw2, s_t2, s_t1, s_sx, s_sxx
FROM sc ORDER BY grp NULLS LAST, opportunity DESC NULLS LAST, idx`,
		params: p.params
	};
}

/**
 * Every respondent's ratings as digit strings, one row per outcome: imp/sat hold one character
 * '0'–'5' per respondent in rid order (0 = missing or invalid). `dense` when every (rid, idx) has
 * exactly one row (wide files); otherwise respondents × outcomes are completed with a join.
 */
export function ratingMatrix(dense: boolean): Query {
	const digits = (x: string, order: string) =>
		`string_agg(chr(48 + coalesce(${x}, 0)), '' ORDER BY ${order}) AS ${x}`;
	if (dense)
		return {
			text: `SELECT idx, ${digits('imp', 'rid')}, ${digits('sat', 'rid')} FROM ${t('rated')} GROUP BY idx ORDER BY idx`,
			params: []
		};
	return {
		text: `SELECT o.idx, ${digits('imp', 'p.rid')}, ${digits('sat', 'p.rid')}
	FROM ${t('outcomes')} o CROSS JOIN ${t('resp')} p
	LEFT JOIN (SELECT rid, idx, min(imp) AS imp, min(sat) AS sat FROM ${t('rated')} GROUP BY rid, idx) r
		ON r.rid = p.rid AND r.idx = o.idx
	GROUP BY o.idx ORDER BY o.idx`,
		params: []
	};
}

/** Every respondent (rid order) with the given attribute columns as a0…, and the weight when given. */
export function respondentRows(attributes: readonly number[], weight: number | null): Query {
	const a = attributes.map((i, j) => `, p.${c(i)} AS a${j}`).join('');
	return {
		text: `SELECT p.rid, p.respondent${a}, ${weightExpr(weight)} AS w, k.segment AS cluster
	FROM ${t('resp')} p LEFT JOIN ${t('cluster')} k ON k.rid = p.rid ORDER BY p.rid`,
		params: []
	};
}

/** Per attribute column: distinct values and how many of its values read as numbers (weight candidates). */
export function attributeStats(attributes: readonly number[]): Query {
	if (attributes.length === 0) return { text: 'SELECT 1 AS none', params: [] };
	const parts = attributes.map(
		(i, j) =>
			`count(DISTINCT ${c(i)}) AS d${j}, count(${c(i)}) AS n${j}, count(TRY_CAST(${c(i)} AS DOUBLE)) AS x${j}`
	);
	return { text: `SELECT ${parts.join(', ')} FROM ${t('resp')}`, params: [] };
}

/** Distinct values of one attribute with respondent counts (all respondents), most frequent first. */
export function attributeValues(a: AttrKey, limit = 60): Query {
	return {
		text: `SELECT ${attrExpr(a)} AS value, count(*) AS n FROM ${t('resp')} p LEFT JOIN ${t('cluster')} k ON k.rid = p.rid
	GROUP BY ALL ORDER BY n DESC, value NULLS LAST LIMIT ?`,
		params: [limit]
	};
}

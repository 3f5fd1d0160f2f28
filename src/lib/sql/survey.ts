/**
 * Survey SQL. The raw upload is an all-VARCHAR table (c0…cn); these builders reshape it into
 *   survey_resp(rid, respondent, c<attr>…)       one row per respondent (rid 0…n−1)
 *   survey_outcomes(idx, id, label, step)        one row per outcome (text bound as parameters)
 *   survey_long(rid, idx, imp_raw, sat_raw)      a view: one row per respondent × outcome, read
 *                                                straight from the raw table whenever it is used
 *   survey_answers(imp_raw, sat_raw, n)          the distinct answer pairs with their counts (small)
 *   survey_labels(side, raw, value)              text answers mapped to 1–5 (value NULL = no answer)
 *   survey_rated(rid, idx, imp, sat, imp_invalid, sat_invalid)
 *                                                ratings read once: numbers or mapped labels, and the
 *                                                answer text where it is invalid (else NULL)
 *   survey_excluded(rid), survey_cluster(rid, segment)
 * and score it. Only internal names (c<i>, table names, fixed keywords) and counts the code itself
 * computed are ever spliced into the text; every value is a bound parameter.
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
	answers: 'survey_answers',
	labels: 'survey_labels',
	rated: 'survey_rated',
	excluded: 'survey_excluded',
	cluster: 'survey_cluster'
} as const;

const c = (i: number) => ident(col(i));
const t = (name: keyof typeof T) => ident(T[name]);

/**
 * Statements that build the survey tables from the raw table for a layout. `survey_long` is a view
 * (never stored: it is read twice, for the answers and the ratings); `survey_answers` is its one
 * pass that every later step (labels, the rating map) reads instead of a million rows.
 */
export function reshapeSurvey(layout: Layout, raw: string = T.raw): string[] {
	const attrs = layout.attributes.map((i) => `, ${c(i)}`).join('');
	const firstAttrs = layout.attributes
		.map((i) => `, first(${c(i)} ORDER BY rowid) AS ${c(i)}`)
		.join('');
	const drop = [
		`DROP VIEW IF EXISTS ${t('long')}`,
		...[T.resp, T.outcomes, T.answers, T.labels, T.rated, T.excluded, T.cluster].map(
			(x) => `DROP TABLE IF EXISTS ${ident(x)}`
		)
	];
	const side = [
		`CREATE TABLE ${t('answers')} AS SELECT imp_raw, sat_raw, count(*) AS n FROM ${t('long')} GROUP BY imp_raw, sat_raw`,
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
			`CREATE VIEW ${t('long')} AS ${parts.join(' UNION ALL ')}`,
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
		`CREATE VIEW ${t('long')} AS SELECT p.rid, o.idx, x.${c(layout.importance)} AS imp_raw, x.${c(layout.satisfaction)} AS sat_raw
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
 * to map. Read from `survey_answers` (grouped on the raw text already), so the cleaning runs once
 * per distinct answer.
 */
export function labelCandidates(limit = 500): Query {
	const part = (side: string, x: string) =>
		`SELECT '${side}' AS side, ${x} AS raw, CAST(sum(n) AS BIGINT) AS n FROM ${t('answers')} GROUP BY ${x}`;
	// MATERIALIZED keeps the filter from being pushed below the grouping (onto every answer).
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
 * (Re)build survey_rated in one statement: each distinct answer text (from `survey_answers`) is
 * read once — a number 1–5, or through the label map; present but neither is invalid — then each
 * distinct answer pair gets both readings, and every rating of `survey_long` is joined to its pair
 * (one join, NULL matching NULL). The text is kept only where it is invalid (for the warnings).
 */
export function buildRated(): string[] {
	const distinct = (side: string, x: string) =>
		`SELECT DISTINCT '${side}' AS side, ${x} AS raw FROM ${t('answers')} WHERE ${x} IS NOT NULL`;
	const num = ratingExpr('d.raw');
	return [
		`CREATE OR REPLACE TABLE ${t('rated')} AS WITH v AS MATERIALIZED (
	SELECT d.side, d.raw, coalesce(${num}, lb.value) AS value,
		coalesce(${clean('d.raw')} <> '' AND ${num} IS NULL AND lb.raw IS NULL, false) AS bad
	FROM (${distinct('imp', 'imp_raw')} UNION ALL ${distinct('sat', 'sat_raw')}) d
	LEFT JOIN ${t('labels')} lb ON lb.side = d.side AND lb.raw = ${clean('d.raw')}
), p AS MATERIALIZED (
	SELECT a.imp_raw, a.sat_raw, vi.value AS imp, vs.value AS sat,
		coalesce(vi.bad, false) AS imp_bad, coalesce(vs.bad, false) AS sat_bad
	FROM ${t('answers')} a
	LEFT JOIN v vi ON vi.side = 'imp' AND vi.raw = a.imp_raw
	LEFT JOIN v vs ON vs.side = 'sat' AND vs.raw = a.sat_raw
)
SELECT l.rid, l.idx, p.imp, p.sat,
	CASE WHEN p.imp_bad THEN l.imp_raw END AS imp_invalid, CASE WHEN p.sat_bad THEN l.sat_raw END AS sat_invalid
FROM ${t('long')} l
LEFT JOIN p ON p.imp_raw IS NOT DISTINCT FROM l.imp_raw AND p.sat_raw IS NOT DISTINCT FROM l.sat_raw`
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

/** The `agg` CTE from every rated row `r` with its weight w: Σw, Σw², Σw·x… as DOUBLE sums. */
function weightedSums(invalidValues: string): string {
	const sums = (x: 'i' | 's') => `count(${x}) AS ${x}_n,
		coalesce(sum(w) FILTER (WHERE ${x} IS NOT NULL), 0) AS ${x}_sw,
		coalesce(sum(w * w) FILTER (WHERE ${x} IS NOT NULL), 0) AS ${x}_sw2,
		coalesce(sum(w) FILTER (WHERE ${x} >= 4), 0) AS ${x}_t2,
		coalesce(sum(w) FILTER (WHERE ${x} = 5), 0) AS ${x}_t1,
		coalesce(sum(w * ${x}), 0) AS ${x}_sx,
		coalesce(sum(w * ${x} * ${x}), 0) AS ${x}_sxx`;
	return `agg AS (
	SELECT grp, idx, ${sums('i')}, ${sums('s')},
		count(imp_invalid) + count(sat_invalid) AS invalid,
		${invalidValues}
	FROM r GROUP BY grp, idx
)`;
}

/**
 * The same `agg` CTE without weights (every w = 1): the rows are first counted per distinct
 * (group, outcome, i, s, invalid texts) — k rows each, a few thousand groups instead of a row per
 * rating — and the sums taken over those counts: Σw = Σk, Σw² = Σk, Σw·x = Σk·x, Σw·x² = Σk·x².
 * Every sum is a whole number, so it is exact in any order and equals the row-by-row DOUBLE sum
 * bit for bit; the columns keep their types (n and invalid BIGINT, the sums DOUBLE).
 * Ratings i = 5, 5, 4, NULL → counts (5, k 2), (4, k 1), (NULL, k 1) → n 3, Σw 3, t2 3, t1 2,
 * Σx 2·5 + 4 = 14, Σx² 2·25 + 16 = 66.
 */
function countedSums(invalidValues: string): string {
	const whole = (x: string) => `CAST(${x} AS BIGINT)`;
	const real = (x: string) => `coalesce(CAST(${x} AS DOUBLE), 0)`;
	const sums = (
		x: 'i' | 's'
	) => `${whole(`coalesce(sum(k) FILTER (WHERE ${x} IS NOT NULL), 0)`)} AS ${x}_n,
		${real(`sum(k) FILTER (WHERE ${x} IS NOT NULL)`)} AS ${x}_sw,
		${real(`sum(k) FILTER (WHERE ${x} IS NOT NULL)`)} AS ${x}_sw2,
		${real(`sum(k) FILTER (WHERE ${x} >= 4)`)} AS ${x}_t2,
		${real(`sum(k) FILTER (WHERE ${x} = 5)`)} AS ${x}_t1,
		${real(`sum(k * ${x})`)} AS ${x}_sx,
		${real(`sum(k * ${x} * ${x})`)} AS ${x}_sxx`;
	return `c AS (
	SELECT grp, idx, i, s, imp_invalid, sat_invalid, count(*) AS k FROM r GROUP BY ALL
), agg AS (
	SELECT grp, idx, ${sums('i')}, ${sums('s')},
		${whole(`coalesce(sum(k) FILTER (WHERE imp_invalid IS NOT NULL), 0) + coalesce(sum(k) FILTER (WHERE sat_invalid IS NOT NULL), 0)`)} AS invalid,
		${invalidValues}
	FROM c GROUP BY grp, idx
)`;
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
	const zero = (x: 'i' | 's') =>
		['n', 'sw', 'sw2', 't2', 't1', 'sx', 'sxx']
			.map((k) => `coalesce(a.${x}_${k}, 0) AS ${x}_${k}`)
			.join(', ');
	const invalidValues = `list_sort(list_distinct(list_concat(
			coalesce(list(imp_invalid) FILTER (WHERE imp_invalid IS NOT NULL), []),
			coalesce(list(sat_invalid) FILTER (WHERE sat_invalid IS NOT NULL), [])))) AS invalid_values`;
	return {
		text: `WITH r AS (
	SELECT ${g} AS grp, l.idx, ${weightExpr(opts.weight)} AS w,
		CASE WHEN ${complete} AND l.sat IS NULL THEN NULL ELSE l.imp END AS i,
		CASE WHEN ${complete} AND l.imp IS NULL THEN NULL ELSE l.sat END AS s,
		l.imp_invalid, l.sat_invalid
	${p.text}
), ${opts.weight === null ? countedSums(invalidValues) : weightedSums(invalidValues)}, groups AS (
	${grouped ? `SELECT DISTINCT grp FROM ${opts.weight === null ? 'c' : 'r'}` : 'SELECT CAST(NULL AS VARCHAR) AS grp'}
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

/** Respondents and label values outside 1–5 (which `ratingMatrix` must then leave out itself). */
export function matrixSize(): Query {
	return {
		text: `SELECT (SELECT count(*) FROM ${t('resp')}) AS n,
	(SELECT count(*) FROM ${t('labels')} WHERE value NOT BETWEEN 1 AND 5) AS odd`,
		params: []
	};
}

/**
 * Every respondent's ratings as bits, one row per outcome: for each side one bit string of 5 bits
 * per respondent, one-hot — bit 5·rid + r − 1 set when the rating is r (1–5); none set when missing
 * or invalid — sent as base64 of its bytes (NULL when no respondent has a rating). `bitstring_agg`
 * places each bit by its position, so nothing is sorted; `decodeOneHot` reads it back.
 * `n` respondents (rid 0…n−1, n ≥ 1). `dense` when every (rid, idx) has exactly one row (wide
 * files); otherwise each (rid, idx) takes its lowest rating, and outcomes without any keep a row.
 * `guard` leaves out ratings outside 1–5 (only a label map can make them; see `matrixSize`).
 */
export function ratingMatrix(dense: boolean, n: number, guard = false): Query {
	if (!Number.isSafeInteger(n) || n < 1) throw new Error(`ratingMatrix: n must be ≥ 1, not ${n}`);
	const bits = (x: string) => {
		const pos = `r.rid * 5 + r.${x} - 1`;
		const p = guard ? `CASE WHEN r.${x} BETWEEN 1 AND 5 THEN ${pos} END` : pos;
		return `to_base64(bitstring_agg(${p}, 0, ${5 * n - 1})::BLOB) AS ${x}`;
	};
	if (dense)
		return {
			text: `SELECT r.idx, ${bits('imp')}, ${bits('sat')} FROM ${t('rated')} r GROUP BY r.idx ORDER BY r.idx`,
			params: []
		};
	return {
		text: `SELECT o.idx, ${bits('imp')}, ${bits('sat')}
	FROM ${t('outcomes')} o
	LEFT JOIN (SELECT rid, idx, min(imp) AS imp, min(sat) AS sat FROM ${t('rated')} GROUP BY rid, idx) r ON r.idx = o.idx
	GROUP BY o.idx ORDER BY o.idx`,
		params: []
	};
}

/**
 * Every respondent as one row of lists in rid order (one list per column, so the rows never become
 * objects): ids, the given attribute columns as a0…, the weight w (when given) and the cluster.
 * No respondents: one row of NULLs.
 */
export function respondentLists(attributes: readonly number[], weight: number | null): Query {
	const list = (x: string, as: string) => `, list(${x} ORDER BY p.rid) AS ${as}`;
	const a = attributes.map((i, j) => list(`p.${c(i)}`, `a${j}`)).join('');
	const w = weight === null ? '' : list(weightExpr(weight), 'w');
	return {
		text: `SELECT list(p.respondent ORDER BY p.rid) AS ids${a}${w}${list('k.segment', 'cluster')}
	FROM ${t('resp')} p LEFT JOIN ${t('cluster')} k ON k.rid = p.rid`,
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

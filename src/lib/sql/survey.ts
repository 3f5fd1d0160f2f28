/**
 * Survey SQL. The raw upload is an all-VARCHAR table (c0…cn); these builders reshape it into
 *   survey_resp(rid, respondent, c<attr>…)   one row per respondent
 *   survey_outcomes(idx, id, label)          one row per outcome (ids/labels bound as parameters)
 *   survey_long(rid, idx, imp_raw, sat_raw)  one row per respondent × outcome
 * and score it. Only internal names (c<i>, table names) are ever spliced into the text.
 */
import { BAND_EDGES, type Formula } from '$lib/domain/opportunity';
import type { Layout } from '$lib/ingest/survey-layout';
import { col, ident, type Query } from './sql';

export const T = {
	raw: 'survey_raw',
	resp: 'survey_resp',
	outcomes: 'survey_outcomes',
	long: 'survey_long'
} as const;

const c = (i: number) => ident(col(i));

/** Statements that build survey_resp and survey_long from the raw table for a layout. */
export function reshapeSurvey(layout: Layout, raw: string = T.raw): string[] {
	const attrs = layout.attributes.map((i) => `, ${c(i)}`).join('');
	const firstAttrs = layout.attributes
		.map((i) => `, first(${c(i)} ORDER BY rowid) AS ${c(i)}`)
		.join('');
	const drop = [T.resp, T.long, T.outcomes].map((t) => `DROP TABLE IF EXISTS ${ident(t)}`);
	if (layout.kind === 'wide') {
		const respondent =
			layout.respondent === null ? 'CAST(rowid + 1 AS VARCHAR)' : c(layout.respondent);
		const parts = layout.pairs.map(
			(p, idx) =>
				`SELECT rowid AS rid, ${idx} AS idx, ${c(p.imp)} AS imp_raw, ${c(p.sat)} AS sat_raw FROM ${ident(raw)}`
		);
		return [
			...drop,
			`CREATE TABLE ${ident(T.resp)} AS SELECT rowid AS rid, ${respondent} AS respondent${attrs} FROM ${ident(raw)}`,
			`CREATE TABLE ${ident(T.outcomes)} (idx INTEGER, id VARCHAR, label VARCHAR)`,
			`CREATE TABLE ${ident(T.long)} AS ${parts.join(' UNION ALL ')}`
		];
	}
	const r = c(layout.respondent);
	const o = c(layout.outcome);
	return [
		...drop,
		`CREATE TABLE ${ident(T.resp)} AS SELECT row_number() OVER (ORDER BY min(rowid)) - 1 AS rid, ${r} AS respondent${firstAttrs}
			FROM ${ident(raw)} WHERE ${r} IS NOT NULL GROUP BY ${r}`,
		`CREATE TABLE ${ident(T.outcomes)} AS SELECT CAST(row_number() OVER (ORDER BY min(rowid)) - 1 AS INTEGER) AS idx,
			${o} AS id, ${o} AS label FROM ${ident(raw)} WHERE ${o} IS NOT NULL GROUP BY ${o}`,
		`CREATE TABLE ${ident(T.long)} AS SELECT p.rid, o.idx, x.${c(layout.importance)} AS imp_raw, x.${c(layout.satisfaction)} AS sat_raw
			FROM ${ident(raw)} x JOIN ${ident(T.resp)} p ON x.${r} = p.respondent JOIN ${ident(T.outcomes)} o ON x.${o} = o.id`
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

/** Outcome ids and labels for a wide layout, bound as parameters. */
export function insertOutcome(idx: number, id: string, label: string): Query {
	return { text: `INSERT INTO ${ident(T.outcomes)} VALUES (?, ?, ?)`, params: [idx, id, label] };
}

/** A rating's text without NBSP/whitespace at either end. */
const clean = (x: string) => `regexp_replace(${x}, '^[\\s\\xa0]+|[\\s\\xa0]+$', '', 'g')`;

/**
 * 1–5 when the text is a plain number equal to an integer 1–5 ('4', '4.0', '5.00'), else NULL.
 * Blank is missing; anything else (0, 6, 4.5, text, 1e0) is invalid.
 */
export function ratingExpr(x: string): string {
	const t = clean(x);
	return `CASE WHEN regexp_full_match(${t}, '\\+?[0-9]+(\\.[0-9]+)?') AND TRY_CAST(${t} AS DOUBLE) IN (1, 2, 3, 4, 5)
		THEN CAST(TRY_CAST(${t} AS DOUBLE) AS INTEGER) END`;
}
/** True when the text is present but not a valid rating. */
export function invalidExpr(x: string): string {
	return `(${clean(x)} <> '' AND ${ratingExpr(x)} IS NULL)`;
}

export interface SurveyFilter {
	/** Raw column index of a respondent attribute. */
	attribute: number;
	value: string | null;
}

function where(filters: readonly SurveyFilter[]): Query {
	if (filters.length === 0) return { text: 'TRUE', params: [] };
	const parts = filters.map((f) =>
		f.value === null ? `${c(f.attribute)} IS NULL` : `${c(f.attribute)} = ?`
	);
	return {
		text: parts.join(' AND '),
		params: filters.flatMap((f) => (f.value === null ? [] : [f.value]))
	};
}

/** Respondents (after filters). */
export function respondentCount(filters: readonly SurveyFilter[] = []): Query {
	const w = where(filters);
	return { text: `SELECT count(*) AS n FROM ${ident(T.resp)} WHERE ${w.text}`, params: w.params };
}

/**
 * Per outcome, available-case per metric:
 *   importance = 10 × #(4–5) / #valid importance; satisfaction likewise;
 *   opportunity = importance + max(importance − satisfaction, 0)  (ulwick)
 *               = importance + (importance − satisfaction)        (plain)
 * with band and served status, ordered by opportunity (highest first).
 */
export function surveyScores(formula: Formula, filters: readonly SurveyFilter[] = []): Query {
	const w = where(filters);
	const diff = 'a.importance - a.satisfaction';
	const gap = formula === 'ulwick' ? `greatest(${diff}, 0)` : `(${diff})`;
	const [e10, e12, e15] = BAND_EDGES;
	return {
		text: `WITH r AS (
	SELECT l.idx, ${ratingExpr('l.imp_raw')} AS imp, ${ratingExpr('l.sat_raw')} AS sat,
		${invalidExpr('l.imp_raw')} AS imp_bad, ${invalidExpr('l.sat_raw')} AS sat_bad, l.imp_raw, l.sat_raw
	FROM ${ident(T.long)} l JOIN ${ident(T.resp)} p ON l.rid = p.rid
	WHERE ${w.text}
), agg AS (
	SELECT idx,
		count(imp) AS n_importance,
		count(sat) AS n_satisfaction,
		count(*) FILTER (WHERE imp_bad) + count(*) FILTER (WHERE sat_bad) AS invalid,
		list_sort(list_distinct(list_concat(
			coalesce(list(imp_raw) FILTER (WHERE imp_bad), []),
			coalesce(list(sat_raw) FILTER (WHERE sat_bad), [])))) AS invalid_values,
		10.0::DOUBLE * count(*) FILTER (WHERE imp >= 4) / nullif(count(imp), 0) AS importance,
		10.0::DOUBLE * count(*) FILTER (WHERE sat >= 4) / nullif(count(sat), 0) AS satisfaction
	FROM r GROUP BY idx
), s AS (
	SELECT o.id, o.label, o.idx,
		coalesce(a.n_importance, 0) AS n_importance, coalesce(a.n_satisfaction, 0) AS n_satisfaction,
		coalesce(a.invalid, 0) AS invalid, coalesce(a.invalid_values, []) AS invalid_values,
		a.importance, a.satisfaction, a.importance + ${gap} AS opportunity
	FROM ${ident(T.outcomes)} o LEFT JOIN agg a ON a.idx = o.idx
)
SELECT id, label, n_importance, n_satisfaction, invalid, invalid_values, importance, satisfaction, opportunity,
	CASE WHEN opportunity IS NULL THEN NULL WHEN opportunity > ${e15} THEN 'extreme' WHEN opportunity >= ${e12} THEN 'high'
		WHEN opportunity >= ${e10} THEN 'worth' ELSE 'low' END AS band,
	CASE WHEN opportunity IS NULL THEN NULL WHEN opportunity >= ${e10} THEN 'under'
		WHEN satisfaction > importance THEN 'over' ELSE 'appropriate' END AS served
FROM s ORDER BY opportunity DESC NULLS LAST, idx`,
		params: w.params
	};
}

/**
 * Stage history: `pipeline_history(deal_id, changed, changed_raw, seq, stage, close_date)`, one row per
 * recorded change (Salesforce OpportunityHistory) or per stage entered (HubSpot `Date entered`
 * columns), and the metrics that need it. Rows of a deal are ordered by date, then by the raw
 * timestamp text (same-day times sort as text when zero-padded), then by file order.
 */
import type { DateFormat } from '$lib/domain/pipeline/parse-format';
import type { PipelineFilter } from '$lib/domain/pipeline/types';
import { AS_OF, PT } from './pipeline-build';
import { CURRENT_LEVEL, dealsCte, FUNNEL_SELECT, STEPS } from './pipeline';
import { ident, type Query } from './sql';
import { cleanExpr, dateExpr, flagExpr } from './typed';

const H = ident(PT.history);
const ORDER = 'ORDER BY changed, changed_raw, seq';

export function createHistory(): Query {
	return {
		text: `CREATE OR REPLACE TABLE ${H} (deal_id VARCHAR, changed DATE, changed_raw VARCHAR, seq BIGINT, stage VARCHAR, close_date DATE)`,
		params: []
	};
}

const text = (column: string) => `nullif(${cleanExpr(column)}, '')`;
const date = (column: string, fmt: DateFormat | null) =>
	fmt ? dateExpr(column, fmt) : 'CAST(NULL AS DATE)';

export interface SalesforceColumns {
	id: string;
	at: string;
	stage: string;
	close: string | null;
	deleted: string | null;
}

/** OpportunityHistory rows (rows flagged IsDeleted left out): one INSERT … SELECT. */
export function insertSalesforceHistory(
	raw: string,
	c: SalesforceColumns,
	atFormat: DateFormat | null,
	closeFormat: DateFormat | null
): Query {
	return {
		text: `INSERT INTO ${H} SELECT ${text(c.id)}, ${date(c.at, atFormat)}, ${cleanExpr(c.at)}, rowid,
	${text(c.stage)}, ${c.close ? date(c.close, closeFormat) : 'CAST(NULL AS DATE)'}
FROM ${ident(raw)} WHERE ${text(c.id)} IS NOT NULL${c.deleted ? ` AND NOT coalesce(${flagExpr(c.deleted)}, FALSE)` : ''}`,
		params: []
	};
}

/** HubSpot `Date entered "<stage> (<pipeline>)"` cells as one row each; stage names bound as parameters. */
export function insertHubspotHistory(
	raw: string,
	id: string,
	entries: readonly { column: string; stage: string }[],
	fmt: DateFormat | null
): Query {
	const parts = entries.map(
		(e, k) =>
			`SELECT ${text(id)} AS deal_id, ${date(e.column, fmt)} AS changed, ${cleanExpr(e.column)} AS changed_raw,
		rowid * 1000 + ${k} AS seq, CAST(? AS VARCHAR) AS stage, CAST(NULL AS DATE) AS close_date FROM ${ident(raw)}`
	);
	return {
		text: `INSERT INTO ${H} SELECT * FROM (${parts.join('\nUNION ALL ')}) WHERE deal_id IS NOT NULL AND changed_raw <> ''`,
		params: entries.map((e) => e.stage)
	};
}

/** Distinct stage names in the history, first seen first. */
export function historyStagesQuery(): Query {
	return {
		text: `SELECT stage AS value, count(*) AS n FROM ${H} WHERE stage IS NOT NULL GROUP BY stage ORDER BY min(seq)`,
		params: []
	};
}

/** Rows, rows without a readable date, history deals, and how many of them are in the deals file. */
export function historySummaryQuery(): Query {
	return {
		text: `SELECT count(*) AS rows, count(*) FILTER (WHERE changed IS NULL) AS no_date,
	count(DISTINCT deal_id) AS ids,
	count(DISTINCT deal_id) FILTER (WHERE deal_id IN (SELECT id FROM ${ident(PT.deals)})) AS matched
FROM ${H}`,
		params: []
	};
}

/**
 * Stays in a stage: consecutive rows of a deal in the same stage form one visit, entered at its
 * first row, left when the next visit starts (`left_at` NULL: still there).
 */
const VISITS = `hv AS (
	SELECT h.deal_id, h.changed, h.changed_raw, h.seq, v.pos, coalesce(CAST(v.pos AS VARCHAR), 'raw:' || h.stage) AS skey
	FROM ${H} h LEFT JOIN ${ident(PT.values)} v ON v.field = 'stage' AND v.raw = h.stage
	WHERE h.changed IS NOT NULL AND h.stage IS NOT NULL AND h.deal_id IN (SELECT id FROM d)
), hr AS (
	SELECT *, CASE WHEN skey IS DISTINCT FROM lag(skey) OVER (PARTITION BY deal_id ${ORDER}) THEN 1 ELSE 0 END AS new_visit FROM hv
), hn AS (
	SELECT *, sum(new_visit) OVER (PARTITION BY deal_id ${ORDER}) AS visit FROM hr
), visits AS (
	SELECT deal_id, visit, any_value(pos) AS pos, min(changed) AS entered FROM hn GROUP BY deal_id, visit
), spans AS (
	SELECT *, lead(entered) OVER (PARTITION BY deal_id ORDER BY visit) AS left_at FROM visits
)`;

/**
 * Days in each open stage, over completed stays (a deal's stays in one stage summed):
 * mean, median and the number of deals, in dictionary order.
 */
export function daysInStageQuery(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, ${VISITS}, per AS (
	SELECT deal_id, pos, sum(date_diff('day', entered, left_at)) AS days
	FROM spans WHERE left_at IS NOT NULL AND pos IS NOT NULL GROUP BY deal_id, pos
)
SELECT s.name AS stage, avg(days) AS avg_days, quantile_cont(days, 0.5) AS median_days, count(*) AS deals
FROM per JOIN ${ident(PT.stages)} s ON s.pos = per.pos WHERE s.kind = 'open'
GROUP BY s.pos, s.name ORDER BY s.pos`,
		params: d.params
	};
}

/** For the priorities: days since an open deal entered its current stage (history must agree on the stage). */
export const CURRENT_STAGE_DAYS = {
	ctes: `${VISITS}, cur AS (SELECT deal_id, pos, entered FROM spans WHERE left_at IS NULL)`,
	join: 'LEFT JOIN cur ON cur.deal_id = d.id AND cur.pos = d.stage_pos',
	days: `date_diff('day', cur.entered, ${AS_OF})`
};

/**
 * Cohort funnel: a deal reached step k when its history or its current stage shows step k or a
 * later one (won deals reached every open step).
 */
export function cohortFunnelQuery(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, ${STEPS},
hl AS (
	SELECT h.deal_id, max(st.idx) AS level
	FROM ${H} h JOIN ${ident(PT.values)} v ON v.field = 'stage' AND v.raw = h.stage JOIN steps st ON st.pos = v.pos
	WHERE h.deal_id IN (SELECT id FROM d) GROUP BY h.deal_id
),
lv AS (SELECT greatest(${CURRENT_LEVEL}, hl.level) AS level
	FROM d LEFT JOIN steps st ON st.pos = d.stage_pos LEFT JOIN hl ON hl.deal_id = d.id),
${FUNNEL_SELECT}`,
		params: d.params
	};
}

/** Close-date pushes per deal (the close date later than in the deal's previous row), as a histogram. */
export function slippageQuery(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, h AS (
	SELECT deal_id, close_date, lag(close_date) OVER (PARTITION BY deal_id ${ORDER}) AS prev
	FROM ${H} WHERE changed IS NOT NULL AND close_date IS NOT NULL AND deal_id IN (SELECT id FROM d)
), p AS (SELECT deal_id, count(*) FILTER (WHERE close_date > prev) AS pushes FROM h GROUP BY deal_id)
SELECT pushes, count(*) AS deals FROM p GROUP BY pushes ORDER BY pushes`,
		params: d.params
	};
}

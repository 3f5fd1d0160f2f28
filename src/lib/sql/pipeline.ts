/**
 * Pipeline metrics over `pipeline_all` (see pipeline-build.ts), one builder per metric. Every
 * builder starts from the filtered deals `d`; amounts are NULL (not 0) when no amount is mapped.
 */
import { AGING_BUCKETS, type PipelineFilter } from '$lib/domain/pipeline/types';
import { FIELDS } from '$lib/domain/pipeline/fields';
import type { SqlValue } from '$lib/db/db';
import { PT } from './pipeline-build';
import { ident, type Query } from './sql';

/** What the mapping allows; builders emit NULL for what it does not. */
export interface MetricContext {
	/** An amount column is mapped. */
	amount: boolean;
	/** A probability is known (file column or stage) and an amount is mapped. */
	weighted: boolean;
	/** Deals can be told open / won / lost. */
	outcome: boolean;
	/** A close date is mapped (and readable). */
	closeDate: boolean;
}

const DERIVED = ['kind', 'category', 'close_month', 'close_quarter', 'stage_raw', 'overdue'];

/**
 * A column a filter or breakdown may name: a field, a derived column, raw `c<i>` or lookup
 * `l<n>_c<i>`. dealColumn('owner') → "owner"; dealColumn('x; DROP') throws.
 */
export function dealColumn(name: string): string {
	const ok =
		(FIELDS as readonly string[]).includes(name) ||
		DERIVED.includes(name) ||
		/^(l\d+_)?c\d+$/.test(name);
	if (!ok) throw new Error(`Unknown deal column "${name}": use a field name, c<i> or l<n>_c<i>.`);
	return ident(name);
}

/** The filtered deals as CTE `d`: dealsCte([{ column: 'owner', value: 'Anna' }]) → d AS (… WHERE CAST("owner" AS VARCHAR) = ?). */
export function dealsCte(filters: readonly PipelineFilter[]): Query {
	const parts = filters.map((f) =>
		f.value === null
			? `${dealColumn(f.column)} IS NULL`
			: `CAST(${dealColumn(f.column)} AS VARCHAR) = ?`
	);
	return {
		text: `d AS (SELECT * FROM ${ident(PT.all)} WHERE ${parts.length ? parts.join(' AND ') : 'TRUE'})`,
		params: filters.flatMap((f): SqlValue[] => (f.value === null ? [] : [f.value]))
	};
}

const NULL = 'CAST(NULL AS DOUBLE)';
/**
 * Σ of a value over deals matching `where`: 0 when no deal matches, NULL when deals match but
 * none has a readable value (unknown, not 0).
 */
const sumOf = (value: string, where: string) =>
	`(CASE WHEN count(${value}) FILTER (WHERE ${where}) > 0 OR count(*) FILTER (WHERE ${where}) = 0 ` +
	`THEN coalesce(sum(${value}) FILTER (WHERE ${where}), 0) END)`;
/** Σ amount, or NULL for every group when no amount is mapped. */
const sumAmount = (ctx: MetricContext, where: string) =>
	ctx.amount ? sumOf('amount', where) : NULL;
/** Σ amount × probability / 100 over open deals. */
const sumWeighted = (ctx: MetricContext, where = 'TRUE') =>
	ctx.weighted ? sumOf('expected', `kind = 'open' AND ${where}`) : NULL;
const count = (ctx: MetricContext, where: string) =>
	ctx.outcome ? `count(*) FILTER (WHERE ${where})` : NULL;
const WIN_RATE = `count(*) FILTER (WHERE kind = 'won') / nullif(count(*) FILTER (WHERE kind IN ('won', 'lost')), 0)`;

/**
 * Headline figures: counts by outcome, amounts, win rates (won / (won + lost)), weighted
 * pipeline (Σ amount × probability / 100 of open deals), cycle days of won deals.
 */
export function kpisQuery(filters: readonly PipelineFilter[], ctx: MetricContext): Query {
	const d = dealsCte(filters);
	const wonCycle = `kind = 'won' AND cycle_days >= 0`;
	return {
		text: `WITH ${d.text}
SELECT count(*) AS deals,
	${count(ctx, `kind = 'open'`)} AS open,
	${count(ctx, `kind = 'won'`)} AS won,
	${count(ctx, `kind = 'lost'`)} AS lost,
	${ctx.outcome ? WIN_RATE : NULL} AS win_rate_count,
	${ctx.amount ? `sum(amount) FILTER (WHERE kind = 'won') / nullif(sum(amount) FILTER (WHERE kind IN ('won', 'lost')), 0)` : NULL} AS win_rate_value,
	${sumAmount(ctx, `kind = 'won'`)} AS won_amount,
	${sumAmount(ctx, `kind = 'open'`)} AS open_amount,
	${sumAmount(ctx, `kind = 'lost'`)} AS lost_amount,
	${sumWeighted(ctx)} AS weighted_pipeline,
	${ctx.amount ? `avg(amount) FILTER (WHERE kind = 'won')` : NULL} AS avg_won_amount,
	quantile_cont(cycle_days, 0.5) FILTER (WHERE ${wonCycle}) AS median_cycle_days_won,
	avg(cycle_days) FILTER (WHERE ${wonCycle}) AS mean_cycle_days_won,
	${ctx.closeDate && ctx.outcome ? `count(*) FILTER (WHERE overdue)` : NULL} AS overdue_open
FROM d`,
		params: d.params
	};
}

/** Deals, open deals, amount and weighted amount per dictionary stage, in dictionary order (empty stages too). */
export function byStageQuery(filters: readonly PipelineFilter[], ctx: MetricContext): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, g AS (
	SELECT stage_pos, count(*) AS deals, count(*) FILTER (WHERE kind = 'open') AS open,
		${sumAmount(ctx, 'TRUE')} AS amount, ${sumWeighted(ctx)} AS weighted
	FROM d GROUP BY stage_pos
)
SELECT s.name AS stage, s.kind, s.probability, coalesce(g.deals, 0) AS deals, coalesce(g.open, 0) AS open,
	${ctx.amount ? 'CASE WHEN g.deals IS NULL THEN 0 ELSE g.amount END' : NULL} AS amount,
	${ctx.weighted ? 'CASE WHEN g.deals IS NULL THEN 0 ELSE g.weighted END' : NULL} AS weighted
FROM ${ident(PT.stages)} s LEFT JOIN g ON g.stage_pos = s.pos ORDER BY s.pos`,
		params: d.params
	};
}

/** Non-lost dictionary stages as funnel steps `steps(pos, name, kind, idx)`, idx 0… in order. */
export const STEPS = `steps AS (SELECT pos, name, kind, CAST(row_number() OVER (ORDER BY pos) - 1 AS INTEGER) AS idx
	FROM ${ident(PT.stages)} WHERE kind <> 'lost')`;

/** A deal's furthest step now: its stage's step; won deals beyond every open step; lost deals none. */
export const CURRENT_LEVEL = `CASE WHEN d.kind = 'won' THEN CASE WHEN st.kind = 'won' THEN st.idx ELSE (SELECT max(idx) FROM steps) END
	WHEN d.kind = 'open' THEN st.idx END`;

/** Reached / step rate / cumulative rate from per-deal levels `lv(level)`. */
export const FUNNEL_SELECT = `r AS (SELECT s.idx, s.name, count(lv.level) AS reached FROM steps s LEFT JOIN lv ON lv.level >= s.idx GROUP BY s.idx, s.name)
SELECT name AS stage, reached,
	lead(reached) OVER (ORDER BY idx) / nullif(reached, 0) AS rate_next,
	reached / nullif(first_value(reached) OVER (ORDER BY idx), 0) AS cumulative
FROM r ORDER BY idx`;

/**
 * Snapshot funnel: per non-lost stage, the deals whose current stage is at or beyond it (won
 * deals beyond every open stage, lost deals left out).
 */
export function snapshotFunnelQuery(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, ${STEPS},
lv AS (SELECT ${CURRENT_LEVEL} AS level FROM d LEFT JOIN steps st ON st.pos = d.stage_pos),
${FUNNEL_SELECT}`,
		params: d.params
	};
}

/**
 * Forecast per close month: won amount by the month it closed, open amounts by forecast
 * category by planned close month, and the weighted open amount. Lost deals are left out.
 * Stackable numbers: deals without a readable amount add nothing (the warnings count them).
 * Only called when an amount and a close date are mapped.
 */
export function forecastQuery(filters: readonly PipelineFilter[], ctx: MetricContext): Query {
	const d = dealsCte(filters);
	const sum = (value: string, where: string) =>
		`coalesce(sum(${value}) FILTER (WHERE ${where}), 0)`;
	const cat = (c: string) => sum('amount', `kind = 'open' AND category = '${c}'`);
	return {
		text: `WITH ${d.text}
SELECT close_month AS month, ${sum('amount', `kind = 'won'`)} AS closed_won,
	${cat('commit')} AS commit, ${cat('best_case')} AS best_case, ${cat('pipeline')} AS pipeline,
	${ctx.weighted ? sum('expected', `kind = 'open'`) : '0'} AS weighted
FROM d WHERE close_month IS NOT NULL AND kind IN ('open', 'won') GROUP BY close_month ORDER BY close_month`,
		params: d.params
	};
}

/** Outcome counts, win rate and amounts per value of one deal column (most deals first). */
export function breakdownQuery(
	filters: readonly PipelineFilter[],
	ctx: MetricContext,
	column: string
): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}
SELECT CAST(${dealColumn(column)} AS VARCHAR) AS key, count(*) AS deals,
	count(*) FILTER (WHERE kind = 'open') AS open, count(*) FILTER (WHERE kind = 'won') AS won,
	count(*) FILTER (WHERE kind = 'lost') AS lost, ${WIN_RATE} AS win_rate,
	${sumAmount(ctx, `kind = 'open'`)} AS open_amount, ${sumWeighted(ctx)} AS weighted,
	${sumAmount(ctx, `kind = 'won'`)} AS won_amount
FROM d GROUP BY 1 ORDER BY deals DESC, key NULLS LAST`,
		params: d.params
	};
}

/** Open deals per age bucket (index into AGING_BUCKETS, upper bounds bound as parameters). */
export function agingQuery(filters: readonly PipelineFilter[], ctx: MetricContext): Query {
	const d = dealsCte(filters);
	const bounds = AGING_BUCKETS.flatMap((b) => (b.max === null ? [] : [b.max]));
	const cases = bounds.map((_, i) => `WHEN age_days <= ? THEN ${i}`).join(' ');
	return {
		text: `WITH ${d.text}
SELECT CASE ${cases} ELSE ${bounds.length} END AS bucket, count(*) AS deals, ${sumAmount(ctx, 'TRUE')} AS amount
FROM d WHERE kind = 'open' AND age_days >= 0 GROUP BY 1 ORDER BY 1`,
		params: [...d.params, ...bounds]
	};
}

/**
 * Open deals ranked by expected revenue (amount × probability / 100), highest first; deals
 * without one last. `stageDays` joins the days in the current stage (history only; NULL without).
 */
export function prioritiesQuery(
	filters: readonly PipelineFilter[],
	closeMonth: string | null,
	stageDays: { ctes: string; join: string; days: string } | null
): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}${stageDays ? `, ${stageDays.ctes}` : ''}
SELECT d.id, d.name, d.account, d.stage, d.amount, d.prob AS probability, d.expected,
	strftime(d.close_date, '%Y-%m-%d') AS close_date, d.age_days,
	${stageDays ? stageDays.days : 'CAST(NULL AS BIGINT)'} AS days_in_stage,
	d.overdue, d.budget, d.competitor, d.next_step, d.owner
FROM d ${stageDays ? stageDays.join : ''}
WHERE d.kind = 'open'${closeMonth === null ? '' : ' AND d.close_month = ?'}
ORDER BY d.expected DESC NULLS LAST, d.amount DESC NULLS LAST, d.rid`,
		params: closeMonth === null ? d.params : [...d.params, closeMonth]
	};
}

/** Counts behind the result's data warnings. */
export function dealWarningsQuery(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}
SELECT count(*) FILTER (WHERE kind IS NULL) AS no_kind,
	count(*) FILTER (WHERE kind = 'open' AND prob IS NULL) AS open_no_prob,
	list(DISTINCT stage ORDER BY stage) FILTER (WHERE kind = 'open' AND prob IS NULL) AS stages_no_prob,
	count(*) FILTER (WHERE kind = 'open' AND close_date IS NULL) AS open_no_close,
	count(*) FILTER (WHERE kind IN ('open', 'won') AND amount IS NULL) AS no_amount,
	count(*) FILTER (WHERE kind = 'won' AND cycle_days < 0) AS negative_cycle,
	count(*) FILTER (WHERE kind = 'open' AND age_days < 0) AS future_created,
	list(DISTINCT currency ORDER BY currency) FILTER (WHERE currency IS NOT NULL) AS currencies
FROM d`,
		params: d.params
	};
}

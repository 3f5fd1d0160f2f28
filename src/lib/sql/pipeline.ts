/**
 * Pipeline metrics over `pipeline_all` (see pipeline-build.ts), one builder per metric. Every
 * builder starts from the filtered deals `d` of a DealScope (the view filtered, or a table the
 * filtered deals were copied into); amounts are NULL (not 0) when no amount is mapped.
 */
import { AGING_BUCKETS, type PipelineFilter } from '$lib/domain/pipeline/types';
import { FIELDS, fieldKind, type Field } from '$lib/domain/pipeline/fields';
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

/**
 * Deals to compute over: filters on `pipeline_all`, or the same filters already applied into a
 * table (`inTable`), which every builder then reads instead. A plain filter list is a scope too.
 */
export type DealScope = readonly PipelineFilter[] & { readonly table?: string };

/**
 * The filters, marked as applied into `table` (see filteredDealsQuery). Still a filter list, so a
 * reader that does not know the mark filters `pipeline_all` itself and gets the same deals.
 */
export function inTable(filters: readonly PipelineFilter[], table: string): DealScope {
	return Object.assign([...filters], { table });
}

/** The scope's deals as a SELECT: from its table, else `pipeline_all` filtered (values bound). */
export function dealsSource(scope: DealScope, columns = '*'): Query {
	if (scope.table !== undefined)
		return { text: `SELECT ${columns} FROM ${ident(scope.table)}`, params: [] };
	const parts = scope.map((f) =>
		f.value === null
			? `${dealColumn(f.column)} IS NULL`
			: `CAST(${dealColumn(f.column)} AS VARCHAR) = ?`
	);
	return {
		text: `SELECT ${columns} FROM ${ident(PT.all)} WHERE ${parts.length ? parts.join(' AND ') : 'TRUE'}`,
		params: scope.flatMap((f): SqlValue[] => (f.value === null ? [] : [f.value]))
	};
}

/** The filtered deals as CTE `d`: dealsCte([{ column: 'owner', value: 'Anna' }]) → d AS (… WHERE CAST("owner" AS VARCHAR) = ?). */
export function dealsCte(scope: DealScope, name = 'd'): Query {
	const s = dealsSource(scope);
	return { text: `${name} AS (${s.text})`, params: s.params };
}

/**
 * Columns of `pipeline_all` the metric queries read besides the breakdown dimensions (and `id`
 * with a history): a table of filtered deals holds only these, so a metric query over `d` (here,
 * in the warnings or the history queries) that reads another column must be listed here.
 */
export const METRIC_COLUMNS = [
	'rid',
	'kind',
	'stage_pos',
	'stage',
	'amount',
	'prob',
	'expected',
	'close_date',
	'close_month',
	'category',
	'cycle_days',
	'age_days',
	'overdue',
	'currency'
] as const;

/**
 * The filtered deals copied once into a temporary table, only `columns` (metric columns, `id`,
 * or what dealColumn accepts), so each metric query reads those deals instead of filtering every
 * deal again: filteredDealsQuery('f', [owner Anna], ['kind']) →
 * CREATE OR REPLACE TEMP TABLE "f" AS SELECT "kind" FROM "pipeline_all" WHERE CAST("owner" AS VARCHAR) = ?.
 */
export function filteredDealsQuery(
	table: string,
	filters: readonly PipelineFilter[],
	columns: readonly string[]
): Query {
	const known: readonly string[] = [...METRIC_COLUMNS, 'id'];
	const list = columns.map((c) => (known.includes(c) ? ident(c) : dealColumn(c))).join(', ');
	const s = dealsSource([...filters], list);
	return { text: `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS ${s.text}`, params: s.params };
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
export function kpisQuery(scope: DealScope, ctx: MetricContext): Query {
	const d = dealsCte(scope);
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
export function byStageQuery(scope: DealScope, ctx: MetricContext): Query {
	const d = dealsCte(scope);
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

/** Reached / step rate / cumulative rate from `lv`, where `reached` counts the deals at or beyond a step. */
const funnelSelect = (reached: string) =>
	`r AS (SELECT s.idx, s.name, ${reached} AS reached FROM steps s LEFT JOIN lv ON lv.level >= s.idx GROUP BY s.idx, s.name)
SELECT name AS stage, reached,
	lead(reached) OVER (ORDER BY idx) / nullif(reached, 0) AS rate_next,
	reached / nullif(first_value(reached) OVER (ORDER BY idx), 0) AS cumulative
FROM r ORDER BY idx`;

/** Reached / step rate / cumulative rate from per-deal levels `lv(level)`. */
export const FUNNEL_SELECT = funnelSelect('count(lv.level)');

/**
 * Snapshot funnel: per non-lost stage, the deals whose current stage is at or beyond it (won
 * deals beyond every open stage, lost deals left out). Deals are counted per outcome and stage
 * first, so only those few groups meet the steps: `lv(level, n)`.
 */
export function snapshotFunnelQuery(scope: DealScope): Query {
	const d = dealsCte(scope);
	return {
		text: `WITH ${d.text}, ${STEPS},
lv AS (SELECT ${CURRENT_LEVEL} AS level, sum(d.n) AS n
	FROM (SELECT kind, stage_pos, count(*) AS n FROM d GROUP BY kind, stage_pos) d
	LEFT JOIN steps st ON st.pos = d.stage_pos GROUP BY 1),
${funnelSelect('CAST(coalesce(sum(lv.n), 0) AS BIGINT)')}`,
		params: d.params
	};
}

/**
 * Forecast per close month: won amount by the month it closed, open amounts by forecast
 * category by planned close month, and the weighted open amount. Lost deals are left out.
 * Stackable numbers: deals without a readable amount add nothing (the warnings count them).
 * Only called when an amount and a close date are mapped.
 */
export function forecastQuery(scope: DealScope, ctx: MetricContext): Query {
	const d = dealsCte(scope);
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

/** Derived text columns (ENUM or VARCHAR in `pipeline_deals`). */
const DERIVED_TEXT = ['kind', 'category', 'close_month', 'close_quarter', 'stage_raw'];

/**
 * Outcome counts, win rate and amounts per value of one deal column (most deals first). A text
 * column (its VARCHAR one-to-one with its values, ENUM or not) is grouped as stored and only the
 * groups are cast: an ENUM groups by its 1-byte code instead of a string per deal.
 */
export function breakdownQuery(scope: DealScope, ctx: MetricContext, column: string): Query {
	const d = dealsCte(scope);
	const text =
		DERIVED_TEXT.includes(column) ||
		((FIELDS as readonly string[]).includes(column) && fieldKind(column as Field) === 'text');
	return {
		text: `WITH ${d.text}
SELECT CAST(${dealColumn(column)} AS VARCHAR) AS key, count(*) AS deals,
	count(*) FILTER (WHERE kind = 'open') AS open, count(*) FILTER (WHERE kind = 'won') AS won,
	count(*) FILTER (WHERE kind = 'lost') AS lost, ${WIN_RATE} AS win_rate,
	${sumAmount(ctx, `kind = 'open'`)} AS open_amount, ${sumWeighted(ctx)} AS weighted,
	${sumAmount(ctx, `kind = 'won'`)} AS won_amount
FROM d GROUP BY ${text ? dealColumn(column) : '1'} ORDER BY deals DESC, key NULLS LAST`,
		params: d.params
	};
}

/** Open deals per age bucket (index into AGING_BUCKETS, upper bounds bound as parameters). */
export function agingQuery(scope: DealScope, ctx: MetricContext): Query {
	const d = dealsCte(scope);
	const bounds = AGING_BUCKETS.flatMap((b) => (b.max === null ? [] : [b.max]));
	const cases = bounds.map((_, i) => `WHEN age_days <= ? THEN ${i}`).join(' ');
	return {
		text: `WITH ${d.text}
SELECT CASE ${cases} ELSE ${bounds.length} END AS bucket, count(*) AS deals, ${sumAmount(ctx, 'TRUE')} AS amount
FROM d WHERE kind = 'open' AND age_days >= 0 GROUP BY 1 ORDER BY 1`,
		params: [...d.params, ...bounds]
	};
}

/** Days in the current stage for the priorities (history only): CURRENT_STAGE_DAYS. */
export type StageDaysSql = { ctes: string; join: string; days: string };

/**
 * Which of the ranked open deals to return: those whose name, account, stage, owner, competitor
 * or next step contains `search` (any case; blank = all), from rank `offset` (0-based), at most
 * `limit` of them (null: all).
 */
export interface PrioritySelection {
	search?: string;
	limit?: number | null;
	offset?: number;
}

/** The columns the priorities' text search looks in. */
export const PRIORITY_SEARCH_COLUMNS = [
	'name',
	'account',
	'stage',
	'owner',
	'competitor',
	'next_step'
] as const;

const PRIORITY_ORDER = (t: string) =>
	`ORDER BY ${t}.expected DESC NULLS LAST, ${t}.amount DESC NULLS LAST, ${t}.rid`;

/**
 * Open deals of a scope, optionally in one close month and matching a search, as a condition on
 * table alias `t`: the SQL and its parameters (the search text bound once per column).
 */
function openDeals(
	t: string,
	closeMonth: string | null,
	search: string
): { where: string; params: SqlValue[] } {
	const parts = [`${t}.kind = 'open'`];
	const params: SqlValue[] = [];
	if (closeMonth !== null) {
		parts.push(`${t}.close_month = ?`);
		params.push(closeMonth);
	}
	if (search !== '') {
		const cols = PRIORITY_SEARCH_COLUMNS.map((c) => `contains(lower(${t}.${ident(c)}), lower(?))`);
		parts.push(`(${cols.join(' OR ')})`);
		params.push(...PRIORITY_SEARCH_COLUMNS.map(() => search));
	}
	return { where: parts.join(' AND '), params };
}

/**
 * A table of filtered deals holds only metric columns: what needs the deals' names (a search, or
 * every ranked deal in full) reads the filtered view instead.
 */
const withNames = (scope: DealScope, needed: boolean): DealScope =>
	needed && scope.table !== undefined ? [...scope] : scope;

const wholeNumber = (n: number, what: string) => {
	if (!Number.isSafeInteger(n) || n < 0)
		throw new Error(`The priorities ${what} must be a whole number ≥ 0, not ${n}.`);
	return n;
};

/**
 * Open deals ranked by expected revenue (amount × probability / 100), highest first; deals
 * without one last. `stageDays` joins the days in the current stage (history only; NULL without).
 * With a `page`, only that part of the ranking: the ranks are found over the scope first, then
 * only those deals are read in full (and given their days in stage).
 */
export function prioritiesQuery(
	scope: DealScope,
	closeMonth: string | null,
	stageDays: StageDaysSql | null,
	page: PrioritySelection = {}
): Query {
	const search = (page.search ?? '').trim();
	const select = `SELECT d.id, d.name, d.account, d.stage, d.amount, d.prob AS probability, d.expected,
	strftime(d.close_date, '%Y-%m-%d') AS close_date, d.age_days,
	${stageDays ? stageDays.days : 'CAST(NULL AS BIGINT)'} AS days_in_stage,
	d.overdue, d.budget, d.competitor, d.next_step, d.owner
FROM d ${stageDays ? stageDays.join : ''}`;
	const ctes = stageDays ? `, ${stageDays.ctes}` : '';
	if (page.limit === undefined || page.limit === null) {
		if (page.offset) throw new Error('The priorities offset needs a limit.');
		const d = dealsCte(withNames(scope, true));
		const open = openDeals('d', closeMonth, search);
		return {
			text: `WITH ${d.text}${ctes}\n${select}\nWHERE ${open.where}\n${PRIORITY_ORDER('d')}`,
			params: [...d.params, ...open.params]
		};
	}
	const f = dealsCte(withNames(scope, search !== ''), 'f');
	const open = openDeals('f', closeMonth, search);
	return {
		text: `WITH ${f.text}, o AS (
	SELECT f.rid FROM f WHERE ${open.where}
	${PRIORITY_ORDER('f')} LIMIT ${wholeNumber(page.limit, 'limit')} OFFSET ${wholeNumber(page.offset ?? 0, 'offset')}
), d AS (SELECT * FROM ${ident(PT.all)} WHERE rid IN (SELECT rid FROM o))${ctes}
${select}
${PRIORITY_ORDER('d')}`,
		params: [...f.params, ...open.params]
	};
}

/** How many open deals the priorities rank (in the close month, matching the search): { n }. */
export function prioritiesCountQuery(
	scope: DealScope,
	closeMonth: string | null,
	search = ''
): Query {
	const s = search.trim();
	const f = dealsCte(withNames(scope, s !== ''), 'f');
	const open = openDeals('f', closeMonth, s);
	return {
		text: `WITH ${f.text} SELECT count(*) AS n FROM f WHERE ${open.where}`,
		params: [...f.params, ...open.params]
	};
}

/** Counts behind the result's data warnings. */
export function dealWarningsQuery(scope: DealScope): Query {
	const d = dealsCte(scope);
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

/**
 * Every pipeline metric for the current filters, from the tables `applySetup` built. What the
 * mapping cannot support comes back as null (KPIs) or empty (charts), with the reason in `disabled`
 * of the prep and data problems in `warnings`.
 */
import type { Db } from '$lib/db/db';
import { dropTable } from '$lib/sql/pipeline-build';
import type { Field } from '$lib/domain/pipeline/fields';
import {
	AGING_BUCKETS,
	coverage,
	quarterOf,
	salesVelocity,
	type AgingRow,
	type BreakdownRow,
	type ForecastMonth,
	type ForecastQuarter,
	type FunnelStep,
	type PipelineFilter,
	type PipelineKpis,
	type PipelineResult,
	type PriorityRow,
	type SlippageRow,
	type StageDays,
	type StageRow
} from '$lib/domain/pipeline/types';
import {
	agingQuery,
	breakdownQuery,
	byStageQuery,
	forecastQuery,
	filteredDealsQuery,
	inTable,
	kpisQuery,
	METRIC_COLUMNS,
	prioritiesCountQuery,
	prioritiesQuery,
	snapshotFunnelQuery,
	type DealScope,
	type MetricContext
} from '$lib/sql/pipeline';
import {
	cohortFunnelQuery,
	CURRENT_STAGE_DAYS,
	daysInStageQuery,
	slippageQuery
} from '$lib/sql/pipeline-history';
import { loadMeta, rows, run, type PipelineMeta } from './pipeline-store';
import { metricWarnings } from './pipeline-warnings';

export interface MetricsOptions {
	/** 'YYYY-MM': only the priorities are limited to deals closing in this month (a forecast bar). */
	closeMonth?: string;
	/** Extra breakdown columns (`c<i>`, a field, or `l<n>_c<i>`). */
	dimensions?: string[];
	/** Only priorities whose name, account, stage, owner, competitor or next step contain this (any case). */
	search?: string;
	/** How many of the ranked priorities to return (default PRIORITY_PAGE; null: all of them). */
	priorityLimit?: number | null;
}

/** Priorities returned at a time: the table shows 25, then 50 more per click. */
export const PRIORITY_PAGE = 100;

const DEFAULT_DIMENSIONS: Field[] = ['owner', 'product', 'region', 'industry'];

/** Temporary tables of filtered deals, one per call (calls may overlap in the browser). */
let filteredTables = 0;

export async function pipelineMetrics(
	db: Db,
	filters: readonly PipelineFilter[] = [],
	opts: MetricsOptions = {}
): Promise<PipelineResult> {
	const meta = await loadMeta(db);
	if (!meta?.asOf) throw new Error('No deals are loaded: call preparePipeline first.');
	const has = (f: Field) => meta.fields[f] !== undefined;
	const ctx = contextOf(meta);
	const history = historyOf(meta);
	const dims = dimensionsOf(meta, opts.dimensions ?? []);
	// With filters, the filtered deals are copied once (only the columns the metrics read) and
	// every metric reads that copy instead of filtering all deals again.
	const table = filters.length > 0 ? `pipeline_filtered_${++filteredTables}` : null;
	const scope: DealScope = table ? inTable(filters, table) : filters;
	if (table) {
		const columns = new Set<string>([
			...METRIC_COLUMNS,
			...(history ? ['id'] : []),
			...dims.map((d) => d.key)
		]);
		await run(db, filteredDealsQuery(table, filters, [...columns]));
	}
	try {
		const kpis = await kpisOf(db, scope, ctx);
		const daysInStage = history ? await rows<StageDays>(db, daysInStageQuery(scope)) : null;
		const forecast =
			ctx.closeDate && ctx.amount ? await forecastOf(db, scope, ctx, meta.target) : [];
		const breakdowns: Record<string, BreakdownRow[]> = {};
		for (const d of dims)
			breakdowns[d.key] = await rows<BreakdownRow>(db, breakdownQuery(scope, ctx, d.key));
		const byStage = await rows<StageRow>(db, byStageQuery(scope, ctx));
		const steps = has('stage') ? await funnelOf(db, scope, history !== null, daysInStage) : [];
		const aging = has('created_date') && ctx.outcome ? await agingOf(db, scope, ctx) : [];
		const slippage =
			history === 'salesforce' ? await rows<SlippageRow>(db, slippageQuery(scope)) : null;
		const priorities = await priorityRows(db, scope, history, {
			closeMonth: opts.closeMonth ?? null,
			search: opts.search,
			limit: opts.priorityLimit === undefined ? PRIORITY_PAGE : opts.priorityLimit
		});
		return {
			kpis,
			by_stage: byStage,
			funnel: { kind: history ? 'cohort' : 'snapshot', steps },
			forecast_by_month: forecast,
			forecast_by_quarter: byQuarter(forecast, meta.target),
			breakdowns,
			dimensions: dims,
			aging,
			days_in_stage: daysInStage,
			slippage,
			priorities: priorities.rows,
			priorities_total: priorities.total,
			as_of: meta.asOf,
			history,
			warnings: await metricWarnings(db, scope, meta, ctx)
		};
	} finally {
		// Not waited for: the answer is ready, the engine drops the copy before the next statement.
		if (table) run(db, dropTable(table)).catch(() => undefined);
	}
}

export interface PriorityQuery {
	/** 'YYYY-MM': only deals planned to close in this month. */
	closeMonth?: string | null;
	/** Only deals whose name, account, stage, owner, competitor or next step contain this (any case). */
	search?: string;
	/** Ranks from `offset` (0-based), at most `limit` of them (null: all). */
	offset?: number;
	limit?: number | null;
}

/**
 * A part of the ranked open deals and how many there are in all (for paging through them, a
 * search, or an export of every match) without computing the other metrics:
 * pipelinePriorities(db, [owner Anna], { search: 'gmbh', offset: 100, limit: 100 }).
 */
export async function pipelinePriorities(
	db: Db,
	filters: readonly PipelineFilter[] = [],
	q: PriorityQuery = {}
): Promise<{ rows: PriorityRow[]; total: number }> {
	const meta = await loadMeta(db);
	if (!meta?.asOf) throw new Error('No deals are loaded: call preparePipeline first.');
	return priorityRows(db, filters, historyOf(meta), {
		closeMonth: q.closeMonth ?? null,
		search: q.search,
		offset: q.offset,
		limit: q.limit === undefined ? PRIORITY_PAGE : q.limit
	});
}

/** The ranked rows asked for, and the count of all (counted only when the page may not hold all). */
async function priorityRows(
	db: Db,
	scope: DealScope,
	history: PipelineMeta['history'],
	q: { closeMonth: string | null; search?: string; offset?: number; limit: number | null }
): Promise<{ rows: PriorityRow[]; total: number }> {
	const days = history ? CURRENT_STAGE_DAYS : null;
	const page = { search: q.search, offset: q.offset, limit: q.limit };
	const found = await rows<PriorityRow>(db, prioritiesQuery(scope, q.closeMonth, days, page));
	const offset = q.offset ?? 0;
	if ((q.limit === null || found.length < q.limit) && (found.length > 0 || offset === 0))
		return { rows: found, total: offset + found.length };
	const [c] = await rows<{ n: number }>(db, prioritiesCountQuery(scope, q.closeMonth, q.search));
	return { rows: found, total: c?.n ?? 0 };
}

/** What the mapping allows. */
function contextOf(meta: PipelineMeta): MetricContext {
	const has = (f: Field) => meta.fields[f] !== undefined;
	return {
		amount: has('amount'),
		weighted: has('amount') && (has('probability') || has('stage')),
		outcome: has('stage') || has('status_kind') || has('is_won') || has('is_closed'),
		closeDate: has('close_date')
	};
}

/** The loaded stage history, when the deals can be matched to it by id. */
function historyOf(meta: PipelineMeta): PipelineMeta['history'] {
	return meta.history !== null && meta.fields.id !== undefined ? meta.history : null;
}

async function kpisOf(db: Db, scope: DealScope, ctx: MetricContext): Promise<PipelineKpis> {
	const [k] = await rows<Omit<PipelineKpis, 'sales_velocity'>>(db, kpisQuery(scope, ctx));
	if (!k) throw new Error('The KPI query returned no row.');
	const velocity = salesVelocity(k.open, k.avg_won_amount, k.win_rate_count, k.mean_cycle_days_won);
	return { ...k, sales_velocity: velocity };
}

async function funnelOf(
	db: Db,
	scope: DealScope,
	cohort: boolean,
	days: StageDays[] | null
): Promise<FunnelStep[]> {
	const q = cohort ? cohortFunnelQuery(scope) : snapshotFunnelQuery(scope);
	const steps = await rows<FunnelStep>(db, q);
	if (!cohort) return steps;
	const avg = new Map((days ?? []).map((d) => [d.stage, d.avg_days]));
	return steps.map((s) => ({ ...s, avg_days: avg.get(s.stage) ?? null }));
}

async function forecastOf(
	db: Db,
	scope: DealScope,
	ctx: MetricContext,
	target: number | null
): Promise<ForecastMonth[]> {
	const months = await rows<ForecastMonth>(db, forecastQuery(scope, ctx));
	if (target === null) return months;
	return months.map((m) => withTarget(m, target));
}

function withTarget<T extends ForecastMonth | ForecastQuarter>(row: T, target: number): T {
	const open = row.commit + row.best_case + row.pipeline;
	return { ...row, target, coverage: coverage(target, row.closed_won, open) };
}

/** Months summed by quarter; the quarter's target is three monthly targets. */
function byQuarter(months: readonly ForecastMonth[], target: number | null): ForecastQuarter[] {
	const out = new Map<string, ForecastQuarter>();
	for (const m of months) {
		const quarter = quarterOf(m.month);
		const q = out.get(quarter) ?? {
			quarter,
			closed_won: 0,
			commit: 0,
			best_case: 0,
			pipeline: 0,
			weighted: 0
		};
		for (const k of ['closed_won', 'commit', 'best_case', 'pipeline', 'weighted'] as const)
			q[k] += m[k];
		out.set(quarter, q);
	}
	const quarters = [...out.values()];
	return target === null ? quarters : quarters.map((q) => withTarget(q, 3 * target));
}

async function agingOf(db: Db, scope: DealScope, ctx: MetricContext): Promise<AgingRow[]> {
	const found = await rows<{ bucket: number; deals: number; amount: number | null }>(
		db,
		agingQuery(scope, ctx)
	);
	return AGING_BUCKETS.map((b, i) => {
		const r = found.find((x) => x.bucket === i);
		return { bucket: b.bucket, deals: r?.deals ?? 0, amount: r ? r.amount : ctx.amount ? 0 : null };
	});
}

/** Mapped segment fields, lookup columns and requested columns, each once, with the file's label. */
function dimensionsOf(
	meta: PipelineMeta,
	extra: readonly string[]
): { key: string; label: string }[] {
	const out = new Map<string, string>();
	for (const f of DEFAULT_DIMENSIONS) if (meta.fields[f] !== undefined) out.set(f, meta.fields[f]);
	for (const l of meta.lookups) for (const c of l.columns) out.set(c.column, c.label);
	for (const key of extra) {
		const raw = /^c(\d+)$/.exec(key);
		const lookup = meta.lookups.flatMap((l) => l.columns).find((c) => c.column === key);
		out.set(
			key,
			raw
				? (meta.labels[Number(raw[1])] ?? key)
				: (lookup?.label ?? meta.fields[key as Field] ?? key)
		);
	}
	return [...out].map(([key, label]) => ({ key, label }));
}

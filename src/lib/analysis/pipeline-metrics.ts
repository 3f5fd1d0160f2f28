/**
 * Every pipeline metric for the current filters, from the tables `applySetup` built. What the
 * mapping cannot support comes back as null (KPIs) or empty (charts), with the reason in `disabled`
 * of the prep and data problems in `warnings`.
 */
import type { Db } from '$lib/db/db';
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
	kpisQuery,
	prioritiesQuery,
	snapshotFunnelQuery,
	type MetricContext
} from '$lib/sql/pipeline';
import {
	cohortFunnelQuery,
	CURRENT_STAGE_DAYS,
	daysInStageQuery,
	slippageQuery
} from '$lib/sql/pipeline-history';
import { loadMeta, rows, type PipelineMeta } from './pipeline-store';
import { metricWarnings } from './pipeline-warnings';

export interface MetricsOptions {
	/** 'YYYY-MM': only the priorities are limited to deals closing in this month (a forecast bar). */
	closeMonth?: string;
	/** Extra breakdown columns (`c<i>`, a field, or `l<n>_c<i>`). */
	dimensions?: string[];
}

const DEFAULT_DIMENSIONS: Field[] = ['owner', 'product', 'region', 'industry'];

export async function pipelineMetrics(
	db: Db,
	filters: readonly PipelineFilter[] = [],
	opts: MetricsOptions = {}
): Promise<PipelineResult> {
	const meta = await loadMeta(db);
	if (!meta?.asOf) throw new Error('No deals are loaded: call preparePipeline first.');
	const has = (f: Field) => meta.fields[f] !== undefined;
	const ctx: MetricContext = {
		amount: has('amount'),
		weighted: has('amount') && (has('probability') || has('stage')),
		outcome: has('stage') || has('status_kind') || has('is_won') || has('is_closed'),
		closeDate: has('close_date')
	};
	const history = meta.history !== null && has('id') ? meta.history : null;
	const kpis = await kpisOf(db, filters, ctx);
	const daysInStage = history ? await rows<StageDays>(db, daysInStageQuery(filters)) : null;
	const forecast =
		ctx.closeDate && ctx.amount ? await forecastOf(db, filters, ctx, meta.target) : [];
	const dims = dimensionsOf(meta, opts.dimensions ?? []);
	const breakdowns: Record<string, BreakdownRow[]> = {};
	for (const d of dims)
		breakdowns[d.key] = await rows<BreakdownRow>(db, breakdownQuery(filters, ctx, d.key));
	return {
		kpis,
		by_stage: await rows<StageRow>(db, byStageQuery(filters, ctx)),
		funnel: {
			kind: history ? 'cohort' : 'snapshot',
			steps: has('stage') ? await funnelOf(db, filters, history !== null, daysInStage) : []
		},
		forecast_by_month: forecast,
		forecast_by_quarter: byQuarter(forecast, meta.target),
		breakdowns,
		dimensions: dims,
		aging: has('created_date') && ctx.outcome ? await agingOf(db, filters, ctx) : [],
		days_in_stage: daysInStage,
		slippage: history === 'salesforce' ? await rows<SlippageRow>(db, slippageQuery(filters)) : null,
		priorities: await rows<PriorityRow>(
			db,
			prioritiesQuery(filters, opts.closeMonth ?? null, history ? CURRENT_STAGE_DAYS : null)
		),
		as_of: meta.asOf,
		history,
		warnings: await metricWarnings(db, filters, meta, ctx)
	};
}

async function kpisOf(
	db: Db,
	filters: readonly PipelineFilter[],
	ctx: MetricContext
): Promise<PipelineKpis> {
	const [k] = await rows<Omit<PipelineKpis, 'sales_velocity'>>(db, kpisQuery(filters, ctx));
	if (!k) throw new Error('The KPI query returned no row.');
	const velocity = salesVelocity(k.open, k.avg_won_amount, k.win_rate_count, k.mean_cycle_days_won);
	return { ...k, sales_velocity: velocity };
}

async function funnelOf(
	db: Db,
	filters: readonly PipelineFilter[],
	cohort: boolean,
	days: StageDays[] | null
): Promise<FunnelStep[]> {
	const q = cohort ? cohortFunnelQuery(filters) : snapshotFunnelQuery(filters);
	const steps = await rows<FunnelStep>(db, q);
	if (!cohort) return steps;
	const avg = new Map((days ?? []).map((d) => [d.stage, d.avg_days]));
	return steps.map((s) => ({ ...s, avg_days: avg.get(s.stage) ?? null }));
}

async function forecastOf(
	db: Db,
	filters: readonly PipelineFilter[],
	ctx: MetricContext,
	target: number | null
): Promise<ForecastMonth[]> {
	const months = await rows<ForecastMonth>(db, forecastQuery(filters, ctx));
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

async function agingOf(
	db: Db,
	filters: readonly PipelineFilter[],
	ctx: MetricContext
): Promise<AgingRow[]> {
	const found = await rows<{ bucket: number; deals: number; amount: number | null }>(
		db,
		agingQuery(filters, ctx)
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

/**
 * Result types of the pipeline analysis, and the few formulas that derive result fields from
 * others (sales velocity, target coverage, aging buckets). Amounts are in the file's currency;
 * dates are 'YYYY-MM-DD' strings. A number is null when its metric cannot be computed (no column
 * for it, or nothing to divide by) — never 0 in place of unknown.
 */
import type { StageKind } from './stages';

export type PipelineKpis = {
	deals: number;
	/** Counts by outcome; null when no stage, status or won/closed flags are mapped. */
	open: number | null;
	won: number | null;
	lost: number | null;
	/** won / (won + lost); null with no closed deal. */
	win_rate_count: number | null;
	/** won amount / (won + lost amount). */
	win_rate_value: number | null;
	won_amount: number | null;
	open_amount: number | null;
	lost_amount: number | null;
	/** Σ amount × probability / 100 over open deals. */
	weighted_pipeline: number | null;
	avg_won_amount: number | null;
	/** Won deals, close (or won) date − created date, in days. */
	median_cycle_days_won: number | null;
	mean_cycle_days_won: number | null;
	/** Expected won amount per day: open × avg won amount × win rate / mean cycle days. */
	sales_velocity: number | null;
	/** Open deals whose close date is before the reference date. */
	overdue_open: number | null;
};

export type StageRow = {
	stage: string;
	kind: StageKind;
	/** The dictionary's probability (the file's per-deal value may differ). */
	probability: number | null;
	/** Deals whose current stage this is (any outcome). */
	deals: number;
	/** Of them open. */
	open: number;
	amount: number | null;
	/** Σ amount × probability / 100 of the stage's open deals. */
	weighted: number | null;
};

export type FunnelStep = {
	stage: string;
	reached: number;
	/** reached(next) / reached(this); null on the last step or when nobody reached this one. */
	rate_next: number | null;
	/** reached(this) / reached(first). */
	cumulative: number | null;
	/** Cohort funnels: mean days spent in the stage (completed stays). */
	avg_days?: number | null;
};

export type Funnel = {
	/** snapshot: deals at or beyond each stage now; cohort: deals whose history reached it. */
	kind: 'snapshot' | 'cohort';
	steps: FunnelStep[];
};

/**
 * One period of the forecast. Categories are disjoint (stack them): closed_won = won deals closed
 * in the period; commit / best_case / pipeline = open deals planned to close in it, by category;
 * weighted = Σ amount × probability / 100 of those open deals.
 */
export type ForecastAmounts = {
	closed_won: number;
	commit: number;
	best_case: number;
	pipeline: number;
	weighted: number;
	target?: number | null;
	/** Open amount / (target − closed won); null without a target or once the target is met. */
	coverage?: number | null;
};
export type ForecastMonth = ForecastAmounts & { month: string };
export type ForecastQuarter = ForecastAmounts & { quarter: string };

export type BreakdownRow = {
	key: string | null;
	deals: number;
	open: number;
	won: number;
	lost: number;
	win_rate: number | null;
	open_amount: number | null;
	weighted: number | null;
	won_amount: number | null;
};

export type AgingRow = {
	bucket: string;
	deals: number;
	amount: number | null;
};

export type StageDays = {
	stage: string;
	avg_days: number;
	median_days: number;
	/** Deals with a completed stay in the stage. */
	deals: number;
};

export type SlippageRow = {
	/** Times the close date moved later. */
	pushes: number;
	deals: number;
};

export type PriorityRow = {
	id: string | null;
	name: string | null;
	account: string | null;
	stage: string | null;
	amount: number | null;
	probability: number | null;
	/** amount × probability / 100 */
	expected: number | null;
	close_date: string | null;
	age_days: number | null;
	days_in_stage: number | null;
	overdue: boolean;
	budget: number | null;
	competitor: string | null;
	next_step: string | null;
	owner: string | null;
};

export type PipelineResult = {
	kpis: PipelineKpis;
	by_stage: StageRow[];
	funnel: Funnel;
	forecast_by_month: ForecastMonth[];
	forecast_by_quarter: ForecastQuarter[];
	/** Per dimension (owner, product, region, industry, lookup columns `l<n>_c<i>`…). */
	breakdowns: Record<string, BreakdownRow[]>;
	/** What each breakdown key is called in the file. */
	dimensions: { key: string; label: string }[];
	aging: AgingRow[];
	days_in_stage: StageDays[] | null;
	slippage: SlippageRow[] | null;
	/**
	 * Open deals ranked by expected revenue: the first ones (pipelineMetrics' `priorityLimit`,
	 * 100 unless asked otherwise), narrowed by its close month and search.
	 */
	priorities: PriorityRow[];
	/** How many open deals that ranking has in all (`priorities` may hold only its first ones). */
	priorities_total: number;
	/** The reference date for ages and overdue deals. */
	as_of: string;
	history: 'salesforce' | 'hubspot' | null;
	warnings: string[];
};

/** A filter on one deal attribute: a field name (`owner`), a raw column `c3` or a lookup column `l1_c2`. */
export type PipelineFilter = {
	column: string;
	/** null selects blank values. */
	value: string | null;
};

/** Open-deal age buckets in days since creation, upper bounds inclusive (null: no bound). */
export const AGING_BUCKETS: readonly { bucket: string; max: number | null }[] = [
	{ bucket: '0–30', max: 30 },
	{ bucket: '31–60', max: 60 },
	{ bucket: '61–90', max: 90 },
	{ bucket: '91–180', max: 180 },
	{ bucket: '181–365', max: 365 },
	{ bucket: '> 365', max: null }
];

/**
 * Sales velocity per day = open deals × average won amount × win rate / mean cycle days:
 * salesVelocity(7, 50000 / 3, 0.6, 277 / 3) → 758.12… (70,000 / 92.33). Null if any part is missing or the cycle is 0.
 */
export function salesVelocity(
	open: number | null,
	avgWon: number | null,
	winRate: number | null,
	cycleDays: number | null
): number | null {
	if (open === null || avgWon === null || winRate === null || !cycleDays) return null;
	return (open * avgWon * winRate) / cycleDays;
}

/**
 * How many times the open amount covers what is left of the target:
 * coverage(100, 40, 90) → 1.5 (90 / (100 − 40)); coverage(100, 120, 90) → null (target met).
 */
export function coverage(
	target: number | null | undefined,
	wonAmount: number,
	open: number
): number | null {
	if (target === null || target === undefined || !(target > 0)) return null;
	const gap = target - wonAmount;
	return gap > 0 ? open / gap : null;
}

/** quarterOf('2025-08') → '2025-Q3'. */
export function quarterOf(month: string): string {
	return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

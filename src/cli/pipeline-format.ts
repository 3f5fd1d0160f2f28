/** `pipeline` output: the JSON contract (`--json`) and the readable summary. */
import type { PipelineResult } from '$lib/domain/pipeline/types';

/** The issue's JSON contract, exactly these keys. */
export function toJson(r: PipelineResult, mapping: Record<string, string>, warnings: string[]) {
	const k = r.kpis;
	return {
		deals: k.deals,
		open: k.open,
		won: k.won,
		lost: k.lost,
		win_rate_count: k.win_rate_count,
		win_rate_value: k.win_rate_value,
		won_amount: k.won_amount,
		open_amount: k.open_amount,
		weighted_pipeline: k.weighted_pipeline,
		avg_won_amount: k.avg_won_amount,
		median_cycle_days_won: k.median_cycle_days_won,
		mean_cycle_days_won: k.mean_cycle_days_won,
		by_stage: r.by_stage.map((s) => ({
			stage: s.stage,
			kind: s.kind,
			deals: s.deals,
			amount: s.amount
		})),
		funnel: r.funnel.steps.map((s) => ({
			stage: s.stage,
			reached: s.reached,
			rate_next: s.rate_next
		})),
		forecast_by_month: r.forecast_by_month.map((m) => ({
			month: m.month,
			closed_won: m.closed_won,
			commit: m.commit,
			best_case: m.best_case,
			pipeline: m.pipeline,
			weighted: m.weighted
		})),
		mapping,
		warnings
	};
}

const num = (x: number | null, digits = 0) =>
	x === null
		? '–'
		: x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

/** Columns padded to their widest cell, the first left-aligned. */
function table(head: string[], body: string[][]): string[] {
	const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
	return [line(head), ...body.map(line)];
}

/** The readable summary (without --json). */
export function summary(
	r: PipelineResult,
	mapping: Record<string, string>,
	warnings: string[]
): string {
	const k = r.kpis;
	const f = r.funnel;
	return [
		`Deals ${k.deals} · open ${num(k.open)} · won ${num(k.won)} · lost ${num(k.lost)} (as of ${r.as_of})`,
		`Win rate ${pct(k.win_rate_count)} by count, ${pct(k.win_rate_value)} by value`,
		`Won ${num(k.won_amount)} · open ${num(k.open_amount)} · weighted pipeline ${num(k.weighted_pipeline)}`,
		`Average won deal ${num(k.avg_won_amount)} · cycle of won deals: median ${num(k.median_cycle_days_won, 1)} d, mean ${num(k.mean_cycle_days_won, 1)} d`,
		`Sales velocity ${num(k.sales_velocity)} per day · overdue open deals ${num(k.overdue_open)}`,
		'',
		...table(
			['stage', 'kind', 'deals', 'amount'],
			r.by_stage.map((s) => [s.stage, s.kind, String(s.deals), num(s.amount)])
		),
		'',
		`Funnel (${f.kind === 'cohort' ? 'cohort, from the stage history' : 'snapshot of current stages'})`,
		...table(
			['stage', 'reached', 'to next'],
			f.steps.map((s) => [s.stage, String(s.reached), pct(s.rate_next)])
		),
		'',
		'Forecast by close month',
		...table(
			['month', 'closed won', 'commit', 'best case', 'pipeline', 'weighted'],
			r.forecast_by_month.map((m) => [
				m.month,
				...[m.closed_won, m.commit, m.best_case, m.pipeline, m.weighted].map((x) => num(x))
			])
		),
		'',
		`Mapping: ${Object.entries(mapping)
			.map(([field, label]) => `${field} ← ${label}`)
			.join(', ')}`,
		...(warnings.length ? ['', 'Warnings:', ...warnings.map((w) => `- ${w}`)] : []),
		''
	].join('\n');
}

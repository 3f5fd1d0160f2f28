/**
 * What a shared report carries: view settings and aggregates only — never raw rows. The schema
 * is strict (unknown keys, `__proto__` included, are refused) and parsing rebuilds every object.
 */
import * as v from 'valibot';

const num = v.pipe(v.number(), v.finite());
const nnum = v.nullable(num);
const text = (max = 500) => v.pipe(v.string(), v.maxLength(max));
const list = <T extends v.GenericSchema>(item: T, max: number) =>
	v.pipe(v.array(item), v.maxLength(max));

export const ScoreRowSchema = v.strictObject({
	id: text(),
	label: text(1000),
	n_importance: num,
	n_satisfaction: num,
	invalid: num,
	importance: nnum,
	satisfaction: nnum,
	opportunity: nnum,
	band: v.nullable(v.picklist(['extreme', 'high', 'worth', 'low'])),
	served: v.nullable(v.picklist(['under', 'over', 'appropriate']))
});

export const SurveyReportSchema = v.strictObject({
	formula: text(40),
	respondents: num,
	source: v.optional(text(300)),
	outcomes: list(ScoreRowSchema, 500)
});

export const KpisSchema = v.strictObject({
	deals: num,
	open: nnum,
	won: nnum,
	lost: nnum,
	win_rate_count: nnum,
	win_rate_value: nnum,
	won_amount: nnum,
	open_amount: nnum,
	lost_amount: nnum,
	weighted_pipeline: nnum,
	avg_won_amount: nnum,
	median_cycle_days_won: nnum,
	mean_cycle_days_won: nnum,
	sales_velocity: nnum,
	overdue_open: nnum
});

export const PipelineReportSchema = v.strictObject({
	source: v.optional(text(300)),
	kpis: KpisSchema,
	funnel: v.strictObject({
		kind: v.picklist(['snapshot', 'cohort']),
		steps: list(
			v.strictObject({
				stage: text(),
				reached: num,
				rate_next: nnum,
				cumulative: nnum,
				avg_days: v.optional(nnum)
			}),
			60
		)
	}),
	forecast_by_month: list(
		v.strictObject({
			month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
			closed_won: num,
			commit: num,
			best_case: num,
			pipeline: num,
			weighted: num,
			target: v.optional(nnum),
			coverage: v.optional(nnum)
		}),
		240
	)
});

export const ReportSchema = v.strictObject({
	v: v.literal(1),
	title: v.optional(text(200)),
	created: v.pipe(v.string(), v.isoDate()),
	locale: v.optional(v.picklist(['en', 'de'])),
	survey: v.optional(SurveyReportSchema),
	pipeline: v.optional(PipelineReportSchema)
});

export type Report = v.InferOutput<typeof ReportSchema>;
export type SurveyReport = v.InferOutput<typeof SurveyReportSchema>;
export type PipelineReport = v.InferOutput<typeof PipelineReportSchema>;

/** parseReport({ v: 1, created: '2026-12-03' }) → { ok: true, report }; errors name the first bad path. */
export function parseReport(
	data: unknown
): { ok: true; report: Report } | { ok: false; error: string } {
	const r = v.safeParse(ReportSchema, data);
	if (r.success) return { ok: true, report: r.output };
	const issue = r.issues[0];
	const path = issue ? v.getDotPath(issue) : null;
	return {
		ok: false,
		error: `the report does not have the expected shape${path ? ` (at ${path})` : ''}.`
	};
}

/** The report for given analysis results: only what the report view draws, never rows. */
import type { PipelineResult } from '../pipeline/types';
import type { SurveyResult } from '../survey';
import type { Report } from './report';

export interface ReportParts {
	title?: string;
	survey?: { result: SurveyResult; source?: string } | null;
	pipeline?: { result: PipelineResult; source?: string } | null;
}

/** buildReport({ survey: { result } }, '2026-12-03') → { v: 1, created: '2026-12-03', survey: { formula, respondents, outcomes } }. */
export function buildReport(
	parts: ReportParts,
	today = new Date().toISOString().slice(0, 10)
): Report {
	const s = parts.survey;
	const p = parts.pipeline;
	return {
		v: 1,
		created: today,
		...(parts.title ? { title: parts.title } : {}),
		...(s
			? {
					survey: {
						formula: s.result.formula,
						respondents: s.result.respondents,
						...(s.source ? { source: s.source } : {}),
						outcomes: s.result.outcomes.map((o) => ({
							id: o.id,
							label: o.label,
							n_importance: o.n_importance,
							n_satisfaction: o.n_satisfaction,
							invalid: o.invalid,
							importance: o.importance,
							satisfaction: o.satisfaction,
							opportunity: o.opportunity,
							band: o.band,
							served: o.served
						}))
					}
				}
			: {}),
		...(p
			? {
					pipeline: {
						...(p.source ? { source: p.source } : {}),
						kpis: { ...p.result.kpis },
						funnel: {
							kind: p.result.funnel.kind,
							steps: p.result.funnel.steps.map((x) => ({
								stage: x.stage,
								reached: x.reached,
								rate_next: x.rate_next,
								cumulative: x.cumulative
							}))
						},
						forecast_by_month: p.result.forecast_by_month.map((m) => ({
							month: m.month,
							closed_won: m.closed_won,
							commit: m.commit,
							best_case: m.best_case,
							pipeline: m.pipeline,
							weighted: m.weighted
						}))
					}
				}
			: {})
	};
}

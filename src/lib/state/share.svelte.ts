/**
 * Building and reading shared reports. A report holds aggregates only (the score table, KPIs,
 * funnel, forecast), never rows; links carry it in the fragment, which browsers do not send.
 */
import { decodeReport, encodeReport, LINK_LIMIT, parseJson, type Decoded } from '$lib/domain/share/codec';
import type { Report } from '$lib/domain/share/report';
import type { SurveyResult } from '$lib/domain/survey';
import type { PipelineResult } from '$lib/domain/pipeline/types';

export interface ReportParts {
	title?: string;
	survey?: { result: SurveyResult; source?: string } | null;
	pipeline?: { result: PipelineResult; source?: string } | null;
}

/** The report for what is loaded now: only what the report view draws. */
export function buildReport(parts: ReportParts, today = new Date().toISOString().slice(0, 10)): Report {
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

export type ShareOutcome = { kind: 'link'; url: string } | { kind: 'file'; json: string; length: number };

/** A link when it fits in LINK_LIMIT characters, else the report as a .json file to pass on. */
export async function shareReport(report: Report, origin: string): Promise<ShareOutcome> {
	const fragment = await encodeReport(report);
	if (fragment.length <= LINK_LIMIT) return { kind: 'link', url: `${origin}/report#r=${fragment}` };
	return { kind: 'file', json: JSON.stringify(report, null, 1), length: fragment.length };
}

/** Read the report from a location hash (`#r=v1.…`). */
export async function readHash(hash: string): Promise<Decoded | null> {
	const m = /^#r=(.*)$/s.exec(hash);
	if (!m) return null;
	return decodeReport(m[1] ?? '');
}

export async function readReportFile(file: File): Promise<Decoded> {
	if (file.size > 2_000_000) return { ok: false, error: `${file.name}: too large for a report file.` };
	const r = parseJson(await file.text());
	return r.ok ? r : { ok: false, error: `${file.name}: ${r.error}` };
}

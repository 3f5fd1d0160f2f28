/**
 * The segment bridge over loaded data: which survey attributes and pipeline columns share values,
 * and per shared value the survey's under-served outcomes beside the pipeline's figures.
 */
import type { Db } from '$lib/db/db';
import { segmentKey, type BridgeRow, type BridgeSuggestion, type Column } from '$lib/domain/bridge';
import type { BreakdownRow, PipelineResult } from '$lib/domain/pipeline/types';
import type { Formula } from '$lib/domain/opportunity';
import { col, ident } from '$lib/sql/sql';
import { T } from '$lib/sql/survey';
import { scoreSurvey } from './survey';

/** Distinct values (at most 200) of each survey respondent attribute. */
export async function surveyColumns(
	db: Db,
	attributes: readonly { index: number; label: string }[]
): Promise<Column[]> {
	const out: Column[] = [];
	for (const a of attributes) {
		const rows = await db.query<{ v: string | null }>(
			`SELECT DISTINCT ${ident(col(a.index))} AS v FROM ${ident(T.resp)} LIMIT 200`
		);
		out.push({ key: col(a.index), label: a.label, values: rows.map((r) => r.v) });
	}
	return out;
}

/** The pipeline's breakdown dimensions as columns with their values. */
export function pipelineColumns(result: PipelineResult): Column[] {
	return result.dimensions.map((d) => ({
		key: d.key,
		label: d.label,
		values: (result.breakdowns[d.key] ?? []).map((r) => r.key)
	}));
}

/** One row per shared segment: survey scores filtered to it beside the pipeline's breakdown row. */
export async function bridgeRows(
	db: Db,
	formula: Formula,
	s: BridgeSuggestion,
	pipeline: readonly BreakdownRow[]
): Promise<BridgeRow[]> {
	const attribute = Number(s.survey.slice(1));
	const byKey = new Map(pipeline.filter((r) => r.key !== null).map((r) => [segmentKey(r.key!), r]));
	const out: BridgeRow[] = [];
	for (const segment of s.shared) {
		const res = await scoreSurvey(db, formula, [{ attribute, value: segment }]);
		const under = res.outcomes.filter((o) => o.served === 'under');
		const top = res.outcomes.find((o) => o.opportunity !== null);
		const p = byKey.get(segmentKey(segment));
		out.push({
			segment,
			respondents: res.respondents,
			under_served: under.length,
			top_outcome: top?.label ?? null,
			top_opportunity: top?.opportunity ?? null,
			deals: p?.deals ?? 0,
			open_amount: p?.open_amount ?? null,
			weighted: p?.weighted ?? null,
			win_rate: p?.win_rate ?? null
		});
	}
	return out;
}

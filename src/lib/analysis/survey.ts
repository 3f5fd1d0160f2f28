/**
 * Survey analysis over a loaded file: reshape by layout, then score. Runs the same SQL on the
 * browser and the Node engine.
 */
import type { Db } from '$lib/db/db';
import type { Formula } from '$lib/domain/opportunity';
import type { ScoreRow, SurveyResult } from '$lib/domain/survey';
import type { Layout } from '$lib/ingest/survey-layout';
import {
	insertOutcome,
	reshapeSurvey,
	respondentCount,
	surveyScores,
	unusableLongRows,
	T,
	type SurveyFilter
} from '$lib/sql/survey';

/** Build the survey tables from `survey_raw`; returns warnings about rows that cannot be used. */
export async function prepareSurvey(db: Db, layout: Layout): Promise<string[]> {
	for (const s of reshapeSurvey(layout, T.raw)) await db.exec(s);
	if (layout.kind === 'wide') {
		for (const [i, p] of layout.pairs.entries()) {
			const q = insertOutcome(i, p.key, p.key);
			await db.query(q.text, q.params);
		}
		return [];
	}
	const q = unusableLongRows(layout, T.raw);
	const n = q ? ((await db.query<{ n: number }>(q.text, q.params))[0]?.n ?? 0) : 0;
	return n > 0 ? [`${n} rows name no respondent or no outcome and are not used.`] : [];
}

export async function scoreSurvey(
	db: Db,
	formula: Formula,
	filters: readonly SurveyFilter[] = []
): Promise<SurveyResult> {
	const q = surveyScores(formula, filters);
	const outcomes = await db.query<ScoreRow & Record<string, unknown>>(q.text, q.params);
	const rc = respondentCount(filters);
	const respondents = (await db.query<{ n: number }>(rc.text, rc.params))[0]?.n ?? 0;
	return { formula, respondents, outcomes, warnings: scoreWarnings(outcomes) };
}

/** Human warnings: invalid ratings per outcome, outcomes without answers, thin samples. */
export function scoreWarnings(rows: readonly ScoreRow[]): string[] {
	const out: string[] = [];
	for (const r of rows) {
		if (r.invalid > 0) {
			const vals = r.invalid_values.slice(0, 6).map((v) => JSON.stringify(v).slice(1, -1));
			out.push(
				`${r.label}: ${r.invalid} invalid ${r.invalid === 1 ? 'rating' : 'ratings'} (${r.invalid_values.length === 1 ? 'value' : 'values'} ${vals.join(', ')}${r.invalid_values.length > 6 ? ', …' : ''}) excluded.`
			);
		}
		if (r.opportunity === null)
			out.push(`${r.label}: no valid importance or satisfaction answers, so no score.`);
	}
	const thin = rows.filter(
		(r) => r.opportunity !== null && Math.min(r.n_importance, r.n_satisfaction) < 30
	);
	if (thin.length > 0) {
		out.push(
			`${thin.length} ${thin.length === 1 ? 'outcome has' : 'outcomes have'} fewer than 30 answers: treat their scores as rough.`
		);
	}
	return out;
}

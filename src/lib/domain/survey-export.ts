/** The score table as CSV rows, the same columns and names as the CLI's JSON. */
import { FORMULA_LABEL, type Formula } from './opportunity';
import type { ScoreRow } from './survey';
import { toCsv } from './csv-export';

export const SCORE_COLUMNS = [
	'id',
	'label',
	'n_importance',
	'n_satisfaction',
	'invalid',
	'importance',
	'satisfaction',
	'opportunity',
	'band',
	'served'
] as const;

/** scoresCsv(rows, 'ulwick') → CSV text whose last column says which formula was used. */
export function scoresCsv(rows: readonly ScoreRow[], formula: Formula): string {
	return toCsv(
		[...SCORE_COLUMNS, 'formula'],
		rows.map((r) => [...SCORE_COLUMNS.map((k) => r[k]), FORMULA_LABEL[formula]])
	);
}

/** The interval columns added by `scoresWithIntervalsCsv`, low and high of each 95% interval. */
export const INTERVAL_COLUMNS = [
	'importance_ci_low',
	'importance_ci_high',
	'satisfaction_ci_low',
	'satisfaction_ci_high',
	'opportunity_ci_low',
	'opportunity_ci_high',
	'uncertain_band',
	'step'
] as const;

/** The same table with the 95% intervals, the "uncertain band" mark and the job step appended. */
export function scoresWithIntervalsCsv(rows: readonly ScoreRow[], formula: Formula): string {
	return toCsv(
		[...SCORE_COLUMNS, 'formula', ...INTERVAL_COLUMNS],
		rows.map((r) => [
			...SCORE_COLUMNS.map((k) => r[k]),
			FORMULA_LABEL[formula],
			r.importance_ci?.[0] ?? null,
			r.importance_ci?.[1] ?? null,
			r.satisfaction_ci?.[0] ?? null,
			r.satisfaction_ci?.[1] ?? null,
			r.opportunity_ci?.[0] ?? null,
			r.opportunity_ci?.[1] ?? null,
			r.uncertain ?? null,
			r.step ?? null
		])
	);
}

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

/** Survey result types shared by the SQL, the state and the UI. */
import type { Band, Formula, Served } from './opportunity';

/** One outcome's scores, as the CLI prints them (`data-col` names in the UI match these keys). */
export interface ScoreRow {
	id: string;
	label: string;
	n_importance: number;
	n_satisfaction: number;
	/** Invalid ratings (importance + satisfaction) that were excluded. */
	invalid: number;
	/** Distinct invalid raw values, for the message ("values 0, 6"). */
	invalid_values: string[];
	importance: number | null;
	satisfaction: number | null;
	opportunity: number | null;
	band: Band | null;
	served: Served | null;
}

export interface SurveyResult {
	formula: Formula;
	respondents: number;
	outcomes: ScoreRow[];
	warnings: string[];
}

/** Survey result types shared by the SQL, the state and the UI. */
import type { Band, Served } from './opportunity';
import type { Variant } from './stats/variants';

/** A closed interval [low, high], as the CLI prints it. */
export type Range = [number, number];

/**
 * Additive sums of one side (importance or satisfaction) of one outcome over the answers counted:
 * n answers; Σw and Σw² (Kish n_eff = sw² / sw2); Σw over ratings 4–5 (t2) and 5 (t1);
 * Σw·x and Σw·x² (for the mean). Unweighted, every w is 1. Sums of disjoint groups add, so "the rest"
 * of a segment is the total minus the segment.
 */
export interface SideSums {
	n: number;
	sw: number;
	sw2: number;
	t2: number;
	t1: number;
	sx: number;
	sxx: number;
}

export interface OutcomeSums {
	imp: SideSums;
	sat: SideSums;
}

/** Which answers count: each metric on its own answers (default), or only complete pairs. */
export type MissingPolicy = 'available' | 'complete';
export const MISSING_POLICY_LABEL: Record<MissingPolicy, string> = {
	available: 'Available answers per metric',
	complete: 'Complete pairs only'
};

/**
 * One outcome's scores, as the CLI prints them (`data-col` names in the UI match these keys). The
 * fields after `served` are optional: rows rebuilt from a shared report carry only the scores.
 */
export interface ScoreRow {
	id: string;
	label: string;
	/** Position of the outcome in the rating matrix (outcome order). */
	idx?: number;
	/** Job step from the outcome dictionary, when one is loaded. */
	step?: string | null;
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
	/** 95% Wilson interval (normal interval of the mean for the mean-based variant), Kish n_eff. */
	importance_ci?: Range | null;
	satisfaction_ci?: Range | null;
	/** 95% paired respondent bootstrap interval; null until computed (or without a score). */
	opportunity_ci?: Range | null;
	/** The opportunity interval crosses a band edge (10, 12, 15); null without an interval. */
	uncertain?: boolean | null;
	/** What the intervals and segment comparisons are computed from (absent in shared reports). */
	sums?: OutcomeSums;
}

export interface SurveyResult {
	formula: Variant;
	policy: MissingPolicy;
	/** Header of the weight column, when weighting. */
	weight: string | null;
	/** Respondents in the analysis (after filters, exclusions and unusable weights). */
	respondents: number;
	outcomes: ScoreRow[];
	warnings: string[];
	/** Softer notes (outcomes under the recommended sample size). */
	notes: string[];
}

/** A segment's scores (one value of an attribute). */
export interface SegmentResult {
	value: string | null;
	respondents: number;
	outcomes: ScoreRow[];
}

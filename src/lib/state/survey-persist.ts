/**
 * The survey side of the saved session: the file, the layout chosen, label mappings, the outcome
 * dictionary, analysis settings and respondent exclusions.
 */
import type { Formula } from '$lib/domain/opportunity';
import type { QualityFlag } from '$lib/domain/quality';
import type { Layout } from '$lib/ingest/survey-layout';
import type { StoredFile } from './persist.svelte';
import type { SurveyState } from './survey.svelte';

/** Files and choices are kept apart, so changing a setting never rewrites the file. */
export const SURVEY_KEY = { files: 'survey-files', choices: 'survey' } as const;

export interface SavedSurveyFiles {
	file: StoredFile;
	dictionary: StoredFile | null;
}

export interface SavedSurvey {
	layout: Layout;
	how: string;
	labelChoices: Record<string, number | null>;
	formula: Formula;
	policy: SurveyState['policy'];
	weight: number | null;
	filter: SurveyState['filter'];
	seed: number;
	step: string | null;
	excluded: QualityFlag[];
	minAnswered: number;
}

/** The files to save, or null while none is loaded. */
export function surveyFiles(s: SurveyState): SavedSurveyFiles | null {
	return s.source ? { file: s.source, dictionary: s.dictionarySource } : null;
}

/** The choices to save, or null while nothing is scored. Reading every field makes it trackable. */
export function surveySnapshot(s: SurveyState): SavedSurvey | null {
	const saved = {
		layout: s.layout,
		how: s.layoutHow,
		labelChoices: s.labelChoices,
		formula: s.formula,
		policy: s.policy,
		weight: s.weight,
		filter: s.filter,
		seed: s.seed,
		step: s.step,
		excluded: s.quality.excluded,
		minAnswered: s.quality.minAnswered
	};
	const { layout } = saved;
	return layout && s.result ? { ...saved, layout } : null;
}

/** Load the saved file again and re-apply every choice, in the order they depend on each other. */
export async function restoreSurvey(
	s: SurveyState,
	files: SavedSurveyFiles,
	saved: SavedSurvey | undefined
): Promise<void> {
	// A file chosen while the saved one loads wins: the restore then stops.
	if (!(await s.load(files.file.name, files.file.bytes)) || !s.file || !saved) return;
	if (s.layoutHow !== saved.how) await s.useLayout(saved.layout, saved.how);
	if (Object.keys(saved.labelChoices).length > 0) await s.setLabels(saved.labelChoices);
	if (files.dictionary) {
		await s.loadDictionary(new File([files.dictionary.bytes as BlobPart], files.dictionary.name));
	}
	s.quality.minAnswered = saved.minAnswered;
	s.quality.excluded = saved.excluded;
	s.formula = saved.formula;
	s.policy = saved.policy;
	s.filter = saved.filter;
	s.seed = saved.seed;
	s.step = saved.step;
	if (saved.weight !== null) await s.setWeight(saved.weight);
	await s.quality.apply();
}

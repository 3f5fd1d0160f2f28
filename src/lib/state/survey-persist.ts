/**
 * The survey side of the saved session: the file, the layout chosen, label mappings, the outcome
 * dictionary, analysis settings and respondent exclusions.
 */
import type { Formula } from '$lib/domain/opportunity';
import type { QualityFlag } from '$lib/domain/quality';
import type { Layout } from '$lib/ingest/survey-layout';
import type { StoredFile } from './persist.svelte';
import type { SurveyState } from './survey.svelte';

export const SURVEY_KEY = 'survey';

export interface SavedSurvey {
	file: StoredFile;
	layout: Layout;
	how: string;
	labelChoices: Record<string, number | null>;
	dictionary: StoredFile | null;
	formula: Formula;
	policy: SurveyState['policy'];
	weight: number | null;
	filter: SurveyState['filter'];
	seed: number;
	step: string | null;
	excluded: QualityFlag[];
	minAnswered: number;
}

/** What to save now, or null while nothing is scored. Reading every field makes it trackable. */
export function surveySnapshot(s: SurveyState): SavedSurvey | null {
	const saved = {
		file: s.source,
		layout: s.layout,
		how: s.layoutHow,
		labelChoices: s.labelChoices,
		dictionary: s.dictionarySource,
		formula: s.formula,
		policy: s.policy,
		weight: s.weight,
		filter: s.filter,
		seed: s.seed,
		step: s.step,
		excluded: s.quality.excluded,
		minAnswered: s.quality.minAnswered
	};
	const { file, layout } = saved;
	return file && layout && s.result ? { ...saved, file, layout } : null;
}

/** Load the saved file again and re-apply every choice, in the order they depend on each other. */
export async function restoreSurvey(s: SurveyState, saved: SavedSurvey): Promise<void> {
	await s.load(saved.file.name, saved.file.bytes);
	if (!s.file) return;
	if (s.layoutHow !== saved.how) await s.useLayout(saved.layout, saved.how);
	if (Object.keys(saved.labelChoices).length > 0) await s.setLabels(saved.labelChoices);
	if (saved.dictionary) {
		await s.loadDictionary(new File([saved.dictionary.bytes as BlobPart], saved.dictionary.name));
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

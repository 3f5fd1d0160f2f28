/** The whole session: restore what the last visit loaded, keep it up to date, or forget it. */
import { persistence } from './persist.svelte';
import { pipeline } from './pipeline.svelte';
import { survey } from './survey.svelte';
import {
	restoreSurvey,
	surveyFiles,
	surveySnapshot,
	SURVEY_KEY,
	type SavedSurvey,
	type SavedSurveyFiles
} from './survey-persist';

let restoring = false;

export async function restoreSession(): Promise<void> {
	restoring = true;
	try {
		const files = await persistence.load<SavedSurveyFiles>(SURVEY_KEY.files);
		const saved = await persistence.load<SavedSurvey>(SURVEY_KEY.choices);
		await Promise.all([
			files && !survey.result ? restoreSurvey(survey, files, saved) : null,
			pipeline.restore()
		]);
	} finally {
		restoring = false;
	}
}

/** Save the survey side whenever one of its choices changes (call inside a component). */
export function keepSurveySaved(): void {
	$effect(() => {
		const files = surveyFiles(survey);
		if (files && !restoring) void persistence.save(SURVEY_KEY.files, files);
	});
	$effect(() => {
		const snap = surveySnapshot(survey);
		if (snap && !restoring) void persistence.save(SURVEY_KEY.choices, snap);
	});
}

export async function clearSession(): Promise<void> {
	await persistence.clearAll();
	pipeline.reset();
	survey.reset();
}

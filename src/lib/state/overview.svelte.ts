/**
 * The overview's segment bridge: suggested when a survey and a pipeline are both loaded, used only
 * once the user confirms a pair.
 */
import { browserDb } from '$lib/db/browser';
import { bridgeRows, pipelineColumns, surveyColumns } from '$lib/analysis/bridge';
import { suggestBridges, type BridgeRow, type BridgeSuggestion } from '$lib/domain/bridge';
import type { SurveyState } from './survey.svelte';
import type { PipelineState } from './pipeline.svelte';

export class BridgeState {
	suggestions = $state.raw<BridgeSuggestion[]>([]);
	chosen = $state.raw<BridgeSuggestion | null>(null);
	rows = $state.raw<BridgeRow[]>([]);
	error = $state<string | null>(null);

	/** Look for shared segment columns (call when either side changes). */
	async suggest(survey: SurveyState, pipeline: PipelineState): Promise<void> {
		const layout = survey.layout;
		if (!layout || !survey.result || !pipeline.result) {
			this.suggestions = [];
			this.chosen = null;
			this.rows = [];
			return;
		}
		const attrs = layout.attributes.map((i) => ({ index: i, label: survey.label(i) }));
		const cols = await surveyColumns(await browserDb(), attrs);
		this.suggestions = suggestBridges(cols, pipelineColumns(pipeline.result));
		if (this.chosen && !this.suggestions.some((s) => same(s, this.chosen!))) this.chosen = null;
	}

	async confirm(s: BridgeSuggestion, survey: SurveyState, pipeline: PipelineState): Promise<void> {
		const breakdown = pipeline.result?.breakdowns[s.pipeline];
		if (!survey.result || !breakdown) return;
		try {
			this.rows = await bridgeRows(await browserDb(), survey.result.formula, s, breakdown);
			this.chosen = s;
			this.error = null;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		}
	}
}

const same = (a: BridgeSuggestion, b: BridgeSuggestion) =>
	a.survey === b.survey && a.pipeline === b.pipeline;

export const bridge = new BridgeState();

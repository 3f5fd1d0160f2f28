/** `survey` output: the JSON contract (`--json`) and the readable table. */
import { BAND_LABEL, FORMULA_LABEL } from '$lib/domain/opportunity';
import type { ExclusionEntry } from '$lib/domain/quality';
import type { Range, ScoreRow, SurveyResult } from '$lib/domain/survey';
import type { SurveyOutput } from './survey-run';
import type { SegmentOut } from './survey-segments';

export function surveyJson(o: SurveyOutput): string {
	return JSON.stringify(toJson(o.result, o.audit, o.segments, o.ci), null, 2) + '\n';
}

export function surveyTable(o: SurveyOutput): string {
	return table(o.result, o.audit, o.segments, o.ci);
}

function outcomeJson(x: ScoreRow, ci: boolean) {
	return {
		id: x.id,
		label: x.label,
		...(x.step ? { step: x.step } : {}),
		n_importance: x.n_importance,
		n_satisfaction: x.n_satisfaction,
		invalid: x.invalid,
		importance: x.importance,
		satisfaction: x.satisfaction,
		opportunity: x.opportunity,
		band: x.band,
		served: x.served,
		...(ci
			? {
					importance_ci: x.importance_ci ?? null,
					satisfaction_ci: x.satisfaction_ci ?? null,
					opportunity_ci: x.opportunity_ci ?? null,
					uncertain_band: x.uncertain ?? null
				}
			: {})
	};
}

function toJson(
	r: SurveyResult,
	audit: ExclusionEntry[],
	segments: SegmentOut[] | null,
	ci: boolean
) {
	return {
		formula: r.formula,
		...(r.policy !== 'available' ? { missing: r.policy } : {}),
		...(r.weight ? { weights: r.weight } : {}),
		respondents: r.respondents,
		...(audit.length ? { excluded: audit.map((e) => ({ id: e.id, reasons: e.reasons })) } : {}),
		outcomes: r.outcomes.map((x) => outcomeJson(x, ci)),
		...(segments
			? {
					segments: segments.map((s) => ({
						value: s.value,
						respondents: s.respondents,
						outcomes: s.outcomes.map((x) => ({ ...outcomeJson(x, ci), vs_rest: x.vs_rest }))
					}))
				}
			: {}),
		warnings: r.warnings
	};
}

function table(
	r: SurveyResult,
	audit: ExclusionEntry[],
	segments: SegmentOut[] | null,
	ci: boolean
): string {
	const lines = [
		`Formula: ${FORMULA_LABEL[r.formula]} · ${r.respondents} respondents · ${r.outcomes.length} outcomes${r.weight ? ` · weighted by "${r.weight}"` : ''}${r.policy === 'complete' ? ' · complete pairs only' : ''}`,
		...(audit.length ? [`Excluded: ${audit.length} respondents (${summary(audit)})`] : []),
		'',
		...grid(r.outcomes, ci)
	];
	for (const s of segments ?? []) {
		lines.push('', `Segment "${s.value ?? '(blank)'}" · ${s.respondents} respondents`, '');
		lines.push(...grid(s.outcomes, ci));
	}
	if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((x) => `- ${x}`));
	return lines.join('\n') + '\n';
}

function summary(audit: ExclusionEntry[]): string {
	const count = new Map<string, number>();
	for (const e of audit) for (const x of e.reasons) count.set(x, (count.get(x) ?? 0) + 1);
	return [...count].map(([k, n]) => `${n} ${k}`).join(', ');
}

function grid(rows: ScoreRow[], ci: boolean): string[] {
	const f = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
	const iv = (x: Range | null | undefined) => (x ? `${f(x[0])}–${f(x[1])}` : '–');
	const body = rows.map((x) => [
		x.label.length > 48 ? `${x.label.slice(0, 47)}…` : x.label,
		String(x.n_importance),
		f(x.importance),
		f(x.satisfaction),
		f(x.opportunity),
		...(ci ? [iv(x.opportunity_ci) + (x.uncertain ? ' ?' : '')] : []),
		x.band ? BAND_LABEL[x.band] : '–'
	]);
	const head = [
		'outcome',
		'n',
		'importance',
		'satisfaction',
		'opportunity',
		...(ci ? ['95% interval'] : []),
		'band'
	];
	const w = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
	return [line(head), ...body.map(line)];
}

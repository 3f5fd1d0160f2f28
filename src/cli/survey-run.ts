/** `survey` on an engine: load, screen, score, and (when asked) intervals and segments. */
import { basename } from 'node:path';
import type { Db } from '$lib/db/db';
import {
	applyDictionary,
	excludeRespondents,
	prepareSurveyLabels,
	readMatrix,
	readRespondents,
	scoreSurvey,
	type LabelReport
} from '$lib/analysis/survey';
import { loadSurveyFile } from '$lib/analysis/survey-file';
import {
	exclusions,
	qualityFlags,
	type ExclusionEntry,
	type QualityFlag
} from '$lib/domain/quality';
import type { SurveyResult } from '$lib/domain/survey';
import { respondentRatings, type RatingMatrix, type Respondents } from '$lib/domain/survey-matrix';
import { parseDictionary } from '$lib/ingest/survey-dictionary';
import { customLayout, detectLayout, type Layout } from '$lib/ingest/survey-layout';
import type { ScoreOptions } from '$lib/sql/survey';
import { CliError, readInput } from './io';
import type { SurveyConfig } from './survey-options';
import { column, segmentsOf, withIntervals, type Run, type SegmentOut } from './survey-segments';

/** Everything the output formats draw from. */
export interface SurveyOutput {
	result: SurveyResult;
	/** Respondents left out by --exclude. */
	audit: ExclusionEntry[];
	segments: SegmentOut[] | null;
	ci: boolean;
}

export async function computeSurvey(
	db: Db,
	file: string,
	bytes: Uint8Array,
	c: SurveyConfig
): Promise<SurveyOutput> {
	const r = await loadSurveyFile(db, basename(file), bytes);
	if (!r.ok) throw new CliError(r.error);
	const layout = chooseLayout(r.file.labels, c);
	const prep = await prepareSurveyLabels(db, layout);
	const warnings = [...r.file.report.warnings, ...prep.warnings, ...labelWarnings(prep.labels)];
	if (c.dictionary) warnings.push(...(await dictionary(db, c.dictionary)));
	const weight = c.weights ? column(r.file, layout, c.weights, '--weights') : null;
	const matrix = await readMatrix(db, layout);
	const people = await readRespondents(db, layout.attributes, weight);
	const audit = screen(matrix, people, c.flags, c.minShare);
	await excludeRespondents(
		db,
		audit.map((e) => e.row)
	);
	const options: ScoreOptions = {
		variant: c.formula,
		policy: c.policy,
		filters: [],
		weight,
		groupBy: null
	};
	const ctx: Run = {
		db,
		file: r.file,
		layout,
		matrix,
		people,
		options,
		seed: c.seed,
		excluded: new Set(audit.map((e) => e.row))
	};
	const res = await scoreSurvey(db, options);
	const outcomes = c.ci ? withIntervals(ctx, res.outcomes, []) : res.outcomes;
	const segments = c.segment ? await segmentsOf(ctx, c.segment, res.outcomes, c.ci) : null;
	const result: SurveyResult = {
		...res,
		outcomes,
		weight: weight === null ? null : r.file.labels[weight]!,
		warnings: [...warnings, ...res.warnings, ...res.notes]
	};
	return { result, audit, segments, ci: c.ci };
}

/** Text answers the user should know about: "no answer" ones and those on no known scale. */
function labelWarnings(labels: LabelReport): string[] {
	const side = { imp: 'importance', sat: 'satisfaction' } as const;
	return labels.values.flatMap((v) => {
		if (v.status === 'missing')
			return [`"${v.raw}" (${side[v.side]}, ${v.n}×) counted as no answer.`];
		if (v.status === 'unknown')
			return [
				`"${v.raw}" (${side[v.side]}, ${v.n}×) is on no known rating scale and counts as invalid; map it in the app.`
			];
		return [];
	});
}

function chooseLayout(labels: string[], c: SurveyConfig): Layout {
	if (c.importance && c.satisfaction) {
		const l = customLayout(labels, c.importance, c.satisfaction);
		if (!l.ok) throw new CliError(l.error);
		return l.layout;
	}
	const d = detectLayout(labels);
	if (d.status === 'ok') return d.layout;
	throw new CliError(`${d.reason} Use --importance REGEX --satisfaction REGEX.`);
}

async function dictionary(db: Db, path: string): Promise<string[]> {
	const d = parseDictionary(basename(path), readInput(path));
	if (!d.ok) throw new CliError(d.error);
	const m = await applyDictionary(db, d.entries);
	return m.unused.length
		? [`${m.unused.length} dictionary entries match no outcome (e.g. "${m.unused[0]!.id}").`]
		: [];
}

function screen(
	matrix: RatingMatrix,
	people: Respondents,
	flags: QualityFlag[],
	minAnsweredShare: number
): ExclusionEntry[] {
	if (flags.length === 0) return [];
	const report = qualityFlags(respondentRatings(matrix, people.ids), { minAnsweredShare });
	return exclusions(report, flags);
}

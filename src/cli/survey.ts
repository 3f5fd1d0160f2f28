/** `survey` command: score a survey file (plain CSV, Qualtrics or SurveyMonkey export). */
import { basename } from 'node:path';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import {
	applyDictionary,
	excludeRespondents,
	prepareSurveyLabels,
	readMatrix,
	readRespondents,
	scoreSegments,
	scoreSurvey,
	storeClusters,
	type LabelReport
} from '$lib/analysis/survey';
import { loadSurveyFile, type SurveyFile } from '$lib/analysis/survey-file';
import { BAND_LABEL, FORMULAS, FORMULA_LABEL, type Formula } from '$lib/domain/opportunity';
import {
	exclusions,
	qualityFlags,
	type ExclusionEntry,
	type QualityFlag
} from '$lib/domain/quality';
import type { MissingPolicy, Range, ScoreRow, SurveyResult } from '$lib/domain/survey';
import { runBootstrap, runCluster, runCompare } from '$lib/domain/survey-jobs';
import {
	respondentOpportunity,
	respondentRatings,
	selectPopulation,
	selectRows,
	selectWeights,
	type RatingMatrix,
	type Respondents,
	type RowCondition
} from '$lib/domain/survey-matrix';
import { clusterNames, compareWithRest } from '$lib/domain/survey-segments';
import { withOpportunityCi } from '$lib/domain/survey-stats';
import { parseDictionary } from '$lib/ingest/survey-dictionary';
import { customLayout, detectLayout, type Layout } from '$lib/ingest/survey-layout';
import type { AttrKey, ScoreOptions } from '$lib/sql/survey';
import { CliError, readInput } from './io';

export interface SurveyOptions {
	json?: boolean;
	formula?: string;
	importance?: string;
	satisfaction?: string;
	ci?: boolean;
	segment?: string;
	weights?: string;
	exclude?: string;
	seed?: string;
	missing?: string;
	dictionary?: string;
	'min-answered'?: string;
}

const EXCLUDE: Record<string, QualityFlag> = {
	straightliners: 'straightlining',
	incomplete: 'incomplete',
	duplicates: 'duplicate'
};
const RESAMPLES = 1000;

interface Run {
	db: Db;
	file: SurveyFile;
	layout: Layout;
	matrix: RatingMatrix;
	people: Respondents;
	options: ScoreOptions;
	seed: number;
	excluded: Set<number>;
}

export async function runSurvey(file: string, o: SurveyOptions): Promise<string> {
	const formula = (o.formula ?? 'ulwick') as Formula;
	if (!FORMULAS.includes(formula))
		throw new CliError(`--formula must be one of ${FORMULAS.join(', ')}.`);
	if (!!o.importance !== !!o.satisfaction)
		throw new CliError('Give both --importance and --satisfaction.');
	const policy = (o.missing ?? 'available') as MissingPolicy;
	if (policy !== 'available' && policy !== 'complete')
		throw new CliError('--missing must be available or complete.');
	const seed = o.seed === undefined ? 42 : Number(o.seed);
	if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.');
	const minShare = o['min-answered'] === undefined ? 0.5 : Number(o['min-answered']);
	if (!(minShare >= 0 && minShare <= 1)) throw new CliError('--min-answered must be 0–1.');
	const flags = parseExclude(o.exclude);
	const db = await openNodeDb();
	try {
		const r = await loadSurveyFile(db, basename(file), readInput(file));
		if (!r.ok) throw new CliError(r.error);
		const layout = chooseLayout(r.file.labels, o);
		const prep = await prepareSurveyLabels(db, layout);
		const warnings = [...r.file.report.warnings, ...prep.warnings, ...labelWarnings(prep.labels)];
		if (o.dictionary) warnings.push(...(await dictionary(db, o.dictionary)));
		const weight = o.weights ? column(r.file, layout, o.weights, '--weights') : null;
		const matrix = await readMatrix(db, layout);
		const people = await readRespondents(db, layout.attributes, weight);
		const audit = screen(matrix, people, flags, minShare);
		await excludeRespondents(
			db,
			audit.map((e) => e.row)
		);
		const options: ScoreOptions = {
			variant: formula,
			policy,
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
			seed,
			excluded: new Set(audit.map((e) => e.row))
		};
		const res = await scoreSurvey(db, options);
		const outcomes = o.ci ? withIntervals(ctx, res.outcomes, []) : res.outcomes;
		const segments = o.segment ? await segmentsOf(ctx, o.segment, res.outcomes, !!o.ci) : null;
		const out: SurveyResult = {
			...res,
			outcomes,
			weight: weight === null ? null : r.file.labels[weight]!,
			warnings: [...warnings, ...res.warnings, ...res.notes]
		};
		if (o.json) return JSON.stringify(toJson(out, audit, segments, !!o.ci), null, 2) + '\n';
		return table(out, audit, segments, !!o.ci);
	} finally {
		await db.close();
	}
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

function parseExclude(s: string | undefined): QualityFlag[] {
	if (!s) return [];
	return s.split(',').map((x) => {
		const f = EXCLUDE[x.trim()];
		if (!f) throw new CliError(`--exclude takes ${Object.keys(EXCLUDE).join(',')}; got "${x}".`);
		return f;
	});
}

function chooseLayout(labels: string[], o: SurveyOptions): Layout {
	if (o.importance && o.satisfaction) {
		const c = customLayout(labels, o.importance, o.satisfaction);
		if (!c.ok) throw new CliError(c.error);
		return c.layout;
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

/** A respondent attribute by its header (label, column id or question text; case ignored). */
function column(file: SurveyFile, layout: Layout, name: string, flag: string): number {
	const want = name.trim().toLowerCase();
	const hit = layout.attributes.find((i) => {
		const c = file.columns[i]!;
		return [c.label, c.id, c.question].some((x) => x.trim().toLowerCase() === want);
	});
	if (hit === undefined) {
		const names = layout.attributes.map((i) => `"${file.labels[i]}"`).join(', ');
		throw new CliError(
			`${flag}: no respondent attribute "${name}". Attributes: ${names || 'none'}.`
		);
	}
	return hit;
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

/** Bootstrap intervals for the rows of one population (everyone, or one segment). */
function withIntervals(ctx: Run, rows: ScoreRow[], conditions: RowCondition[]): ScoreRow[] {
	const pop = selectPopulation(ctx.matrix.n, ctx.excluded, conditions, ctx.people.weights);
	const ci = runBootstrap({
		outcomes: selectRows(ctx.matrix, pop),
		weights: selectWeights(ctx.people.weights, pop),
		variant: ctx.options.variant,
		policy: ctx.options.policy,
		seed: ctx.seed,
		resamples: RESAMPLES
	});
	return rows.map((r) => withOpportunityCi(r, ci[r.idx ?? -1] ?? null));
}

interface SegmentOut {
	value: string | null;
	respondents: number;
	outcomes: (ScoreRow & { vs_rest?: Record<string, unknown> })[];
}

async function segmentsOf(
	ctx: Run,
	name: string,
	total: ScoreRow[],
	ci: boolean
): Promise<SegmentOut[]> {
	let key: AttrKey;
	let values: (string | null)[];
	if (name.trim().toLowerCase() === 'clusters') {
		values = clusters(ctx);
		await storeClusters(ctx.db, values);
		key = 'cluster';
	} else {
		key = column(ctx.file, ctx.layout, name, '--segment');
		values = ctx.people.columns.get(key) ?? [];
	}
	const segs = await scoreSegments(ctx.db, ctx.options, key);
	return segs.map((s) => {
		const cmp = compareWithRest(s.outcomes, total, ctx.options.variant);
		const diff = ci ? differenceIntervals(ctx, values, s.value) : null;
		const rows = ci ? withIntervals(ctx, s.outcomes, [{ values, value: s.value }]) : s.outcomes;
		return {
			value: s.value,
			respondents: s.respondents,
			outcomes: rows.map((r) => {
				const c = cmp.find((x) => x.id === r.id)!;
				return {
					...r,
					vs_rest: {
						difference: c.difference,
						...(diff ? { difference_ci: diff[r.idx ?? -1] ?? null } : {}),
						p_importance: c.p_importance,
						p_satisfaction: c.p_satisfaction,
						q_importance: c.q_importance,
						q_satisfaction: c.q_satisfaction
					}
				};
			})
		};
	});
}

function differenceIntervals(
	ctx: Run,
	values: (string | null)[],
	value: string | null
): (Range | null)[] {
	const { n } = ctx.matrix;
	const w = ctx.people.weights;
	const all = selectPopulation(n, ctx.excluded, [], w);
	const inSeg = all.filter((i) => (values[i] ?? null) === value);
	const rest = all.filter((i) => (values[i] ?? null) !== value);
	return runCompare({
		a: selectRows(ctx.matrix, inSeg),
		b: selectRows(ctx.matrix, rest),
		weightsA: selectWeights(w, inSeg),
		weightsB: selectWeights(w, rest),
		variant: ctx.options.variant,
		policy: ctx.options.policy,
		seed: ctx.seed,
		resamples: RESAMPLES
	});
}

/** Outcome-based segments (k-means on respondents' own opportunity, k by silhouette). */
function clusters(ctx: Run): (string | null)[] {
	const rows = selectPopulation(ctx.matrix.n, ctx.excluded, [], null);
	const r = runCluster({
		rows: respondentOpportunity(ctx.matrix, rows),
		seed: ctx.seed,
		ks: [2, 3, 4, 5, 6]
	});
	const names = clusterNames(r.k);
	const out: (string | null)[] = new Array(ctx.matrix.n).fill(null);
	rows.forEach((row, j) => (out[row] = names[r.labels[j]!] ?? null));
	return out;
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

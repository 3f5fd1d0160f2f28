/**
 * The survey page's state: load a file into DuckDB (browser engine), detect its layout, map text
 * answers, score it, and keep every figure current as the user changes the formula, the
 * missing-data policy, weights, filters, exclusions or segments. Results are `$state.raw`
 * (replaced whole, never deep-proxied). Bootstrap intervals and k-means run in a worker.
 */
import { browserDb } from '$lib/db/browser';
import {
	applyDictionary,
	applyLabels,
	attributeInfo,
	labelKey,
	prepareSurveyLabels,
	readMatrix,
	readRespondents,
	scoreSurvey,
	valuesOf,
	type AttributeInfo,
	type LabelReport,
	type Side
} from '$lib/analysis/survey';
import { loadSurveyFile, type SurveyFile } from '$lib/analysis/survey-file';
import type { Formula } from '$lib/domain/opportunity';
import type { MissingPolicy, Range, ScoreRow, SurveyResult } from '$lib/domain/survey';
import { scoresCsv, scoresWithIntervalsCsv } from '$lib/domain/survey-export';
import {
	selectPopulation,
	selectRows,
	selectWeights,
	type RatingMatrix,
	type Respondents,
	type RowCondition
} from '$lib/domain/survey-matrix';
import { withOpportunityCi } from '$lib/domain/survey-stats';
import type { CsvReport } from '$lib/ingest/load-csv';
import { parseDictionary, type DictionaryEntry } from '$lib/ingest/survey-dictionary';
import { customLayout, detectLayout, type Detection, type Layout } from '$lib/ingest/survey-layout';
import type { AttrKey, ScoreOptions, SurveyFilter } from '$lib/sql/survey';
import { readFileBytes } from './files';
import { isCancelled, LoadProgress, sizeMessage } from './progress.svelte';
import type { StoredFile } from './persist.svelte';
import { JobChannel, type Timed } from './survey-jobs';
import { QualityState } from './survey-quality.svelte';
import { SegmentState } from './survey-segments.svelte';

export { labelKey, type LabelValue, type Side } from '$lib/analysis/survey';

export type Phase = 'idle' | 'loading' | 'ask' | 'scoring' | 'ready' | 'error';

/** Resamples of the opportunity bootstrap (the minimum; ~1 s for 10k × 100 in a worker). */
export const RESAMPLES = 1000;

export interface CiStatus {
	state: 'idle' | 'running' | 'done' | 'error';
	ms: number;
	message?: string;
}

export interface DictionaryInfo {
	fileName: string;
	entries: number;
	matched: number;
	unused: DictionaryEntry[];
	steps: string[];
}

export class SurveyState {
	phase = $state<Phase>('idle');
	error = $state<string | null>(null);
	formula = $state<Formula>('ulwick');
	policy = $state<MissingPolicy>('available');
	/** Raw column index of the weight column. */
	weight = $state<number | null>(null);
	/** Filter the whole analysis to one value of one attribute. */
	filter = $state.raw<SurveyFilter | null>(null);
	seed = $state(42);
	report = $state.raw<CsvReport | null>(null);
	file = $state.raw<SurveyFile | null>(null);
	detection = $state.raw<Detection | null>(null);
	layout = $state.raw<Layout | null>(null);
	layoutHow = $state('');
	prepWarnings = $state.raw<string[]>([]);
	labels = $state.raw<LabelReport | null>(null);
	labelChoices = $state.raw<Record<string, number | null>>({});
	dictionary = $state.raw<DictionaryInfo | null>(null);
	dictionaryError = $state<string | null>(null);
	/** Show only the outcomes of this job step (a view filter; scores do not change). */
	step = $state<string | null>(null);
	attributes = $state.raw<AttributeInfo[]>([]);
	result = $state.raw<SurveyResult | null>(null);
	ci = $state.raw<CiStatus>({ state: 'idle', ms: 0 });
	/** The loaded files' bytes, kept so the session can be restored on the next visit. */
	source = $state.raw<StoredFile | null>(null);
	dictionarySource = $state.raw<StoredFile | null>(null);
	/** Milliseconds of the last load's steps (read, prepare, matrix, scores, respondents, quality), for the curious. */
	timings = $state.raw<Record<string, number>>({});

	readonly quality = new QualityState(this);
	readonly segments = new SegmentState(this);

	/** Per-respondent data for the worker jobs (not reactive: large, replaced whole). */
	matrix: RatingMatrix | null = null;
	people: Respondents | null = null;
	readonly jobs = { ci: new JobChannel(), compare: new JobChannel(), cluster: new JobChannel() };
	private generation = 0;
	/** The file load in progress (steps, cancel). */
	readonly progress = new LoadProgress();

	/** Read a file the user chose or dropped. */
	async loadFile(file: File): Promise<void> {
		const refused = sizeMessage(file.name, file.size);
		if (refused) {
			this.error = refused;
			return;
		}
		await this.load(file.name, file);
	}

	async loadSample(url: string, name = 'survey-sample.csv'): Promise<void> {
		const res = await fetch(url);
		await this.load(name, new Uint8Array(await res.arrayBuffer()));
	}

	/**
	 * Read a survey file. Cancelling while the file is read or checked leaves the current
	 * analysis as it was; once the engine starts replacing its table, a cancel clears it. A load
	 * that another load replaced ends quietly. Resolves true when the file was read.
	 */
	async load(name: string, source: Uint8Array | Blob): Promise<boolean> {
		const load = this.progress.begin(name, source);
		const before = { phase: this.phase, result: this.result };
		this.phase = 'loading';
		this.error = null;
		this.result = null;
		try {
			const t0 = performance.now();
			const bytes = await load.bytes();
			const r = await loadSurveyFile(load.db(await browserDb()), name, bytes, load.onStep);
			this.timings = { read: performance.now() - t0 };
			if (!r.ok) {
				this.fail(r.error);
				return false;
			}
			this.file = r.file;
			this.report = r.file.report;
			this.source = { name, bytes };
			this.dictionarySource = null;
			await load.to('prepare');
			await this.detect();
			return true;
		} catch (e) {
			if (!isCancelled(e)) {
				this.fail(load.why(e, `${name}: ${message(e)}`));
				return false;
			}
			// Another file was chosen meanwhile: that load owns the page now.
			if (load.quiet(e)) return false;
			if (load.replacing) this.reset();
			else Object.assign(this, before);
			this.error = `${load.why(e, '')}${load.replacing && before.result ? ' The earlier survey was cleared as well (its table was being replaced): load a file again.' : ''}`;
			return false;
		} finally {
			load.finish();
		}
	}

	/** Re-run detection, e.g. with a chosen importance variant. */
	async detect(variant?: string): Promise<void> {
		if (!this.file) return;
		const d = detectLayout(this.file.labels, variant);
		this.detection = d;
		if (d.status === 'ok') await this.useLayout(d.layout, d.how);
		else this.phase = 'ask';
	}

	/** Apply user-given patterns; returns an error message or null. */
	async usePatterns(imp: string, sat: string): Promise<string | null> {
		if (!this.file) return 'Load a file first.';
		const r = customLayout(this.file.labels, imp, sat);
		if (!r.ok) return r.error;
		await this.useLayout(r.layout, `wide, your patterns (${imp} / ${sat})`);
		return null;
	}

	/**
	 * Build the tables for a layout and score them. The order serves what a person waits for: the
	 * rating matrix first (only the intervals need it), so the bootstrap starts in its worker while
	 * DuckDB computes the scores and reads the respondents; the scores are shown once the
	 * respondents are there (every control works from then on), and the quality flags (which change
	 * no figure right after loading: nothing is excluded yet) are worked out after that.
	 */
	async useLayout(layout: Layout, how: string): Promise<void> {
		this.phase = 'scoring';
		try {
			let t = performance.now();
			const lap = (step: string) => {
				this.timings = { ...this.timings, [step]: performance.now() - t };
				t = performance.now();
			};
			const db = await browserDb();
			const prep = await prepareSurveyLabels(db, layout);
			lap('prepare');
			this.prepWarnings = prep.warnings;
			this.layout = layout;
			this.layoutHow = how;
			this.labels = prep.labels;
			this.labelChoices = {};
			this.dictionary = null;
			this.step = null;
			this.weight = null;
			this.filter = null;
			this.matrix = this.people = null;
			this.attributes = [];
			this.segments.reset();
			this.quality.reset();
			this.matrix = await readMatrix(db, layout);
			lap('matrix');
			await this.refresh(async () => {
				lap('scores');
				this.attributes = await attributeInfo(db, layout.attributes);
				this.people = await readRespondents(db, layout.attributes, this.weight);
				lap('respondents');
			});
			this.quality.flag();
			lap('quality');
		} catch (e) {
			this.fail(message(e));
		}
	}

	/** Map one text answer (a rating 1–5, null = no answer, undefined = back to the default). */
	async setLabel(side: Side, raw: string, value: number | null | undefined): Promise<void> {
		const choices = { ...this.labelChoices };
		if (value === undefined) delete choices[labelKey(side, raw)];
		else choices[labelKey(side, raw)] = value;
		await this.setLabels(choices);
	}

	/** Forget the loaded survey (the caller clears storage). */
	reset(): void {
		this.generation++;
		this.phase = 'idle';
		this.error = null;
		this.result = this.report = this.file = this.layout = this.detection = this.labels = null;
		this.source = this.dictionarySource = this.dictionary = null;
		this.matrix = this.people = null;
		this.labelChoices = {};
		this.filter = null;
		this.weight = null;
		this.step = null;
		this.quality.reset();
		this.segments.reset();
	}

	/** Apply a whole set of label choices at once (restoring a session). */
	async setLabels(choices: Record<string, number | null>): Promise<void> {
		if (!this.labels) return;
		this.labelChoices = choices;
		await this.guard(async () => {
			const db = await browserDb();
			await applyLabels(db, this.labels!, choices);
			// Labels change ratings only: the respondents stay as they are.
			if (this.layout) this.matrix = await readMatrix(db, this.layout);
			await this.quality.apply();
		});
	}

	async setFormula(f: Formula): Promise<void> {
		this.formula = f;
		await this.refresh();
	}

	async setPolicy(p: MissingPolicy): Promise<void> {
		this.policy = p;
		await this.refresh();
	}

	async setWeight(column: number | null): Promise<void> {
		this.weight = column;
		await this.guard(async () => {
			// A weight changes the respondents' weights only: the ratings stay as they are.
			if (this.layout)
				this.people = await readRespondents(await browserDb(), this.layout.attributes, this.weight);
			await this.refresh();
		});
	}

	async setFilter(f: SurveyFilter | null): Promise<void> {
		this.filter = f;
		await this.refresh();
	}

	async setSeed(seed: number): Promise<void> {
		if (!Number.isInteger(seed)) return;
		this.seed = seed;
		await this.refresh();
	}

	async loadDictionary(file: File): Promise<void> {
		const bytes = await readFileBytes(file);
		this.dictionarySource = { name: file.name, bytes };
		const d = parseDictionary(file.name, bytes);
		if (!d.ok) {
			this.dictionaryError = d.error;
			return;
		}
		this.dictionaryError = null;
		await this.guard(async () => {
			const m = await applyDictionary(await browserDb(), d.entries);
			const steps = d.entries
				.map((e) => e.step)
				.filter((x, i, all): x is string => !!x && all.indexOf(x) === i);
			this.dictionary = {
				fileName: file.name,
				entries: d.entries.length,
				matched: m.matched,
				unused: m.unused,
				steps
			};
			await this.refresh();
		});
	}

	async clearDictionary(): Promise<void> {
		await this.guard(async () => {
			await applyDictionary(await browserDb(), null);
			this.dictionary = null;
			this.dictionarySource = null;
			this.step = null;
			await this.refresh();
		});
	}

	/** The outcomes shown: all, or those of the chosen job step. */
	get shown(): ScoreRow[] {
		const rows = this.result?.outcomes ?? [];
		return this.step === null ? rows : rows.filter((r) => r.step === this.step);
	}

	/** Score options for the SQL, from the controls. */
	get options(): ScoreOptions {
		return {
			variant: this.formula,
			policy: this.policy,
			filters: this.filter ? [this.filter] : [],
			weight: this.weight,
			groupBy: null
		};
	}

	/** An attribute's distinct values with respondent counts, most frequent first. */
	async attributeValues(a: AttrKey): Promise<{ value: string | null; n: number }[]> {
		return valuesOf(await browserDb(), a);
	}

	/** One value per respondent of an attribute (rid order). */
	valuesOf(a: AttrKey): (string | null)[] {
		if (!this.people) return [];
		return a === 'cluster' ? this.people.cluster : (this.people.columns.get(a) ?? []);
	}

	/**
	 * The rows of the current analysis (plus extra conditions), as the SQL selects them. Right after
	 * loading, before the respondents are read, there is no filter or weight yet: every row not
	 * excluded.
	 */
	population(extra: RowCondition[] = []): Int32Array {
		const m = this.matrix;
		if (!m || !this.peopleReady(extra)) return new Int32Array(0);
		const f = this.filter;
		const conditions = f ? [{ values: this.valuesOf(f.attribute), value: f.value }] : [];
		return selectPopulation(
			m.n,
			this.quality.excludedRows,
			[...conditions, ...extra],
			this.people?.weights ?? null
		);
	}

	/** The respondents are read, or the analysis needs none of their columns. */
	private peopleReady(extra: readonly RowCondition[] = []): boolean {
		return !!this.people || (!this.filter && this.weight === null && extra.length === 0);
	}

	/**
	 * Recompute every figure: scores now, intervals and segments as they arrive. `beforeShow` runs
	 * after the scores are computed and before they are shown (loading reads the respondents there).
	 */
	async refresh(beforeShow?: () => Promise<void>): Promise<void> {
		if (!this.layout) return;
		const gen = ++this.generation;
		// The bootstrap (worker) and the scores (DuckDB's worker) run side by side.
		const intervals = this.startIntervals();
		await this.guard(async () => {
			const res = await scoreSurvey(await browserDb(), this.options);
			await beforeShow?.();
			if (gen !== this.generation) return;
			this.result = { ...res, weight: this.weight === null ? null : this.label(this.weight) };
			this.phase = 'ready';
			void this.finishIntervals(gen, intervals);
			void this.segments.refresh();
		});
	}

	private startIntervals(): Promise<Timed<(Range | null)[]> | null> | null {
		const m = this.matrix;
		if (!m || !this.peopleReady()) return null;
		this.ci = { state: 'running', ms: 0 };
		const rows = this.population();
		return this.jobs.ci.run({
			kind: 'bootstrap',
			outcomes: selectRows(m, rows),
			weights: selectWeights(this.people?.weights ?? null, rows),
			variant: this.formula,
			policy: this.policy,
			seed: this.seed,
			resamples: RESAMPLES
		});
	}

	private async finishIntervals(
		gen: number,
		pending: Promise<Timed<(Range | null)[]> | null> | null
	): Promise<void> {
		try {
			const out = await pending;
			if (!out || gen !== this.generation || !this.result) return;
			this.result = {
				...this.result,
				outcomes: this.result.outcomes.map((r) =>
					withOpportunityCi(r, out.result[r.idx ?? -1] ?? null)
				)
			};
			this.ci = { state: 'done', ms: out.ms };
		} catch (e) {
			if (gen === this.generation) this.ci = { state: 'error', ms: 0, message: message(e) };
		}
	}

	exportCsv(): string {
		return this.result ? scoresCsv(this.result.outcomes, this.result.formula) : '';
	}

	exportCsvWithIntervals(): string {
		return this.result ? scoresWithIntervalsCsv(this.result.outcomes, this.result.formula) : '';
	}

	/** Header label of a raw column. */
	label(i: number): string {
		return this.file?.labels[i] ?? this.report?.labels[i] ?? `column ${i + 1}`;
	}

	/** Run a step that may fail; failures show as the page's error. */
	async guard(step: () => Promise<void>): Promise<void> {
		try {
			await step();
		} catch (e) {
			this.fail(message(e));
		}
	}

	private fail(msg: string): void {
		this.error = msg;
		this.phase = 'error';
	}
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const survey = new SurveyState();

/**
 * The survey page's state: load a file into DuckDB (browser engine), detect its layout, score it.
 * Results are `$state.raw` (replaced whole, never deep-proxied).
 */
import { browserDb } from '$lib/db/browser';
import { prepareSurvey, scoreSurvey } from '$lib/analysis/survey';
import type { Formula } from '$lib/domain/opportunity';
import type { SurveyResult } from '$lib/domain/survey';
import { scoresCsv } from '$lib/domain/survey-export';
import { loadCsv, type CsvReport } from '$lib/ingest/load-csv';
import { customLayout, detectLayout, type Detection, type Layout } from '$lib/ingest/survey-layout';
import { T } from '$lib/sql/survey';
import { readFileBytes } from './files';

export type Phase = 'idle' | 'loading' | 'ask' | 'scoring' | 'ready' | 'error';

export class SurveyState {
	phase = $state<Phase>('idle');
	error = $state<string | null>(null);
	formula = $state<Formula>('ulwick');
	report = $state.raw<CsvReport | null>(null);
	detection = $state.raw<Detection | null>(null);
	layout = $state.raw<Layout | null>(null);
	layoutHow = $state('');
	prepWarnings = $state.raw<string[]>([]);
	result = $state.raw<SurveyResult | null>(null);

	/** Read a file the user chose or dropped. */
	async loadFile(file: File): Promise<void> {
		await this.load(file.name, await readFileBytes(file));
	}

	async loadSample(url: string, name = 'survey-sample.csv'): Promise<void> {
		const res = await fetch(url);
		await this.load(name, new Uint8Array(await res.arrayBuffer()));
	}

	async load(name: string, bytes: Uint8Array): Promise<void> {
		this.phase = 'loading';
		this.error = null;
		this.result = null;
		try {
			const db = await browserDb();
			const r = await loadCsv(db, T.raw, name, bytes);
			if (!r.ok) return this.fail(r.error);
			this.report = r.report;
			await this.detect();
		} catch (e) {
			this.fail(`${name}: ${e instanceof Error ? e.message : String(e)}`);
		}
	}

	/** Re-run detection, e.g. with a chosen importance variant. */
	async detect(variant?: string): Promise<void> {
		if (!this.report) return;
		const d = detectLayout(this.report.labels, variant);
		this.detection = d;
		if (d.status === 'ok') await this.useLayout(d.layout, d.how);
		else this.phase = 'ask';
	}

	/** Apply user-given patterns; returns an error message or null. */
	async usePatterns(imp: string, sat: string): Promise<string | null> {
		if (!this.report) return 'Load a file first.';
		const r = customLayout(this.report.labels, imp, sat);
		if (!r.ok) return r.error;
		await this.useLayout(r.layout, `wide, your patterns (${imp} / ${sat})`);
		return null;
	}

	async useLayout(layout: Layout, how: string): Promise<void> {
		this.phase = 'scoring';
		try {
			const db = await browserDb();
			this.prepWarnings = await prepareSurvey(db, layout);
			this.layout = layout;
			this.layoutHow = how;
			await this.score();
		} catch (e) {
			this.fail(e instanceof Error ? e.message : String(e));
		}
	}

	async setFormula(f: Formula): Promise<void> {
		this.formula = f;
		if (this.layout) await this.score();
	}

	private async score(): Promise<void> {
		const db = await browserDb();
		this.result = await scoreSurvey(db, this.formula);
		this.phase = 'ready';
	}

	exportCsv(): string {
		return this.result ? scoresCsv(this.result.outcomes, this.result.formula) : '';
	}

	/** Header label of a raw column. */
	label(i: number): string {
		return this.report?.labels[i] ?? `column ${i + 1}`;
	}

	private fail(message: string): void {
		this.error = message;
		this.phase = 'error';
	}
}

export const survey = new SurveyState();

/**
 * A report computed from files in one go (no UI): what `data/reports/<name>/` folders are built
 * into at build time, and what the CLI writes with `--report`. Same engine, same SQL.
 */
import type { Db } from '$lib/db/db';
import { buildReport } from '$lib/domain/share/build';
import type { Report } from '$lib/domain/share/report';
import type { Formula } from '$lib/domain/opportunity';
import { PRESETS, type PresetName } from '$lib/domain/pipeline/stages';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout } from '$lib/ingest/survey-layout';
import { loadHistory, pipelineMetrics, preparePipeline, applySetup } from './pipeline';
import { loadSurveyFile } from './survey-file';
import { prepareSurvey, scoreSurvey } from './survey';

export interface NamedBytes {
	name: string;
	bytes: Uint8Array;
}
export interface ReportFiles {
	survey?: NamedBytes;
	deals?: NamedBytes;
	history?: NamedBytes;
}
export interface ReportConfig {
	title?: string;
	formula?: Formula;
	preset?: PresetName;
	/** Reference date for ages and overdue deals, YYYY-MM-DD. */
	asOf: string;
	created?: string;
}

type Result = { ok: true; report: Report } | { ok: false; error: string };

export async function reportFromFiles(
	db: Db,
	files: ReportFiles,
	config: ReportConfig
): Promise<Result> {
	if (!files.survey && !files.deals)
		return { ok: false, error: 'A report needs a survey or a deals file.' };
	let survey = null;
	if (files.survey) {
		const f = await loadSurveyFile(db, files.survey.name, files.survey.bytes);
		if (!f.ok) return f;
		const d = detectLayout(f.file.labels);
		if (d.status !== 'ok') return { ok: false, error: `${files.survey.name}: ${d.reason}` };
		await prepareSurvey(db, d.layout);
		survey = {
			result: await scoreSurvey(db, config.formula ?? 'ulwick'),
			source: files.survey.name
		};
	}
	let pipeline = null;
	if (files.deals) {
		const d = await loadCsv(db, 'deals_raw', files.deals.name, files.deals.bytes);
		if (!d.ok) return d;
		const hint = { decimalComma: d.report.delimiter === ';' };
		let prep = await preparePipeline(db, 'deals_raw', d.report.labels, hint, config.asOf);
		if (files.history) {
			const h = await loadCsv(db, 'history_raw', files.history.name, files.history.bytes);
			if (!h.ok) return h;
			const r = await loadHistory(db, 'history_raw', h.report.labels, hint);
			if (!r.ok) return { ok: false, error: `${files.history.name}: ${r.error}` };
		}
		const preset = config.preset;
		const setup = preset ? { ...prep.setup, preset, dictionary: [...PRESETS[preset]] } : prep.setup;
		prep = await applySetup(db, 'deals_raw', d.report.labels, setup, hint);
		pipeline = { result: await pipelineMetrics(db), source: files.deals.name };
	}
	return {
		ok: true,
		report: buildReport({ title: config.title, survey, pipeline }, config.created ?? config.asOf)
	};
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '$lib/domain/share/codec';
import type { Report } from '$lib/domain/share/report';
import { openEngine, type Engine } from './engine';
import { runPipeline } from './pipeline';
import { runReport } from './report';
import { runSurvey } from './survey';

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const deals = path('data/pipeline-sample.csv');
const history = path('data/pipeline-history-sample.csv');
const survey = path('data/survey-sample.csv');

let engine: Engine;
let dir: string;
beforeAll(async () => {
	engine = await openEngine(undefined);
	dir = mkdtempSync(join(tmpdir(), 'ol-cli-report-'));
});
afterAll(async () => {
	await engine.db.close();
	rmSync(dir, { recursive: true, force: true });
});

/** The file read back exactly as the site's Report page reads it (`readReportFile` → `parseJson`). */
function opened(file: string): Report {
	const r = parseJson(readFileSync(file, 'utf8'));
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

describe('--report', () => {
	it('pipeline: the file opens on the site and carries the --json numbers', async () => {
		const file = join(dir, 'p.json');
		const o = { json: true, asOf: '2026-12-03', history, report: file, title: 'Q4' };
		const json = JSON.parse(await runPipeline(deals, o, engine.db));
		const r = opened(file);
		expect(r).toMatchObject({ v: 1, title: 'Q4' });
		expect(r.created).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const p = r.pipeline!;
		expect(p.source).toBe('pipeline-sample.csv');
		for (const k of Object.keys(p.kpis).filter((k) => k in json)) {
			expect([k, p.kpis[k as keyof typeof p.kpis]]).toEqual([k, json[k]]);
		}
		expect(p.kpis).toMatchObject({ deals: 2480, won: 621, lost: 1011 });
		expect(p.funnel.kind).toBe('cohort');
		expect(
			p.funnel.steps.map(({ stage, reached, rate_next }) => ({ stage, reached, rate_next }))
		).toEqual(json.funnel);
		expect(p.forecast_by_month).toEqual(json.forecast_by_month);
	});
	it('survey: the same outcomes and respondents as --json, with its options applied', async () => {
		const file = join(dir, 's.json');
		const o = { json: true, formula: 'plain', exclude: 'duplicates', report: file };
		const json = JSON.parse(await runSurvey(survey, o, engine.db));
		const s = opened(file).survey!;
		expect(s).toMatchObject({
			formula: 'plain',
			respondents: json.respondents,
			source: 'survey-sample.csv'
		});
		expect(s.respondents).toBe(340); // the duplicate left out
		expect(s.outcomes).toEqual(json.outcomes);
	});
	it('report: both analyses in one file, the same as each command writes', async () => {
		const both = join(dir, 'both.json');
		const text = await runReport(
			{ survey, pipeline: deals, history, asOf: '2026-12-03', formula: 'ulwick', out: both },
			engine.db
		);
		expect(text).toMatch(
			/^Report written to .*both\.json \([\d,]+ bytes\): survey survey-sample\.csv \(341 respondents, 36 outcomes\), pipeline pipeline-sample\.csv \(2,480 deals\)\.\n/
		);
		const r = opened(both);
		const s = join(dir, 's2.json');
		const p = join(dir, 'p2.json');
		await runSurvey(survey, { formula: 'ulwick', report: s }, engine.db);
		await runPipeline(deals, { asOf: '2026-12-03', history, report: p }, engine.db);
		expect(r.survey).toEqual(opened(s).survey);
		expect(r.pipeline).toEqual(opened(p).pipeline);
		// Without --out the payload goes to stdout.
		const out = await runReport({ survey, formula: 'ulwick' }, engine.db);
		expect(parseJson(out)).toEqual({ ok: true, report: { ...r, pipeline: undefined } });
	});
	it('writes nothing the site would refuse', async () => {
		const file = join(dir, 'bad.json');
		await expect(
			runSurvey(survey, { formula: 'ulwick', report: file, title: 'x'.repeat(201) }, engine.db)
		).rejects.toThrow(
			'The report cannot be written: the report does not have the expected shape (at title).'
		);
		expect(existsSync(file)).toBe(false);
		await expect(runReport({ history }, engine.db)).rejects.toThrow(
			'report: give --survey FILE, --pipeline FILE or both.'
		);
		await expect(runReport({ survey, ci: true }, engine.db)).rejects.toThrow(/leave out --ci/);
	});
});

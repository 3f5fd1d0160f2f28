import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { suggestBridges } from '$lib/domain/bridge';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout } from '$lib/ingest/survey-layout';
import { T } from '$lib/sql/survey';
import { bridgeRows, pipelineColumns, surveyColumns } from './bridge';
import { pipelineMetrics, preparePipeline } from './pipeline';
import { prepareSurvey } from './survey';

let db: Db;
const file = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${n}`, import.meta.url)));
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

describe('segment bridge', () => {
	it('suggests region ↔ Region and puts both analyses side by side per region', async () => {
		const s = await loadCsv(db, T.raw, 'bridge-survey.csv', file('bridge-survey.csv'));
		if (!s.ok) throw new Error(s.error);
		const d = detectLayout(s.report.labels);
		if (d.status !== 'ok') throw new Error(d.reason);
		await prepareSurvey(db, d.layout);
		const p = await loadCsv(db, 'deals_raw', 'de-report.csv', file('pipeline/de-report.csv'));
		if (!p.ok) throw new Error(p.error);
		await preparePipeline(db, 'deals_raw', p.report.labels, { decimalComma: true }, '2025-06-30');
		const result = await pipelineMetrics(db);

		const sCols = await surveyColumns(
			db,
			d.layout.attributes.map((i) => ({ index: i, label: s.report.labels[i]! }))
		);
		const [best] = suggestBridges(sCols, pipelineColumns(result));
		expect(best).toMatchObject({ survey: 'c1', pipeline: 'region', shared: ['Nord', 'Süd'] });

		const rows = await bridgeRows(db, 'ulwick', best!, result.breakdowns['region']!);
		// Nord: A imp 5,4 → 10, sat 1,2 → 0 → 20 (under); B imp 2,3 → 0, sat 5,4 → 10 → 0 (over)
		//  deals D01 D03 D05 D07 D09 D11; won D07 D09, lost D11 → 2/3; open 10,000 + 'abc' + 50,000
		//  weighted 10,000×10% + 50,000×60% = 31,000
		// Süd: B scores 20, A 0; won D08, lost D10 → 1/2; open 20,000 + 40,000 + 60,000 + 15,000
		//  weighted 4,000 + 20,000 + 54,000 + 15,000×70% = 88,500
		expect(rows).toEqual([
			{
				segment: 'Nord',
				respondents: 2,
				under_served: 1,
				top_outcome: 'A',
				top_opportunity: 20,
				deals: 6,
				open_amount: 60_000,
				weighted: 31_000,
				win_rate: 2 / 3
			},
			{
				segment: 'Süd',
				respondents: 2,
				under_served: 1,
				top_outcome: 'B',
				top_opportunity: 20,
				deals: 6,
				open_amount: 135_000,
				weighted: 88_500,
				win_rate: 0.5
			}
		]);
	});
});

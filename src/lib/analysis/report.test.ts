import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { parseReport } from '$lib/domain/share/report';
import { reportFromFiles } from './report';

let db: Db;
const file = (n: string) => ({
	name: n.split('/').at(-1)!,
	bytes: new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${n}`, import.meta.url)))
});
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

describe('report from files', () => {
	it('computes both analyses into a schema-valid report', async () => {
		const r = await reportFromFiles(
			db,
			{ survey: file('bridge-survey.csv'), deals: file('pipeline/de-report.csv') },
			{ title: 'Test', asOf: '2025-06-30' }
		);
		if (!r.ok) throw new Error(r.error);
		expect(parseReport(JSON.parse(JSON.stringify(r.report)))).toEqual({
			ok: true,
			report: r.report
		});
		expect(r.report.created).toBe('2025-06-30');
		// Survey: A imp 5,4,2,1 → 2 of 4 → 5; sat 1,2,5,4 → 2 of 4 → 5 → opportunity 5 + 0 = 5
		const a = r.report.survey!.outcomes.find((o) => o.id === 'A')!;
		expect([a.importance, a.satisfaction, a.opportunity]).toEqual([5, 5, 5]);
		// Pipeline: 3 won of 5 closed; weighted 119,500 (see src/lib/sql/pipeline.test.ts)
		expect(r.report.pipeline!.kpis.win_rate_count).toBeCloseTo(0.6, 12);
		expect(r.report.pipeline!.kpis.weighted_pipeline).toBeCloseTo(119_500, 6);
		expect(r.report.pipeline!.funnel.kind).toBe('snapshot');
	});
	it('says what is missing', async () => {
		expect(await reportFromFiles(db, {}, { asOf: '2025-06-30' })).toEqual({
			ok: false,
			error: 'A report needs a survey or a deals file.'
		});
	});
});

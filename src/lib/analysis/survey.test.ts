import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout } from '$lib/ingest/survey-layout';
import { T } from '$lib/sql/survey';
import { prepareSurvey, scoreSurvey } from './survey';
import { readFileSync } from 'node:fs';
import type { ScoreRow } from '$lib/domain/survey';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

async function run(bytes: Uint8Array | string, formula: 'ulwick' | 'plain' = 'ulwick') {
	const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
	const r = await loadCsv(db, T.raw, 'f.csv', b);
	if (!r.ok) throw new Error(r.error);
	const d = detectLayout(r.report.labels);
	if (d.status !== 'ok') throw new Error(d.reason);
	await prepareSurvey(db, d.layout);
	return scoreSurvey(db, formula);
}
const byId = (rows: ScoreRow[], id: string) => rows.find((r) => r.id === id);

describe('survey scores on the Node engine', () => {
	it('scores a wide file with blanks and invalid values', async () => {
		// A: imp 5,4,3,2 → 2 of 4 are 4–5 → 5.0; sat 1,2,4,'' → 1 of 3 → 3.333…
		//    opportunity = 5 + max(5 − 3.333, 0) = 6.666…
		// B: imp 5,5,5,4.5 → 3 valid, all top-2 → 10; sat 5,5,5,6 → 3 valid → 10; 2 invalid (4.5, 6)
		//    opportunity = 10 + 0 = 10 → worth considering, under-served
		const csv =
			'id,region,imp_A,sat_A,imp_B,sat_B\n1,N,5,1,5,5\n2,S,4,2,5,5\n3,N,3,4,5,5\n4,S,2,,4.5,6\n';
		const res = await run(csv);
		expect(res.respondents).toBe(4);
		const a = byId(res.outcomes, 'A')!;
		expect(a.n_importance).toBe(4);
		expect(a.n_satisfaction).toBe(3);
		expect(a.importance).toBeCloseTo(5, 12);
		expect(a.satisfaction).toBeCloseTo(10 / 3, 12);
		expect(a.opportunity).toBeCloseTo(5 + (5 - 10 / 3), 12);
		expect(a.band).toBe('low');
		const b = byId(res.outcomes, 'B')!;
		expect([b.n_importance, b.n_satisfaction, b.invalid]).toEqual([3, 3, 2]);
		expect(b.invalid_values).toEqual(['4.5', '6']);
		expect(b.opportunity).toBe(10);
		expect([b.band, b.served]).toEqual(['worth', 'under']);
		expect(res.outcomes[0]?.id).toBe('B'); // ranked by opportunity
		expect(res.warnings.join('\n')).toContain('B: 2 invalid ratings (values 4.5, 6) excluded.');
	});

	it('reproduces the published 200/270, 75/270 check in a long file', async () => {
		// 270 respondents: 200 rate importance 4–5 (rest 2), 75 rate satisfaction 4–5 (rest 1)
		const lines = ['respondent,outcome,importance,satisfaction'];
		for (let i = 0; i < 270; i++)
			lines.push(`r${i},O1,${i < 200 ? 4 + (i % 2) : 2},${i < 75 ? 5 : 1}`);
		const res = await run(lines.join('\n'));
		const o = res.outcomes[0]!;
		expect(o.importance).toBeCloseTo(7.407407407407407, 12); // 10 × 200 / 270
		expect(o.satisfaction).toBeCloseTo(2.777777777777778, 12); // 10 × 75 / 270
		expect(o.opportunity).toBeCloseTo(12.037037037037036, 12); // 7.407 + 4.630
		expect(o.band).toBe('high');
	});

	it('shows over-served outcomes and the plain formula', async () => {
		// imp 4,1,1,1 → 2.5; sat 5,5,4,1 → 7.5; ulwick = 2.5 + 0 = 2.5; plain = 2.5 − 5 = −2.5
		const csv = 'Q_imp,Q_sat\n4,5\n1,5\n1,4\n1,1\n';
		const u = (await run(csv)).outcomes[0]!;
		expect([u.opportunity, u.served]).toEqual([2.5, 'over']);
		const p = (await run(csv, 'plain')).outcomes[0]!;
		expect(p.opportunity).toBe(-2.5);
	});

	it('gives an all-invalid outcome no score instead of 0', async () => {
		const res = await run('imp_X,sat_X,imp_Y,sat_Y\n0,6,4,4\nabc,7,5,2\n');
		const x = byId(res.outcomes, 'X')!;
		expect([x.n_importance, x.invalid, x.importance, x.opportunity, x.band]).toEqual([
			0,
			4,
			null,
			null,
			null
		]);
		expect(res.outcomes.at(-1)?.id).toBe('X');
		expect(res.warnings.join('\n')).toContain('X: no valid importance or satisfaction answers');
	});

	it('reads a ; Windows-1252 file with umlauts and decimal-looking ratings', async () => {
		const bytes = readFileSync(
			new URL('../../../tests/fixtures/survey-de-cp1252.csv', import.meta.url)
		);
		const res = await run(new Uint8Array(bytes));
		// "Überblick behalten": imp 5,4,"4,0"(invalid: comma decimal),3 → valid 3, top2 2 → 6.667;
		// sat 2,2,1,5 → 1 of 4 → 2.5; opp = 6.667 + 4.167 = 10.833
		const o = byId(res.outcomes, 'Überblick behalten')!;
		expect(o.n_importance).toBe(3);
		expect(o.importance).toBeCloseTo(20 / 3, 12);
		expect(o.satisfaction).toBeCloseTo(2.5, 12);
		expect(o.opportunity).toBeCloseTo(20 / 3 + (20 / 3 - 2.5), 12);
		expect(o.invalid_values).toEqual(['4,0']);
		expect(res.respondents).toBe(4);
	});
});

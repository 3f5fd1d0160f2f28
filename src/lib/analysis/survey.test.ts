import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout } from '$lib/ingest/survey-layout';
import { T } from '$lib/sql/survey';
import {
	applyDictionary,
	applyLabels,
	excludeRespondents,
	labelKey,
	prepareSurvey,
	readLabels,
	readMatrix,
	readRespondents,
	scoreSegments,
	scoreSurvey,
	storeClusters
} from './survey';
import { loadSurveyFile } from './survey-file';
import { bootstrapOpportunity } from '$lib/domain/stats/bootstrap';
import {
	applyPolicy,
	selectPopulation,
	selectRows,
	selectWeights
} from '$lib/domain/survey-matrix';
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

const fixtureBytes = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${n}`, import.meta.url)));

/** Load a fixture the way the app does: export header rows, column labels, layout, labels. */
async function loadExport(name: string) {
	const f = await loadSurveyFile(db, name, fixtureBytes(name));
	if (!f.ok) throw new Error(f.error);
	const d = detectLayout(f.file.labels);
	if (d.status !== 'ok') throw new Error(d.reason);
	await prepareSurvey(db, d.layout);
	return { ...f.file, layout: d.layout };
}
const statement = (rows: ScoreRow[], start: string) => rows.find((r) => r.label.startsWith(start))!;

/*
 * tests/fixtures/survey-qualtrics.csv as numbers (importance O1–O4 | satisfaction O1–O4, weight):
 *   R_01 Sales rep 5 4 3 4 | 2 1 3 4  w 1      R_07 Manager 2 5 5 4 | 4 1 1 3  w 1
 *   R_02 Sales rep 4 5 2 3 | 1 2 4 5  w 1      R_08 Manager 3 4 5 5 | 4 2 2 4  w 1
 *   R_03 Sales rep 5 5 3 2 | 2 1 2 4  w 2      R_09 Manager 2 5 4 3 | 5 2 1 4  w 2
 *   R_04 Sales rep 4 4 2 3 | 3 2 4 DK w 1      R_10 Manager 5 5 5 5 | 4 4 4 4  w 1 (straight-liner)
 *   R_05 Sales rep 5 4 1 2 | 2 2 5 3  w 0.5    R_11 Manager ? 4 5 4 | 5 2 2 3  w 1 (? = "Sort of important")
 *   R_06 Sales rep 3 5 2 4 | 2 1 4 5  w 1      R_12 Manager 4 – – – | 2 – – –  w 1 (incomplete)
 * O1 update a deal, O2 deal stalling, O3 prepare the forecast, O4 pricing errors. DK = "Don't know".
 */
describe('a Qualtrics export with text answers', () => {
	it('reads statements from the question text and maps the labels', async () => {
		const q = await loadExport('survey-qualtrics.csv');
		expect(q.tool).toBe('qualtrics');
		expect(q.report.rows).toBe(12);
		const labels = await readLabels(db);
		expect(labels.scales).toEqual({
			imp: 'en-importance-unipolar',
			sat: 'en-satisfaction-bipolar'
		});
		const unknown = labels.values.filter((v) => v.status === 'unknown');
		expect(unknown.map((v) => [v.side, v.raw, v.n])).toEqual([['imp', 'Sort of important', 1]]);
		expect(labels.values.find((v) => v.raw === "Don't know")?.status).toBe('missing');

		const res = await scoreSurvey(db, 'ulwick');
		expect(res.respondents).toBe(12);
		// O1: importance 11 valid (the unknown label is invalid), 4–5: R01 R02 R03 R04 R05 R10 R12 = 7
		//     → 70/11 = 6.3636; satisfaction 12 valid, 4–5: R07 R08 R09 R10 R11 = 5 → 50/12 = 4.1667
		//     → 6.3636 + 2.1970 = 8.5606
		const o1 = statement(res.outcomes, 'Minimize the time it takes to update');
		expect([o1.n_importance, o1.n_satisfaction, o1.invalid]).toEqual([11, 12, 1]);
		expect(o1.importance).toBeCloseTo(70 / 11, 12);
		expect(o1.satisfaction).toBeCloseTo(50 / 12, 12);
		expect(o1.opportunity).toBeCloseTo(70 / 11 + (70 / 11 - 50 / 12), 12);
		// O2: importance 11 of 11 in 4–5 → 10; satisfaction 1 of 11 (R10) → 0.909 → 10 + 9.091 = 19.091
		const o2 = statement(res.outcomes, 'Minimize the likelihood of a deal stalling');
		expect(o2.opportunity).toBeCloseTo(10 + (10 - 10 / 11), 12);
		expect(o2.band).toBe('extreme');
		// O4: "Don't know" is no answer: satisfaction 10 valid, 7 in 4–5 → 7; importance 6 of 11 → 5.4545
		const o4 = statement(res.outcomes, 'Minimize the likelihood of pricing');
		expect(o4.n_satisfaction).toBe(10);
		expect(o4.satisfaction).toBe(7);
		expect([o4.opportunity, o4.served]).toEqual([60 / 11, 'over']);
		// every outcome has under 30 answers: a warning, and no softer note on top
		expect(res.warnings.join('\n')).toContain('4 outcomes have fewer than 30 answers');
		expect(res.notes).toEqual([]);
		// Wilson on O2's satisfaction, 1 of 11: z²/n = 0.349224, centre (0.090909 + 0.174612)/1.349224
		// = 0.196796, half = 1.452661 × √(0.0075131 + 0.0079369) = 0.180563 → [0.1623, 3.7736]
		expect(o2.satisfaction_ci![0]).toBeCloseTo(0.1623, 3);
		expect(o2.satisfaction_ci![1]).toBeCloseTo(3.7736, 3);
	});

	it('recomputes when the user maps the unknown label', async () => {
		const labels = await readLabels(db);
		await applyLabels(db, labels, { [labelKey('imp', 'Sort of important')]: 3 });
		const res = await scoreSurvey(db, 'ulwick');
		// O1 importance: 12 valid now, still 7 in 4–5 → 70/12 = 5.8333; nothing invalid
		const o1 = statement(res.outcomes, 'Minimize the time it takes to update');
		expect(o1.importance).toBeCloseTo(70 / 12, 12);
		expect(o1.invalid).toBe(0);
		await applyLabels(db, labels); // back to the default (unknown = invalid)
	});

	it('complete pairs only: a pair counts when both sides are answered', async () => {
		const res = await scoreSurvey(db, { variant: 'ulwick', policy: 'complete' });
		// O4: R04's satisfaction is "Don't know", so its importance (3) drops too: 10 valid, 6 in 4–5 → 6
		const o4 = statement(res.outcomes, 'Minimize the likelihood of pricing');
		expect([o4.n_importance, o4.n_satisfaction, o4.importance, o4.opportunity]).toEqual([
			10, 10, 6, 6
		]);
		// O1: R11's importance is invalid, so its satisfaction (5) drops: 4 of 11 → 3.636; I = 6.364
		const o1 = statement(res.outcomes, 'Minimize the time it takes to update');
		expect(o1.satisfaction).toBeCloseTo(40 / 11, 12);
		expect(o1.opportunity).toBeCloseTo(70 / 11 + (70 / 11 - 40 / 11), 12);
	});

	it('weights answers and uses Kish n_eff in the intervals', async () => {
		const q = await loadExport('survey-qualtrics.csv');
		const weight = q.labels.indexOf('weight');
		const res = await scoreSurvey(db, { variant: 'ulwick', weight });
		// O1 importance (R11 invalid): Σw valid = 1+1+2+1+0.5+1+1+1+2+1+1 = 12.5;
		// Σw in 4–5 = R01 1 + R02 1 + R03 2 + R04 1 + R05 0.5 + R10 1 + R12 1 = 7.5 → 10 × 7.5 / 12.5 = 6
		// Σw² = 1+1+4+1+0.25+1+1+1+4+1+1 = 16.25 → n_eff = 12.5² / 16.25 = 9.615
		const o1 = statement(res.outcomes, 'Minimize the time it takes to update');
		expect(o1.importance).toBeCloseTo(6, 12);
		expect(o1.sums!.imp.sw2).toBe(16.25);
		// Wilson(0.6, 9.615): z²/n = 0.39953; centre (0.6 + 0.19977)/1.39953 = 0.57146;
		// half = 1.40044 × √(0.024960 + 0.010389) = 0.26331 → [3.0815, 8.3477]
		expect(o1.importance_ci![0]).toBeCloseTo(3.0815, 3);
		expect(o1.importance_ci![1]).toBeCloseTo(8.3477, 3);
	});

	it('other formula variants: top-box and mean-based', async () => {
		// O2 top-box: importance 5s = R02 R03 R06 R07 R09 R10 = 6 of 11 → 5.4545; satisfaction no 5s → 0
		const top = await scoreSurvey(db, 'topbox');
		expect(statement(top.outcomes, 'Minimize the likelihood of a deal').opportunity).toBeCloseTo(
			120 / 11,
			12
		);
		// O2 mean: importance mean 50/11 → (50/11 − 1) × 2.5 = 8.8636; satisfaction 20/11 → 2.0455
		// → 8.8636 + (8.8636 − 2.0455) = 15.6818
		const mean = await scoreSurvey(db, 'mean');
		const o2 = statement(mean.outcomes, 'Minimize the likelihood of a deal');
		expect(o2.importance).toBeCloseTo((50 / 11 - 1) * 2.5, 12);
		expect(o2.opportunity).toBeCloseTo(2 * (50 / 11 - 1) * 2.5 - (20 / 11 - 1) * 2.5, 12);
	});

	it('excludes respondents from every figure; scores segments; reads the matrix', async () => {
		const q = await loadExport('survey-qualtrics.csv');
		await excludeRespondents(db, [9]); // R_10, the straight-liner (rid 9)
		const res = await scoreSurvey(db, 'ulwick');
		expect(res.respondents).toBe(11);
		// O2 without R10: importance 10 of 10 → 10; satisfaction 0 of 10 → 0 → 20
		expect(statement(res.outcomes, 'Minimize the likelihood of a deal').opportunity).toBe(20);
		await excludeRespondents(db, []);

		const role = q.labels.indexOf('What is your role?');
		const segs = await scoreSegments(db, { variant: 'ulwick' }, role);
		expect(segs.map((s) => [s.value, s.respondents])).toEqual([
			['Manager', 6],
			['Sales rep', 6]
		]);
		// O3 forecast: managers importance 5 of 5 → 10, satisfaction 1 of 5 → 2 → 18;
		// sales reps importance 0 of 6 → 0, satisfaction 4 of 6 → 6.667 → 0
		const o3 = (s: number) => statement(segs[s]!.outcomes, 'Minimize the time it takes to prepare');
		expect(o3(0).opportunity).toBe(18);
		expect(o3(1).opportunity).toBe(0);
		const filtered = await scoreSurvey(db, 'ulwick', [{ attribute: role, value: 'Manager' }]);
		expect(statement(filtered.outcomes, 'Minimize the time it takes to prepare').opportunity).toBe(
			18
		);

		const m = await readMatrix(db, q.layout);
		expect(m.n).toBe(12);
		// O1 importance by respondent: 5 4 5 4 5 3 2 3 2 5 (invalid → 0) 4
		expect(Array.from(m.outcomes[0]!.importance)).toEqual([5, 4, 5, 4, 5, 3, 2, 3, 2, 5, 0, 4]);
		const people = await readRespondents(db, [role], q.labels.indexOf('weight'));
		expect(people.ids[0]).toBe('R_01');
		expect(people.columns.get(role)![6]).toBe('Manager');
		expect(Array.from(people.weights!.slice(0, 5))).toEqual([1, 1, 2, 1, 0.5]);
	});

	it('the bootstrap on the matrix starts from the same scores as the SQL', async () => {
		const q = await loadExport('survey-qualtrics.csv');
		const weight = q.labels.indexOf('weight');
		const m = await readMatrix(db, q.layout);
		const people = await readRespondents(db, [], weight);
		for (const policy of ['available', 'complete'] as const) {
			for (const variant of ['ulwick', 'plain', 'mean', 'topbox'] as const) {
				const sql = await scoreSurvey(db, { variant, policy, weight });
				const rows = selectPopulation(m.n, new Set(), [], people.weights);
				const est = bootstrapOpportunity(applyPolicy(selectRows(m, rows), policy), {
					variant,
					weights: selectWeights(people.weights, rows),
					resamples: 1
				});
				const byIdx = sql.outcomes.slice().sort((a, b) => a.id.localeCompare(b.id));
				const ids = q.layout.kind === 'wide' ? q.layout.pairs.map((p) => p.key) : [];
				ids.forEach((id, k) =>
					expect(est[k]!.estimate).toBeCloseTo(byIdx.find((r) => r.id === id)!.opportunity!, 10)
				);
			}
		}
	});
});

/*
 * tests/fixtures/survey-surveymonkey.csv (German labels, NBSP in some answers), as numbers:
 *   114001 Vertrieb 5 4 2 | 2 1 4     114005 Vertrieb 5 5 1 | 2 – 4
 *   114002 Vertrieb 4 5 3 | 1 2 5     114002 Vertrieb 4 5 3 | 1 2 4 (duplicate id)
 *   114003 Leitung  3 4 5 | 4 2 1     114006 Leitung  4 4 5 | 3 2 2
 *   114004 Leitung  2 5 4 | 5 3 2
 * S1 Angebot erstellen, S2 Entscheider übersehen, S3 Prognose erstellen.
 */
describe('a German SurveyMonkey export', () => {
	it('reads 2 header rows, German labels with NBSP, and scores', async () => {
		const s = await loadExport('survey-surveymonkey.csv');
		expect(s.tool).toBe('surveymonkey');
		const labels = await readLabels(db);
		expect(labels.values.filter((v) => v.status === 'unknown')).toEqual([]);
		expect(labels.scales.imp).toBe('de-importance-unipolar');
		const res = await scoreSurvey(db, 'ulwick');
		expect(res.respondents).toBe(7);
		// S1: importance 5,4,3,2,5,4,4 → 5 of 7 = 7.1429; satisfaction 2,1,4,5,2,1,3 → 2 of 7 = 2.8571
		// → 7.1429 + 4.2857 = 11.4286
		const s1 = statement(res.outcomes, 'Die Zeit minimieren, die es dauert, ein Angebot');
		expect(s1.opportunity).toBeCloseTo(50 / 7 + (50 / 7 - 20 / 7), 12);
		// S2: 7 of 7 → 10; satisfaction 6 answered (one blank), none 4–5 → 0 → 20
		const s2 = statement(res.outcomes, 'Die Wahrscheinlichkeit');
		expect([s2.n_satisfaction, s2.opportunity]).toEqual([6, 20]);
		// without the duplicate (row 5): S1 importance 4 of 6 → 6.667, satisfaction 2 of 6 → 3.333 → 10
		await excludeRespondents(db, [5]);
		const ex = await scoreSurvey(db, 'ulwick');
		expect(
			statement(ex.outcomes, 'Die Zeit minimieren, die es dauert, ein Angebot').opportunity
		).toBeCloseTo(10, 12);
	});
});

describe('values are bound, never spliced', () => {
	it('filters, cluster names and dictionary text with quotes stay data', async () => {
		const q = await loadExport('survey-qualtrics.csv');
		const role = q.labels.indexOf('What is your role?');
		const none = await scoreSurvey(db, 'ulwick', [{ attribute: role, value: "x' OR '1'='1" }]);
		expect(none.respondents).toBe(0);
		expect(none.outcomes.every((o) => o.opportunity === null)).toBe(true);
		// cluster names (one per rid) round-trip through one bound parameter
		const names = Array.from({ length: 12 }, (_, i) => (i < 4 ? `O'Brien "A", ${i % 2}` : null));
		await storeClusters(db, names);
		const segs = await scoreSegments(db, { variant: 'ulwick' }, 'cluster');
		expect(segs.map((s) => [s.value, s.respondents])).toEqual([
			[null, 8],
			[`O'Brien "A", 0`, 2],
			[`O'Brien "A", 1`, 2]
		]);
		const back = await readRespondents(db, [], null);
		expect(back.cluster.slice(0, 5)).toEqual([...names.slice(0, 4), null]);
	});

	it('joins an outcome dictionary by statement and sets job steps', async () => {
		await loadExport('survey-qualtrics.csv');
		const m = await applyDictionary(db, [
			{ id: 'o2', statement: O2_TEXT, step: "Track the deal's stage" },
			{ id: 'zz', statement: 'Nothing like this', step: null }
		]);
		expect(m.matched).toBe(1);
		expect(m.unused.map((e) => e.id)).toEqual(['zz']);
		const res = await scoreSurvey(db, 'ulwick');
		expect(statement(res.outcomes, O2_TEXT).step).toBe("Track the deal's stage");
		await applyDictionary(db, null);
		expect((await scoreSurvey(db, 'ulwick')).outcomes.every((o) => o.step === null)).toBe(true);
	});

	it('reads the matrix of a long file, completing missing respondent × outcome pairs', async () => {
		// r2 never rated B: its B entry is 0 (missing) on both sides
		const csv =
			'respondent,outcome,importance,satisfaction\nr1,A,5,1\nr1,B,4,2\nr2,A,3,Very satisfied\n';
		const b = new TextEncoder().encode(csv);
		const r = await loadCsv(db, T.raw, 'long.csv', b);
		if (!r.ok) throw new Error(r.error);
		const d = detectLayout(r.report.labels);
		if (d.status !== 'ok') throw new Error(d.reason);
		await prepareSurvey(db, d.layout);
		const m = await readMatrix(db, d.layout);
		expect(m.n).toBe(2);
		expect(Array.from(m.outcomes[0]!.importance)).toEqual([5, 3]);
		// "Very satisfied" alone: the bipolar default puts it at 5
		expect(Array.from(m.outcomes[0]!.satisfaction)).toEqual([1, 5]);
		expect(Array.from(m.outcomes[1]!.importance)).toEqual([4, 0]);
	});
});
const O2_TEXT = 'Minimize the likelihood of a deal stalling unnoticed';

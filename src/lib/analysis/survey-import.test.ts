/**
 * The import's SQL shapes, worked by hand on tiny files: the answer pairs counted once
 * (`survey_answers` over the `survey_long` view), one join from each rating to its pair's reading,
 * the one-hot bit matrix, the respondents as lists, and the unweighted scores summed over counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { decodeOneHot } from '$lib/domain/survey-matrix';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout, type Layout } from '$lib/ingest/survey-layout';
import { ratingMatrix, T } from '$lib/sql/survey';
import {
	applyLabels,
	prepareSurveyLabels,
	readLabels,
	readMatrix,
	readRespondents,
	scoreSegments,
	scoreSurvey
} from './survey';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

async function prepare(csv: string): Promise<{ layout: Layout; labels: string[] }> {
	const r = await loadCsv(db, T.raw, 'f.csv', new TextEncoder().encode(csv));
	if (!r.ok) throw new Error(r.error);
	const d = detectLayout(r.report.labels);
	if (d.status !== 'ok') throw new Error(d.reason);
	await prepareSurveyLabels(db, d.layout);
	return { layout: d.layout, labels: r.report.labels };
}

/*
 * id | imp_A sat_A | imp_B sat_B
 *  1 |   5     1   |   5    (blank)
 *  2 |   5     1   |  " 4 "   x
 *  3 | (blank) 1   |   5    (blank)
 */
const CSV = 'id,imp_A,sat_A,imp_B,sat_B\n1,5,1,5,\n2,5,1, 4 ,x\n3,,1,5,\n';

describe('answers, ratings and the matrix of a wide file', () => {
	it('counts each distinct answer pair once, blanks as NULL', async () => {
		await prepare(CSV);
		const pairs = await db.query<{ imp_raw: string | null; sat_raw: string | null; n: number }>(
			`SELECT imp_raw, sat_raw, n FROM ${T.answers} ORDER BY imp_raw NULLS FIRST, sat_raw NULLS FIRST`
		);
		// A: (5, 1) twice, (–, 1) once; B: (5, –) twice, (" 4 ", x) once
		expect(pairs).toEqual([
			{ imp_raw: null, sat_raw: '1', n: 1 },
			{ imp_raw: ' 4 ', sat_raw: 'x', n: 1 },
			{ imp_raw: '5', sat_raw: null, n: 2 },
			{ imp_raw: '5', sat_raw: '1', n: 2 }
		]);
		const views = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = '${T.long}'`
		);
		expect(views[0]!.n).toBe(1);
		// the only text answer: x (" 4 " is a number once cleaned)
		const labels = await readLabels(db);
		expect(labels.values.map((v) => [v.side, v.raw, v.n, v.status])).toEqual([
			['sat', 'x', 1, 'unknown']
		]);
	});

	it('reads every rating through its pair, keeping the text only where it is invalid', async () => {
		await prepare(CSV);
		const rated = await db.query(
			`SELECT rid, idx, imp, sat, imp_invalid, sat_invalid FROM ${T.rated} ORDER BY idx, rid`
		);
		expect(rated).toEqual([
			{ rid: 0, idx: 0, imp: 5, sat: 1, imp_invalid: null, sat_invalid: null },
			{ rid: 1, idx: 0, imp: 5, sat: 1, imp_invalid: null, sat_invalid: null },
			{ rid: 2, idx: 0, imp: null, sat: 1, imp_invalid: null, sat_invalid: null },
			{ rid: 0, idx: 1, imp: 5, sat: null, imp_invalid: null, sat_invalid: null },
			{ rid: 1, idx: 1, imp: 4, sat: null, imp_invalid: null, sat_invalid: 'x' },
			{ rid: 2, idx: 1, imp: 5, sat: null, imp_invalid: null, sat_invalid: null }
		]);
		const b = (await scoreSurvey(db, 'ulwick')).outcomes.find((o) => o.id === 'B')!;
		expect([b.n_importance, b.n_satisfaction, b.invalid, b.invalid_values]).toEqual([
			3,
			0,
			1,
			['x']
		]);
		// mapped by the user, x becomes a rating and the text is gone
		await applyLabels(db, await readLabels(db), { 'sat:x': 2 });
		const again = await db.query(
			`SELECT sat, sat_invalid FROM ${T.rated} WHERE rid = 1 AND idx = 1`
		);
		expect(again).toEqual([{ sat: 2, sat_invalid: null }]);
	});

	it('sends one-hot bits: 5 per respondent, bit 5·rid + r − 1 for rating r, base64', async () => {
		const { layout } = await prepare(CSV);
		const rows = await db.query<{ idx: number; imp: string | null; sat: string | null }>(
			ratingMatrix(true, 3).text
		);
		// A importance 5, 5, –: 00001 00001 00000 (15 bits) → one zero of padding in front
		//   → 0000 0100 0010 0000 → bytes 04 20 → "BCA="
		// A satisfaction 1, 1, 1: 10000 10000 10000 → 0100 0010 0001 0000 → 42 10 → "QhA="
		// B importance 5, 4 (" 4 "), 5: 00001 00010 00001 → 0000 0100 0100 0001 → 04 41 → "BEE="
		// B satisfaction: nothing valid → NULL
		expect(rows).toEqual([
			{ idx: 0, imp: 'BCA=', sat: 'QhA=' },
			{ idx: 1, imp: 'BEE=', sat: null }
		]);
		const m = await readMatrix(db, layout);
		expect(m.n).toBe(3);
		expect(m.outcomes.map((o) => [Array.from(o.importance), Array.from(o.satisfaction)])).toEqual([
			[
				[5, 5, 0],
				[1, 1, 1]
			],
			[
				[5, 4, 5],
				[0, 0, 0]
			]
		]);
	});

	it('leaves a label mapped outside 1–5 out of the matrix (0), as the digit matrix did', async () => {
		const { layout } = await prepare(CSV);
		await applyLabels(db, await readLabels(db), { 'sat:x': 7 });
		const m = await readMatrix(db, layout);
		expect(Array.from(m.outcomes[1]!.satisfaction)).toEqual([0, 0, 0]);
		expect(Array.from(m.outcomes[1]!.importance)).toEqual([5, 4, 5]);
		// the scores still read it as the label map says (as before): B satisfaction 1 answer, 7
		const b = (await scoreSurvey(db, 'mean')).outcomes.find((o) => o.id === 'B')!;
		expect([b.n_satisfaction, b.sums!.sat.sx]).toEqual([1, 7]);
	});

	it('no respondents: an empty matrix and empty lists', async () => {
		const { layout } = await prepare(CSV);
		await db.exec(`DELETE FROM ${T.resp}`);
		expect(await readMatrix(db, layout)).toEqual({ n: 0, outcomes: [] });
		const people = await readRespondents(db, [], null);
		expect([people.n, people.ids, people.cluster, people.weights]).toEqual([0, [], [], null]);
	});
});

describe('the matrix of a long file', () => {
	it('takes the lowest rating of a repeated pair and 0 where a pair is missing', async () => {
		// r1 rated A twice (importance 5 then 3: lowest 3); r2 never rated B
		const { layout } = await prepare(
			'respondent,outcome,importance,satisfaction\nr1,A,5,2\nr1,B,4,\nr1,A,3,4\nr2,A,1,5\n'
		);
		const m = await readMatrix(db, layout);
		expect(m.n).toBe(2);
		expect(m.outcomes.map((o) => [Array.from(o.importance), Array.from(o.satisfaction)])).toEqual([
			[
				[3, 1],
				[2, 5]
			],
			[
				[4, 0],
				[0, 0]
			]
		]);
	});
});

describe('decodeOneHot', () => {
	it('reads ratings from base64 one-hot bits', () => {
		// n 3: 00001 00000 10000 → padded 0000 0100 0001 0000 → 04 10 → "BBA=" → [5, 0, 1]
		expect(Array.from(decodeOneHot('BBA=', 3))).toEqual([5, 0, 1]);
		// n 2: 10000 01000 → six zeros of padding → 0000 0010 0000 1000 → 02 08 → "Agg=" → [1, 2]
		expect(Array.from(decodeOneHot('Agg=', 2))).toEqual([1, 2]);
		expect(Array.from(decodeOneHot(null, 2))).toEqual([0, 0]);
	});
});

/*
 * Weighted and unweighted sums: the unweighted scores count rows per (group, outcome, i, s,
 * invalid text) first. With every weight 1 both must agree to the last bit.
 *   id | role | w | imp_A sat_A | imp_B sat_B
 *    1 |  a   | 1 |   5     2   |   1     x
 *    2 |  a   | 1 |   5     4   |   3     3
 *    3 |  b   | 1 |   4     5   |   5     y
 *    4 |  b   | 1 |  (–)    1   |   5     5
 * A importance 5, 5, 4, – → n 3, Σw 3, Σw² 3, t2 3, t1 2, Σx 14, Σx² 66.
 */
const WEIGHTED =
	'id,role,w,imp_A,sat_A,imp_B,sat_B\n1,a,1,5,2,1,x\n2,a,1,5,4,3,3\n3,b,1,4,5,5,y\n4,b,1,,1,5,5\n';

describe('unweighted sums over counts', () => {
	it('match the hand-worked sums and the weighted sums with every weight 1, bit for bit', async () => {
		const { labels } = await prepare(WEIGHTED);
		const w = labels.indexOf('w');
		const role = labels.indexOf('role');
		const plain = await scoreSurvey(db, 'ulwick');
		const a = plain.outcomes.find((o) => o.id === 'A')!;
		expect(a.sums!.imp).toEqual({ n: 3, sw: 3, sw2: 3, t2: 3, t1: 2, sx: 14, sxx: 66 });
		const b = plain.outcomes.find((o) => o.id === 'B')!;
		expect([b.invalid, b.invalid_values]).toEqual([2, ['x', 'y']]);
		for (const variant of ['ulwick', 'plain', 'mean', 'topbox'] as const)
			for (const policy of ['available', 'complete'] as const) {
				const un = await scoreSurvey(db, { variant, policy });
				const we = await scoreSurvey(db, { variant, policy, weight: w });
				expect(we).toEqual(un);
				const segUn = await scoreSegments(db, { variant, policy }, role);
				const segWe = await scoreSegments(db, { variant, policy, weight: w }, role);
				expect(segWe).toEqual(segUn);
			}
	});
});

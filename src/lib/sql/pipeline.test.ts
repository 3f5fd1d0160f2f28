/**
 * Pipeline metric SQL on the Node engine, over tests/fixtures/pipeline/de-report.csv built with
 * the builders alone (hand-written column specs, seed dictionary, reference date 2025-06-30).
 *
 * The 12 deals (amount, probability, close, created):
 *   open  D01 Kontaktaufnahme      10,000  10  31.07.25  01.06.25  Anna  Pipeline
 *         D02 Qualifizierung       20,000  20  31.07.25  15.05.25  Ben   Pipeline
 *         D03 Bedarfsanalyse       'abc'   30  31.08.25  01.04.25  Anna  Pipeline   (unreadable amount)
 *         D04 Produktpräsentation  40,000  50  31.08.25  01.03.25  Ben   Best Case
 *         D05 Angebot              50,000  60  15.06.25  01.01.25  Anna  Best Case  (rep's 60, overdue)
 *         D06 Verhandlung          60,000  90  31.07.25  02.12.24  Ben   Commit
 *         D12 Angebot              15,000   –  30.09.25  20.06.25  Ben   –          (dictionary: 70, best case)
 *   won   D07 30,000 (15.01.→15.03.25, 59 d, Anna), D08 12,500.50 (01.02.→30.04.25, 88 d, Ben),
 *         D09 7,499.50 (10.01.→20.05.25, 130 d, Anna)
 *   lost  D10 25,000 (Ben), D11 5,000 (Anna)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import type { DateFormat, NumberFormat } from '$lib/domain/pipeline/parse-format';
import { PRESETS } from '$lib/domain/pipeline/stages';
import { loadCsv } from '$lib/ingest/load-csv';
import {
	buildDeals,
	createAllView,
	createStages,
	createValues,
	writeMeta,
	type ColumnSpec,
	type ValueRow
} from './pipeline-build';
import {
	agingQuery,
	breakdownQuery,
	byStageQuery,
	dealColumn,
	dealsCte,
	filteredDealsQuery,
	forecastQuery,
	inTable,
	kpisQuery,
	prioritiesCountQuery,
	prioritiesQuery,
	snapshotFunnelQuery,
	type MetricContext
} from './pipeline';
import { flagExpr } from './typed';
import type { Query } from './sql';

let db: Db;
const q = <T = Record<string, unknown>>(x: Query) => db.query(x.text, x.params) as Promise<T[]>;
const ALL: MetricContext = { amount: true, weighted: true, outcome: true, closeDate: true };

const DE: NumberFormat = { decimal: ',', thousands: '.', percent: false, currency: null, scale: 1 };
const PCT: NumberFormat = {
	decimal: ',',
	thousands: null,
	percent: false,
	currency: null,
	scale: 1
};
const DMY: DateFormat = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 };
const t = (i: number): ColumnSpec => ({ kind: 'text', column: `c${i}` });
const SPECS = {
	id: t(0),
	name: t(1),
	account: t(2),
	stage: t(3),
	amount: { kind: 'number', column: 'c4', format: DE },
	probability: { kind: 'number', column: 'c5', format: PCT },
	close_date: { kind: 'date', column: 'c6', format: DMY },
	created_date: { kind: 'date', column: 'c7', format: DMY },
	owner: t(8),
	forecast_category: t(9),
	next_step: t(10),
	budget: { kind: 'number', column: 'c11', format: DE },
	competitor: t(12),
	product: t(13),
	region: t(14)
} satisfies Record<string, ColumnSpec>;

beforeAll(async () => {
	db = await openNodeDb();
	const bytes = readFileSync(
		new URL('../../../tests/fixtures/pipeline/de-report.csv', import.meta.url)
	);
	const r = await loadCsv(db, 'de_raw', 'de-report.csv', new Uint8Array(bytes));
	if (!r.ok) throw new Error(r.error);
	const seed = PRESETS.seed;
	const values: ValueRow[] = [
		...seed.map((s, pos) => ({ field: 'stage' as const, raw: s.name, code: null, pos })),
		...(
			[
				['Pipeline', 'pipeline'],
				['Best Case', 'best_case'],
				['Commit', 'commit'],
				['Closed', 'closed'],
				['Omitted', 'omitted']
			] as const
		).map(([raw, code]) => ({ field: 'forecast_category' as const, raw, code, pos: null }))
	];
	for (const s of [
		...createStages(seed),
		...createValues(values),
		...writeMeta({ as_of: '2025-06-30' }),
		buildDeals('de_raw', SPECS, r.report.labels.length),
		createAllView([])
	]) {
		await q(s);
	}
});
afterAll(() => db.close());

describe('kpis', () => {
	it('counts, amounts, win rates, weighted pipeline and cycle days', async () => {
		const [k] = await q(kpisQuery([], ALL));
		expect(k).toEqual({
			deals: 12,
			open: 7,
			won: 3,
			lost: 2,
			win_rate_count: 3 / 5, // 3 won / (3 + 2)
			win_rate_value: 50000 / 80000, // 50,000 / (50,000 + 30,000) = 0.625
			won_amount: 50000, // 30,000 + 12,500.50 + 7,499.50
			open_amount: 195000, // 10 + 20 + 40 + 50 + 60 + 15 thousand; D03 unreadable
			lost_amount: 30000, // 25,000 + 5,000
			// 10,000×.1 + 20,000×.2 + 40,000×.5 + 50,000×.6 + 60,000×.9 + 15,000×.7
			// = 1,000 + 4,000 + 20,000 + 30,000 + 54,000 + 10,500
			weighted_pipeline: 119500,
			avg_won_amount: 50000 / 3,
			median_cycle_days_won: 88, // 59, 88, 130
			mean_cycle_days_won: 277 / 3, // (59 + 88 + 130) / 3
			overdue_open: 1 // D05 closes 15.06.2025 < 30.06.2025
		});
	});
	it('gives NULL, not 0, for what the mapping lacks', async () => {
		const none: MetricContext = {
			amount: false,
			weighted: false,
			outcome: false,
			closeDate: false
		};
		const [k] = await q<Record<string, unknown>>(kpisQuery([], none));
		for (const key of [
			'open',
			'won_amount',
			'open_amount',
			'weighted_pipeline',
			'win_rate_value',
			'avg_won_amount',
			'overdue_open'
		]) {
			expect(k?.[key], key).toBeNull();
		}
		expect(k?.deals).toBe(12);
	});
	it('filters with bound values', async () => {
		const [k] = await q(kpisQuery([{ column: 'owner', value: 'Anna Berg' }], ALL));
		// Anna: D01, D03, D05 open; D07, D09 won; D11 lost
		expect(k).toMatchObject({ deals: 6, open: 3, won: 2, lost: 1, win_rate_count: 2 / 3 });
		expect(k).toMatchObject({ won_amount: 37499.5, open_amount: 60000, weighted_pipeline: 31000 });
		const [none] = await q(kpisQuery([{ column: 'owner', value: "x' OR 1=1 --" }], ALL));
		expect(none).toMatchObject({ deals: 0, open: 0, win_rate_count: null, won_amount: 0 });
	});
});

describe('by stage', () => {
	it('lists every dictionary stage in order; an all-unreadable amount sums to NULL', async () => {
		const rows = await q(byStageQuery([], ALL));
		expect(rows.map((r) => [r.stage, r.kind, r.deals, r.open, r.amount, r.weighted])).toEqual([
			['Kontaktaufnahme', 'open', 1, 1, 10000, 1000],
			['Qualifizierung', 'open', 1, 1, 20000, 4000],
			['Bedarfsanalyse', 'open', 1, 1, null, null], // D03 'abc': unknown, not 0
			['Produktpräsentation', 'open', 1, 1, 40000, 20000],
			['Angebot', 'open', 2, 2, 65000, 40500], // 50,000×.6 + 15,000×.7
			['Verhandlung', 'open', 1, 1, 60000, 54000],
			['Geschäftsabschluss', 'won', 3, 0, 50000, 0],
			['Geschlossen und verloren', 'lost', 2, 0, 30000, 0]
		]);
		expect(rows[4]?.probability).toBe(70);
	});
});

describe('snapshot funnel', () => {
	it('counts deals at or beyond each non-lost stage, won beyond all', async () => {
		// levels: D01 0, D02 1, D03 2, D04 3, D05 4, D12 4, D06 5, won ×3 6; lost left out
		const rows = await q(snapshotFunnelQuery([]));
		expect(rows.map((r) => [r.stage, r.reached])).toEqual([
			['Kontaktaufnahme', 10],
			['Qualifizierung', 9],
			['Bedarfsanalyse', 8],
			['Produktpräsentation', 7],
			['Angebot', 6],
			['Verhandlung', 4],
			['Geschäftsabschluss', 3]
		]);
		expect(rows.map((r) => r.rate_next)).toEqual([9 / 10, 8 / 9, 7 / 8, 6 / 7, 4 / 6, 3 / 4, null]);
		expect(rows.map((r) => r.cumulative)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.4, 0.3]);
	});
});

describe('forecast', () => {
	it('sums won by close month and open by category, weighted beside', async () => {
		expect(await q(forecastQuery([], ALL))).toEqual([
			{ month: '2025-03', closed_won: 30000, commit: 0, best_case: 0, pipeline: 0, weighted: 0 },
			{ month: '2025-04', closed_won: 12500.5, commit: 0, best_case: 0, pipeline: 0, weighted: 0 },
			{ month: '2025-05', closed_won: 7499.5, commit: 0, best_case: 0, pipeline: 0, weighted: 0 },
			// D05 best case 50,000 × .6
			{
				month: '2025-06',
				closed_won: 0,
				commit: 0,
				best_case: 50000,
				pipeline: 0,
				weighted: 30000
			},
			// D01 + D02 pipeline, D06 commit; 1,000 + 4,000 + 54,000
			{
				month: '2025-07',
				closed_won: 0,
				commit: 60000,
				best_case: 0,
				pipeline: 30000,
				weighted: 59000
			},
			// D03 (no amount) pipeline, D04 best case 40,000 × .5
			{
				month: '2025-08',
				closed_won: 0,
				commit: 0,
				best_case: 40000,
				pipeline: 0,
				weighted: 20000
			},
			// D12: no category in the file → Angebot's best case; 15,000 × .7
			{ month: '2025-09', closed_won: 0, commit: 0, best_case: 15000, pipeline: 0, weighted: 10500 }
		]);
	});
});

describe('breakdown', () => {
	it('gives outcomes, win rate and amounts per owner', async () => {
		expect(await q(breakdownQuery([], ALL, 'owner'))).toEqual([
			// Anna: open D01 10,000 (1,000), D03 –, D05 50,000 (30,000); won D07 + D09; lost D11
			{
				key: 'Anna Berg',
				deals: 6,
				open: 3,
				won: 2,
				lost: 1,
				win_rate: 2 / 3,
				open_amount: 60000,
				weighted: 31000,
				won_amount: 37499.5
			},
			// Ben: open D02, D04, D06, D12 = 135,000 (4,000 + 20,000 + 54,000 + 10,500); won D08; lost D10
			{
				key: 'Ben Kurz',
				deals: 6,
				open: 4,
				won: 1,
				lost: 1,
				win_rate: 0.5,
				open_amount: 135000,
				weighted: 88500,
				won_amount: 12500.5
			}
		]);
	});
	it('accepts raw columns and rejects anything else', async () => {
		const rows = await q(breakdownQuery([], ALL, 'c14')); // Region
		expect(rows.map((r) => [r.key, r.deals])).toEqual([
			['Nord', 6],
			['Süd', 6]
		]);
		expect(() => dealColumn('owner"; DROP TABLE x; --')).toThrow(/Unknown deal column/);
	});
});

describe('aging', () => {
	it('buckets open deals by days since created', async () => {
		// 30.06.2025 − created: D01 29, D12 10 → 0–30; D02 46; D03 90; D04 121, D05 180; D06 210
		expect(await q(agingQuery([], ALL))).toEqual([
			{ bucket: 0, deals: 2, amount: 25000 },
			{ bucket: 1, deals: 1, amount: 20000 },
			{ bucket: 2, deals: 1, amount: null }, // D03 only: unknown amount
			{ bucket: 3, deals: 2, amount: 90000 },
			{ bucket: 4, deals: 1, amount: 60000 }
		]);
	});
});

describe('priorities', () => {
	it('ranks open deals by expected revenue, unknown last', async () => {
		const rows = await q(prioritiesQuery([], null, null));
		expect(rows.map((r) => [r.id, r.expected])).toEqual([
			['D06', 54000],
			['D05', 30000],
			['D04', 20000],
			['D12', 10500],
			['D02', 4000],
			['D01', 1000],
			['D03', null]
		]);
		expect(rows[1]).toEqual({
			id: 'D05',
			name: 'Epsilon - Linear',
			account: 'Epsilon GmbH',
			stage: 'Angebot',
			amount: 50000,
			probability: 60,
			expected: 30000,
			close_date: '2025-06-15',
			age_days: 180,
			days_in_stage: null,
			overdue: true,
			budget: 60000,
			competitor: 'Vectura;DataForge',
			next_step: 'Angebot nachfassen',
			owner: 'Anna Berg'
		});
	});
	it('limits to one close month', async () => {
		const rows = await q(prioritiesQuery([], '2025-07', null));
		expect(rows.map((r) => r.id)).toEqual(['D06', 'D02', 'D01']);
	});
});

describe('priorities: search and pages', () => {
	// Open deals by rank (expected = amount × probability / 100), with what the search reads:
	//  1 D06 54,000  Zeta - Retrofit    Zeta GmbH & Co. KG  Verhandlung          Ben Kurz   Rheintal Antriebe  Preisgespräch
	//  2 D05 30,000  Epsilon - Linear   Epsilon GmbH        Angebot              Anna Berg  Vectura;DataForge  Angebot nachfassen
	//  3 D04 20,000  Delta - Antriebe   Delta SE            Produktpräsentation  Ben Kurz   –                  Demo am 14.07.
	//  4 D12 10,500  My - Retrofit      My AG               Angebot              Ben Kurz   –                  –
	//  5 D02  4,000  Beta - Getriebe    Beta AG             Qualifizierung       Ben Kurz   –                  –
	//  6 D01  1,000  Alpha - Sensorik   Alpha GmbH          Kontaktaufnahme      Anna Berg  –                  Erstgespräch
	//  7 D03      –  Gamma - MES        Gamma KG            Bedarfsanalyse       Anna Berg  Vectura            Workshop
	const ids = async (search: string, extra: { limit?: number; offset?: number } = {}) =>
		(await q(prioritiesQuery([], null, null, { search, limit: extra.limit ?? 100, ...extra }))).map(
			(r) => r.id
		);
	const total = async (search: string, month: string | null = null) =>
		(await q<{ n: number }>(prioritiesCountQuery([], month, search)))[0]!.n;

	it('finds text in name, account, stage, owner, competitor and next step, in any case', async () => {
		expect(await ids('gmbh')).toEqual(['D06', 'D05', 'D01']); // accounts; D11 Lambda GmbH is lost
		expect(await ids('VECTURA')).toEqual(['D05', 'D03']); // competitors
		expect(await ids('angebot')).toEqual(['D05', 'D12']); // stage of both, D05's next step too
		expect(await ids('retrofit')).toEqual(['D06', 'D12']); // names
		expect(await ids('anna')).toEqual(['D05', 'D01', 'D03']); // owner
		expect(await ids('PRÄSENTATION')).toEqual(['D04']); // stage, umlaut in any case
		expect(await ids('  ben kurz ')).toEqual(['D06', 'D04', 'D12', 'D02']); // trimmed
		expect(await ids('')).toEqual(['D06', 'D05', 'D04', 'D12', 'D02', 'D01', 'D03']);
		expect([await total('gmbh'), await total('anna'), await total('')]).toEqual([3, 3, 7]);
	});
	it('takes the search as text, not as a pattern', async () => {
		expect(await ids('%')).toEqual([]);
		expect(await ids('_')).toEqual([]);
		expect(await ids('Vectura;DataForge')).toEqual(['D05']);
		expect(await total('%')).toBe(0);
	});
	it('pages through the ranking, the count apart', async () => {
		// 7 open deals, 2 a page: ranks 1–2, 3–4, 5–6, 7, none
		expect(await ids('', { limit: 2 })).toEqual(['D06', 'D05']);
		expect(await ids('', { limit: 2, offset: 2 })).toEqual(['D04', 'D12']);
		expect(await ids('', { limit: 2, offset: 4 })).toEqual(['D02', 'D01']);
		expect(await ids('', { limit: 2, offset: 6 })).toEqual(['D03']);
		expect(await ids('', { limit: 2, offset: 7 })).toEqual([]);
		// Ben Kurz: D06, D04, D12, D02 → second page of 3 is D02 alone
		expect(await ids('ben', { limit: 3, offset: 3 })).toEqual(['D02']);
		expect(await ids('', { limit: 0 })).toEqual([]);
	});
	it('pages return the same rows as the whole ranking', async () => {
		const all = await q(prioritiesQuery([], null, null));
		const paged = [
			...(await q(prioritiesQuery([], null, null, { limit: 3 }))),
			...(await q(prioritiesQuery([], null, null, { limit: 3, offset: 3 }))),
			...(await q(prioritiesQuery([], null, null, { limit: 3, offset: 6 })))
		];
		expect(paged).toEqual(all);
	});
	it('combines search, close month and filters', async () => {
		// July: D06, D02, D01; of them Ben Kurz's D06 and D02
		const july = await q(prioritiesQuery([], '2025-07', null, { search: 'ben', limit: 100 }));
		expect(july.map((r) => r.id)).toEqual(['D06', 'D02']);
		expect(await total('ben', '2025-07')).toBe(2);
		// Anna Berg's open deals with "GmbH": Epsilon GmbH, Alpha GmbH
		const anna = [{ column: 'owner', value: 'Anna Berg' }];
		const found = await q(prioritiesQuery(anna, null, null, { search: 'GmbH', limit: 100 }));
		expect(found.map((r) => r.id)).toEqual(['D05', 'D01']);
		expect((await q<{ n: number }>(prioritiesCountQuery(anna, null, 'GmbH')))[0]!.n).toBe(2);
	});
	it('refuses pages that are not whole numbers', () => {
		expect(() => prioritiesQuery([], null, null, { limit: 1.5 })).toThrow(/whole number/);
		expect(() => prioritiesQuery([], null, null, { limit: 10, offset: -1 })).toThrow(
			/whole number/
		);
		expect(() => prioritiesQuery([], null, null, { offset: 10 })).toThrow(/needs a limit/);
	});
});

describe('filtered deals in a table', () => {
	it('reads the copy instead of filtering every deal, with the same answers', async () => {
		// Ben Kurz: D02, D04, D06, D12 open, D08 won, D10 lost → 6 deals
		const ben = [{ column: 'owner', value: 'Ben Kurz' }];
		const make = filteredDealsQuery('ben_deals', ben, [
			'rid',
			'kind',
			'amount',
			'expected',
			'cycle_days',
			'overdue',
			'close_month'
		]);
		expect(make.params).toEqual(['Ben Kurz']);
		await q(make);
		const scope = inTable(ben, 'ben_deals');
		expect(dealsCte(scope)).toEqual({ text: 'd AS (SELECT * FROM "ben_deals")', params: [] });
		const [k] = await q(kpisQuery(scope, ALL));
		expect(k).toEqual((await q(kpisQuery(ben, ALL)))[0]);
		expect(k).toMatchObject({ deals: 6, open: 4, won: 1, lost: 1 });
		// the top 2 ranked from the copy, read in full from the deals
		const top = await q(prioritiesQuery(scope, null, null, { limit: 2 }));
		expect(top.map((r) => [r.id, r.name])).toEqual([
			['D06', 'Zeta - Retrofit'],
			['D04', 'Delta - Antriebe']
		]);
		// a search needs the names, so it reads the filtered deals instead of the copy
		const found = await q(prioritiesQuery(scope, null, null, { search: 'retrofit', limit: 10 }));
		expect(found.map((r) => r.id)).toEqual(['D06', 'D12']);
		expect((await q<{ n: number }>(prioritiesCountQuery(scope, null)))[0]!.n).toBe(4);
		expect(() => filteredDealsQuery('x', ben, ['kind; DROP'])).toThrow(/Unknown deal column/);
	});
});

describe('SQL text', () => {
	it('binds filter values and quotes columns', () => {
		expect(
			dealsCte([
				{ column: 'owner', value: 'Anna' },
				{ column: 'c3', value: null }
			])
		).toMatchInlineSnapshot(`
			{
			  "params": [
			    "Anna",
			  ],
			  "text": "d AS (SELECT * FROM "pipeline_all" WHERE CAST("owner" AS VARCHAR) = ? AND "c3" IS NULL)",
			}
		`);
	});
	it('keeps the aging bounds as parameters', () => {
		expect(agingQuery([], ALL)).toMatchInlineSnapshot(`
			{
			  "params": [
			    30,
			    60,
			    90,
			    180,
			    365,
			  ],
			  "text": "WITH d AS (SELECT * FROM "pipeline_all" WHERE TRUE)
			SELECT CASE WHEN age_days <= ? THEN 0 WHEN age_days <= ? THEN 1 WHEN age_days <= ? THEN 2 WHEN age_days <= ? THEN 3 WHEN age_days <= ? THEN 4 ELSE 5 END AS bucket, count(*) AS deals, (CASE WHEN count(amount) FILTER (WHERE TRUE) > 0 OR count(*) FILTER (WHERE TRUE) = 0 THEN coalesce(sum(amount) FILTER (WHERE TRUE), 0) END) AS amount
			FROM d WHERE kind = 'open' AND age_days >= 0 GROUP BY 1 ORDER BY 1",
			}
		`);
	});
});

describe('flagExpr', () => {
	it('reads 0/1, true/false, ja/nein in any case; anything else is NULL', async () => {
		const rows = await db.query<{ v: string; f: boolean | null }>(
			`SELECT c0 AS v, ${flagExpr('c0')} AS f FROM (VALUES ('1'), ('0'), ('TRUE'), ('false'), (' Ja '), ('nein'), ('wahr'), ('2'), (''), (NULL)) t(c0)`
		);
		expect(rows.map((r) => r.f)).toEqual([
			true,
			false,
			true,
			false,
			true,
			false,
			true,
			null,
			null,
			null
		]);
	});
});

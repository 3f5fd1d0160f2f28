/**
 * A filter change end to end: with filters, pipelineMetrics copies the filtered deals into a
 * temporary table once and reads every metric from it; it must answer exactly what each metric
 * query gives over the filtered view (`pipeline_all` WHERE …), history and lookups included. Also
 * the priorities a page at a time (pipelinePriorities) and the meta kept in JS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db, Row } from '$lib/db/db';
import type { PipelineFilter, PipelineResult } from '$lib/domain/pipeline/types';
import { loadCsv } from '$lib/ingest/load-csv';
import {
	agingQuery,
	breakdownQuery,
	byStageQuery,
	CURRENT_LEVEL,
	dealsCte,
	FUNNEL_SELECT,
	forecastQuery,
	kpisQuery,
	prioritiesQuery,
	STEPS,
	type MetricContext
} from '$lib/sql/pipeline';
import {
	cohortFunnelQuery,
	CURRENT_STAGE_DAYS,
	daysInStageQuery,
	slippageQuery
} from '$lib/sql/pipeline-history';
import type { Query } from '$lib/sql/sql';
import {
	joinLookup,
	loadHistory,
	pipelineMetrics,
	pipelinePriorities,
	preparePipeline
} from './pipeline';
import { loadMeta, saveMeta } from './pipeline-store';
import { metricWarnings } from './pipeline-warnings';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

const fixture = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pipeline/${n}`, import.meta.url)));
const q = <T extends Row = Row>(x: Query) => db.query<T>(x.text, x.params);
const ALL: MetricContext = { amount: true, weighted: true, outcome: true, closeDate: true };

async function load(table: string, name: string) {
	const r = await loadCsv(db, table, name, fixture(name));
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

/** The snapshot funnel as first written: one level per deal, joined to every step. */
function perDealFunnel(filters: readonly PipelineFilter[]): Query {
	const d = dealsCte(filters);
	return {
		text: `WITH ${d.text}, ${STEPS},
lv AS (SELECT ${CURRENT_LEVEL} AS level FROM d LEFT JOIN steps st ON st.pos = d.stage_pos),
${FUNNEL_SELECT}`,
		params: d.params
	};
}

/** Each part of a result against its query over the filtered view. */
async function expectSameAsView(r: PipelineResult, filters: PipelineFilter[]) {
	const { sales_velocity, ...kpis } = r.kpis;
	expect(sales_velocity === null || typeof sales_velocity === 'number').toBe(true);
	expect(kpis).toEqual((await q(kpisQuery(filters, ALL)))[0]);
	expect(r.by_stage).toEqual(await q(byStageQuery(filters, ALL)));
	expect(r.forecast_by_month).toEqual(await q(forecastQuery(filters, ALL)));
	for (const { key } of r.dimensions)
		expect(r.breakdowns[key], key).toEqual(await q(breakdownQuery(filters, ALL, key)));
	const aging = await q<{ bucket: number; deals: number; amount: number | null }>(
		agingQuery(filters, ALL)
	);
	for (const a of aging)
		expect(r.aging[a.bucket]).toMatchObject({ deals: a.deals, amount: a.amount });
	expect(r.aging.reduce((n, a) => n + a.deals, 0)).toBe(aging.reduce((n, a) => n + a.deals, 0));
	const steps = r.funnel.steps.map(({ avg_days: _, ...s }) => s);
	const history = r.history !== null;
	expect(steps).toEqual(await q(history ? cohortFunnelQuery(filters) : perDealFunnel(filters)));
	if (history) {
		expect(r.days_in_stage).toEqual(await q(daysInStageQuery(filters)));
		expect(r.slippage).toEqual(await q(slippageQuery(filters)));
	}
	const all = await q(prioritiesQuery(filters, null, history ? CURRENT_STAGE_DAYS : null));
	expect(r.priorities).toEqual(all);
	expect(r.priorities_total).toBe(all.length);
	const meta = (await loadMeta(db))!;
	expect(r.warnings).toEqual(await metricWarnings(db, filters, meta, ALL));
	// the copy is gone once the answer is there
	const left = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'pipeline_filtered_%'`
	);
	expect(left[0]?.n).toBe(0);
}

describe('German report with a lookup table', () => {
	beforeAll(async () => {
		const r = await load('deals_raw', 'de-report.csv');
		await preparePipeline(db, 'deals_raw', r.labels, { decimalComma: true }, '2025-06-30');
		const l = await load('lookup_raw', 'products.csv');
		const j = await joinLookup(db, l.table, l.labels, 0, 13); // Produkt → Listenpreis, Sparte
		if (!j.ok) throw new Error(j.error);
	});

	const cases: [string, PipelineFilter[]][] = [
		['an owner', [{ column: 'owner', value: 'Anna Berg' }]],
		['a region (field)', [{ column: 'region', value: 'Süd' }]],
		[
			'owner and region, nothing left',
			[
				{ column: 'owner', value: 'Anna Berg' },
				{ column: 'region', value: 'Süd' }
			]
		],
		['a raw column', [{ column: 'c14', value: 'Nord' }]],
		['a lookup column', [{ column: 'l1_c2', value: 'Software' }]],
		['blank values', [{ column: 'competitor', value: null }]],
		['a derived column', [{ column: 'kind', value: 'open' }]]
	];
	for (const [name, filters] of cases) {
		it(`filtered by ${name}: the same as the filtered view`, async () => {
			const r = await pipelineMetrics(db, filters, { priorityLimit: null });
			await expectSameAsView(r, filters);
		});
	}

	it('counts hand-worked: Anna Berg, region Nord', async () => {
		// Anna Berg: D01, D03, D05 open, D07, D09 won, D11 lost — all in Nord
		const r = await pipelineMetrics(db, [{ column: 'owner', value: 'Anna Berg' }]);
		expect(r.kpis).toMatchObject({ deals: 6, open: 3, won: 2, lost: 1 });
		expect(r.breakdowns.region).toMatchObject([{ key: 'Nord', deals: 6 }]);
		expect(r.priorities.map((p) => p.id)).toEqual(['D05', 'D01', 'D03']);
		expect(r.priorities_total).toBe(3);
		// Süd too: no deal
		const none = await pipelineMetrics(db, [
			{ column: 'owner', value: 'Anna Berg' },
			{ column: 'region', value: 'Süd' }
		]);
		expect(none.kpis).toMatchObject({ deals: 0, open: 0, won_amount: 0 });
		expect(none.priorities).toEqual([]);
		expect(none.priorities_total).toBe(0);
	});

	it('returns the first ranked priorities and how many there are', async () => {
		// 7 open deals: D06, D05, D04, D12, D02, D01, D03
		const r = await pipelineMetrics(db, [], { priorityLimit: 3 });
		expect(r.priorities.map((p) => p.id)).toEqual(['D06', 'D05', 'D04']);
		expect(r.priorities_total).toBe(7);
		// the default page holds all 7
		expect((await pipelineMetrics(db)).priorities_total).toBe(7);
		// searched: GmbH accounts D06, D05, D01; in July (D06, D02, D01) only D06 and D01
		const s = await pipelineMetrics(db, [], { search: 'gmbh', priorityLimit: 2 });
		expect(s.priorities.map((p) => p.id)).toEqual(['D06', 'D05']);
		expect(s.priorities_total).toBe(3);
		const m = await pipelineMetrics(db, [], { search: 'gmbh', closeMonth: '2025-07' });
		expect(m.priorities.map((p) => p.id)).toEqual(['D06', 'D01']);
		expect(m.priorities_total).toBe(2);
		// the other metrics do not depend on the search
		expect(s.kpis).toEqual(r.kpis);
	});

	it('pages through the priorities', async () => {
		const page = (offset: number, limit: number | null, search = '') =>
			pipelinePriorities(db, [], { offset, limit, search });
		// ranks 3–5 of 7; ranks 6–7 (a short page: its count needs no query); past the end
		expect(await page(2, 3).then((p) => [p.rows.map((r) => r.id), p.total])).toEqual([
			['D04', 'D12', 'D02'],
			7
		]);
		expect(await page(5, 3).then((p) => [p.rows.map((r) => r.id), p.total])).toEqual([
			['D01', 'D03'],
			7
		]);
		expect(await page(9, 3).then((p) => [p.rows.length, p.total])).toEqual([0, 7]);
		// every match at once (the CSV): Ben Kurz's 4
		const ben = await page(0, null, 'Ben Kurz');
		expect([ben.rows.map((r) => r.id), ben.total]).toEqual([['D06', 'D04', 'D12', 'D02'], 4]);
		// filtered: region Süd open deals D06, D04, D12, D02
		const sued = await pipelinePriorities(db, [{ column: 'region', value: 'Süd' }], {
			limit: 2
		});
		expect([sued.rows.map((r) => r.id), sued.total]).toEqual([['D06', 'D04'], 4]);
	});
});

describe('Salesforce export with its history', () => {
	beforeAll(async () => {
		const d = await load('deals_raw', 'sf-opportunity.csv');
		await preparePipeline(db, 'deals_raw', d.labels, { decimalComma: false }, '2024-03-15');
		const h = await load('history_raw', 'sf-history.csv');
		const r = await loadHistory(db, 'history_raw', h.labels, {});
		if (!r.ok) throw new Error(r.error);
	});

	for (const owner of ['0050000000000U1AAA', '0050000000000U2AAA']) {
		it(`filtered by owner ${owner}: cohort funnel, days in stage and slippage as over the view`, async () => {
			const filters = [{ column: 'owner', value: owner }];
			const r = await pipelineMetrics(db, filters, { priorityLimit: null });
			expect(r.history).toBe('salesforce');
			await expectSameAsView(r, filters);
		});
	}

	it('gives a page of priorities their days in stage', async () => {
		// open: Initech pilot 33 d, Globex renewal 50 d, Acme expansion 65 d (as unfiltered)
		const p = await pipelinePriorities(db, [], { offset: 1, limit: 1 });
		expect([p.rows.map((r) => [r.name, r.days_in_stage]), p.total]).toEqual([
			[['Globex renewal', 50]],
			3
		]);
	});
});

describe('the meta kept in JS', () => {
	it('is read once, handed out as a copy, and forgotten on every write', async () => {
		const r = await load('deals_raw', 'de-report.csv');
		await preparePipeline(db, 'deals_raw', r.labels, { decimalComma: true }, '2025-06-30');
		const a = (await loadMeta(db))!;
		a.asOf = '1999-01-01';
		expect((await loadMeta(db))?.asOf).toBe('2025-06-30');
		// written through another handle of the same engine (as the page's cancellable load)
		const other: Db = { ...db, query: (s, p) => db.query(s, p) };
		await saveMeta(other, { target: 5000 });
		expect((await loadMeta(db))?.target).toBe(5000);
		const m = await pipelineMetrics(db);
		expect(m.forecast_by_month[0]?.target).toBe(5000);
		await saveMeta(db, { target: null });
		expect((await pipelineMetrics(db)).forecast_by_month[0]?.target).toBeUndefined();
	});
});

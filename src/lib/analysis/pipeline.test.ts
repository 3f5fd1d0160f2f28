/**
 * The pipeline analysis end to end on the Node engine: detection, setup edits and metrics on
 * the hand-made fixtures in tests/fixtures/pipeline/ (expected numbers worked out in
 * src/lib/sql/pipeline.test.ts for de-report.csv, and below for the others).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv } from '$lib/ingest/load-csv';
import {
	applySetup,
	joinLookup,
	pipelineMetrics,
	preparePipeline,
	type PipelinePrep
} from './pipeline';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

const fixture = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pipeline/${n}`, import.meta.url)));

async function load(table: string, name: string) {
	const r = await loadCsv(db, table, name, fixture(name));
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

async function prepare(name: string, asOf: string): Promise<PipelinePrep> {
	const r = await load('deals_raw', name);
	return preparePipeline(db, 'deals_raw', r.labels, { decimalComma: r.delimiter === ';' }, asOf);
}

describe('German Salesforce report export', () => {
	let prep: PipelinePrep;
	beforeAll(async () => {
		prep = await prepare('de-report.csv', '2025-06-30');
	});

	it('maps the German labels, picks the seed preset and counts the bad amount', () => {
		expect(prep.setup.mapping).toMatchObject({
			id: 0,
			name: 1,
			account: 2,
			stage: 3,
			amount: 4,
			probability: 5,
			close_date: 6,
			created_date: 7,
			owner: 8,
			forecast_category: 9
		});
		expect(prep.setup.preset).toBe('seed');
		expect(prep.unplaced).toEqual([]);
		expect(prep.dateQuestions).toEqual([]);
		expect(prep.disabled).toEqual([]);
		expect(prep.columnIssues).toEqual([
			{ field: 'amount', column: 'Opportunity-Betrag', invalid: 1, examples: ['abc'] }
		]);
	});

	it('computes the KPIs and says why an amount is missing', async () => {
		const r = await pipelineMetrics(db);
		expect(r.kpis).toMatchObject({
			deals: 12,
			open: 7,
			won: 3,
			lost: 2,
			weighted_pipeline: 119500,
			overdue_open: 1
		});
		// velocity = 7 open × 16,666.67 avg won × 0.6 / 92.33 days = 70,000 / (277 / 3)
		expect(r.kpis.sales_velocity).toBeCloseTo(210000 / 277, 9);
		expect(r.funnel.kind).toBe('snapshot');
		expect(r.days_in_stage).toBeNull();
		expect(r.slippage).toBeNull();
		expect(r.aging.map((a) => [a.bucket, a.deals])).toEqual([
			['0–30', 2],
			['31–60', 1],
			['61–90', 1],
			['91–180', 2],
			['181–365', 1],
			['> 365', 0]
		]);
		expect(r.dimensions).toEqual([
			{ key: 'owner', label: 'Opportunity-Inhaber' },
			{ key: 'product', label: 'Produkt' },
			{ key: 'region', label: 'Region' }
		]);
		expect(r.warnings).toEqual([
			'1 deal (open or won) has no readable amount and is left out of the amount sums.'
		]);
	});

	it('sums months into quarters and measures coverage against a target', async () => {
		await applySetup(
			db,
			'deals_raw',
			prep.labels,
			{ ...prep.setup, target: 100000 },
			{ decimalComma: true }
		);
		const r = await pipelineMetrics(db);
		// 2025-07: open 60,000 + 30,000 = 90,000 / (100,000 − 0)
		expect(r.forecast_by_month.find((m) => m.month === '2025-07')).toMatchObject({
			target: 100000,
			coverage: 0.9
		});
		expect(r.forecast_by_quarter).toEqual([
			{
				quarter: '2025-Q1',
				closed_won: 30000,
				commit: 0,
				best_case: 0,
				pipeline: 0,
				weighted: 0,
				target: 300000,
				coverage: 0
			},
			// Q2: won 12,500.50 + 7,499.50; D05 best case 50,000 → 50,000 / (300,000 − 20,000)
			{
				quarter: '2025-Q2',
				closed_won: 20000,
				commit: 0,
				best_case: 50000,
				pipeline: 0,
				weighted: 30000,
				target: 300000,
				coverage: 50000 / 280000
			},
			// Q3: 60,000 commit; 40,000 + 15,000 best case; 30,000 pipeline; 59,000 + 20,000 + 10,500
			{
				quarter: '2025-Q3',
				closed_won: 0,
				commit: 60000,
				best_case: 55000,
				pipeline: 30000,
				weighted: 89500,
				target: 300000,
				coverage: 145000 / 300000
			}
		]);
	});

	it('recomputes after a dictionary edit; the file probability still wins', async () => {
		const dictionary = prep.setup.dictionary.map((s) =>
			s.name === 'Angebot' ? { ...s, probability: 50 } : s
		);
		await applySetup(
			db,
			'deals_raw',
			prep.labels,
			{ ...prep.setup, dictionary },
			{ decimalComma: true }
		);
		// D12 (no file probability) 15,000 × .5 instead of × .7; D05 keeps its 60
		expect((await pipelineMetrics(db)).kpis.weighted_pipeline).toBe(119500 - 10500 + 7500);
	});

	it('switches off amount metrics when the amount is unmapped', async () => {
		const mapping = { ...prep.setup.mapping };
		delete mapping.amount;
		const p = await applySetup(
			db,
			'deals_raw',
			prep.labels,
			{ ...prep.setup, mapping },
			{ decimalComma: true }
		);
		expect(p.disabled.map((d) => d.metric)).toEqual([
			'win_rate_value',
			'weighted_pipeline',
			'forecast',
			'forecast_category'
		]);
		expect(p.unmapped).toContain(4);
		const r = await pipelineMetrics(db);
		expect(r.kpis).toMatchObject({
			won_amount: null,
			open_amount: null,
			weighted_pipeline: null,
			win_rate_count: 0.6
		});
		expect(r.forecast_by_month).toEqual([]);
		expect(r.by_stage[0]).toMatchObject({ deals: 1, amount: null, weighted: null });
		expect(r.aging[0]).toEqual({ bucket: '0–30', deals: 2, amount: null });
	});

	it('joins a lookup table for breakdowns and filters', async () => {
		await applySetup(db, 'deals_raw', prep.labels, prep.setup, { decimalComma: true });
		const lk = await load('lookup_raw_0', 'products.csv');
		const j = await joinLookup(db, 'lookup_raw_0', lk.labels, 0, 'product');
		expect(j).toEqual({
			ok: true,
			name: 'l1',
			columns: [
				{ column: 'l1_c1', label: 'Listenpreis' },
				{ column: 'l1_c2', label: 'Sparte' }
			],
			matched: 12,
			unmatched: 0,
			warnings: [
				"1 Produkt value appears more than once in the lookup table ('X' ×2); the first row is used."
			]
		});
		const r = await pipelineMetrics(db);
		expect(r.breakdowns.l1_c2).toEqual([
			// Hardware = product X: D01, D03, D05, D12 open (10,000 + 50,000 + 15,000); D07 won; D10 lost
			{
				key: 'Hardware',
				deals: 6,
				open: 4,
				won: 1,
				lost: 1,
				win_rate: 0.5,
				open_amount: 75000,
				weighted: 41500,
				won_amount: 30000
			},
			// Software = Y: D02, D04, D06 open (120,000; 4,000 + 20,000 + 54,000); D08, D09 won; D11 lost
			{
				key: 'Software',
				deals: 6,
				open: 3,
				won: 2,
				lost: 1,
				win_rate: 2 / 3,
				open_amount: 120000,
				weighted: 78000,
				won_amount: 20000
			}
		]);
		const f = await pipelineMetrics(db, [{ column: 'l1_c2', value: 'Software' }], {
			closeMonth: '2025-07'
		});
		expect(f.kpis.deals).toBe(6);
		expect(f.priorities.map((p) => p.id)).toEqual(['D06', 'D02']);
		// survives a rebuild of the deals table
		await applySetup(db, 'deals_raw', prep.labels, prep.setup, { decimalComma: true });
		expect((await pipelineMetrics(db)).breakdowns.l1_c2).toHaveLength(2);
		const bad = await joinLookup(db, 'lookup_raw_0', lk.labels, 1, 'owner');
		expect(bad).toEqual({
			ok: false,
			error:
				"No deal's Opportunity-Inhaber matches a value of Listenpreis in the lookup table. Choose the columns that hold the same values."
		});
	});
});

describe('US report with MM/DD/YYYY, dollars and percent signs', () => {
	it('reads month-first dates, $1,234.50 and 75%', async () => {
		await prepare('us-mdy.csv', '2024-03-20');
		const r = await pipelineMetrics(db);
		// open: 1,000 × .10 + 2,500.50 × .75 = 100 + 1,875.375
		expect(r.kpis).toMatchObject({
			deals: 4,
			open: 2,
			won: 1,
			lost: 1,
			open_amount: 3500.5,
			weighted_pipeline: 1975.375
		});
		// Initech: 01/05/2024 → 03/15/2024 = 26 + 29 + 15 days
		expect(r.kpis.median_cycle_days_won).toBe(70);
		expect(r.forecast_by_month.map((m) => m.month)).toEqual(['2024-03', '2024-04']);
	});
});

describe('dates that cannot tell day from month', () => {
	it('asks, and one answer settles the sibling column with the same separator', async () => {
		const prep = await prepare('ambiguous-dates.csv', '2024-03-20');
		expect(prep.dateQuestions).toEqual([
			{
				field: 'close_date',
				column: 'Close Date',
				candidates: ['dmy', 'mdy'],
				examples: ['03/04/2024', '05/06/2024', '07/08/2024']
			},
			{
				field: 'created_date',
				column: 'Created Date',
				candidates: ['dmy', 'mdy'],
				examples: ['01/02/2024', '02/01/2024', '03/02/2024']
			}
		]);
		expect(prep.disabled.map((d) => d.metric)).toContain('cycle_time');
		expect((await pipelineMetrics(db)).kpis.median_cycle_days_won).toBeNull();

		const dmy = await applySetup(
			db,
			'deals_raw',
			prep.labels,
			{ ...prep.setup, dateOrder: { close_date: 'dmy' } },
			{ decimalComma: false }
		);
		expect(dmy.dateQuestions).toEqual([]);
		expect(dmy.warnings).toContain(
			'Created Date: day/month order taken from Close Date (day first).'
		);
		// won: created 02/01 → 2 Jan, closed 05/06 → 5 Jun 2024: 31 + 29 + 31 + 30 + 31 + 3
		expect((await pipelineMetrics(db)).kpis.median_cycle_days_won).toBe(155);

		await applySetup(
			db,
			'deals_raw',
			prep.labels,
			{ ...prep.setup, dateOrder: { close_date: 'mdy', created_date: 'mdy' } },
			{ decimalComma: false }
		);
		// 1 Feb → 6 May 2024: 29 + 31 + 30 + 5
		expect((await pipelineMetrics(db)).kpis.median_cycle_days_won).toBe(95);
	});
});

describe('Pipedrive export', () => {
	it('takes open / won / lost from the status and cycle time from the won time', async () => {
		const prep = await prepare('pipedrive-deals.csv', '2024-03-15');
		expect(prep.setup.mapping).toMatchObject({
			status_kind: 6,
			won_date: 9,
			lost_date: 10,
			close_date: 12
		});
		// no preset shares a stage: the file's stages in file order, probabilities unknown
		expect(prep.setup.dictionary.map((s) => [s.name, s.probability])).toEqual([
			['Qualified', null],
			['Demo Scheduled', null],
			['Negotiations Started', null],
			['Proposal Made', null],
			['Contact Made', null]
		]);
		expect(prep.unplaced).toHaveLength(5);
		const r = await pipelineMetrics(db);
		// won 3,000 + 1,500; lost 4,000; weighted 1,000 × .1 + 2,000 × .4 (Komet: no probability)
		expect(r.kpis).toMatchObject({
			open: 3,
			won: 2,
			lost: 1,
			won_amount: 4500,
			win_rate_value: 4500 / 8500,
			weighted_pipeline: 900
		});
		// Mond 01-01 → won 03-01 = 60 d; Blitz 02-01 → 02-20 = 19 d
		expect(r.kpis.mean_cycle_days_won).toBe(39.5);
		// won deals land in the month they were won: Mond in March although expected in February
		expect(r.forecast_by_month.map((m) => [m.month, m.closed_won])).toEqual([
			['2024-02', 1500],
			['2024-03', 3000],
			['2024-04', 0]
		]);
		expect(r.warnings).toEqual([
			'1 open deal has no probability (Contact Made) and is left out of the weighted pipeline: give the stage a probability.'
		]);
	});
});

describe('reference date', () => {
	it('must be YYYY-MM-DD', async () => {
		const r = await load('deals_raw', 'us-mdy.csv');
		await expect(
			preparePipeline(db, 'deals_raw', r.labels, { decimalComma: false }, '20.03.2024')
		).rejects.toThrow('The reference date must be YYYY-MM-DD, not "20.03.2024".');
	});
});

/**
 * Stage history end to end: a Salesforce Data Export with its OpportunityHistory, and a HubSpot
 * deals export whose `Date entered` columns are its history. Expected numbers for the Salesforce
 * pair are worked out in src/lib/sql/pipeline-history.test.ts; the HubSpot ones below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv } from '$lib/ingest/load-csv';
import { applySetup, loadHistory, pipelineMetrics, preparePipeline } from './pipeline';
import { parseDateEntered } from './pipeline-history';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

const fixture = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pipeline/${n}`, import.meta.url)));

async function load(table: string, name: string, bytes = fixture(name)) {
	const r = await loadCsv(db, table, name, bytes);
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

describe('parseDateEntered', () => {
	it('splits stage and pipeline', () => {
		expect(parseDateEntered('Date entered "Closed Won (Sales Pipeline)"')).toEqual({
			stage: 'Closed Won',
			pipeline: 'Sales Pipeline'
		});
		expect(parseDateEntered('Date entered “Demo”')).toEqual({ stage: 'Demo', pipeline: null });
		expect(parseDateEntered('Date exited "Demo (Sales)"')).toBeNull();
	});
});

describe('Salesforce Data Export with OpportunityHistory', () => {
	it('uses the 0/1 flags, then builds the cohort funnel, days in stage and slippage', async () => {
		const deals = await load('deals_raw', 'sf-opportunity.csv');
		const prep = await preparePipeline(
			db,
			'deals_raw',
			deals.labels,
			{ decimalComma: false },
			'2024-03-15'
		);
		expect(prep.setup.preset).toBe('salesforce');
		expect(prep.setup.mapping).toMatchObject({
			id: 0,
			stage: 3,
			is_closed: 7,
			is_won: 8,
			forecast_category: 10,
			created_date: 12
		});
		expect((await pipelineMetrics(db)).funnel.kind).toBe('snapshot');

		const h = await load('history_raw', 'sf-history.csv');
		const res = await loadHistory(db, 'history_raw', h.labels, {});
		expect(res).toEqual({
			ok: true,
			kind: 'salesforce',
			rows: 24,
			warnings: ['1 of 7 deals in the history are not in the deals file and are left out.']
		});

		const r = await pipelineMetrics(db);
		// won 4,000 + 6,000, lost 3,000; open 1,000 × .1 + 2,000 × .2 + 5,000 × .9
		expect(r.kpis).toMatchObject({
			open: 3,
			won: 2,
			lost: 1,
			win_rate_value: 10000 / 13000,
			weighted_pipeline: 5000
		});
		// O4 01-01 → 02-15 = 45 d, O6 01-15 → 03-10 = 55 d; velocity 3 × 5,000 × 2/3 / 50
		expect(r.kpis).toMatchObject({ median_cycle_days_won: 50, sales_velocity: 200 });
		expect(r.history).toBe('salesforce');
		expect(r.funnel.kind).toBe('cohort');
		expect(r.funnel.steps.map((s) => s.reached)).toEqual([6, 5, 4, 3, 3, 3, 3, 3, 2]);
		expect(r.funnel.steps.map((s) => s.avg_days)).toEqual([
			9.2,
			18,
			22,
			10,
			null,
			null,
			14,
			null,
			null
		]);
		expect(r.days_in_stage?.map((d) => d.stage)).toEqual([
			'Prospecting',
			'Qualification',
			'Needs Analysis',
			'Value Proposition',
			'Proposal/Price Quote'
		]);
		expect(r.slippage).toEqual([
			{ pushes: 0, deals: 3 },
			{ pushes: 1, deals: 2 },
			{ pushes: 2, deals: 1 }
		]);
		expect(r.priorities.map((p) => [p.name, p.days_in_stage])).toEqual([
			['Initech pilot', 33],
			['Globex renewal', 50],
			['Acme expansion', 65]
		]);
		// file category "Commit" for the open Initech deal, February
		expect(r.forecast_by_month).toEqual([
			{
				month: '2024-02',
				closed_won: 4000,
				commit: 5000,
				best_case: 0,
				pipeline: 0,
				weighted: 4500
			},
			{ month: '2024-03', closed_won: 6000, commit: 0, best_case: 0, pipeline: 3000, weighted: 500 }
		]);
	});

	it('lets the won / closed flags overrule the stage', async () => {
		const csv =
			'Id,StageName,Amount,IsClosed,IsWon\nA,Negotiation/Review,100,1,0\nB,Closed Won,200,0,0\nC,Prospecting,300,,\n';
		const deals = await load('deals_raw', 'flags.csv', new TextEncoder().encode(csv));
		await preparePipeline(db, 'deals_raw', deals.labels, { decimalComma: false }, '2024-01-01');
		// A closed and not won → lost; B not closed → open; C no flags → its stage, open
		expect((await pipelineMetrics(db)).kpis).toMatchObject({
			open: 2,
			won: 0,
			lost: 1,
			open_amount: 500
		});
	});

	it('reports history stages the dictionary lacks, placed on the next apply', async () => {
		const deals = await load('deals_raw', 'sf-opportunity.csv');
		const prep = await preparePipeline(
			db,
			'deals_raw',
			deals.labels,
			{ decimalComma: false },
			'2024-03-15'
		);
		const csv =
			'OpportunityId,CreatedDate,StageName\n0060000000000O1AAA,2024-01-10,Discovery\n0060000000000O1AAA,2024-01-12,Prospecting\n';
		const h = await load('history_raw', 'h.csv', new TextEncoder().encode(csv));
		const res = await loadHistory(db, 'history_raw', h.labels, {});
		expect(res.ok && res.warnings).toEqual([
			'The history has no CloseDate column, so close-date pushes cannot be counted.',
			'Stages in the history but not in the stage dictionary: Discovery. Place them in the dictionary.'
		]);
		const again = await applySetup(db, 'deals_raw', deals.labels, prep.setup, {
			decimalComma: false
		});
		expect(again.unplaced).toEqual(['Discovery']);
	});

	it('refuses files that are not a history, or belong to other deals', async () => {
		const deals = await load('deals_raw', 'sf-opportunity.csv');
		await preparePipeline(db, 'deals_raw', deals.labels, { decimalComma: false }, '2024-03-15');
		const other = await load('history_raw', 'us-mdy.csv');
		const a = await loadHistory(db, 'history_raw', other.labels, {});
		expect(a.ok).toBe(false);
		expect(!a.ok && a.error).toMatch(/^this does not look like a stage history/);
		const csv = 'OpportunityId,CreatedDate,StageName\nX1,2024-01-10,Prospecting\n';
		const h = await load('history_raw', 'h.csv', new TextEncoder().encode(csv));
		expect(await loadHistory(db, 'history_raw', h.labels, {})).toEqual({
			ok: false,
			error:
				"none of its 1 deal ids is in the deals file. Check that it belongs to these deals and that the deals' id column is mapped."
		});
		expect((await pipelineMetrics(db)).history).toBeNull();
	});
});

describe('HubSpot export with Date entered columns', () => {
	it('uses them as stage history without a second file', async () => {
		const deals = await load('deals_raw', 'hubspot-deals.csv');
		const prep = await preparePipeline(
			db,
			'deals_raw',
			deals.labels,
			{ decimalComma: false },
			'2024-04-01'
		);
		expect(prep.setup.preset).toBe('hubspot');
		expect(prep.warnings).toContain('The 7 "Date entered" columns are used as stage history.');
		expect(prep.unmapped).toEqual([7, 8, 9, 10, 11, 12, 13, 14]); // Pipeline + the Date entered columns
		const r = await pipelineMetrics(db);
		// won 4,000 + 2,500.50; open 1,000 × .2 + 2,000 × .4 + 5,000 × .9 = 200 + 800 + 4,500
		expect(r.kpis).toMatchObject({
			deals: 6,
			open: 3,
			won: 2,
			lost: 1,
			won_amount: 6500.5,
			weighted_pipeline: 5500
		});
		// cycles: 9004 01-01 → 03-01 = 60, 9006 02-01 → 03-15 = 43
		expect(r.kpis).toMatchObject({ median_cycle_days_won: 51.5, mean_cycle_days_won: 51.5 });
		expect(r.history).toBe('hubspot');
		// furthest step: 9001 0, 9002 1, 9003 4, 9004 5 (won), 9005 1, 9006 5 (skipped Qualified to Buy)
		expect(r.funnel.steps.map((s) => [s.stage, s.reached])).toEqual([
			['Appointment Scheduled', 6],
			['Qualified to Buy', 5],
			['Presentation Scheduled', 3],
			['Decision Maker Bought-In', 3],
			['Contract Sent', 3],
			['Closed Won', 2]
		]);
		expect(r.days_in_stage).toEqual([
			// 9002 10, 9003 10, 9004 5, 9005 10, 9006 4 → 39 / 5
			{ stage: 'Appointment Scheduled', avg_days: 7.8, median_days: 10, deals: 5 },
			// 9003 10, 9004 10, 9005 31 (01-15 → 02-15) → 51 / 3
			{ stage: 'Qualified to Buy', avg_days: 17, median_days: 10, deals: 3 },
			// 9003 10, 9004 16 (01-16 → 02-01), 9006 15 → 41 / 3
			{ stage: 'Presentation Scheduled', avg_days: 41 / 3, median_days: 15, deals: 3 },
			// 9003 10, 9006 24 (02-20 → 03-15)
			{ stage: 'Decision Maker Bought-In', avg_days: 17, median_days: 17, deals: 2 },
			// 9004 29 (02-01 → 03-01)
			{ stage: 'Contract Sent', avg_days: 29, median_days: 29, deals: 1 }
		]);
		expect(r.slippage).toBeNull(); // no close-date history in HubSpot exports
		expect(r.breakdowns.owner?.map((b) => [b.key, b.won, b.lost, b.win_rate])).toEqual([
			['Kim Park', 0, 1, 0],
			['Lee Chan', 2, 0, 1]
		]);
	});
});

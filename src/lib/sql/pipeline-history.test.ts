/**
 * Stage-history SQL on the Node engine: tests/fixtures/pipeline/sf-opportunity.csv (6 deals) with
 * sf-history.csv (25 OpportunityHistory rows: one flagged IsDeleted, one for a deal O9 that is not
 * in the deals file), reference date 2024-03-15, Salesforce dictionary. Stays per deal (→ = next
 * stay starts; ongoing stays have no end):
 *   O1 Prospecting 01-10 → (open)
 *   O2 Prospecting 01-05 → Qualification 01-15 → Needs Analysis 01-25 → (open; 03-01 row: push)
 *   O3 Prospecting 01-02 → Qualification 01-08 → Needs Analysis 01-22 → Value Proposition 02-01
 *      (two rows that day, the second a push) → Negotiation/Review 02-11 (push) → (open)
 *   O4 Prospecting 01-01 → Qualification 01-11 → Needs Analysis 01-21 → Proposal 02-01 → Closed Won 02-15
 *   O5 Prospecting 01-03 → Qualification 01-13 → [Perception Analysis 01-20, deleted] → Closed Lost 02-20
 *   O6 Prospecting 01-15 → Needs Analysis 01-25 (02-29 row: push) → Closed Won 03-10
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
	type ColumnSpec
} from './pipeline-build';
import { prioritiesQuery } from './pipeline';
import {
	CURRENT_STAGE_DAYS,
	cohortFunnelQuery,
	createHistory,
	daysInStageQuery,
	historyStagesQuery,
	historySummaryQuery,
	insertHubspotHistory,
	insertSalesforceHistory,
	slippageQuery
} from './pipeline-history';
import type { Query } from './sql';

let db: Db;
const q = <T = Record<string, unknown>>(x: Query) => db.query(x.text, x.params) as Promise<T[]>;
const fixture = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/pipeline/${n}`, import.meta.url)));
async function load(table: string, name: string) {
	const r = await loadCsv(db, table, name, fixture(name));
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

const ISO: DateFormat = { order: 'ymd', sep: '-', hasTime: true, yearDigits: 4 };
const PLAIN: NumberFormat = {
	decimal: '.',
	thousands: null,
	percent: false,
	currency: null,
	scale: 1
};
const SF = PRESETS.salesforce;

beforeAll(async () => {
	db = await openNodeDb();
	const deals = await load('sf_raw', 'sf-opportunity.csv');
	await load('sfh_raw', 'sf-history.csv');
	const specs: Record<string, ColumnSpec> = {
		id: { kind: 'text', column: 'c0' },
		stage: { kind: 'text', column: 'c3' },
		amount: { kind: 'number', column: 'c4', format: PLAIN },
		probability: { kind: 'number', column: 'c5', format: PLAIN },
		close_date: { kind: 'date', column: 'c6', format: ISO },
		is_closed: { kind: 'flag', column: 'c7' },
		is_won: { kind: 'flag', column: 'c8' },
		created_date: { kind: 'date', column: 'c12', format: ISO }
	};
	const cols = { id: 'c1', at: 'c3', stage: 'c4', close: 'c8', deleted: 'c10' };
	for (const s of [
		...createStages(SF),
		...createValues(SF.map((s, pos) => ({ field: 'stage', raw: s.name, code: null, pos }))),
		...writeMeta({ as_of: '2024-03-15' }),
		buildDeals('sf_raw', specs, deals.labels.length),
		createAllView([]),
		createHistory(),
		insertSalesforceHistory('sfh_raw', cols, ISO, ISO)
	]) {
		await q(s);
	}
});
afterAll(() => db.close());

describe('history rows', () => {
	it('leaves out deleted rows and counts deals the deals file lacks', async () => {
		// 25 rows − 1 IsDeleted; ids O1…O6 + O9, O9 not in the deals
		expect(await q(historySummaryQuery())).toEqual([{ rows: 24, no_date: 0, ids: 7, matched: 6 }]);
		const stages = await q<{ value: string }>(historyStagesQuery());
		expect(stages.map((s) => s.value)).not.toContain('Perception Analysis');
	});
});

describe('days in stage', () => {
	it('averages completed stays per open stage', async () => {
		expect(await q(daysInStageQuery([]))).toEqual([
			// O2 10, O3 6, O4 10, O5 10, O6 10 → 46 / 5
			{ stage: 'Prospecting', avg_days: 9.2, median_days: 10, deals: 5 },
			// O2 10, O3 14, O4 10, O5 38 (01-13 → 02-20) → 72 / 4; median (10 + 14) / 2
			{ stage: 'Qualification', avg_days: 18, median_days: 12, deals: 4 },
			// O3 10, O4 11, O6 45 (01-25 → 03-10, leap year) → 66 / 3; O2 still there
			{ stage: 'Needs Analysis', avg_days: 22, median_days: 11, deals: 3 },
			{ stage: 'Value Proposition', avg_days: 10, median_days: 10, deals: 1 }, // O3 02-01 → 02-11
			{ stage: 'Proposal/Price Quote', avg_days: 14, median_days: 14, deals: 1 } // O4 02-01 → 02-15
		]);
	});
	it('follows the filters', async () => {
		const rows = await q(daysInStageQuery([{ column: 'id', value: '0060000000000O5AAA' }]));
		expect(rows.map((r) => [r.stage, r.avg_days])).toEqual([
			['Prospecting', 10],
			['Qualification', 38]
		]);
	});
});

describe('cohort funnel', () => {
	it('counts deals whose history or current stage reached each step', async () => {
		// furthest step: O1 0, O2 2, O3 7 (Negotiation), O4 8 (won), O5 1 (deleted row ignored), O6 8
		const rows = await q(cohortFunnelQuery([]));
		expect(rows.map((r) => r.reached)).toEqual([6, 5, 4, 3, 3, 3, 3, 3, 2]);
		expect(rows.map((r) => r.rate_next)).toEqual([5 / 6, 4 / 5, 3 / 4, 1, 1, 1, 1, 2 / 3, null]);
		expect(rows[8]).toEqual({
			stage: 'Closed Won',
			reached: 2,
			rate_next: null,
			cumulative: 2 / 6
		});
	});
});

describe('slippage', () => {
	it('histograms close-date pushes per deal', async () => {
		// O1 0, O2 1, O3 2, O4 0 (moved earlier), O5 0, O6 1; O9 not a deal
		expect(await q(slippageQuery([]))).toEqual([
			{ pushes: 0, deals: 3 },
			{ pushes: 1, deals: 2 },
			{ pushes: 2, deals: 1 }
		]);
	});
});

describe('days in the current stage', () => {
	it('counts from entering the current stage to the reference date', async () => {
		const rows = await q(prioritiesQuery([], null, CURRENT_STAGE_DAYS));
		// O3 Negotiation since 02-11 → 33; O2 Needs Analysis since 01-25 → 50; O1 Prospecting since 01-10 → 65
		expect(rows.map((r) => [r.name, r.expected, r.days_in_stage, r.overdue])).toEqual([
			[null, 4500, 33, true],
			[null, 400, 50, false],
			[null, 100, 65, false]
		]);
	});
});

describe('HubSpot Date entered columns', () => {
	it('become one history row per filled cell, stage names as parameters', async () => {
		await load('hs_raw', 'hubspot-deals.csv');
		const stages = [
			'Appointment Scheduled',
			'Qualified to Buy',
			'Presentation Scheduled',
			'Decision Maker Bought-In',
			'Contract Sent',
			'Closed Won',
			'Closed Lost'
		];
		const entries = stages.map((stage, k) => ({ column: `c${8 + k}`, stage }));
		const fmt: DateFormat = { ...ISO };
		await q(createHistory());
		const ins = insertHubspotHistory('hs_raw', 'c0', entries, fmt);
		expect(ins.params).toEqual(stages);
		await q(ins);
		// filled cells per deal: 1 + 2 + 5 + 5 + 3 + 4
		const [s] = await q(historySummaryQuery());
		expect(s).toMatchObject({ rows: 20, no_date: 0, ids: 6 });
	});
});

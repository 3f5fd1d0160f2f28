import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { runPipeline, type PipelineOptions } from './pipeline';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());
/** One engine for the whole file (a fresh one per run costs ~2 s). */
const run = (file: string, o: PipelineOptions) => runPipeline(file, o, db);

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const fixture = (n: string) => path(`tests/fixtures/pipeline/${n}`);

describe('cli pipeline', () => {
	it('prints exactly the JSON contract', async () => {
		const out = JSON.parse(await run(fixture('de-report.csv'), { json: true, asOf: '2025-06-30' }));
		expect(Object.keys(out)).toEqual([
			'deals',
			'open',
			'won',
			'lost',
			'win_rate_count',
			'win_rate_value',
			'won_amount',
			'open_amount',
			'weighted_pipeline',
			'avg_won_amount',
			'median_cycle_days_won',
			'mean_cycle_days_won',
			'by_stage',
			'funnel',
			'forecast_by_month',
			'mapping',
			'warnings'
		]);
		// worked in src/lib/sql/pipeline.test.ts
		expect(out).toMatchObject({
			deals: 12,
			open: 7,
			won: 3,
			lost: 2,
			win_rate_count: 0.6,
			win_rate_value: 0.625
		});
		expect(out).toMatchObject({
			won_amount: 50000,
			open_amount: 195000,
			weighted_pipeline: 119500,
			median_cycle_days_won: 88
		});
		expect(out.by_stage[4]).toEqual({ stage: 'Angebot', kind: 'open', deals: 2, amount: 65000 });
		expect(out.funnel[0]).toEqual({ stage: 'Kontaktaufnahme', reached: 10, rate_next: 0.9 });
		expect(out.forecast_by_month[4]).toEqual({
			month: '2025-07',
			closed_won: 0,
			commit: 60000,
			best_case: 0,
			pipeline: 30000,
			weighted: 59000
		});
		expect(out.mapping).toMatchObject({
			amount: 'Opportunity-Betrag',
			stage: 'Phase',
			close_date: 'Schlusstermin'
		});
		expect(out.warnings).toContain(
			"Opportunity-Betrag: 1 value could not be read (e.g. 'abc') and counts as missing."
		);
	});

	it('reproduces the sample data figures with its history', async () => {
		const out = JSON.parse(
			await run(path('data/pipeline-sample.csv'), {
				json: true,
				asOf: '2026-12-03',
				history: path('data/pipeline-history-sample.csv')
			})
		);
		// data/README.md: 848 open, 621 won, 1,011 lost; 621 / 1,632 = 38.1 %; won median 116 days
		expect(out).toMatchObject({
			deals: 2480,
			open: 848,
			won: 621,
			lost: 1011,
			median_cycle_days_won: 116
		});
		expect(out.win_rate_count).toBeCloseTo(621 / 1632, 12);
		expect(out.by_stage.slice(0, 6).map((s: { deals: number }) => s.deals)).toEqual([
			186, 156, 168, 127, 125, 86
		]);
		// cohort funnel: every deal starts in Kontaktaufnahme, 621 reach Geschäftsabschluss
		expect(out.funnel[0]).toMatchObject({ stage: 'Kontaktaufnahme', reached: 2480 });
		expect(out.funnel.at(-1)).toMatchObject({
			stage: 'Geschäftsabschluss',
			reached: 621,
			rate_next: null
		});
		expect(out.warnings).toEqual([]);
	});

	it('joins lookups and prints a readable summary', async () => {
		const text = await run(fixture('de-report.csv'), {
			asOf: '2025-06-30',
			lookup: [`${fixture('products.csv')}:Produkt`]
		});
		expect(text).toContain('Deals 12 · open 7 · won 3 · lost 2 (as of 2025-06-30)');
		expect(text).toContain('Win rate 60.0 % by count, 62.5 % by value');
		expect(text).toContain('Funnel (snapshot of current stages)');
		expect(text).toContain(
			"- 1 Produkt value appears more than once in the lookup table ('X' ×2); the first row is used."
		);
	});

	it('answers date questions with --date-order and checks its options', async () => {
		const out = JSON.parse(
			await run(fixture('ambiguous-dates.csv'), {
				json: true,
				asOf: '2024-03-20',
				dateOrder: 'mdy'
			})
		);
		expect(out.median_cycle_days_won).toBe(95); // 1 Feb → 6 May 2024
		await expect(run(fixture('de-report.csv'), { asOf: '3.12.2026' })).rejects.toThrow(
			'--as-of must be a date YYYY-MM-DD, not "3.12.2026".'
		);
		await expect(run(fixture('de-report.csv'), { preset: 'zoho' })).rejects.toThrow(
			'--preset must be one of salesforce, hubspot, seed.'
		);
		await expect(
			run(fixture('de-report.csv'), { lookup: [`${fixture('products.csv')}:Sparte`] })
		).rejects.toThrow(/products\.csv: the deals file has no column "Sparte" to join on/);
	});

	it('refuses a history that is not one', async () => {
		await expect(run(fixture('de-report.csv'), { history: fixture('us-mdy.csv') })).rejects.toThrow(
			`${fixture('us-mdy.csv')}: this does not look like a stage history. Expected a Salesforce OpportunityHistory export (OpportunityId, CreatedDate, StageName) or a HubSpot deals export with "Date entered" columns.`
		);
	});

	it('exits non-zero with a one-line message for a missing file', async () => {
		const tsx = path('node_modules/.bin/tsx');
		const args = [
			path('src/cli/main.ts'),
			'pipeline',
			fixture('de-report.csv'),
			'--history',
			'missing.csv'
		];
		const err = await promisify(execFile)(tsx, args).catch((e) => e);
		expect(err.code).toBe(1);
		expect(err.stderr.trim()).toBe('missing.csv: cannot be read (ENOENT).');
	});
});

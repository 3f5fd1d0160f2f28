/**
 * What a filter change costs on the browser's engine (duckdb-wasm in Node, blocking bindings, one
 * thread): the deals file is loaded through the product's `loadCsv` + `preparePipeline`, then
 * `pipelineMetrics` is timed with no filter, an owner, owner + region and a region only (the
 * browser benchmark's clicks: the owner with most deals, the first region of that owner's deals),
 * best and median of several runs, with each statement's time of the last run.
 *
 * `--legacy` also times the statements the code ran before the filter-change work (meta read from
 * the catalog on every call, 13 statements each filtering `pipeline_all`, every open deal returned
 * as a priority), built with today's builders on the same tables, for a before/after in one run;
 * and both as the browser's 20 clicks (owner on, region on, owner off, region off, ×5; the state
 * now keeps the unfiltered result, so the 5 "region off" changes read nothing).
 *
 * `--save FILE` writes what every scenario returned (the priorities as their count and first 100
 * rows) so another version of the SQL can be checked value for value with `--compare FILE`.
 *
 *   npx tsx bench/filter-timing.ts [FILE] [--runs N] [--save F.json] [--compare F.json] [--statements]
 *
 * FILE defaults to <os tmpdir>/ol-bench-data/deals-1000000-s4711.csv
 * (`npx tsx bench/generate.ts --deals 1000000` writes it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import { pipelineMetrics, preparePipeline, type PipelineFilter } from '$lib/analysis/pipeline';
import type { PipelineResult } from '$lib/domain/pipeline/types';
import { loadCsv } from '$lib/ingest/load-csv';
import { PT, readMeta, tableExistsQuery } from '$lib/sql/pipeline-build';
import {
	agingQuery,
	breakdownQuery,
	byStageQuery,
	dealWarningsQuery,
	forecastQuery,
	kpisQuery,
	prioritiesQuery,
	snapshotFunnelQuery,
	type MetricContext
} from '$lib/sql/pipeline';
import type { Query } from '$lib/sql/sql';
import { timed } from './engine';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		runs: { type: 'string', default: '5' },
		save: { type: 'string' },
		compare: { type: 'string' },
		statements: { type: 'boolean', default: false },
		legacy: { type: 'boolean', default: false },
		'as-of': { type: 'string', default: '2026-12-03' }
	}
});
const file = positionals[0] ?? join(tmpdir(), 'ol-bench-data', 'deals-1000000-s4711.csv');
const runs = Math.max(1, Number(values.runs));

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** What a result says, the priorities cut to their count and first 100 rows (any version). */
function fingerprint(r: PipelineResult): unknown {
	const total = (r as { priorities_total?: number }).priorities_total ?? r.priorities.length;
	return { ...r, priorities: r.priorities.slice(0, 100), priorities_total: total };
}

/**
 * The statements pipelineMetrics ran before (no history, the 4 default breakdowns): the meta from
 * the catalog, then every metric filtering `pipeline_all`, and every open deal as a priority.
 */
async function legacyMetrics(db: Db, filters: PipelineFilter[]): Promise<void> {
	const q = (x: Query) => db.query(x.text, x.params);
	await q(tableExistsQuery(PT.meta));
	await q(readMeta());
	const ctx: MetricContext = { amount: true, weighted: true, outcome: true, closeDate: true };
	await q(kpisQuery(filters, ctx));
	await q(forecastQuery(filters, ctx));
	for (const d of ['owner', 'product', 'region', 'industry'])
		await q(breakdownQuery(filters, ctx, d));
	await q(byStageQuery(filters, ctx));
	await q(snapshotFunnelQuery(filters));
	await q(agingQuery(filters, ctx));
	await q(prioritiesQuery(filters, null, null));
	await q(dealWarningsQuery(filters));
}

/** p50 / p95 of the browser benchmark's 20 clicks, from each state's timings. */
function clicks(ms: Record<string, number[]>, cachedUnfiltered: boolean): string {
	const cycle = ['owner', 'owner + region', 'region', 'no filter'];
	const all: number[] = [];
	for (let i = 0; i < 20; i++) {
		const name = cycle[i % 4]!;
		const xs = ms[name] ?? [0];
		all.push(name === 'no filter' && cachedUnfiltered ? 0 : xs[Math.floor(i / 4) % xs.length]!);
	}
	const s = [...all].sort((a, b) => a - b);
	const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
	return `p50 ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}`;
}

async function main() {
	const inner = await openNodeDb();
	const db = timed(inner);
	let t = performance.now();
	const bytes = new Uint8Array(readFileSync(file));
	const loaded = await loadCsv(inner, 'deals_raw', basename(file), bytes);
	if (!loaded.ok) throw new Error(loaded.error);
	const loadMs = performance.now() - t;
	t = performance.now();
	await preparePipeline(
		inner,
		'deals_raw',
		loaded.report.labels,
		{ decimalComma: loaded.report.delimiter === ';' },
		values['as-of']!
	);
	const prepMs = performance.now() - t;
	console.log(
		`${basename(file)}: ${loaded.report.rows.toLocaleString('en-US')} deals · loadCsv ${fmt(loadMs)} · preparePipeline ${fmt(prepMs)} (wasm-node)`
	);

	const first = await pipelineMetrics(db, []);
	const owner = first.breakdowns['owner']?.[0]?.key ?? null;
	const withOwner = await pipelineMetrics(db, [{ column: 'owner', value: owner }]);
	const region = withOwner.breakdowns['region']?.[0]?.key ?? null;
	const o: PipelineFilter = { column: 'owner', value: owner };
	const g: PipelineFilter = { column: 'region', value: region };
	const scenarios: [string, PipelineFilter[]][] = [
		['no filter', []],
		[`owner (${owner})`, [o]],
		['owner + region', [o, g]],
		[`region (${region})`, [g]]
	];

	const prints: Record<string, unknown> = {};
	const times: Record<string, Record<string, number[]>> = { now: {}, legacy: {} };
	const versions = values.legacy ? (['legacy', 'now'] as const) : (['now'] as const);
	for (const version of versions) {
		console.log(
			`\n${version === 'now' ? 'pipelineMetrics' : 'before (legacy statements)'}, ${runs} runs each`.padEnd(
				41
			) + '   best    median   statements'
		);
		for (const [name, filters] of scenarios) {
			const ms: number[] = [];
			let result: PipelineResult | null = null;
			for (let i = 0; i < runs; i++) {
				db.log = [];
				const s = performance.now();
				if (version === 'now') result = await pipelineMetrics(db, filters);
				else await legacyMetrics(db, filters);
				ms.push(performance.now() - s);
			}
			const log = db.log ?? [];
			db.log = null;
			const key = name.replace(/ \(.*\)$/, '');
			times[version]![key] = ms;
			console.log(
				`  ${name.padEnd(36)} ${fmt(Math.min(...ms)).padStart(8)} ${fmt(median(ms)).padStart(9)} ${String(log.length).padStart(12)}`
			);
			if (values.statements) {
				for (const q of log)
					console.log(
						`      ${fmt(q.ms).padStart(8)} ${String(q.rows).padStart(7)}  ${q.sql.slice(0, 110)}`
					);
			}
			if (result) prints[key] = fingerprint(result);
		}
	}
	console.log('\nthe 20 clicks of the browser benchmark (engine time only):');
	if (values.legacy) console.log(`  before: ${clicks(times.legacy!, false)}`);
	console.log(`  now:    ${clicks(times.now!, true)} (unfiltered result kept by the state)`);
	await inner.close();

	if (values.save) {
		writeFileSync(values.save, JSON.stringify(prints, null, 1));
		console.log(`\nresults written to ${values.save}`);
	}
	if (values.compare) {
		const before = JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, unknown>;
		const now = JSON.parse(JSON.stringify(prints)) as Record<string, unknown>;
		let same = true;
		for (const k of Object.keys(before)) {
			const b = before[k] as Record<string, unknown>;
			const n = (now[k] ?? {}) as Record<string, unknown>;
			for (const key of new Set([...Object.keys(b), ...Object.keys(n)])) {
				if (!isDeepStrictEqual(b[key], n[key])) {
					same = false;
					console.log(`DIFFERS: ${k} → ${key}`);
				}
			}
		}
		console.log(same ? `\nevery value equals ${values.compare}` : '\nRESULTS DIFFER');
		if (!same) process.exitCode = 1;
	}
}

await main();

/**
 * `preparePipeline` alone over a benchmark deals file, on native DuckDB and on the wasm engine in
 * Node, with each statement's time, plus a fingerprint of what it produced (every typed column of
 * `pipeline_deals` hashed, the prep's issues and warnings, the metrics) so two versions of the SQL
 * can be compared value for value.
 *
 *   npx tsx bench/typed-timing.ts [FILE] [--engine native|wasm-node|both] [--runs N] [--out FILE.json]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { Db } from '$lib/db/db';
import { openNativeDb } from '$lib/db/native';
import { openNodeDb } from '$lib/db/node';
import { pipelineMetrics, preparePipeline } from '$lib/analysis/pipeline';
import { FIELDS } from '$lib/domain/pipeline/fields';
import { headerOf, readCsvSql, timed } from './engine';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		engine: { type: 'string', default: 'both' },
		runs: { type: 'string', default: '1' },
		out: { type: 'string' },
		'as-of': { type: 'string', default: '2026-12-03' }
	}
});
const file = positionals[0] ?? join(tmpdir(), 'ol-bench-data', 'deals-1000000-s4711.csv');
const DERIVED = [
	'stage_raw',
	'stage_pos',
	'kind',
	'prob',
	'category',
	'end_date',
	'close_month',
	'close_quarter',
	'cycle_days',
	'age_days',
	'overdue',
	'expected'
];

async function once(engine: 'native' | 'wasm-node', fingerprint: boolean) {
	const labels = headerOf(file, ';');
	const inner: Db = engine === 'native' ? await openNativeDb() : await openNodeDb();
	let source = file;
	if (engine === 'wasm-node') {
		source = 'deals_raw.csv';
		await inner.registerFile(source, new Uint8Array(readFileSync(file)));
	}
	await inner.exec(readCsvSql('deals_raw', source, labels.length, ';', '\\r\\n'));
	const db = timed(inner);
	db.log = [];
	const t = performance.now();
	const prep = await preparePipeline(
		db,
		'deals_raw',
		labels,
		{ decimalComma: true },
		values['as-of']!
	);
	const ms = performance.now() - t;
	const log = db.log;
	db.log = null;
	let print: unknown = null;
	if (fingerprint) {
		const cols = (await inner.query<{ name: string; type: string }>(
			`SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'pipeline_deals' ORDER BY column_index`
		)) as { name: string; type: string }[];
		const keep = cols.filter(
			(c) =>
				(FIELDS as readonly string[]).includes(c.name) ||
				DERIVED.includes(c.name) ||
				c.name === 'rid'
		);
		const sums = keep
			.map((c) => `sum(hash(rid, "${c.name}")) % 1000000007 AS "${c.name}"`)
			.join(', ');
		const [h] = await inner.query(`SELECT count(*) AS n, ${sums} FROM pipeline_deals`);
		const metrics = await pipelineMetrics(db, [], { dimensions: ['c2', 'c11'] });
		print = {
			columns: cols.map((c) => `${c.name}:${c.type}`),
			hashes: h,
			prep,
			metrics
		};
	}
	await inner.close();
	return { ms, log, print };
}

const engines =
	values.engine === 'both'
		? (['native', 'wasm-node'] as const)
		: [values.engine as 'native' | 'wasm-node'];
const prints: Record<string, unknown> = {};
for (const e of engines) {
	const runs: number[] = [];
	let slow: { sql: string; ms: number }[] = [];
	for (let i = 0; i < Number(values.runs); i++) {
		const r = await once(e, i === 0 && values.out !== undefined);
		runs.push(r.ms);
		if (r.print) prints[e] = r.print;
		if (i === 0) slow = [...r.log].sort((a, b) => b.ms - a.ms).slice(0, 8);
	}
	console.log(
		`${e.padEnd(10)} preparePipeline: ${runs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')} (best ${(Math.min(...runs) / 1000).toFixed(2)} s)`
	);
	for (const q of slow) console.log(`  ${q.ms.toFixed(0).padStart(7)} ms  ${q.sql.slice(0, 110)}`);
}
if (values.out) writeFileSync(values.out, JSON.stringify(prints, null, 1));
process.exit(0);

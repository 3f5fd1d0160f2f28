/**
 * The survey page's import, step by step, on the browser's engine in Node (`openNodeDb`, the
 * duckdb-wasm blocking bindings, one thread): the functions `SurveyState.load` → `useLayout` (→
 * `refresh`) call, in their order, each step timed, with every statement's time,
 * plus a fingerprint of everything the page gets (labels, attributes, scores, the rating matrix,
 * respondents, quality flags, the bootstrap intervals) so two versions can be compared value for value.
 *
 *   npx tsx bench/survey-timing.ts [FILE] [--runs N] [--statements] [--out FILE.json] [--order old]
 *
 * Default FILE: <tmpdir>/ol-bench-data/survey-10000x100-s20261203.csv (`npx tsx bench/generate.ts`).
 * Each run opens a fresh engine; the best run per step is reported beside the median. Lines with
 * `=` are milestones: in the page the bootstrap runs in a worker beside DuckDB, so intervals are
 * shown at "bootstrap started" + the bootstrap's time (+ drawing), not after the remaining steps.
 * `--order old`: the order the page used before (attributes, matrix, respondents and quality flags
 * before the bootstrap and the scores), to compare with an older version of the SQL.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openNodeDb } from '$lib/db/node';
import { loadSurveyFile } from '$lib/analysis/survey-file';
import * as survey from '$lib/analysis/survey';
import { detectLayout } from '$lib/ingest/survey-layout';
import { qualityFlags } from '$lib/domain/quality';
import { runJob } from '$lib/domain/survey-jobs';
import * as matrixFns from '$lib/domain/survey-matrix';
import { selectPopulation, selectRows, selectWeights } from '$lib/domain/survey-matrix';
import { timed } from './engine';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		runs: { type: 'string', default: '3' },
		statements: { type: 'boolean', default: false },
		order: { type: 'string', default: 'new' },
		out: { type: 'string' },
		'no-bootstrap': { type: 'boolean', default: false }
	}
});
const file = positionals[0] ?? join(tmpdir(), 'ol-bench-data', 'survey-10000x100-s20261203.csv');
const runs = Math.max(1, Number(values.runs));

const hash = (x: unknown) =>
	createHash('sha256')
		.update(
			JSON.stringify(x, (_k, v: unknown) =>
				ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v
			)
		)
		.digest('hex')
		.slice(0, 16);

async function once(fingerprint: boolean) {
	const bytes = new Uint8Array(readFileSync(file));
	const inner = await openNodeDb();
	const db = timed(inner);
	const steps: Record<string, number> = {};
	let t = performance.now();
	const t0 = t;
	const lap = (step: string) => {
		const now = performance.now();
		steps[step] = now - t;
		t = now;
	};
	const r = await loadSurveyFile(db, basename(file), bytes);
	if (!r.ok) throw new Error(r.error);
	lap('load');
	const d = detectLayout(r.file.labels);
	if (d.status !== 'ok') throw new Error(`layout: ${d.status}`);
	const layout = d.layout;
	lap('detect');
	db.log = [];
	// SurveyState.useLayout: prepare → matrix → refresh (bootstrap started, scores, respondents →
	// shown) → quality flags. `--order old`: attributes, matrix, respondents, flags, then refresh.
	const prep = await survey.prepareSurveyLabels(db, layout);
	lap('prepare');
	const old = values.order === 'old';
	let attributes: Awaited<ReturnType<typeof survey.attributeInfo>> = [];
	let people: Awaited<ReturnType<typeof survey.readRespondents>> | null = null;
	let report: ReturnType<typeof qualityFlags> | null = null;
	const rest = async () => {
		attributes = await survey.attributeInfo(db, layout.attributes);
		lap('attributes');
		if (!old) people = await survey.readRespondents(db, layout.attributes, null);
		if (!old) lap('respondents');
	};
	const flag = () => {
		report = qualityFlags(matrixFns.respondentRatings(matrix, people!.ids), {
			minAnsweredShare: 0.5
		});
		lap('quality flags (JS)');
	};
	if (old) await rest();
	const matrix = await survey.readMatrix(db, layout);
	lap('matrix');
	if (old) {
		people = await survey.readRespondents(db, layout.attributes, null);
		lap('respondents');
		flag();
		await survey.excludeRespondents(db, []);
		lap('exclude (none)');
	}
	const rows = selectPopulation(matrix.n, new Set(), [], null);
	const job = {
		kind: 'bootstrap' as const,
		outcomes: selectRows(matrix, rows),
		weights: selectWeights(null, rows),
		variant: 'ulwick' as const,
		policy: 'available' as const,
		seed: 42,
		resamples: 1000
	};
	lap('bootstrap input');
	const started = t - t0;
	const res = await survey.scoreSurvey(db, {
		variant: 'ulwick',
		policy: 'available',
		filters: [],
		weight: null,
		groupBy: null
	});
	lap('scores');
	let scored = t - t0;
	if (!old) {
		// the page shows the scores once the respondents are read, then flags
		await rest();
		scored = t - t0;
		flag();
	}
	const statements = db.log;
	db.log = null;
	steps['= file → bootstrap started'] = started;
	steps['= file → scores shown'] = scored;
	let ci: unknown = null;
	if (!values['no-bootstrap']) {
		const b = performance.now();
		ci = runJob(job);
		steps['bootstrap (a worker in the page)'] = performance.now() - b;
		steps['= file → intervals'] = started + steps['bootstrap (a worker in the page)'];
	}
	let print: Record<string, string> | null = null;
	if (fingerprint) {
		print = {
			warnings: hash(prep.warnings),
			labels: hash(prep.labels),
			attributes: hash(attributes),
			matrix: hash(matrix),
			people: hash({ ...people!, columns: [...people!.columns] }),
			quality: hash(report),
			scores: hash(res),
			ci: hash(ci)
		};
		for (const w of ['plain', 'mean', 'topbox'] as const)
			for (const policy of ['available', 'complete'] as const)
				print[`scores ${w} ${policy}`] = hash(await survey.scoreSurvey(db, { variant: w, policy }));
		print.segments = hash(await survey.scoreSegments(db, {}, layout.attributes[0]!));
	}
	await inner.close();
	return { steps, statements, print };
}

const all = [];
for (let i = 0; i < runs; i++) all.push(await once(i === 0));
const names = Object.keys(all[0]!.steps);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${basename(file)}, wasm engine in Node, ${runs} run(s): median (best) ms`);
for (const n of names) {
	const xs = all.map((a) => a.steps[n]!);
	console.log(
		`  ${n.padEnd(32)} ${median(xs).toFixed(0).padStart(6)} (${Math.min(...xs).toFixed(0)})`
	);
}
if (values.statements) {
	console.log('statements (typed + metrics, last run):');
	for (const q of all[all.length - 1]!.statements ?? [])
		console.log(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql.slice(0, 110)}`);
}
console.log('fingerprint:', JSON.stringify(all[0]!.print, null, 1));
if (values.out) writeFileSync(values.out, JSON.stringify(all, null, 1));

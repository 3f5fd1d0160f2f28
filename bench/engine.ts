/**
 * The product's analysis on a Node engine over a benchmark file: native DuckDB (`@duckdb/node-api`,
 * the limit on this machine) or the same wasm engine the browser runs (`openNodeDb`, blocking
 * bindings, single thread). The SQL is the product's own: `preparePipeline` / `pipelineMetrics`,
 * `prepareSurvey` / `scoreSurvey`, through a `Db` wrapper that times every statement.
 *
 * Load: the raw table is read the way `loadCsv` reads it (all VARCHAR, c0…cn, pinned delimiter,
 * quote, line break, rejects table), but straight from the file on disk (native) or a registered
 * buffer (wasm) — the engine's load, without the JS checks `loadCsv` does before it. Those are
 * timed separately by running the real `loadCsv` (phase `loadcsv_*`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import type { Db, Row, SqlValue } from '$lib/db/db';
import { openNativeDb } from '$lib/db/native';
import { openNodeDb } from '$lib/db/node';
import { pipelineMetrics, preparePipeline, type PipelineFilter } from '$lib/analysis/pipeline';
import { prepareSurvey, readMatrix, scoreSurvey } from '$lib/analysis/survey';
import { loadCsv } from '$lib/ingest/load-csv';
import { detectLayout } from '$lib/ingest/survey-layout';
import { T as SURVEY } from '$lib/sql/survey';
import { bootstrapOpportunity } from '$lib/domain/stats/bootstrap';

export type EngineName = 'native' | 'wasm-node';

export interface QueryTiming {
	sql: string;
	ms: number;
	rows: number;
}

export interface EngineResult {
	engine: EngineName;
	rows: number;
	/** Raw table loaded (read_csv into all-VARCHAR). */
	load_ms: number;
	/** Typed tables built (preparePipeline / prepareSurvey). */
	typed_ms: number;
	/** All metrics of the page (pipelineMetrics / scoreSurvey). */
	metrics_ms: number;
	/** load + typed + metrics. */
	total_ms: number;
	/** Filter or formula changes: metrics recomputed (no drawing). */
	filter_ms: number[];
	/** Every statement of typed + metrics, in order. */
	queries: QueryTiming[];
	/** The real loadCsv on this engine: total, and the part spent in SQL (the rest is JS). */
	loadcsv_ms?: number;
	loadcsv_sql_ms?: number;
	/** Survey: the rating matrix read for the bootstrap (readMatrix: SQL + decode). */
	matrix_ms?: number;
	/** Survey: 1,000-resample paired bootstrap of all outcomes (pure JS, same in every row). */
	bootstrap_ms?: number;
	/** DuckDB's memory by component after the metrics (duckdb_memory()), MB. */
	memory?: Record<string, number>;
	/** Figures to check the engines agree. */
	check: Record<string, number | string | null>;
}

/** A Db that records each statement's wall time (the caller turns recording on and off). */
export function timed(db: Db): Db & { log: QueryTiming[] | null } {
	const w = {
		log: null as QueryTiming[] | null,
		async query<T extends Row>(sql: string, params?: readonly SqlValue[]) {
			const t = performance.now();
			const r = await db.query<T>(sql, params);
			w.log?.push({ sql: oneLine(sql), ms: performance.now() - t, rows: r.length });
			return r;
		},
		async exec(sql: string) {
			const t = performance.now();
			await db.exec(sql);
			w.log?.push({ sql: oneLine(sql), ms: performance.now() - t, rows: 0 });
		},
		registerFile: (n: string, b: Uint8Array) => db.registerFile(n, b),
		dropFile: (n: string) => db.dropFile(n),
		close: () => db.close()
	};
	return w;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Header labels of a CSV file (first record; BOM dropped). */
export function headerOf(file: string, delimiter: string): string[] {
	const head = readFileSync(file)
		.subarray(0, 1 << 16)
		.toString('utf8')
		.replace(/^\uFEFF/, '');
	const first = head.slice(0, head.search(/\r?\n/));
	return Papa.parse<string[]>(first, { delimiter }).data[0] ?? [];
}

/** The statement `loadCsv` runs, on a path and skipping the header line. */
export function readCsvSql(
	table: string,
	source: string,
	columns: number,
	delimiter: string,
	newline: string
): string {
	const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
	const spec = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
	return `CREATE TABLE "${table}" AS SELECT * FROM read_csv(${lit(source)}, delim=${lit(delimiter)},
		quote='"', escape='"', new_line=${lit(newline)}, header=false, skip=1, auto_detect=false,
		columns={${spec}}, store_rejects=true, rejects_table=${lit(`${table}_rejects`)},
		rejects_scan=${lit(`${table}_rejects_scan`)})`;
}

async function open(engine: EngineName): Promise<Db & { dir?: string }> {
	return engine === 'native' ? openNativeDb() : openNodeDb();
}

/** Load the raw table from the file: native reads the path, wasm a registered buffer. */
async function loadRaw(
	db: Db & { dir?: string },
	engine: EngineName,
	file: string,
	table: string,
	columns: number,
	delimiter: string,
	newline: string
): Promise<number> {
	let source = file;
	if (engine === 'wasm-node') {
		source = `${table}.csv`;
		await db.registerFile(source, new Uint8Array(readFileSync(file)));
	}
	await db.exec(readCsvSql(table, source, columns, delimiter, newline));
	if (engine === 'wasm-node') await db.dropFile(source);
	const [r] = await db.query<{ n: number; k: number }>(
		`SELECT (SELECT count(*) FROM "${table}") AS n, (SELECT count(*) FROM "${table}_rejects") AS k`
	);
	if (r && r.k > 0) throw new Error(`${basename(file)}: ${r.k} rejected lines`);
	return r?.n ?? 0;
}

/** Today as YYYY-MM-DD (the page's reference date). */
export function today(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The filter changes the browser clicks, as filter lists: owner A on, region R on, owner A off,
 * region R off, … (20 changes). A = the owner with most deals, R = the first region of A's deals.
 */
export async function filterSequence(db: Db): Promise<PipelineFilter[][]> {
	const r = await pipelineMetrics(db, []);
	const owner = r.breakdowns['owner']?.[0]?.key ?? null;
	const withOwner = await pipelineMetrics(db, [{ column: 'owner', value: owner }]);
	const region = withOwner.breakdowns['region']?.[0]?.key ?? null;
	const o = { column: 'owner', value: owner };
	const g = { column: 'region', value: region };
	const cycle: PipelineFilter[][] = [[o], [o, g], [g], []];
	return Array.from({ length: 20 }, (_, i) => cycle[i % 4]!);
}

export async function runPipelineEngine(
	engine: EngineName,
	file: string,
	opts: { loadcsv?: boolean } = {}
): Promise<EngineResult> {
	const labels = headerOf(file, ';');
	const inner = await open(engine);
	const db = timed(inner);
	try {
		let t = performance.now();
		const rows = await loadRaw(inner, engine, file, 'deals_raw', labels.length, ';', '\\r\\n');
		const load_ms = performance.now() - t;

		db.log = [];
		t = performance.now();
		await preparePipeline(db, 'deals_raw', labels, { decimalComma: true }, today());
		const typed_ms = performance.now() - t;
		t = performance.now();
		const result = await pipelineMetrics(db, []);
		const metrics_ms = performance.now() - t;
		const queries = db.log;
		db.log = null;

		const filter_ms: number[] = [];
		for (const f of await filterSequence(db)) {
			t = performance.now();
			await pipelineMetrics(db, f);
			filter_ms.push(performance.now() - t);
		}
		const out: EngineResult = {
			engine,
			rows,
			load_ms,
			typed_ms,
			metrics_ms,
			total_ms: load_ms + typed_ms + metrics_ms,
			filter_ms,
			queries,
			check: {
				deals: result.kpis.deals,
				won: result.kpis.won,
				weighted_pipeline: result.kpis.weighted_pipeline
			}
		};
		out.memory = await memoryOf(inner);
		if (opts.loadcsv) Object.assign(out, await timeLoadCsv(db, file, 'deals_raw'));
		return out;
	} finally {
		await db.close();
	}
}

/** What DuckDB holds in memory, by component (the tables' data is 'BASE_TABLE'). */
async function memoryOf(db: Db): Promise<Record<string, number>> {
	try {
		const rows = await db.query<{ tag: string; mb: number }>(
			`SELECT tag, memory_usage_bytes / 1e6 AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`
		);
		return Object.fromEntries(rows.map((r) => [r.tag, Math.round(r.mb)]));
	} catch {
		return {};
	}
}

/** The real loadCsv (decode, papaparse scan, copy, read_csv, checks) on this engine. */
async function timeLoadCsv(db: Db & { log: QueryTiming[] | null }, file: string, table: string) {
	const bytes = new Uint8Array(readFileSync(file));
	db.log = [];
	const t = performance.now();
	const r = await loadCsv(db, table, basename(file), bytes);
	const loadcsv_ms = performance.now() - t;
	const loadcsv_sql_ms = db.log.reduce((s, q) => s + q.ms, 0);
	db.log = null;
	if (!r.ok) throw new Error(r.error);
	return { loadcsv_ms, loadcsv_sql_ms };
}

export async function runSurveyEngine(
	engine: EngineName,
	file: string,
	opts: { loadcsv?: boolean; bootstrap?: boolean } = {}
): Promise<EngineResult> {
	const labels = headerOf(file, ',');
	const inner = await open(engine);
	const db = timed(inner);
	try {
		let t = performance.now();
		const rows = await loadRaw(inner, engine, file, SURVEY.raw, labels.length, ',', '\\n');
		const load_ms = performance.now() - t;
		const d = detectLayout(labels);
		if (d.status !== 'ok') throw new Error(`survey layout not detected: ${d.reason}`);

		db.log = [];
		t = performance.now();
		await prepareSurvey(db, d.layout);
		const typed_ms = performance.now() - t;
		t = performance.now();
		const result = await scoreSurvey(db, 'ulwick');
		const metrics_ms = performance.now() - t;
		const queries = db.log;
		db.log = null;

		const filter_ms: number[] = [];
		for (let i = 0; i < 20; i++) {
			t = performance.now();
			await scoreSurvey(db, i % 2 === 0 ? 'plain' : 'ulwick');
			filter_ms.push(performance.now() - t);
		}
		const top = result.outcomes[0];
		t = performance.now();
		const matrix = await readMatrix(inner, d.layout);
		const matrix_ms = performance.now() - t;
		const out: EngineResult = {
			engine,
			rows,
			load_ms,
			typed_ms,
			metrics_ms,
			total_ms: load_ms + typed_ms + metrics_ms,
			filter_ms,
			queries,
			matrix_ms,
			check: {
				respondents: result.respondents,
				outcomes: result.outcomes.length,
				top: top?.id ?? null,
				top_opportunity: top?.opportunity ?? null
			}
		};
		if (opts.bootstrap) {
			t = performance.now();
			bootstrapOpportunity(matrix.outcomes, { resamples: 1000, seed: 42 });
			out.bootstrap_ms = performance.now() - t;
		}
		if (opts.loadcsv) Object.assign(out, await timeLoadCsv(db, file, SURVEY.raw));
		return out;
	} finally {
		await db.close();
	}
}

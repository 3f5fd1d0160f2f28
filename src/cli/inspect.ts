/**
 * `inspect` command: say what the loader read from a file — encoding, delimiter, header rows,
 * columns with their detected types, row count and rejected lines — as JSON or a readable summary.
 * From the command line it runs in a worker thread under a time limit, so a pathological file
 * ends with a one-line message instead of a hang.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '$lib/db/db';
import { ENCODING_LABEL } from '$lib/ingest/decode';
import { loadCsv, type CsvReport } from '$lib/ingest/load-csv';
import { DELIMITER_LABEL, NEWLINE_LABEL } from '$lib/ingest/sniff';
import { checkEngine, withEngine } from './engine';
import { CliError, explainTooLarge, readInput, verbose } from './io';

export interface InspectOptions {
	json?: boolean;
	/** native | wasm (default: native when installed; `runInspectGuarded`: wasm). */
	engine?: string;
	/** Engine on stderr. */
	verbose?: boolean;
}

/** The JSON contract of `inspect --json`. */
export interface InspectJson {
	encoding: string;
	delimiter: string;
	header_rows: number;
	rows: number;
	columns: { label: string; type: string }[];
	rejected: { line: number; reason: string }[];
	warnings: string[];
}

/**
 * Inspect in this thread; throws CliError with a one-line message when the file cannot be read.
 * `shared` lets tests reuse one database (it is not closed).
 */
export async function runInspect(
	file: string,
	o: InspectOptions = {},
	shared?: Db
): Promise<string> {
	const bytes = readInput(file);
	try {
		return await withEngine(o.engine, shared, async (engine) => {
			verbose(o.verbose, `engine: ${engine.label}`);
			const r = await explainTooLarge([file], () =>
				loadCsv(engine.db, 'inspect', basename(file), bytes)
			);
			if (!r.ok) throw new CliError(oneLine(r.error));
			return o.json
				? `${JSON.stringify(toJson(r.report), null, 2)}\n`
				: `${summary(r.report)}\nEngine: ${engine.label}\n`;
		});
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`${basename(file)}: could not be inspected (${oneLine(errorText(e))}).`);
	}
}

export function toJson(r: CsvReport): InspectJson {
	return {
		encoding: r.encoding,
		delimiter: r.delimiter,
		header_rows: r.headerRows,
		rows: r.rows,
		columns: r.columns.map((c) => ({ label: c.label, type: c.type })),
		rejected: r.rejected.map((x) => ({ line: x.line, reason: x.reason })),
		warnings: r.warnings
	};
}

const MAX_LISTED = 20;

function summary(r: CsvReport): string {
	const width = Math.min(48, Math.max(5, ...r.columns.map((c) => shown(c.label).length)));
	const num = String(r.columns.length).length;
	const out = [
		r.fileName,
		`  encoding   ${ENCODING_LABEL[r.encoding]}`,
		`  delimiter  ${DELIMITER_LABEL[r.delimiter]} (${r.delimiter === '\t' ? '\\t' : r.delimiter})`,
		`  lines end  ${NEWLINE_LABEL[r.newline]}`,
		`  header     ${count(r.headerRows, 'row')}`,
		`  rows       ${r.rows.toLocaleString('en-US')}${r.rejected.length ? ` (${count(r.rejected.length, 'line')} not read)` : ''}`,
		'',
		`Columns (${r.columns.length})`,
		...r.columns.map(
			(c, i) => `  ${String(i + 1).padStart(num)}  ${shown(c.label).padEnd(width)}  ${c.type}`
		)
	];
	if (r.rejected.length) {
		out.push('', `Rejected lines (${r.rejected.length})`);
		for (const x of r.rejected.slice(0, MAX_LISTED)) out.push(`  line ${x.line}: ${x.reason}`);
		if (r.rejected.length > MAX_LISTED) {
			out.push(`  … and ${r.rejected.length - MAX_LISTED} more (--json lists them all)`);
		}
	}
	if (r.warnings.length) out.push('', 'Warnings', ...r.warnings.map((w) => `  - ${w}`));
	return `${out.join('\n')}\n`;
}

/** A label as one short line: control characters made visible, long ones cut. */
function shown(label: string): string {
	// eslint-disable-next-line no-control-regex
	const s = label.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '↵' : '·'));
	if (s === '') return '(no name)';
	return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}

function count(n: number, word: string): string {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
	return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** Seconds before the command line gives up (env INSPECT_TIMEOUT_S, default 120). */
function timeoutMs(): number {
	const s = Number(process.env.INSPECT_TIMEOUT_S);
	return (Number.isFinite(s) && s > 0 ? s : 120) * 1000;
}

/**
 * Inspect under a time limit. The wasm engine (the default here) is synchronous, so it runs in a
 * worker thread that is terminated when time is up; falls back to this thread when tsx is not at
 * hand. Native DuckDB cannot be terminated inside a worker (the process aborts: "terminate called
 * after throwing an instance of 'Napi::Error'"), but its queries leave this thread free, so with
 * `--engine native` it runs here and the timer covers its queries, not the loader's own checks.
 */
export async function runInspectGuarded(
	file: string,
	o: InspectOptions = {},
	limitMs = timeoutMs()
): Promise<string> {
	if (checkEngine(o.engine) === 'native') return withTimeLimit(runInspect(file, o), file, limitMs);
	const api = tsxApi();
	if (!api) return runInspect(file, { ...o, engine: 'wasm' });
	const boot = `const { parentPort, workerData } = require('node:worker_threads');
import(workerData.api)
	.then(({ register }) => { register(); return import(workerData.self); })
	.then((m) => m.runInspect(workerData.file, workerData.options))
	.then((out) => parentPort.postMessage({ out }), (e) => parentPort.postMessage({
		error: e && e.message ? String(e.message) : String(e),
		cli: !!(e && e.constructor && e.constructor.name === 'CliError')
	}));`;
	const worker = new Worker(boot, {
		eval: true,
		workerData: {
			api,
			self: import.meta.url,
			file,
			options: { json: !!o.json, engine: 'wasm', verbose: !!o.verbose }
		},
		stdout: false,
		stderr: false
	});
	const name = basename(file);
	return new Promise<string>((resolve, reject) => {
		let settled = false;
		const done = (f: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			f();
			void worker.terminate();
		};
		const timer = setTimeout(() => done(() => reject(gaveUp(name, limitMs))), limitMs);
		worker.on('message', (m: { out?: string; error?: string; cli?: boolean }) =>
			done(() => {
				if (typeof m.out === 'string') resolve(m.out);
				else if (m.cli) reject(new CliError(oneLine(m.error ?? 'unknown error')));
				else reject(new CliError(`${name}: could not be inspected (${oneLine(m.error ?? '')}).`));
			})
		);
		worker.on('error', (e) =>
			done(() => reject(new CliError(`${name}: could not be inspected (${oneLine(e.message)}).`)))
		);
		worker.on('exit', (code) =>
			done(() =>
				reject(new CliError(`${name}: the inspection stopped unexpectedly (exit ${code}).`))
			)
		);
	});
}

function withTimeLimit(run: Promise<string>, file: string, limitMs: number): Promise<string> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(gaveUp(basename(file), limitMs)), limitMs);
	});
	return Promise.race([run, limit]).finally(() => clearTimeout(timer));
}

function gaveUp(name: string, limitMs: number): CliError {
	return new CliError(
		`${name}: gave up after ${+(limitMs / 1000).toFixed(1)} s (set INSPECT_TIMEOUT_S to wait longer).`
	);
}

/** tsx's ESM register API as a file URL, when tsx is installed (it runs the CLI). */
function tsxApi(): string | null {
	try {
		const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
		return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
	} catch {
		return null;
	}
}

/**
 * Seeded fuzzing of the CSV loader: mutations of real survey and pipeline excerpts (bytes flipped,
 * delimiters, quotes, line breaks and BOMs inserted, rows cut or doubled, re-encoded…) go through
 * `loadCsv`, and every case must hold the loader's promises:
 * - it returns a result (`{ ok: false }` is fine) and never throws; one-line error messages;
 * - no case takes 5 s or more;
 * - the table has exactly `report.rows` rows and as many columns as labels;
 * - rows + rejected lines = the independent record count, or the report says it does not
 *   (`reconciled: false` and a "Row count check failed" warning).
 *
 *   npx tsx scripts/fuzz.ts [--cases 20000] [--seed 1] [--only N --dump FILE]
 *
 * `tests/unit/fuzz.test.ts` runs 2,000 cases of the same engine in `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '$lib/db/db';
import { loadCsv, MISMATCH_WARNING } from '$lib/ingest/load-csv';
import { mulberry32 } from '$lib/ingest/scan';

export const BASES = ['survey-excerpt.csv', 'pipeline-excerpt.csv'];
export const SLOW_MS = 5000;

export function readBases(): Uint8Array[] {
	return BASES.map(
		(name) =>
			new Uint8Array(
				readFileSync(
					fileURLToPath(new URL(`../tests/fixtures/robustness/${name}`, import.meta.url))
				)
			)
	);
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[int(rand, xs.length)]!;
const bytesOf = (s: string) => new TextEncoder().encode(s);

const INSERTS = [
	',',
	';',
	'\t',
	'|',
	'"',
	'""',
	'"\n',
	'\r',
	'\n',
	'\r\n',
	'\n\n',
	' ',
	'\0',
	'\ufeff',
	'€',
	'„“',
	'sep=;\n',
	'Summe;;;12.345\n',
	'Total,,,\n',
	';;;;\n',
	'x"); DROP TABLE t; --'
].map(bytesOf);

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
	const out = new Uint8Array(b.length - remove + insert.length);
	out.set(b.subarray(0, at), 0);
	out.set(insert, at);
	out.set(b.subarray(at + remove), at + insert.length);
	return out;
}

/** Offsets right after each LF (line starts), 0 included. */
function lineStarts(b: Uint8Array): number[] {
	const starts = [0];
	for (let i = 0; i < b.length; i++) if (b[i] === 10 && i + 1 < b.length) starts.push(i + 1);
	return starts;
}

const MUTATIONS: ((b: Uint8Array, rand: Rand) => Uint8Array)[] = [
	// Flip a few bytes to random values.
	(b, rand) => {
		const out = b.slice();
		for (let k = 1 + int(rand, 4); k > 0 && out.length; k--)
			out[int(rand, out.length)] = int(rand, 256);
		return out;
	},
	// Insert a delimiter, quote, line break, BOM, NUL, total line…
	(b, rand) => splice(b, int(rand, b.length + 1), 0, pick(rand, INSERTS)),
	(b, rand) => splice(b, int(rand, b.length + 1), 0, pick(rand, INSERTS)),
	// Put a quote at the start of a field (after a delimiter).
	(b, rand) => {
		const at = b.findIndex((x, i) => i >= int(rand, b.length) && (x === 44 || x === 59));
		return at === -1 ? b : splice(b, at + 1, 0, bytesOf('"'));
	},
	// Delete a range of bytes.
	(b, rand) => {
		const at = int(rand, b.length + 1);
		return splice(b, at, Math.min(b.length - at, 1 + int(rand, 200)), new Uint8Array());
	},
	// Cut whole rows.
	(b, rand) => {
		const s = lineStarts(b);
		const from = s[int(rand, s.length)]!;
		const to = s[Math.min(s.length - 1, s.indexOf(from) + 1 + int(rand, 5))] ?? b.length;
		return to > from ? splice(b, from, to - from, new Uint8Array()) : b;
	},
	// Truncate the file.
	(b, rand) => b.subarray(0, int(rand, b.length + 1)),
	// Duplicate a row.
	(b, rand) => {
		const s = lineStarts(b);
		const i = int(rand, s.length);
		const from = s[i]!;
		const to = s[i + 1] ?? b.length;
		return splice(b, to, 0, b.slice(from, to));
	},
	// Line breaks: all to CR, all to CRLF, or one line's break changed.
	(b, rand) => {
		const text = new TextDecoder().decode(b);
		const to = pick(rand, ['\r', '\r\n', '\n']);
		return bytesOf(text.replace(/\r\n|\r|\n/g, to));
	},
	// Swap the delimiter.
	(b, rand) => {
		const [from, to] = pick(rand, [
			[44, 59],
			[59, 44],
			[59, 9],
			[44, 124]
		] as const);
		return b.map((x) => (x === from ? to : x));
	},
	// Re-encode: Windows-1252 (where it can), UTF-16 LE with BOM, or a BOM added.
	(b, rand) => {
		const text = new TextDecoder().decode(b).replace(/^\ufeff/, '');
		const kind = int(rand, 3);
		if (kind === 0) {
			const cp = new Map([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c, i) => [c, 0x80 + i]));
			return Uint8Array.from(
				text,
				(c) => cp.get(c) ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)
			);
		}
		if (kind === 1) {
			const out = new Uint8Array(2 + text.length * 2);
			out.set([0xff, 0xfe]);
			for (let i = 0; i < text.length; i++) {
				out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
				out[3 + 2 * i] = text.charCodeAt(i) >> 8;
			}
			return out;
		}
		return splice(b, 0, 0, new Uint8Array([0xef, 0xbb, 0xbf]));
	},
	// Blank or whitespace lines at the end.
	(b, rand) =>
		splice(b, b.length, 0, bytesOf(pick(rand, ['\n\n\n', '\r\n \r\n', '\n;;\n', '\n""\n'])))
];

/** One fuzz case: 1–4 mutations of one base, all from the case's own seed. */
export function fuzzCase(bases: Uint8Array[], seed: number, index: number): Uint8Array {
	const rand = mulberry32((Math.imul(seed, 0x9e3779b1) + index) >>> 0);
	let b = pick(rand, bases);
	for (let k = 1 + int(rand, 4); k > 0; k--) b = pick(rand, MUTATIONS)(b, rand);
	return b;
}

export interface FuzzReport {
	cases: number;
	loaded: number;
	refused: number;
	unreconciled: number;
	totalMs: number;
	maxMs: number;
	slowest: number;
	violations: string[];
	/** Refusal messages by kind (file name and line numbers stripped), most frequent first. */
	refusals: [string, number][];
}

/** Run `cases` cases against one database, checking every promise listed at the top. */
export async function runFuzz(
	db: Db,
	o: { cases: number; seed: number; from?: number; bases?: Uint8Array[] }
): Promise<FuzzReport> {
	const bases = o.bases ?? readBases();
	const r: FuzzReport = {
		cases: 0,
		loaded: 0,
		refused: 0,
		unreconciled: 0,
		totalMs: 0,
		maxMs: 0,
		slowest: -1,
		violations: [],
		refusals: []
	};
	const refusals = new Map<string, number>();
	const from = o.from ?? 0;
	// Warm the engine up first: the very first read_csv of a fresh database takes a second or
	// two whatever the input, and the time limit is about inputs.
	for (const base of bases) await loadCsv(db, 'fuzz', 'fuzz.csv', base);
	for (let i = from; i < from + o.cases; i++) {
		const bytes = fuzzCase(bases, o.seed, i);
		const bad = (why: string) => r.violations.push(`case ${i} (seed ${o.seed}): ${why}`);
		const t0 = performance.now();
		try {
			const res = await loadCsv(db, 'fuzz', 'fuzz.csv', bytes);
			const ms = performance.now() - t0;
			r.totalMs += ms;
			if (ms > r.maxMs) {
				r.maxMs = ms;
				r.slowest = i;
			}
			if (ms >= SLOW_MS) bad(`took ${Math.round(ms)} ms`);
			r.cases++;
			if (!res.ok) {
				r.refused++;
				if (!res.error.startsWith('fuzz.csv: ')) bad(`error without the file name: ${res.error}`);
				if (/[\r\n]/.test(res.error)) bad(`error spans lines: ${JSON.stringify(res.error)}`);
				const kind = res.error
					.replace(/^fuzz\.csv: /, '')
					.replace(/\d[\d,–-]*/g, 'N')
					.slice(0, 70);
				refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
				continue;
			}
			r.loaded++;
			const p = res.report;
			const [{ n = -1 } = {}] = await db.query<{ n: number }>('SELECT count(*) AS n FROM fuzz');
			if (n !== p.rows) bad(`report says ${p.rows} rows, table has ${n}`);
			// The catalog query costs a few ms on wide tables: check the width on every 10th case.
			if (i % 10 === 0) {
				const [{ w = -1 } = {}] = await db.query<{ w: number }>(
					"SELECT count(*) AS w FROM duckdb_columns() WHERE table_name = 'fuzz'"
				);
				if (w !== p.labels.length) bad(`${p.labels.length} labels, ${w} columns`);
			}
			if (p.columns.length !== p.labels.length) bad('columns and labels differ in length');
			const adds = p.rows + p.rejected.length === p.sourceRecords;
			if (p.reconciled !== adds) bad(`reconciled=${p.reconciled} but the counts say ${adds}`);
			if (!adds) {
				r.unreconciled++;
				if (!p.warnings.some((w) => w.startsWith(MISMATCH_WARNING))) {
					bad(`rows ${p.rows} + rejected ${p.rejected.length} ≠ ${p.sourceRecords}, no warning`);
				}
			}
			const lines = p.rejected.map((x) => x.line);
			if (lines.some((l, k) => !Number.isInteger(l) || l < 1 || (k > 0 && l <= lines[k - 1]!))) {
				bad(`rejected lines not increasing: ${lines.slice(0, 10).join(',')}`);
			}
		} catch (e) {
			r.cases++;
			bad(`threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
		}
	}
	r.refusals = [...refusals].sort((a, b) => b[1] - a[1]);
	return r;
}

export function describeReport(r: FuzzReport): string {
	return [
		`${r.cases} cases: ${r.loaded} loaded, ${r.refused} refused with a message, ${r.unreconciled} loaded with a row-count warning`,
		`time: ${(r.totalMs / 1000).toFixed(1)} s in the loader, mean ${(r.totalMs / Math.max(1, r.cases)).toFixed(1)} ms, max ${Math.round(r.maxMs)} ms (case ${r.slowest})`,
		`violations: ${r.violations.length}`,
		...r.violations.slice(0, 20).map((v) => `  ${v}`),
		'refusals:',
		...r.refusals.slice(0, 12).map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`)
	].join('\n');
}

async function main() {
	const { values } = parseArgs({
		options: {
			cases: { type: 'string', default: '20000' },
			seed: { type: 'string', default: '1' },
			only: { type: 'string' },
			dump: { type: 'string' }
		}
	});
	const seed = Number(values.seed);
	if (values.only !== undefined && values.dump) {
		writeFileSync(values.dump, fuzzCase(readBases(), seed, Number(values.only)));
		console.log(`case ${values.only} (seed ${seed}) written to ${values.dump}`);
		return 0;
	}
	const { openNodeDb } = await import('$lib/db/node');
	const db = await openNodeDb();
	const t0 = performance.now();
	const r = await runFuzz(db, {
		cases: values.only !== undefined ? 1 : Number(values.cases),
		from: values.only !== undefined ? Number(values.only) : 0,
		seed
	});
	await db.close();
	console.log(describeReport(r));
	console.log(`wall: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	return r.violations.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(e);
			process.exit(1);
		}
	);
}

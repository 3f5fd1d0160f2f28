/**
 * Public CSV parser suites, read as files through our loader (tests/fixtures/corpora, see the
 * README there): csv-spectrum (inputs + expected JSON) and papaparse's PARSE and CORE cases.
 *
 * Our loader always reads the first record as the header and every further record as a row, so a
 * papaparse case's expected data becomes: labels = first record, rows = the rest (for
 * `header: true` cases the objects are turned back into rows; a single-record case gets a header
 * line h1,h2,… so its record is checked as a row, see papaCase). A case passes when labels and
 * rows (values as strings, DuckDB's NULL as '') equal the expected output, nothing is rejected
 * and the row count reconciles.
 *
 * Where the loader deliberately differs from papaparse (it rejects a ragged row papaparse pads,
 * refuses a header-only file, keeps duplicate header names as written…) the case is listed in
 * DIFFERS with the reason and the exact outcome we assert instead: an "expected error". Cases about
 * papaparse-only options are listed in SKIPPED with the reason. Every case is in exactly one of:
 * passed, expected errors, failures (must be 0), skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import { loadCsv, MISMATCH_WARNING } from '$lib/ingest/load-csv';

const dir = (p: string) => fileURLToPath(new URL(`../fixtures/corpora/${p}`, import.meta.url));
const readJson = <T>(p: string): T => JSON.parse(readFileSync(dir(p), 'utf8')) as T;

interface PapaCase {
	description: string;
	input: string;
	config?: Record<string, unknown>;
	expected: { data: unknown[]; errors: unknown[] };
}

/** What we assert for a case. */
interface Expected {
	labels: string[];
	rows: string[][];
}

/** What the loader did. */
type Outcome =
	| { ok: true; labels: string[]; rows: string[][]; rejected: number[]; reconciled: boolean }
	| { ok: false; error: string };

/** A deliberate difference: why, and what the loader must do instead. */
interface Differs {
	why: string;
	/** The load fails with a message containing this. */
	error?: string;
	/** Or it loads with these labels/rows and rejects these lines. */
	labels?: string[];
	rows?: string[][];
	rejected?: number[];
}

const BLANK = 'blank lines are not records (papaparse without skipEmptyLines returns each as [""])';
const DIFFERS: Record<string, Differs> = {
	'CORE 17': {
		why: 'DuckDB reads spaces around a quoted value as padding: `A, "B" ,C` gives B, papaparse keeps ` "B" `',
		labels: ['h1', 'h2', 'h3'],
		rows: [['A', 'B', 'C']]
	},
	'CORE 19': {
		why: 'a quote that is never closed makes the line rejected, with the lines it swallowed named, instead of one value running to the end of the file',
		error:
			'none of its 1 data line could be read (line 2: a quote opened on line 2 is never closed properly, so lines 2–3 could not be read)'
	},
	'CORE 20': {
		why: 'a header with a broken quote cannot be split into columns: the load fails and names line 1',
		error: 'the header (line 1) has a quote that is not closed properly'
	},
	'CORE 21': {
		why: 'a malformed closing quote makes DuckDB reject the line (papaparse keeps reading the value)',
		error: 'none of its 1 data line could be read (line 2: a quoted value is not closed properly'
	},
	'CORE 22': {
		why: 'a malformed closing quote makes DuckDB reject the line (papaparse keeps reading the value)',
		error: 'none of its 1 data line could be read (line 2: a quoted value is not closed properly'
	},
	'CORE 23': {
		why: 'a quote that is not closed properly makes the line rejected, naming the lines it spans',
		error:
			'none of its 1 data line could be read (line 2: a quote opened on line 2 is never closed properly, so lines 2–3 could not be read)'
	},
	'CORE 35': { why: 'an empty file is refused with a message', error: 'the file is empty' },
	'CORE 36': {
		why: 'a record of only empty values at the end of a file is left out as a footer line, so no row is left',
		error: 'the file has no data rows, only empty lines (line 2)'
	},
	'CORE 37': {
		why: 'a first line of only delimiters names no column: the loader asks for a header',
		error: 'no header row was found'
	},
	'CORE 54': { why: BLANK, labels: ['a'], rows: [['b'], ['c'], ['d'], ['e']] },
	'CORE 58': { why: BLANK, labels: ['h1', 'h2', 'h3'], rows: [['a', 'b', 'c']] },
	'CORE 59': {
		why: 'duplicate header names are kept as written (columns are c0…cn; the header is only a label), papaparse renames them',
		labels: ['A', 'A', 'A', 'A'],
		rows: [['1', '2', '3', '4']]
	},
	'CORE 60': {
		why: 'duplicate header names are kept as written (columns are c0…cn; the header is only a label), papaparse renames them',
		labels: ['c', 'c', 'c', 'c_1'],
		rows: [['1', '2', '3', '4']]
	},
	'CORE 61': {
		why: 'duplicate header names are kept as written, __proto__ included, papaparse renames them',
		labels: ['__proto__', '__proto__', '__proto__'],
		rows: [['1', '2', '3']]
	},
	'PARSE 9': {
		why: 'a lone CR in an LF file is read as a line break (with a warning), papaparse keeps it inside a value and gets a 5-value row',
		labels: ['a', 'b', 'c'],
		rows: [
			['d', 'e', 'f'],
			['g', 'h', 'i']
		]
	},
	'PARSE 11': {
		why: 'a header-only file is refused with a message',
		error: 'the file has a header but no data rows'
	},
	'PARSE 12': {
		why: 'a row with too few values is rejected with its line, not padded',
		error: 'none of its 1 data line could be read (line 2: 2 values where the header has 3)'
	},
	'PARSE 13': {
		why: 'a row with too many values is rejected with its line, not cut',
		labels: ['A', 'B', 'C'],
		rows: [['f', 'g', 'h']],
		rejected: [2]
	},
	'PARSE 34': { why: BLANK, labels: ['a', 'b', 'c'], rows: [['d', 'e', 'f']] },
	'PARSE 35': { why: BLANK, labels: ['a', 'b', 'c'], rows: [['d', 'e', 'f']] },
	'PARSE 36': { why: BLANK, labels: ['a', 'b', 'c'], rows: [['d', 'e', 'f']] },
	'PARSE 37': {
		why: 'a line of only spaces is not a row: it is listed as rejected ("the line holds only spaces")',
		labels: ['a', 'b', 'c'],
		rows: [['d', 'e', 'f']],
		rejected: [2]
	},
	'PARSE 40': {
		why: 'a record of only empty values at the end of a file is left out as a footer line, so no row is left',
		error: 'the file has no data rows, only empty lines (line 2)'
	},
	'PARSE 41': { why: 'an empty file is refused with a message', error: 'the file is empty' },
	'PARSE 42': {
		why: 'a record of only empty values at the end of a file is left out as a footer line, so no row is left',
		error: 'the file has no data rows, only empty lines (line 2)'
	},
	'PARSE 51': { why: BLANK, labels: ['a', 'b', 'c'], rows: [['d', 'e', 'f']] },
	'PARSE 54': { why: 'an empty file is refused with a message', error: 'the file is empty' },
	'PARSE 55': {
		why: 'a line of only spaces before the header is skipped, which leaves a header-only file',
		error: 'the file has a header but no data rows'
	},
	'papaparse-file verylong-sample.csv': {
		why: 'its four 2-value rows (papaparse pads them) are rejected with their lines',
		labels: ['placeholder', 'meaning of life', 'TLD'],
		rejected: [500, 1000, 1500, 2000]
	}
};
const SKIPPED: Record<string, string> = {
	'CORE 39':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 40':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 41':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 42':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 43':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 44':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 45':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 46':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 47': "papaparse's `comments` option given a bad value (5); tests option validation",
	'CORE 48':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 49':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 50':
		"papaparse's `comments` option (lines starting with a comment string are dropped); the loader has no comment lines",
	'CORE 56': "papaparse's `comments` option (with fastMode)",
	'CORE 57': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 20':
		'custom delimiter ASCII 30 via the `delimiter` option; the loader reads , ; tab and | only',
	'PARSE 21':
		'custom delimiter ASCII 31 via the `delimiter` option; the loader reads , ; tab and | only',
	'PARSE 22': "papaparse's `delimiter` option given an invalid value (\n); tests option validation",
	'PARSE 23':
		'multi-character delimiter via the `delimiter` option; not a delimiter the loader reads',
	'PARSE 24':
		'multi-character delimiter via the `delimiter` option; not a delimiter the loader reads',
	'PARSE 25':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 26':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 27':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 28':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 29':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 30':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 31':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 32':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 33':
		"papaparse's `dynamicTyping` option; the loader keeps every value as text (types are detected separately)",
	'PARSE 44': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 45': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 46': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 47': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 48': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 49': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 50': "papaparse's `preview` option (parse only the first rows)",
	'PARSE 57': "papaparse's `comments` option",
	'PARSE 58': "papaparse's `comments` option",
	'PARSE 63': "papaparse's `quoteChar` option (single quotes); the loader's quote is \"",
	'PARSE 64': 'papaparse\'s `escapeChar` option (backslash); the loader escapes " as ""',
	'PARSE 65': 'papaparse\'s `escapeChar` option (backslash); the loader escapes " as ""',
	'PARSE 66': 'papaparse\'s `escapeChar` option (backslash); the loader escapes " as ""',
	'PARSE 67': "papaparse's `comments` option (a comment line before the header)",
	'PARSE 76': "papaparse's `quoteChar` option (.)",
	'PARSE 77': "papaparse's `quoteChar` option (|)",
	'PARSE 80':
		"papaparse's `skipEmptyLines: 'greedy'` option (drops lines of spaces/delimiters); the loader rejects or leaves such lines out with a reason instead (see load-csv.test.ts)",
	'PARSE 81':
		"papaparse's `skipEmptyLines: 'greedy'` option (drops lines of spaces/delimiters); the loader rejects or leaves such lines out with a reason instead (see load-csv.test.ts)",
	'PARSE 84': "papaparse's `skipFirstNLines` option",
	'PARSE 85': "papaparse's `skipFirstNLines` option",
	'PARSE 86': "papaparse's `skipFirstNLines` option",
	'PARSE 87': "papaparse's `skipFirstNLines` option",
	'PARSE 88': "papaparse's `skipFirstNLines` option"
};

interface Case {
	id: string;
	description: string;
	bytes: Uint8Array;
	expected: Expected | null;
}

const cases: Case[] = [];
const skipped: { id: string; description: string; reason: string }[] = [];

// csv-spectrum: csvs/<name>.csv → json/<name>.json (objects keyed by header, values strings).
for (const file of readdirSync(dir('csv-spectrum/csvs')).sort()) {
	const name = file.replace(/\.csv$/, '');
	const json = readJson<Record<string, string>[]>(`csv-spectrum/json/${name}.json`);
	const labels = Object.keys(json[0] ?? {});
	cases.push({
		id: `csv-spectrum ${name}`,
		description: name,
		bytes: new Uint8Array(readFileSync(dir(`csv-spectrum/csvs/${file}`))),
		expected: { labels, rows: json.map((o) => labels.map((l) => o[l] ?? '')) }
	});
}

// papaparse PARSE and CORE cases.
for (const suite of ['CORE_PARSER_TESTS', 'PARSE_TESTS'] as const) {
	const short = suite === 'CORE_PARSER_TESTS' ? 'CORE' : 'PARSE';
	readJson<PapaCase[]>(`papaparse/${suite}.json`).forEach((c, i) => {
		const id = `${short} ${i}`;
		const reason = SKIPPED[id];
		if (reason) return void skipped.push({ id, description: c.description, reason });
		cases.push({ id, description: c.description, ...papaCase(c) });
	});
}
// Cases the corpus itself left out (JS callbacks, generated input): listed as skipped too.
const notConverted = readJson<{ suite: string; description: string; reason: string }[]>(
	'papaparse/skipped_cases.json'
);
for (const c of notConverted) {
	skipped.push({
		id: `${c.suite} (not in corpus)`,
		description: c.description,
		reason: `not converted by the corpus: ${c.reason}`
	});
}
// papaparse's sample files: no expected output is given, so papaparse itself is the oracle.
for (const file of readdirSync(dir('papaparse/csv')).sort()) {
	const bytes = new Uint8Array(readFileSync(dir(`papaparse/csv/${file}`)));
	const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true });
	const [labels = [], ...rows] = parsed.data;
	cases.push({
		id: `papaparse-file ${file}`,
		description: file,
		bytes,
		expected: { labels, rows }
	});
}

/**
 * A papaparse case as a file. With `header: true`, or two or more records, the input is the file
 * as it is. A single record would be a header-only file (which the loader refuses, see PARSE 11),
 * so it gets a header line h1,h2,… in the input's own delimiter and line break, and its record is
 * checked as a row.
 */
function papaCase(c: PapaCase): { bytes: Uint8Array; expected: Expected | null } {
	const data = c.expected.data;
	const encode = (s: string) => new TextEncoder().encode(s);
	if (c.config?.header === true) {
		if (data.length > 0 && !Array.isArray(data[0])) {
			const objects = data as Record<string, unknown>[];
			const labels = Object.keys(objects[0]!).filter((k) => k !== '__parsed_extra');
			const rows = objects.map((o) => labels.map((l) => String(o[l] ?? '')));
			return { bytes: encode(c.input), expected: { labels, rows } };
		}
		return { bytes: encode(c.input), expected: asRows(data) };
	}
	const expected = asRows(data);
	const records = (data as unknown[][]).filter((r) => !(r.length === 1 && r[0] === ''));
	if (!expected || records.length !== 1) return { bytes: encode(c.input), expected };
	const meta = Papa.parse(c.input).meta;
	const delimiter = String(c.config?.delimiter ?? meta.delimiter);
	const newline = String(c.config?.newline ?? meta.linebreak);
	const labels = records[0]!.map((_, i) => `h${i + 1}`);
	return {
		bytes: encode(`${labels.join(delimiter)}${newline}${c.input}`),
		expected: { labels, rows: [expected.labels, ...expected.rows] }
	};
}

/** Array-of-arrays data as labels (first record) and rows. */
function asRows(data: unknown[]): Expected | null {
	if (!data.every(Array.isArray)) return null;
	const [labels = [], ...rows] = (data as unknown[][]).map((r) => r.map((v) => String(v)));
	return { labels, rows };
}

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

async function run(c: Case): Promise<Outcome> {
	const r = await loadCsv(db, 'corpus', `${c.id}.csv`, c.bytes);
	if (!r.ok) return r;
	const rows = (await db.query<Record<string, string | null>>('SELECT * FROM corpus')).map((row) =>
		Object.values(row).map((v) => v ?? '')
	);
	const { labels, rejected, reconciled, warnings, sourceRecords } = r.report;
	// Never claim a reconciled count that is not, and never stay silent about one that is not.
	expect(reconciled).toBe(r.report.rows + rejected.length === sourceRecords);
	if (!reconciled) expect(warnings.some((w) => w.startsWith(MISMATCH_WARNING))).toBe(true);
	return { ok: true, labels, rows, rejected: rejected.map((x) => x.line), reconciled };
}

function passes(o: Outcome, e: Expected | null): boolean {
	if (!o.ok || !e) return false;
	return (
		o.rejected.length === 0 &&
		o.reconciled &&
		JSON.stringify(o.labels) === JSON.stringify(e.labels) &&
		JSON.stringify(o.rows) === JSON.stringify(e.rows)
	);
}

function matchesDiffers(o: Outcome, d: Differs): boolean {
	if (d.error !== undefined) return !o.ok && o.error.includes(d.error);
	if (!o.ok) return false;
	const same = (a: unknown, b: unknown) =>
		b === undefined || JSON.stringify(a) === JSON.stringify(b);
	return (
		same(o.labels, d.labels) &&
		same(o.rows, d.rows) &&
		same(o.rejected, d.rejected ?? []) &&
		o.reconciled
	);
}

describe('public CSV suites through loadCsv', () => {
	it('passes every applicable case or differs exactly as documented', async () => {
		type Tally = { run: number; passed: number; expectedErrors: number; failures: number };
		const bySuite = new Map<string, Tally>();
		const failures: string[] = [];
		for (const c of cases) {
			const suite = c.id.split(' ')[0]!;
			const t = bySuite.get(suite) ?? { run: 0, passed: 0, expectedErrors: 0, failures: 0 };
			bySuite.set(suite, t);
			t.run++;
			const o = await run(c);
			const d = DIFFERS[c.id];
			const failure = d
				? matchesDiffers(o, d)
					? null
					: `${c.id} (${c.description}): expected difference not met: ${JSON.stringify(o)}`
				: passes(o, c.expected)
					? null
					: `${c.id} (${c.description}): ${JSON.stringify(o)} ≠ expected ${JSON.stringify(c.expected)}`;
			if (failure) {
				t.failures++;
				failures.push(failure);
			} else if (d) t.expectedErrors++;
			else t.passed++;
		}
		const line = (name: string, t: Tally) =>
			`${name}: ${t.run} run, ${t.passed} passed, ${t.expectedErrors} expected errors, ${t.failures} failures`;
		const total = [...bySuite.values()].reduce((a, t) => ({
			run: a.run + t.run,
			passed: a.passed + t.passed,
			expectedErrors: a.expectedErrors + t.expectedErrors,
			failures: a.failures + t.failures
		}));
		console.log(
			[
				...[...bySuite].map(([name, t]) => `  ${line(name, t)}`),
				`${line('corpora', total)}, ${skipped.length} skipped`
			].join('\n')
		);
		expect(failures).toEqual([]);
		expect(total.passed + total.expectedErrors).toBe(total.run);
		// Every declared difference and skip names a real case.
		const ids = new Set(cases.map((c) => c.id));
		expect(Object.keys(DIFFERS).filter((id) => !ids.has(id))).toEqual([]);
		expect(Object.keys(SKIPPED).length).toBe(skipped.length - notConverted.length);
	});
});

/**
 * Evidence for the recommendations: the product's typed-cast expressions against cheaper shapes
 * that read the same values, on native DuckDB and on the wasm engine (Node), over a benchmark
 * deals file. Each line times `SELECT count(<expr>)` over the raw VARCHAR column (every value
 * evaluated) and checks the two shapes agree value for value.
 *
 *   npx tsx bench/sql-experiments.ts [FILE] [--engine native|wasm-node|both]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import type { Db } from '$lib/db/db';
import { openNativeDb } from '$lib/db/native';
import { openNodeDb } from '$lib/db/node';
import { cleanExpr, dateExpr, numberExpr } from '$lib/sql/typed';
import { typedExpr } from '$lib/sql/pipeline-build';
import { planColumns } from '$lib/analysis/pipeline-columns';
import { autoMap } from '$lib/domain/pipeline/fields';
import { headerOf, readCsvSql } from './engine';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { engine: { type: 'string', default: 'both' } }
});
const file = positionals[0] ?? join(tmpdir(), 'ol-bench-data', 'deals-100000-s4711.csv');

const AMOUNT = 'c3';
const CLOSE = 'c5';
const numFmt = { decimal: ',', thousands: '.', percent: false, currency: null, scale: 1 } as const;
const dateFmt = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 } as const;

/** The same cleaning without a regular expression: NBSP, narrow NBSP and tab → space, then trim. */
const cleanFast = (c: string) =>
	`trim(translate("${c}", chr(160) || chr(8239) || chr(9), '   '), ' ')`;
/** Clean only the values that have something to clean (most have not). */
const cleanLazy = (c: string) =>
	`(CASE WHEN regexp_matches("${c}", '^[ \\t\\x{00A0}\\x{202F}]|[ \\t\\x{00A0}\\x{202F}]$|[\\t\\x{00A0}\\x{202F}]') THEN ${cleanExpr(c)} ELSE "${c}" END)`;
/** German amounts: one anchored match, then plain string replaces and a cast. */
const numberFast = (v: string) =>
	`(CASE WHEN regexp_full_match(${v}, '[-+]?(?:[1-9][0-9]{0,2}(?:\\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?') THEN TRY_CAST(replace(replace(${v}, '.', ''), ',', '.') AS DOUBLE) END)`;
/** dd.mm.yyyy dates: strptime (core DuckDB, no ICU) checks the day exists too. */
const dateFast = (v: string) => `CAST(try_strptime(${v}, '%d.%m.%Y') AS DATE)`;

interface Line {
	what: string;
	ms: number;
}

async function time(db: Db, sql: string, reps = 3): Promise<number> {
	let best = Infinity;
	for (let i = 0; i < reps; i++) {
		const t = performance.now();
		await db.query(sql);
		best = Math.min(best, performance.now() - t);
	}
	return best;
}

async function run(engine: 'native' | 'wasm-node'): Promise<Line[]> {
	const db: Db = engine === 'native' ? await openNativeDb() : await openNodeDb();
	const labels = headerOf(file, ';');
	if (engine === 'native') await db.exec(readCsvSql('raw', file, labels.length, ';', '\\r\\n'));
	else {
		await db.registerFile('raw.csv', new Uint8Array(readFileSync(file)));
		await db.exec(readCsvSql('raw', 'raw.csv', labels.length, ';', '\\r\\n'));
	}
	const out: Line[] = [];
	const q = (expr: string, from = '"raw"') => `SELECT count(${expr}) AS n FROM ${from}`;
	const add = async (what: string, sql: string) => out.push({ what, ms: await time(db, sql) });
	await add('scan only: count(c3)', q(`"${AMOUNT}"`));
	await add('cleanExpr (regexp_replace + trim)', q(cleanExpr(AMOUNT)));
	await add('clean with translate + trim', q(cleanFast(AMOUNT)));
	await add('clean only values that need it (CASE + regexp_matches)', q(cleanLazy(AMOUNT)));
	await add('numberExpr (product)', q(numberExpr(AMOUNT, numFmt)));
	await add(
		'number: cleaned once + full_match + replace/cast',
		`SELECT count(${numberFast('v')}) FROM (SELECT ${cleanFast(AMOUNT)} AS v FROM "raw")`
	);
	await add('dateExpr (product)', q(dateExpr(CLOSE, dateFmt)));
	await add(
		'date: cleaned once + try_strptime',
		`SELECT count(${dateFast('v')}) FROM (SELECT ${cleanFast(CLOSE)} AS v FROM "raw")`
	);
	// The typed deals table, field by field, as the product plans it for this file.
	const { mapping } = autoMap(labels);
	const plan = await planColumns(db, 'raw', labels, mapping, {}, { decimalComma: true });
	let sum = 0;
	for (const [field, spec] of Object.entries(plan.specs)) {
		const t = await time(db, q(typedExpr(spec!)), 1);
		sum += t;
		out.push({ what: `  typed ${field} (${spec!.kind} ${spec!.column})`, ms: t });
	}
	out.push({ what: '  sum of the typed fields', ms: sum });
	await add(
		'copy of the raw table (CREATE AS SELECT *)',
		'CREATE OR REPLACE TABLE raw_copy AS SELECT * FROM "raw"'
	);
	// Reading: all VARCHAR (the product) against typed columns parsed by the CSV reader itself.
	const src = engine === 'native' ? file : 'raw.csv';
	const spec = (typed: boolean) =>
		`{${labels.map((_, i) => `'c${i}': '${typed && (i === 3 || i === 4) ? 'DOUBLE' : typed && (i === 5 || i === 6) ? 'DATE' : 'VARCHAR'}'`).join(', ')}}`;
	const read = (typed: boolean) =>
		`CREATE OR REPLACE TABLE r2 AS SELECT * FROM read_csv('${src}', delim=';', quote='"', escape='"', new_line='\\r\\n', header=false, skip=1, auto_detect=false, columns=${spec(typed)}${typed ? ", decimal_separator=',', thousands='.', dateformat='%d.%m.%Y'" : ''}, store_rejects=true)`;
	await add('read_csv, all VARCHAR (product)', read(false));
	await add("read_csv, typed (decimal_separator=',', thousands='.', dateformat)", read(true));
	const [same] = await db.query<{ a: number; b: number }>(
		`SELECT (SELECT sum(${numberExpr(AMOUNT, numFmt)}) FROM "raw") AS a, (SELECT sum(c3) FROM r2) AS b`
	);
	out.push({ what: `  Σ amount: product regex ${same?.a} · typed read ${same?.b}`, ms: NaN });
	// Do the cheap shapes read the same values?
	const [d] = await db.query<{ n: number; d: number }>(
		`SELECT count(*) AS n, count(*) FILTER (WHERE a IS DISTINCT FROM b OR x IS DISTINCT FROM y) AS d FROM (
			SELECT ${numberExpr(AMOUNT, numFmt)} AS a, ${numberFast(cleanFast(AMOUNT))} AS b,
				${dateExpr(CLOSE, dateFmt)} AS x, ${dateFast(cleanFast(CLOSE))} AS y FROM "raw")`
	);
	out.push({
		what: `values that differ between product and cheap shapes: ${d?.d} of ${d?.n}`,
		ms: NaN
	});
	// Statement overhead: a trivial statement, plain and prepared.
	await add('trivial statement (SELECT 1)', 'SELECT 1 AS x');
	out.push({
		what: 'trivial prepared statement (SELECT ? + 1)',
		ms: await (async () => {
			let best = Infinity;
			for (let i = 0; i < 5; i++) {
				const t = performance.now();
				await db.query('SELECT ? + 1 AS x', [1]);
				best = Math.min(best, performance.now() - t);
			}
			return best;
		})()
	});
	await db.close();
	return out;
}

const engines =
	values.engine === 'both'
		? (['native', 'wasm-node'] as const)
		: [values.engine as 'native' | 'wasm-node'];
const all = new Map<string, Line[]>();
for (const e of engines) all.set(e, await run(e));
const first = all.get(engines[0])!;
console.log(`${file}\n${'expression'.padEnd(52)}${engines.map((e) => e.padStart(12)).join('')}`);
for (let i = 0; i < first.length; i++) {
	const cells = engines.map((e) => {
		const x = all.get(e)![i]!.ms;
		return (Number.isNaN(x) ? '' : `${x.toFixed(1)} ms`).padStart(12);
	});
	console.log(`${first[i]!.what.padEnd(52)}${cells.join('')}`);
}
process.exit(0);

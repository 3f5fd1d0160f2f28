/**
 * Evidence for the typed cast: the product's expressions (clean only values that need it, a plain
 * fast path for numbers and dates with the general expression only where it fails, a column read
 * without per-value tests when all its distinct values are plain, unreadable values counted from
 * the built table) against the expressions they replaced (kept here, verbatim, as the reference),
 * on native DuckDB and on the wasm engine (Node), over a benchmark deals file. Each line times
 * `SELECT count(<expr>)` over the raw VARCHAR column (every value evaluated) or a whole statement,
 * and the last lines check the product and the reference agree value for value.
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
import { cleanExpr, dateExpr, datePlainExpr, numberExpr, numberPlainExpr } from '$lib/sql/typed';
import {
	buildDeals,
	createStages,
	createValues,
	invalidCountsQuery,
	typedExpr,
	writeMeta
} from '$lib/sql/pipeline-build';
import { planColumns } from '$lib/analysis/pipeline-columns';
import { autoMap, fieldKind, type Field } from '$lib/domain/pipeline/fields';
import {
	dateGroups,
	datePattern,
	numberPattern,
	type DateFormat,
	type NumberFormat
} from '$lib/domain/pipeline/parse-format';
import { lit } from '$lib/sql/sql';
import { headerOf, readCsvSql } from './engine';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { engine: { type: 'string', default: 'both' } }
});
const file = positionals[0] ?? join(tmpdir(), 'ol-bench-data', 'deals-100000-s4711.csv');

const AMOUNT = 'c3';
const CLOSE = 'c5';
const numFmt: NumberFormat = {
	decimal: ',',
	thousands: '.',
	percent: false,
	currency: null,
	scale: 1
};
const dateFmt: DateFormat = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 };

// The expressions before (every value cleaned with a regex, numbers and dates through several
// regexp_extract calls each), verbatim, as the reference the product must agree with.
const oldClean = (c: string) =>
	`trim(regexp_replace("${c}", '[\\x{00A0}\\x{202F}\\t]', ' ', 'g'), ' ')`;
function oldNumber(c: string, fmt: NumberFormat): string {
	const v = oldClean(c);
	const p = lit(numberPattern(fmt));
	const group = (i: number) => `regexp_extract(${v}, ${p}, ${i})`;
	const plain =
		fmt.thousands === null ? group(3) : `replace(${group(3)}, ${lit(fmt.thousands)}, '')`;
	const n = `TRY_CAST(replace(${plain}, ${lit(fmt.decimal)}, '.') AS DOUBLE)`;
	const parens = `(starts_with(${v}, '(') = ends_with(${v}, ')'))`;
	const oneSign = `(${group(1)} = '' OR ${group(2)} = '')`;
	const neg = `(starts_with(${v}, '(') OR regexp_matches(${group(1)} || ${group(2)}, '[-−]'))`;
	const scale = fmt.scale === 1 ? '' : ` * ${fmt.scale}`;
	return (
		`(CASE WHEN regexp_matches(${v}, ${p}) AND ${parens} AND ${oneSign} ` +
		`THEN (CASE WHEN ${neg} THEN -1 ELSE 1 END) * ${n}${scale} END)`
	);
}
function oldDate(c: string, fmt: DateFormat): string {
	const v = oldClean(c);
	const p = lit(datePattern(fmt));
	const g = dateGroups(fmt.order);
	const group = (i: number) => `regexp_extract(${v}, ${p}, ${i})`;
	const year =
		fmt.yearDigits === 4
			? group(g.y)
			: `(CASE WHEN ${group(g.y)} < '70' THEN '20' ELSE '19' END || ${group(g.y)})`;
	const iso = `${year} || '-' || lpad(${group(g.m)}, 2, '0') || '-' || lpad(${group(g.d)}, 2, '0')`;
	return `(CASE WHEN regexp_matches(${v}, ${p}) THEN TRY_CAST(${iso} AS DATE) END)`;
}

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
	await add('clean, before: regexp_replace + trim on every value', q(oldClean(AMOUNT)));
	await add('cleanExpr: only values that need it', q(cleanExpr(AMOUNT)));
	await add('number, before: cleaned + match + 6 regexp_extract', q(oldNumber(AMOUNT, numFmt)));
	await add('numberExpr: plain fast path, general where it fails', q(numberExpr(AMOUNT, numFmt)));
	await add('numberPlainExpr: column known plain, cast only', q(numberPlainExpr(AMOUNT, numFmt)));
	await add('date, before: cleaned + match + 3 regexp_extract', q(oldDate(CLOSE, dateFmt)));
	await add('dateExpr: match + try_strptime, general where it fails', q(dateExpr(CLOSE, dateFmt)));
	await add('datePlainExpr: column known plain, try_strptime', q(datePlainExpr(CLOSE, dateFmt)));
	// The typed deals table, field by field, as the product plans it for this file.
	const { mapping } = autoMap(labels);
	const plan = await planColumns(db, 'raw', labels, mapping, {}, { decimalComma: true });
	let sum = 0;
	for (const [field, spec] of Object.entries(plan.specs)) {
		const t = await time(db, q(typedExpr(spec!)), 1);
		sum += t;
		const plain = 'plain' in spec! && spec.plain ? ', plain' : '';
		out.push({ what: `  typed ${field} (${spec!.kind} ${spec!.column}${plain})`, ms: t });
	}
	out.push({ what: '  sum of the typed fields', ms: sum });
	for (const x of [...createStages([]), ...createValues([]), ...writeMeta({ as_of: '2026-12-03' })])
		await db.query(x.text, x.params);
	await add(
		'buildDeals (CREATE TABLE pipeline_deals)',
		buildDeals('raw', plan.specs, labels.length).text
	);
	await add(
		'copy of the raw table (CREATE AS SELECT *)',
		'CREATE OR REPLACE TABLE raw_copy AS SELECT * FROM "raw"'
	);
	// Unreadable values: re-evaluating every expression over the raw table (before) against the
	// typed table's NULLs where its raw copy is not blank (product).
	const checked = (Object.entries(plan.specs) as [Field, NonNullable<(typeof plan.specs)[Field]>][])
		.filter(([f]) => fieldKind(f) !== 'text')
		.map(([field, s]) => ({ field, column: s.column, s }));
	const before = checked.map(
		(c, i) =>
			`count(*) FILTER (WHERE NOT (coalesce(${oldClean(c.column)}, '') = '') AND ${c.s.kind === 'date' && c.s.format ? oldDate(c.column, c.s.format) : c.s.kind === 'number' && c.s.format ? oldNumber(c.column, c.s.format) : 'NULL'} IS NULL) AS f${i}`
	);
	await add(
		'unreadable counts, before: expressions again on raw',
		`SELECT ${before.join(', ')} FROM "raw"`
	);
	await add('unreadable counts: typed NULL, raw copy not blank', invalidCountsQuery(checked).text);
	const [a] = await db.query(`SELECT ${before.join(', ')} FROM "raw"`);
	const [b] = await db.query(invalidCountsQuery(checked).text);
	out.push({ what: `  counts before ${JSON.stringify(a)} · now ${JSON.stringify(b)}`, ms: NaN });
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
	out.push({ what: `  Σ amount: product ${same?.a} · typed read ${same?.b}`, ms: NaN });
	// Does the product read the same values as before, field by field (every planned field)?
	const diffs = Object.entries(plan.specs).map(([f, s]) => {
		const old =
			s!.kind === 'number' && s!.format
				? oldNumber(s!.column, s!.format)
				: s!.kind === 'date' && s!.format
					? oldDate(s!.column, s!.format)
					: s!.kind === 'text'
						? `nullif(${oldClean(s!.column)}, '')`
						: typedExpr(s!);
		return `count(*) FILTER (WHERE ${typedExpr(s!)} IS DISTINCT FROM ${old}) AS "${f}"`;
	});
	const [d] = await db.query<Record<string, number>>(
		`SELECT count(*) AS n, ${diffs.join(', ')} FROM "raw"`
	);
	const { n, ...perField } = d ?? {};
	const differ = Object.values(perField).reduce((x, y) => x + y, 0);
	out.push({
		what: `values that differ between product and before: ${differ} of ${n} rows × ${diffs.length} fields`,
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

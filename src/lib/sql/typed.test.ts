/**
 * The SQL expressions against their JS reference, on the real engine: every value, good or bad,
 * must read the same in DuckDB as in `parseNumber` / `parseDate`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import {
	parseDate,
	parseNumber,
	type DateFormat,
	type NumberFormat
} from '$lib/domain/pipeline/parse-format';
import { dateExpr, invalidCountExpr, invalidExamplesQuery, numberExpr } from './typed';

let db: Db;
let files = 0;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

/** Load values as a one-column all-VARCHAR CSV (`c0`, `;`-delimited, every value quoted) into a table. */
async function load(values: string[]): Promise<string> {
	const name = `t${++files}`;
	const body = values.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n');
	await db.registerFile(`${name}.csv`, new TextEncoder().encode(`c0\n${body}\n`));
	await db.exec(
		`CREATE TABLE ${name} AS SELECT * FROM read_csv('${name}.csv', all_varchar=true, header=true, delim=';', quote='"')`
	);
	return name;
}

async function compare<T>(values: string[], expr: string, js: (v: string | null) => T) {
	const table = await load(values);
	const rows = await db.query<{ raw: string | null; v: T }>(
		`SELECT c0 AS raw, ${expr} AS v FROM ${table}`
	);
	expect(rows.map((r) => r.raw ?? '')).toEqual(values); // DuckDB read what we wrote ('' arrives as NULL)
	for (const r of rows) expect({ raw: r.raw, v: r.v }).toEqual({ raw: r.raw, v: js(r.raw) });
	return { table, rows };
}

const BAD = ['abc', '', '  ', '1e5', '--5', '(5', '5)', '12,5,3', '€€5', '-', '%', 'n/a', '1.2.3'];

/** [raw, value worked out by hand]; every case also runs the BAD values, which must all be NULL. */
type Case<F, T> = [label: string, fmt: F, values: [string, T | null][]];

const NUMBER_CASES: Case<NumberFormat, number>[] = [
	[
		'German with euro',
		{ decimal: ',', thousands: '.', percent: false, currency: '€', scale: 1 },
		[
			['12.500,00', 12500], // 12·1000 + 500
			['1.234,50 €', 1234.5],
			['€ -7,5', -7.5],
			['-1.234', -1234],
			['0,75', 0.75],
			[',5', 0.5],
			['1234,5', 1234.5], // ungrouped
			['(1.000)', -1000], // accounting negative
			['−3', -3], // U+2212
			['0.750', null], // a group cannot follow a leading 0
			['$5', null] // not the column's currency
		]
	],
	[
		'US with dollars',
		{ decimal: '.', thousands: ',', percent: false, currency: '$', scale: 1 },
		[
			['$1,234.50', 1234.5],
			['(1,234.00)', -1234],
			['-$99', -99],
			['$-99', -99],
			['1,234', 1234],
			['1,2345', null], // groups are 3 digits
			['0.5', 0.5],
			[' 42 ', 42],
			['€9', null],
			['+7', 7]
		]
	],
	[
		'Swiss apostrophes',
		{ decimal: '.', thousands: "'", percent: false, currency: 'CHF', scale: 1 },
		[
			["1'234.50", 1234.5],
			["CHF 12'500", 12500],
			["12'50", null],
			["CHF12'500.5", 12500.5]
		]
	],
	[
		'space thousands',
		{ decimal: ',', thousands: ' ', percent: false, currency: null, scale: 1 },
		[
			['1\u00a0234,50', 1234.5], // NBSP
			['12 500', 12500],
			['1\u202f000', 1000], // narrow NBSP
			['12  500', null], // two spaces are no group separator
			['\t7,5\t', 7.5]
		]
	],
	[
		'probability with percent signs',
		{ decimal: '.', thousands: null, percent: true, currency: null, scale: 1 },
		[
			['75%', 75],
			['75', 75],
			['10 %', 10],
			['0', 0],
			['100%', 100],
			['12.5%', 12.5],
			['%75', null]
		]
	],
	[
		'probability as fractions',
		{ decimal: ',', thousands: null, percent: false, currency: null, scale: 100 },
		[
			['0,75', 75], // 0.75 × 100
			['0,1', 10],
			['1', 100],
			['0', 0],
			['0,07', 7], // 7.000000000000001 in doubles, in JS and DuckDB alike
			['0,333', 33.3]
		]
	]
];

describe('numberExpr', () => {
	for (const [label, fmt, cases] of NUMBER_CASES) {
		it(`agrees with parseNumber: ${label}`, async () => {
			for (const [raw, want] of cases) {
				const got = parseNumber(raw, fmt);
				if (want === null) expect(got, raw).toBeNull();
				else expect(got, raw).toBeCloseTo(want, 9);
			}
			for (const raw of BAD) expect(parseNumber(raw, fmt), raw).toBeNull();
			const values = [...cases.map((c) => c[0]), ...BAD];
			await compare(values, numberExpr('c0', fmt), (v) => parseNumber(v, fmt));
		});
	}
	it('is a DOUBLE', async () => {
		const t = await load(['1.234,50 €']);
		const expr = numberExpr('c0', NUMBER_CASES[0]![1]);
		const [row] = await db.query(`SELECT ${expr} AS a, typeof(${expr}) AS typ FROM ${t}`);
		expect(row).toEqual({ a: 1234.5, typ: 'DOUBLE' });
	});
});

const DATE_CASES: Case<DateFormat, string>[] = [
	[
		'German',
		{ order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 },
		[
			['05.03.2024', '2024-03-05'],
			['5.3.2024', '2024-03-05'],
			['29.02.2024', '2024-02-29'], // leap year
			['29.02.2023', null],
			['31.04.2024', null], // April has 30 days
			['01.13.2024', null],
			['05.03.2024 10:00', null], // no time part in this format
			['2024-03-05', null]
		]
	],
	[
		'ISO with time',
		{ order: 'ymd', sep: '-', hasTime: true, yearDigits: 4 },
		[
			['2024-03-05', '2024-03-05'],
			['2024-03-05 14:22:01', '2024-03-05'],
			['2024-03-05T14:22:01Z', '2024-03-05'],
			['2024-03-05T14:22:01.5+01:00', '2024-03-05'], // wall-clock date, offset ignored
			['2024-03-05 25:00', null],
			['2024-3-5', '2024-03-05'],
			['0999-01-01', null], // years 1000–2999 only
			['2024-03-05x', null]
		]
	],
	[
		'US short',
		{ order: 'mdy', sep: '/', hasTime: true, yearDigits: 2 },
		[
			['3/5/24', '2024-03-05'],
			['12/31/99', '1999-12-31'], // 99 ≥ 70 → 19xx
			['1/1/70', '1970-01-01'],
			['1/1/69', '2069-01-01'], // 69 < 70 → 20xx
			['11/1/24 2:22 PM', '2024-11-01'],
			['13/1/24', null],
			['3/5/2024', null] // four-digit year in a two-digit format
		]
	],
	[
		'UK',
		{ order: 'dmy', sep: '/', hasTime: false, yearDigits: 4 },
		[
			['13/02/2024', '2024-02-13'],
			['01/02/2024', '2024-02-01'],
			['31/12/2024', '2024-12-31'],
			['12/31/2024', null]
		]
	]
];

describe('dateExpr', () => {
	for (const [label, fmt, cases] of DATE_CASES) {
		it(`agrees with parseDate: ${label}`, async () => {
			for (const [raw, want] of cases) expect(parseDate(raw, fmt), raw).toBe(want);
			for (const raw of BAD) expect(parseDate(raw, fmt), raw).toBeNull();
			const expr = `strftime(${dateExpr('c0', fmt)}, '%Y-%m-%d')`;
			await compare([...cases.map((c) => c[0]), ...BAD], expr, (v) => parseDate(v, fmt));
		});
	}
	it('is a DATE', async () => {
		const t = await load(['05.03.2024']);
		const expr = dateExpr('c0', DATE_CASES[0]![1]);
		const [row] = await db.query(
			`SELECT typeof(${expr}) AS typ, CAST(${expr} AS VARCHAR) AS d FROM ${t}`
		);
		expect(row).toEqual({ typ: 'DATE', d: '2024-03-05' });
	});
});

describe('invalid values', () => {
	it('counts non-blank values that do not read, and shows the most frequent', async () => {
		const fmt = NUMBER_CASES[0]![1];
		const t = await load(['1.234,50', 'abc', 'abc', '', '  ', '7', '1e5', 'n/a']);
		const expr = numberExpr('c0', fmt);
		const [row] = await db.query<{ bad: number }>(
			`SELECT ${invalidCountExpr('c0', expr)} AS bad FROM ${t}`
		);
		// abc, abc, 1e5, n/a = 4; '' and '  ' are blank, not invalid
		expect(row?.bad).toBe(4);
		const q = invalidExamplesQuery(t, 'c0', expr, 2);
		expect(await db.query(q.text, q.params)).toEqual([
			{ value: 'abc', n: 2 },
			{ value: '1e5', n: 1 } // ties by value: '1e5' < 'n/a'
		]);
	});
});

/**
 * The fast paths of the typed-cast expressions (raw values that need no cleaning, numbers in their
 * plainest shape, dates with a four-digit year and no time) must read exactly what the general
 * expressions and the JS parsers read: hand-worked edge cases first, then thousands of seeded
 * random values per format, each compared with `clean` / `parseNumber` / `parseDate`. On the wasm
 * engine the product runs, and on native DuckDB (the benchmark's limit row) where it is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import { nativeAvailable, openNativeDb } from '$lib/db/native';
import type { Db } from '$lib/db/db';
import {
	clean,
	parseDate,
	parseNumber,
	type DateFormat,
	type NumberFormat
} from '$lib/domain/pipeline/parse-format';
import { cleanExpr, dateExpr, dateFast, numberExpr, numberFastPattern } from './typed';

const ENGINES: [string, () => Promise<Db>][] = [
	['wasm', openNodeDb],
	...((await nativeAvailable()) ? [['native', openNativeDb] as [string, () => Promise<Db>]] : [])
];

let db: Db;
let files = 0;

/** Values as a one-column all-VARCHAR table `c0` (every value quoted; '' arrives as NULL). */
async function load(values: readonly string[]): Promise<string> {
	const name = `f${++files}`;
	const body = values.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n');
	await db.registerFile(`${name}.csv`, new TextEncoder().encode(`c0\n${body}\n`));
	await db.exec(
		`CREATE TABLE ${name} AS SELECT * FROM read_csv('${name}.csv', all_varchar=true, header=true, delim=';', quote='"')`
	);
	return name;
}

/** Every value through `expr` in SQL and `js` in JS; returns how many took the fast path. */
async function agree<T>(
	values: readonly string[],
	expr: string,
	js: (v: string | null) => T,
	fast: string | null = null
): Promise<number> {
	const table = await load(values);
	const rows = await db.query<{ raw: string | null; v: T; fast: boolean | null }>(
		`SELECT c0 AS raw, ${expr} AS v, ${fast ?? 'NULL'} AS fast FROM ${table} ORDER BY rowid`
	);
	expect(rows.map((r) => r.raw ?? '')).toEqual(values);
	const wrong = rows.filter((r) => !Object.is(r.v, js(r.raw)));
	expect(wrong.map((r) => ({ raw: r.raw, sql: r.v, js: js(r.raw) }))).toEqual([]);
	return rows.filter((r) => r.fast === true).length;
}

/** A small seeded generator (mulberry32) so a failure can be reproduced. */
function rng(seed: number) {
	let a = seed;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
	return { next, int, pick };
}

describe.each(ENGINES)('%s engine', (_, open) => {
	beforeAll(async () => {
		db = await open();
	});
	afterAll(() => db.close());

	const SPACES = [' ', '\u00a0', '\u202f', '\t'];

	describe('cleanExpr', () => {
		it('cleans only what needs it, to the same text as clean()', async () => {
			// hand-worked: NBSP/narrow NBSP/tab → space, outer spaces go, inner ones stay
			const cases: [string, string][] = [
				['Nord', 'Nord'], // nothing to clean: passed through
				[' Nord', 'Nord'],
				['Nord ', 'Nord'],
				['\u00a0Nord\t', 'Nord'],
				['a\u202fb', 'a b'], // inside: becomes a space, stays
				['a  b', 'a  b'],
				['\u2009x', '\u2009x'], // a thin space is not cleaned
				['  ', '']
			];
			for (const [raw, want] of cases) expect(clean(raw), JSON.stringify(raw)).toBe(want);
			const r = rng(7);
			const alphabet = ['a', 'b', 'ä', '1', '\u2009', ...SPACES, ...SPACES];
			const random = Array.from({ length: 3000 }, () =>
				Array.from({ length: 1 + r.int(6) }, () => r.pick(alphabet)).join('')
			);
			await agree([...cases.map((c) => c[0]), ...random], cleanExpr('c0'), (v) =>
				v === null ? null : clean(v)
			);
		});
	});

	const DE: NumberFormat = {
		decimal: ',',
		thousands: '.',
		percent: false,
		currency: null,
		scale: 1
	};

	describe('numberExpr fast path', () => {
		it('reads the plain shape with one match and a cast, the same as the general reading', async () => {
			const fast = `regexp_full_match(c0, '${numberFastPattern(DE)}')`;
			const cases: [string, number | null, boolean][] = [
				['12.500,00', 12500, true], // '12500.00'
				['-1.234,5', -1234.5, true], // '-1234.5' = -1 × 1234.5
				['1.234', 1234, true], // a lone group: thousands in a German file
				['0,75', 0.75, true],
				['-0', -0, true], // -0 in JS (−1 × 0) and in the cast alike
				['007', 7, true],
				[' 7', 7, false], // a space: cleaned by the general reading
				['+7', 7, false], // only an ASCII minus takes the fast path
				['−3', -3, false], // U+2212
				['(1.000)', -1000, false],
				[',5', 0.5, false],
				['1.2345', null, false], // not a group of 3: neither path reads it
				['0.750', null, false], // a group cannot follow a leading 0
				['1e5', null, false]
			];
			for (const [raw, want] of cases) expect(parseNumber(raw, DE), raw).toBe(want);
			const table = await load(cases.map((c) => c[0]));
			const rows = await db.query<{ v: number | null; fast: boolean }>(
				`SELECT ${numberExpr('c0', DE)} AS v, ${fast} AS fast FROM ${table} ORDER BY rowid`
			);
			expect(rows.map((r) => [r.v, r.fast])).toEqual(cases.map(([, v, f]) => [v, f]));
		});

		it('scales and strips the percent sign on the fast path too', async () => {
			const pct: NumberFormat = { ...DE, thousands: null, percent: true };
			const frac: NumberFormat = { ...DE, thousands: null, scale: 100 };
			// 75% → 75; -5% → −5; 0,07 × 100 = 7.000000000000001 in doubles (JS and DuckDB alike)
			await agree(['75%', '75', '-5%', '12,5%', '75 %'], numberExpr('c0', pct), (v) =>
				parseNumber(v, pct)
			);
			expect(parseNumber('0,07', frac)).toBe(0.07 * 100);
			await agree(['0,07', '-0,5', '1', '0'], numberExpr('c0', frac), (v) => parseNumber(v, frac));
		});

		const FORMATS: [string, NumberFormat][] = [
			['German', DE],
			['German with euro', { ...DE, currency: '€' }],
			['US dollars', { decimal: '.', thousands: ',', percent: false, currency: '$', scale: 1 }],
			['Swiss', { decimal: '.', thousands: "'", percent: false, currency: 'CHF', scale: 1 }],
			['space groups', { decimal: ',', thousands: ' ', percent: false, currency: null, scale: 1 }],
			['percent', { decimal: '.', thousands: null, percent: true, currency: null, scale: 1 }],
			['fractions', { decimal: ',', thousands: null, percent: false, currency: null, scale: 100 }]
		];
		for (const [label, fmt] of FORMATS) {
			it(`agrees with parseNumber on random values: ${label}`, async () => {
				const r = rng(label.length * 31);
				const group = (digits: string) => {
					if (fmt.thousands === null || r.next() < 0.3) return digits;
					return digits.replace(/\B(?=(\d{3})+(?!\d))/g, r.next() < 0.9 ? fmt.thousands : '.');
				};
				const decorations = [
					'',
					'',
					'',
					'-',
					'−',
					'+',
					'(',
					' ',
					'\u00a0',
					'\t',
					fmt.currency ?? '€',
					`${fmt.currency ?? '$'} `
				];
				const tails = ['', '', '', ')', '%', ' %', ' ', '\u00a0', ` ${fmt.currency ?? '€'}`, '-'];
				const shaped = Array.from({ length: 2500 }, () => {
					const digits = String(r.int(r.pick([10, 1000, 1e6, 1e9])));
					const dec =
						r.next() < 0.5 ? '' : fmt.decimal + String(r.int(1000)).padStart(r.int(4), '0');
					const body = r.next() < 0.05 ? dec : group(digits) + dec;
					return r.pick(decorations) + body + r.pick(tails);
				});
				const alphabet = [
					'0',
					'1',
					'5',
					'9',
					'.',
					',',
					"'",
					' ',
					'-',
					'+',
					'(',
					')',
					'%',
					'€',
					'e'
				];
				const noise = Array.from({ length: 1000 }, () =>
					Array.from({ length: 1 + r.int(8) }, () => r.pick(alphabet)).join('')
				);
				const fastHits = await agree(
					[...shaped, ...noise],
					numberExpr('c0', fmt),
					(v) => parseNumber(v, fmt),
					`regexp_full_match(c0, '${numberFastPattern(fmt).replaceAll("'", "''")}')`
				);
				expect(fastHits).toBeGreaterThan(200); // the fast path was exercised, not skipped
			});
		}
	});

	describe('dateExpr fast path', () => {
		it('reads dd.mm.yyyy with try_strptime, the same as the general reading', async () => {
			const dmy: DateFormat = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 };
			expect(dateFast(dmy)).toEqual(['[0-9]{1,2}\\.[0-9]{1,2}\\.[12][0-9]{3}', '%d.%m.%Y']);
			const cases: [string, string | null][] = [
				['05.03.2024', '2024-03-05'],
				['5.3.2024', '2024-03-05'], // strptime takes one-digit days and months
				['29.02.2024', '2024-02-29'], // leap day
				['29.02.2023', null], // no such day: NULL on the fast path, as TRY_CAST gives
				['00.03.2024', null],
				['05.03.0999', null], // years 1000–2999 only (strptime alone would take 999)
				['05.03.24', null], // two-digit year (strptime alone would read year 24)
				[' 05.03.2024', '2024-03-05'], // cleaned by the general reading
				['05.03.2024 10:00', null] // no time part in this format
			];
			for (const [raw, want] of cases) expect(parseDate(raw, dmy), raw).toBe(want);
			await agree(
				cases.map((c) => c[0]),
				`strftime(${dateExpr('c0', dmy)}, '%Y-%m-%d')`,
				(v) => parseDate(v, dmy)
			);
		});

		const FORMATS: [string, DateFormat][] = [
			['German', { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 }],
			['German with time', { order: 'dmy', sep: '.', hasTime: true, yearDigits: 4 }],
			['US', { order: 'mdy', sep: '/', hasTime: true, yearDigits: 4 }],
			['ISO', { order: 'ymd', sep: '-', hasTime: true, yearDigits: 4 }],
			['US short (general only)', { order: 'mdy', sep: '/', hasTime: false, yearDigits: 2 }]
		];
		for (const [label, fmt] of FORMATS) {
			it(`agrees with parseDate on random values: ${label}`, async () => {
				const r = rng(label.length * 17);
				const seps = [fmt.sep, fmt.sep, fmt.sep, '.', '/', '-'];
				const pad = (n: number) => (r.next() < 0.5 ? String(n).padStart(2, '0') : String(n));
				const shaped = Array.from({ length: 2500 }, () => {
					const y = r.pick([r.int(3100), 1990 + r.int(40), 1990 + r.int(40), 24, 99, 5]);
					const [m, d] = [r.int(14), r.int(33)];
					const s = r.pick(seps);
					const year = String(y);
					const body =
						fmt.order === 'ymd'
							? `${year}${s}${pad(m)}${s}${pad(d)}`
							: fmt.order === 'dmy'
								? `${pad(d)}${s}${pad(m)}${s}${year}`
								: `${pad(m)}${s}${pad(d)}${s}${year}`;
					const time = r.pick(['', '', '', ' 10:00', 'T14:22:01Z', ' 25:00', ' 2:22 PM', ' ']);
					return r.pick(['', '', '', ' ', '\u00a0', 'x']) + body + time;
				});
				const fast = dateFast(fmt);
				const fastHits = await agree(
					shaped,
					`strftime(${dateExpr('c0', fmt)}, '%Y-%m-%d')`,
					(v) => parseDate(v, fmt),
					fast ? `regexp_full_match(c0, '${fast[0]}')` : null
				);
				if (fast) expect(fastHits).toBeGreaterThan(100);
				else expect(dateExpr('c0', fmt)).not.toContain('strptime');
			});
		}
	});
});

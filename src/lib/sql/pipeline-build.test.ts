/**
 * The deals table's build around the typed cast, on a hand-made raw table: distinct values
 * cleaned after grouping, unreadable values counted from the built table (typed NULL, raw copy not
 * blank), and the stored columns (fields, derived columns, raw copies; no build steps).
 *
 * Raw rows (c0 id, c1 stage, c2 amount German, c3 close dd.mm.yyyy, c4 region):
 *   r0  D1  'Angebot'     '1.234,50'   '05.03.2025'     'Nord'
 *   r1  D2  ' Angebot'    'abc'        '31.02.2025'     ' Nord'
 *   r2  D3  'Gewonnen'    '  '         NULL             'Süd'
 *   r3  D4  'Angebot'     'abc'        ' 1.4.2025'      '\u00a0Süd\t'
 *   r4  D5  'Angebot'     '(5'         'bald'           '  '
 *   r5  D6  'Angebot'     ' 7 '        '\u00a0'         NULL
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import type { Field } from '$lib/domain/pipeline/fields';
import type { DateFormat, NumberFormat } from '$lib/domain/pipeline/parse-format';
import {
	buildDeals,
	createStages,
	createValues,
	distinctValues,
	invalidCountsQuery,
	invalidExamplesQuery,
	PT,
	writeMeta,
	type ColumnSpec
} from './pipeline-build';
import type { Query } from './sql';

let db: Db;
const q = <T = Record<string, unknown>>(x: Query) => db.query(x.text, x.params) as Promise<T[]>;

const DE: NumberFormat = { decimal: ',', thousands: '.', percent: false, currency: null, scale: 1 };
const DMY: DateFormat = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 };
const SPECS: Partial<Record<Field, ColumnSpec>> = {
	id: { kind: 'text', column: 'c0' },
	stage: { kind: 'text', column: 'c1' },
	amount: { kind: 'number', column: 'c2', format: DE },
	close_date: { kind: 'date', column: 'c3', format: DMY },
	region: { kind: 'text', column: 'c4' }
};

beforeAll(async () => {
	db = await openNodeDb();
	const s = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
	const rows = [
		['D1', 'Angebot', '1.234,50', '05.03.2025', 'Nord'],
		['D2', ' Angebot', 'abc', '31.02.2025', ' Nord'],
		['D3', 'Gewonnen', '  ', null, 'Süd'],
		['D4', 'Angebot', 'abc', ' 1.4.2025', '\u00a0Süd\t'],
		['D5', 'Angebot', '(5', 'bald', '  '],
		['D6', 'Angebot', ' 7 ', '\u00a0', null]
	];
	await db.exec(
		`CREATE TABLE r AS SELECT * FROM (VALUES ${rows.map((r) => `(${r.map(s).join(', ')})`).join(', ')}) t(c0, c1, c2, c3, c4)`
	);
	const stages = [
		{ name: 'Angebot', probability: 70, kind: 'open', forecast: 'best_case' },
		{ name: 'Gewonnen', probability: 100, kind: 'won', forecast: 'closed' }
	] as const;
	for (const x of [
		...createStages(stages.map((st) => ({ ...st }))),
		...createValues(stages.map((st, pos) => ({ field: 'stage', raw: st.name, code: null, pos }))),
		...writeMeta({ as_of: '2025-06-30' }),
		buildDeals('r', SPECS, 5)
	])
		await q(x);
});
afterAll(() => db.close());

describe('distinctValues', () => {
	it('groups raw values first, then cleans the distinct ones, in first-seen order', async () => {
		// c4: 'Nord' r0, ' Nord' r1 → 'Nord' ×2 (first r0); 'Süd' r2, NBSP'Süd'tab r3 → 'Süd' ×2;
		// '  ' and NULL are blank and left out
		expect(await q(distinctValues('r', 'c4'))).toEqual([
			{ value: 'Nord', n: 2 },
			{ value: 'Süd', n: 2 }
		]);
		// c1: 'Angebot' r0, ' Angebot' r1, r3, r4, r5 → 5; 'Gewonnen' r2 → 1
		expect(await q(distinctValues('r', 'c1'))).toEqual([
			{ value: 'Angebot', n: 5 },
			{ value: 'Gewonnen', n: 1 }
		]);
	});
});

describe('unreadable values from the deals table', () => {
	const amount = { field: 'amount', column: 'c2' } as const;
	const close = { field: 'close_date', column: 'c3' } as const;

	it('reads the typed columns as before', async () => {
		const rows = await q<{ id: string; amount: number | null; close: string | null }>({
			text: `SELECT id, amount, strftime(close_date, '%Y-%m-%d') AS close FROM ${PT.deals} ORDER BY rid`,
			params: []
		});
		expect(rows).toEqual([
			{ id: 'D1', amount: 1234.5, close: '2025-03-05' }, // fast paths: '1234.50', strptime
			{ id: 'D2', amount: null, close: null }, // 31 February
			{ id: 'D3', amount: null, close: null }, // blank, NULL
			{ id: 'D4', amount: null, close: '2025-04-01' }, // ' 1.4.2025' cleaned first
			{ id: 'D5', amount: null, close: null },
			{ id: 'D6', amount: 7, close: null } // ' 7 ' cleaned first
		]);
	});

	it('counts a typed NULL whose raw copy is not blank', async () => {
		// amount NULL in D2 'abc', D3 '  ' (blank), D4 'abc', D5 '(5' → 3 unreadable
		// close NULL in D2 '31.02.2025', D3 NULL (blank), D5 'bald', D6 NBSP (blank) → 2 unreadable
		expect(await q(invalidCountsQuery([amount, close]))).toEqual([{ f0: 3, f1: 2 }]);
		// most frequent first, ties by value: 'abc' ×2, then '(5'
		expect(await q(invalidExamplesQuery(amount))).toEqual([
			{ value: 'abc', n: 2 },
			{ value: '(5', n: 1 }
		]);
		expect(await q(invalidExamplesQuery(close, 1))).toEqual([{ value: '31.02.2025', n: 1 }]);
	});
});

describe('buildDeals', () => {
	it('stores fields, derived columns and raw copies, not the build steps', async () => {
		const cols = await q<{ name: string; type: string }>({
			text: `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ?`,
			params: [PT.deals]
		});
		const type = Object.fromEntries(cols.map((c) => [c.name, c.type]));
		expect(type).toMatchObject({
			rid: 'BIGINT',
			amount: 'DOUBLE',
			close_date: 'DATE',
			stage: 'VARCHAR',
			stage_raw: 'VARCHAR',
			stage_pos: 'INTEGER',
			kind: 'VARCHAR',
			prob: 'DOUBLE',
			close_month: 'VARCHAR',
			cycle_days: 'BIGINT',
			overdue: 'BOOLEAN',
			c0: 'VARCHAR',
			c4: 'VARCHAR'
		});
		for (const step of ['stage_kind', 'stage_probability', 'status_code', 'end_date'])
			expect(type[step], step).toBeUndefined();
		// the raw copy is the raw text, the field its cleaned value
		const [d4] = await q({
			text: `SELECT region, c4 FROM ${PT.deals} WHERE id = 'D4'`,
			params: []
		});
		expect(d4).toEqual({ region: 'Süd', c4: '\u00a0Süd\t' });
	});
});

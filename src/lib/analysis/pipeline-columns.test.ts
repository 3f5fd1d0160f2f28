/**
 * Planning a column also tells whether every raw text of it is clean and in the format's plain
 * shape (checked on its distinct values); such a column is read without testing each value, and
 * must read exactly as the tested reading does.
 *
 * Raw rows (c0 amount, c1 budget, c2 close, c3 created, c4 probability, c5 won date):
 *   '1.234,50'  ' 5'       '05.03.2025'  '01.01.2025'  '10'   '05.03.2025'
 *   '-7'        '1.000'    '5.3.2025'    '  '          '75'   '05.03.2025 10:00'
 *   '0,5'       '2.500,5'  '31.02.2025'  '02.01.2025'  '100'  NULL
 *   NULL        '(5)'      NULL          '03.01.2025'  NULL   '06.03.2025'
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { typedExpr, type ColumnSpec } from '$lib/sql/pipeline-build';
import { planColumns } from './pipeline-columns';

let db: Db;
const LABELS = ['Betrag', 'Budget', 'Schluss', 'Erstellt', 'Wahrsch.', 'Gewonnen am'];
const MAPPING = {
	amount: 0,
	budget: 1,
	close_date: 2,
	created_date: 3,
	probability: 4,
	won_date: 5
} as const;

beforeAll(async () => {
	db = await openNodeDb();
	const rows = [
		["'1.234,50'", "' 5'", "'05.03.2025'", "'01.01.2025'", "'10'", "'05.03.2025'"],
		["'-7'", "'1.000'", "'5.3.2025'", "'  '", "'75'", "'05.03.2025 10:00'"],
		["'0,5'", "'2.500,5'", "'31.02.2025'", "'02.01.2025'", "'100'", 'NULL'],
		['NULL', "'(5)'", 'NULL', "'03.01.2025'", 'NULL', "'06.03.2025'"]
	];
	await db.exec(
		`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) t(c0, c1, c2, c3, c4, c5)`
	);
});
afterAll(() => db.close());

describe('planColumns', () => {
	it('marks columns whose every raw text is clean and plain', async () => {
		const plan = await planColumns(db, 'raw', LABELS, MAPPING, {}, { decimalComma: true });
		const plain = Object.fromEntries(
			Object.entries(plan.specs).map(([f, s]) => [f, 'plain' in s! && s.plain === true])
		);
		expect(plain).toEqual({
			amount: true, // '1.234,50', '-7', '0,5' (NULL aside)
			budget: false, // ' 5' needs cleaning, '(5)' is not the plain shape
			close_date: true, // '31.02.2025' has the shape; it reads as NULL either way
			created_date: false, // '  ' is blank, not NULL
			probability: true,
			won_date: false // a time part: general reading
		});
		expect(plan.specs.amount).toMatchObject({ format: { decimal: ',', thousands: '.' } });
	});

	it('reads a plain column exactly as the tested reading does', async () => {
		const plan = await planColumns(db, 'raw', LABELS, MAPPING, {}, { decimalComma: true });
		const cols = Object.entries(plan.specs).map(([f, s]) => {
			const tested = { ...s!, plain: false } as ColumnSpec;
			return `${typedExpr(s!)} AS "${f}", ${typedExpr(tested)} AS "${f}_tested"`;
		});
		const got = await db.query<Record<string, unknown>>(
			`SELECT ${cols.join(', ')} FROM raw ORDER BY rowid`
		);
		for (const row of got)
			for (const f of Object.keys(plan.specs)) expect(row[f], f).toEqual(row[`${f}_tested`]);
		// amount: 1,234.50 / −7 / 0.5 / NULL; close: 5 March twice, 31 February NULL, NULL
		expect(got.map((r) => r.amount)).toEqual([1234.5, -7, 0.5, null]);
		expect(got.map((r) => r.close_date === null)).toEqual([false, false, true, true]);
		expect(got[0]!.close_date).toEqual(got[1]!.close_date);
	});
});

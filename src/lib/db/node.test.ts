import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from './node';
import type { Db } from './db';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

describe('node db', () => {
	it('binds parameters and returns plain numbers', async () => {
		const rows = await db.query<{ n: number; s: string }>(
			'SELECT count(*) AS n, ? AS s FROM range(3)',
			['x']
		);
		expect(rows).toEqual([{ n: 3, s: 'x' }]);
	});
	it('reads a registered CSV', async () => {
		await db.registerFile('a.csv', new TextEncoder().encode('a,b\n1,2\n3,4\n'));
		const rows = await db.query<{ t: number }>("SELECT sum(a + b) AS t FROM read_csv('a.csv')");
		expect(rows[0]?.t).toBe(10); // 1+2+3+4
	});
	it('does not reach for extensions', async () => {
		await expect(db.query("SELECT * FROM read_parquet('x.parquet')")).rejects.toThrow();
	});
});

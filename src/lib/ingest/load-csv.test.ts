import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv, type CsvReport } from './load-csv';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

const enc = (s: string) => new TextEncoder().encode(s);
async function load(text: string | Uint8Array, opts = {}): Promise<CsvReport> {
	const r = await loadCsv(db, 't', 'test.csv', typeof text === 'string' ? enc(text) : text, opts);
	if (!r.ok) throw new Error(r.error);
	return r.report;
}

describe('loadCsv', () => {
	it('loads as VARCHAR c0…cn and keeps headers as labels', async () => {
		const r = await load('x"); DROP TABLE t; --,__proto__,x"); DROP TABLE t; --\n1,2,3\n');
		expect(r.labels).toEqual(['x"); DROP TABLE t; --', '__proto__', 'x"); DROP TABLE t; --']);
		expect(await db.query('SELECT * FROM t')).toEqual([{ c0: '1', c1: '2', c2: '3' }]);
	});
	it('honours sep=; and decimal commas', async () => {
		const r = await load('sep=;\nName;Betrag\nA;1.234,50\nB;7,25\n');
		expect(r.delimiter).toBe(';');
		expect(r.rows).toBe(2);
		expect(await db.query('SELECT c1 FROM t ORDER BY c0')).toEqual([
			{ c1: '1.234,50' },
			{ c1: '7,25' }
		]);
	});
	it('sniffs ; even when values hold commas', async () => {
		expect((await load('a;b\n1,5;2,5\n3,5;4\n')).delimiter).toBe(';');
		expect((await load('a\tb\n1\t2\n')).delimiter).toBe('\t');
	});
	it('reports ragged rows with their file line numbers, never dropping them quietly', async () => {
		const r = await load('a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x\ny",2,3\n\n10,11,12\n');
		expect(r.rows).toBe(3); // 1,2,3 · "x\ny",2,3 · 10,11,12
		expect(r.rejected.map((x) => x.line)).toEqual([3, 4]); // header is line 1
		expect(r.sourceRecords).toBe(5);
		expect(r.warnings[0]).toContain('2 lines could not be read');
	});
	it('reads Windows-1252 text', async () => {
		// "Größe\n€\n" in Windows-1252: G r 0xF6 0xDF e \n 0x80 \n
		const r = await load(new Uint8Array([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x0a, 0x80, 0x0a]));
		expect(r.encoding).toBe('windows-1252');
		expect(r.labels).toEqual(['Größe']);
		expect(await db.query('SELECT c0 FROM t')).toEqual([{ c0: '€' }]);
	});
	it('reads CR-only line endings', async () => {
		expect((await load('a,b\r1,2\r3,4\r')).rows).toBe(2);
	});
	it('skips the Qualtrics header rows', async () => {
		const r = await load(
			'Q1,Q2\n"Importance - A\nline2",Sat - A\n"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n4,5\n3,2\n'
		);
		expect(r.headerRows).toBe(3);
		expect(r.rows).toBe(2);
	});
	it('gives specific messages for empty and header-only files', async () => {
		expect(await loadCsv(db, 't', 'e.csv', enc(''))).toEqual({
			ok: false,
			error: expect.stringContaining('e.csv: the file is empty')
		});
		expect(await loadCsv(db, 't', 'h.csv', enc('a,b\n'))).toEqual({
			ok: false,
			error: expect.stringContaining('no data rows')
		});
	});
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

const fixture = (name: string) =>
	new Uint8Array(
		readFileSync(
			fileURLToPath(new URL(`../../../tests/fixtures/robustness/${name}`, import.meta.url))
		)
	);
async function loadFile(name: string, opts = {}): Promise<CsvReport> {
	const r = await loadCsv(db, 't', name, fixture(name), opts);
	if (!r.ok) throw new Error(r.error);
	return r.report;
}
const values = async () =>
	(await db.query<Record<string, string | null>>('SELECT * FROM t')).map((r) => Object.values(r));

/** Every load must add up: rows + rejected = records found independently. */
function expectReconciled(r: CsvReport) {
	expect(r.reconciled).toBe(true);
	expect(r.rows + r.rejected.length).toBe(r.sourceRecords);
}

describe('loadCsv on tricky files (tests/fixtures/robustness)', () => {
	it('reads Windows-1252 with € „ “ ü ’ –', async () => {
		const r = await loadFile('cp1252-euro-quotes.csv');
		expect([r.encoding, r.delimiter, r.newline, r.rows]).toEqual(['windows-1252', ';', '\r\n', 2]);
		expect(await values()).toEqual([
			['„Müller“', '1.234,50 €', 'Größe ü'],
			['O’Brien', '7,25 €', '– Ende']
		]);
		expectReconciled(r);
	});
	it('reads ISO-8859-1 (as Windows-1252, which it is a subset of for text)', async () => {
		const r = await loadFile('iso-8859-1.csv');
		expect(r.encoding).toBe('windows-1252');
		expect(r.labels).toEqual(['Stadt', 'Straße', 'Preis']);
		expect((await values())[1]).toEqual(['Zürich', 'Bahnhofstraße', '5']);
	});
	it('reads UTF-16 LE with BOM, tab-delimited', async () => {
		const r = await loadFile('utf16le-bom.csv');
		expect([r.encoding, r.delimiter, r.rows]).toEqual(['utf-16le', '\t', 2]);
		expect(await values()).toEqual([
			['Äpfel', '€ 3'],
			['Birnen', '4']
		]);
	});
	it('reads UTF-8 with and without BOM', async () => {
		const bom = await loadFile('utf8-bom.csv');
		expect([bom.encoding, bom.labels[0]]).toEqual(['utf-8-bom', 'Name']);
		expect((await values())[1]).toEqual(['„Birnen“', '4']);
		const plain = await loadFile('utf8.csv');
		expect(plain.encoding).toBe('utf-8');
		expect((await values())[1]).toEqual(['José', 'São Paulo']);
	});
	it('counts lines after an Excel sep= line', async () => {
		const r = await loadFile('excel-sep-line.csv');
		expect([r.delimiter, r.labels, r.rows]).toEqual([';', ['Kunde', 'Betrag'], 2]);
	});
	it('leaves a total line at the end out and says so', async () => {
		const de = await loadFile('total-footer-de.csv');
		expect(de.rows).toBe(3);
		expect(de.rejected).toEqual([
			{ line: 5, reason: expect.stringContaining('total line ("Summe")') }
		]);
		expect(de.warnings.join(' ')).toContain('Line 5 is a total line and was left out');
		expectReconciled(de);
		expect((await values()).map((v) => v[0])).toEqual(['OP-1', 'OP-2', 'OP-3']);
		const en = await loadFile('total-footer-en.csv');
		expect([en.rows, en.rejected.map((x) => x.line)]).toEqual([2, [4]]);
		expectReconciled(en);
	});
	it('keeps a total line when asked, with a warning', async () => {
		const r = await loadFile('total-footer-en.csv', { keepTotals: true });
		expect([r.rows, r.rejected]).toEqual([3, []]);
		expect(r.warnings.join(' ')).toContain('kept as asked');
	});
	it('keeps a total line followed by data, with a warning', async () => {
		const r = await load('a,b,c\n1,2,3\nSumme,,3\n4,5,6\n');
		expect(r.rows).toBe(3);
		expect(r.warnings.join(' ')).toContain('Line 3 looks like a total line but more data follows');
	});
	it('leaves a report footer and trailing empty records out', async () => {
		const r = await loadFile('report-footer.csv');
		expect(r.rows).toBe(2);
		expect(r.rejected.map((x) => x.line)).toEqual([4, 5, 6, 7]);
		expect(r.rejected[2]?.reason).toContain('footer text');
		expectReconciled(r);
		const empties = await load('a;b;c\n1;2;3\n;;\n;;\n');
		expect([empties.rows, empties.rejected.map((x) => x.line)]).toEqual([1, [3, 4]]);
	});
	it('rejects short and long rows by line, never padding or cutting them', async () => {
		const r = await loadFile('ragged.csv');
		expect(r.rejected).toEqual([
			{ line: 3, reason: '2 values where the header has 3' },
			{
				line: 4,
				reason: expect.stringContaining('more values (4) than the header has columns (3)')
			}
		]);
		expectReconciled(r);
	});
	it('says which lines an unterminated quote swallowed', async () => {
		const r = await loadFile('unterminated-quote.csv');
		expect(r.rows).toBe(1);
		expect(r.rejected).toEqual([
			{ line: 3, reason: expect.stringContaining('lines 3–5 could not be read') }
		]);
		expectReconciled(r);
	});
	it('gives physical line numbers after multi-line values and in big files', async () => {
		const lines = ['a,b,c'];
		for (let i = 0; i < 30000; i++) lines.push(i === 29000 ? 'ü,2' : `"x\ny",€,${i}`);
		const r = await load(lines.join('\r\n'));
		// Record 29000 starts after the header and 29,000 two-line records: line 1 + 58,000 + 1.
		expect(r.rejected.map((x) => x.line)).toEqual([58002]);
		expectReconciled(r);
	});
	it('reads quoted LF in a CRLF file, CR-only files and mixed line breaks', async () => {
		const q = await loadFile('quoted-newlines-crlf.csv');
		expect([q.newline, q.rows]).toEqual(['\r\n', 2]);
		expect((await values())[0]).toEqual(['1', 'first line\nsecond line']);
		expect((await loadFile('cr-only.csv')).rows).toBe(2);
		const m = await loadFile('mixed-line-breaks.csv');
		expect(m.rows).toBe(3);
		expect(m.warnings[0]).toContain('line 2 ends with CR');
		expectReconciled(m);
	});
	it('ignores blank trailing lines', async () => {
		const r = await loadFile('blank-trailing-lines.csv');
		expect([r.rows, r.rejected]).toEqual([2, []]);
	});
	it('fails with a specific message for empty, header-only, binary and unreadable files', async () => {
		const error = async (name: string) => {
			const r = await loadCsv(db, 't', name, fixture(name));
			return r.ok ? 'loaded' : r.error;
		};
		expect(await error('empty.csv')).toBe(
			'empty.csv: the file is empty. Choose a CSV file with a header row and data.'
		);
		expect(await error('header-only.csv')).toContain(
			'header-only.csv: the file has a header but no data rows'
		);
		expect(await error('xlsx-renamed.csv')).toContain('a ZIP archive (an Excel .xlsx workbook?)');
		const none = await loadCsv(db, 't', 'x.csv', enc('a,b,c\n1,2\n3,4\n'));
		expect(none).toEqual({
			ok: false,
			error:
				'x.csv: none of its 2 data lines could be read (line 2: 2 values where the header has 3). Check that it is comma-delimited text with the column names in line 1.'
		});
		const header = await loadCsv(db, 't', 'q.csv', enc('a,"b,c\n1,2,3\n'));
		expect(header.ok || header.error).toContain(
			'the header (line 1) has a quote that is not closed'
		);
		const sep = await loadCsv(db, 't', 's.csv', enc('sep=:\na:b\n1:2\n'));
		expect(sep.ok || sep.error).toContain('"sep=:" names a delimiter this app does not read');
	});
	it('keeps every column of hostile headers, with the header only as a label', async () => {
		const r = await loadFile('hostile-headers.csv');
		expect(Array.isArray(r.labels)).toBe(true);
		expect(r.labels).toEqual([
			'id',
			'id',
			'',
			'__proto__',
			'constructor',
			'x"); DROP TABLE t; --',
			'L'.repeat(5000),
			'toString'
		]);
		expect(r.columns.map((c) => c.name)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
		expect(await values()).toEqual([['1', '2', '3', '4', '5', '6', '7', '8']]);
		expect(Object.getPrototypeOf(r.columns[3])).toBe(Object.prototype);
	});
	it('follows the data when every row has one trailing delimiter more than the header', async () => {
		const r = await loadFile('trailing-delimiter.csv');
		expect([r.labels, r.rows]).toEqual([['a', 'b', 'c', ''], 2]);
		expect(r.warnings[0]).toContain('the last column has no name');
	});
	it('replaces a few damaged bytes in a UTF-8 file instead of reading it all as Windows-1252', async () => {
		const bytes = new Uint8Array([...enc('name,x\nGröße,1\nMüller,2\nÄrger,'), 0xfc, 0x0a]);
		const r = await load(bytes);
		expect(r.encoding).toBe('utf-8');
		expect(r.warnings[0]).toContain('1 byte is not valid UTF-8');
		expect((await values())[0]).toEqual(['Größe', '1']);
	});
	it('reports per-column types from a sample', async () => {
		const r = await load(
			'i;d;dc;dt;ts;b;t;e\n1;1.5;1,5;02.01.2024;2024-01-02 10:00;ja;x;\n-2;2;1.234,5;31.12.2024;2024-01-02T10:00:00Z;nein;7;\n'
		);
		expect(r.columns.map((c) => [c.label, c.type])).toEqual([
			['i', 'integer'],
			['d', 'decimal'],
			['dc', 'decimal-comma'],
			['dt', 'date'],
			['ts', 'datetime'],
			['b', 'boolean'],
			['t', 'text'],
			['e', 'empty']
		]);
	});
	it('reads a value longer than DuckDB’s default line limit', async () => {
		const r = await load(`a,b\n1,${'x'.repeat(2_500_000)}\n2,3\n`);
		expect([r.rows, r.rejected]).toEqual([2, []]);
	});
});

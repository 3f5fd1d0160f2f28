import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import { runInspect as inspect, runInspectGuarded } from './inspect';
import { CliError } from './io';

const fixture = (n: string) =>
	fileURLToPath(new URL(`../../tests/fixtures/robustness/${n}`, import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const cli = (...args: string[]) =>
	promisify(execFile)(tsx, [main, 'inspect', ...args]).catch(
		(e: { code: number; stdout: string; stderr: string }) => e
	);

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());
const runInspect = (file: string, o = {}) => inspect(file, o, db);

describe('cli inspect', () => {
	it('prints the JSON contract: encoding, delimiter, header rows, rows, typed columns, rejected lines', async () => {
		const out = JSON.parse(await runInspect(fixture('total-footer-de.csv'), { json: true }));
		expect(Object.keys(out)).toEqual([
			'encoding',
			'delimiter',
			'header_rows',
			'rows',
			'columns',
			'rejected',
			'warnings'
		]);
		expect(out).toMatchObject({ encoding: 'utf-8', delimiter: ';', header_rows: 1, rows: 3 });
		expect(out.columns).toEqual([
			{ label: 'Opportunity-ID', type: 'text' },
			{ label: 'Phase', type: 'text' },
			{ label: 'Opportunity-Betrag', type: 'decimal-comma' },
			{ label: 'Wahrscheinlichkeit (%)', type: 'integer' }
		]);
		expect(out.rejected).toEqual([
			{ line: 5, reason: 'total line ("Summe"), left out so it is not counted as a row' }
		]);
	});
	it('names the encoding it used', async () => {
		const enc = async (n: string) =>
			JSON.parse(await runInspect(fixture(n), { json: true })).encoding;
		expect(await enc('cp1252-euro-quotes.csv')).toBe('windows-1252');
		expect(await enc('utf16le-bom.csv')).toBe('utf-16le');
		expect(await enc('utf8-bom.csv')).toBe('utf-8-bom');
	});
	it('prints a readable summary with rejected lines and their reasons', async () => {
		const out = await runInspect(fixture('ragged.csv'));
		expect(out).toContain('  encoding   UTF-8\n');
		expect(out).toContain('  delimiter  comma (,)\n');
		expect(out).toContain('  rows       3 (2 lines not read)\n');
		expect(out).toContain('Columns (3)');
		expect(out).toContain('  line 3: 2 values where the header has 3');
	});
	it('throws a one-line CliError when the file cannot be read at all', async () => {
		const err = await runInspect(fixture('header-only.csv')).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(CliError);
		expect((err as Error).message).toBe(
			'header-only.csv: the file has a header but no data rows. Export the data again with its rows.'
		);
	});
	it('gives up with a one-line message when the time limit passes', async () => {
		const err = await runInspectGuarded(fixture('ragged.csv'), {}, 1).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(CliError);
		expect((err as Error).message).toMatch(/^ragged\.csv: gave up after 0 s/);
	});
	it('runs in a worker thread under a time limit', async () => {
		const out = JSON.parse(await runInspectGuarded(fixture('excel-sep-line.csv'), { json: true }));
		expect(out).toMatchObject({ delimiter: ';', header_rows: 1, rows: 2 });
	});
	it('reads the same with --engine native (in this thread, under the same limit)', async () => {
		const f = fixture('total-footer-de.csv');
		const native = await runInspectGuarded(f, { json: true, engine: 'native' });
		expect(native).toBe(await runInspectGuarded(f, { json: true, engine: 'wasm' }));
		expect(JSON.parse(native)).toMatchObject({ delimiter: ';', rows: 3 });
	});
	it('exits 1 with one line on stderr from the command line', async () => {
		const bad = (await cli(fixture('xlsx-renamed.csv'), '--json')) as {
			code: number;
			stderr: string;
		};
		expect(bad.code).toBe(1);
		expect(bad.stderr).toBe(
			'xlsx-renamed.csv: this is a ZIP archive (an Excel .xlsx workbook?), not CSV text. Export or save it as CSV and load that file.\n'
		);
	});
});

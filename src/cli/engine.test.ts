import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseJson } from '$lib/domain/share/codec';
import type { Db } from '$lib/db/db';
import { openNativeDb } from '$lib/db/native';
import { openNodeDb } from '$lib/db/node';
import { checkEngine, outOfMemory, pickEngine } from './engine';
import { explainTooLarge } from './io';
import { runPipeline } from './pipeline';
import { runSurvey } from './survey';

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

describe('engine choice', () => {
	const installed = { nativeAvailable: async () => true };
	const missing = { nativeAvailable: async () => false };
	it('defaults to native when it can be loaded, else to wasm', async () => {
		expect(await pickEngine(undefined, installed)).toBe('native');
		expect(await pickEngine(undefined, missing)).toBe('wasm');
		expect(await pickEngine('wasm', installed)).toBe('wasm');
		expect(await pickEngine('native', installed)).toBe('native');
	});
	it('says what to install when native is asked for and missing', async () => {
		await expect(pickEngine('native', missing)).rejects.toThrow(
			'--engine native needs @duckdb/node-api (npm install @duckdb/node-api); --engine wasm runs without it.'
		);
		expect(() => checkEngine('duck')).toThrow('--engine must be native or wasm, not "duck".');
	});
	it('explains a file too long to hold as text', async () => {
		const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8'), {
			code: 'ERR_STRING_TOO_LONG'
		});
		const file = path('data/survey-sample.csv');
		await expect(explainTooLarge([file], () => Promise.reject(tooLong))).rejects.toThrow(
			/survey-sample\.csv: too large to read \(\d+ MB\)\. The loader holds a file as one text of at most 536,870,888 characters/
		);
	});
});

describe('native and wasm give the same output', () => {
	let native: Db;
	let wasm: Db;
	beforeAll(async () => {
		[native, wasm] = await Promise.all([openNativeDb(), openNodeDb()]);
	});
	afterAll(async () => {
		await native.close();
		await wasm.close();
	});
	it('pipeline sample with its history, byte for byte', async () => {
		const o = {
			json: true,
			asOf: '2026-12-03',
			history: path('data/pipeline-history-sample.csv')
		};
		const file = path('data/pipeline-sample.csv');
		const [a, b] = [await runPipeline(file, o, native), await runPipeline(file, o, wasm)];
		expect(a).toBe(b);
		expect(JSON.parse(a)).toMatchObject({ deals: 2480, won: 621 });
	});
	it('survey sample, byte for byte; the readable output names the engine', async () => {
		const file = path('data/survey-sample.csv');
		const o = { json: true, formula: 'ulwick' };
		expect(await runSurvey(file, o, native)).toBe(await runSurvey(file, o, wasm));
		const text = await runSurvey(file, { formula: 'ulwick' }, native);
		expect(text).toMatch(/\nEngine: native DuckDB v[\d.]+ \(@duckdb\/node-api, \d+ threads?\)\n$/);
		expect(await runSurvey(file, { formula: 'ulwick' }, wasm)).toMatch(
			/\nEngine: DuckDB-wasm v[\d.]+ \(the browser's engine, 1 thread\)\n$/
		);
	});
});

describe('from the command line', () => {
	const cli = (...args: string[]) =>
		promisify(execFile)(path('node_modules/.bin/tsx'), [path('src/cli/main.ts'), ...args]);
	it('names the engine on stderr with --verbose, never in the --json stdout', async () => {
		const { stdout, stderr } = await cli(
			'survey',
			path('data/survey-sample.csv'),
			'--json',
			'--verbose',
			'--engine',
			'native'
		);
		expect(JSON.parse(stdout).respondents).toBe(341);
		expect(stdout).not.toContain('DuckDB');
		expect(stderr).toMatch(
			/^engine: native DuckDB v[\d.]+ .*\ntime: [\d.]+ s · peak RSS: \d+ MB\n$/
		);
	});
	it('writes a report file with the report command', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ol-cli-'));
		try {
			const out = join(dir, 'r.json');
			const args = ['--pipeline', path('data/pipeline-sample.csv'), '--as-of', '2026-12-03'];
			const { stdout } = await cli('report', ...args, '--title', 'Sample', '--out', out);
			expect(stdout).toContain('Report written to');
			const r = parseJson(readFileSync(out, 'utf8'));
			expect(r).toMatchObject({
				ok: true,
				report: { title: 'Sample', pipeline: { kpis: { deals: 2480 } } }
			});
			const bad = await cli('survey', path('data/survey-sample.csv'), '--out', out).catch(
				(e: { code: number; stderr: string }) => e
			);
			expect(bad).toMatchObject({ code: 1 });
			expect((bad as { stderr: string }).stderr).toMatch(/^--out belongs to the report command\./);
			expect(existsSync(out)).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('out of memory', () => {
	it('becomes one line that says what to do', () => {
		const e = new Error(
			'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\nDatabase is launched in in-memory mode…'
		);
		expect((outOfMemory('wasm', e) as Error).message).toBe(
			'The wasm engine ran out of memory (could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)). DuckDB-wasm addresses at most 4 GB; run with --engine native (@duckdb/node-api), or split the file.'
		);
		const other = new Error('Binder Error');
		expect(outOfMemory('native', other)).toBe(other);
	});
});

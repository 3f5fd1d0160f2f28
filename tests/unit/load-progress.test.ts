import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '$lib/db/node';
import type { Db } from '$lib/db/db';
import { loadCsv } from '$lib/ingest/load-csv';
import {
	BROWSER_FILE_LIMIT,
	cancellable,
	LoadProgress,
	memoryMessage,
	readWithProgress,
	sizeMessage
} from '$lib/state/progress.svelte';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

const MB = 1024 * 1024;

describe('file size and memory messages', () => {
	it('refuses a file over the limit before reading it, naming the file, its size and the CLI', () => {
		expect(sizeMessage('deals.csv', BROWSER_FILE_LIMIT)).toBeNull();
		const m = sizeMessage('deals.csv', 500 * MB) ?? '';
		// 500 MB against the 140 MB limit.
		expect(m).toContain('deals.csv (500 MB) is too big for a browser tab');
		expect(m).toContain('up to about 140 MB');
		expect(m).toContain('Nothing was changed.');
		expect(m).toContain('npm run cli -- pipeline FILE --report report.json');
	});

	it('turns the engine and browser memory failures into that message, and nothing else', () => {
		const oom = new Error(
			'Out of Memory Error: could not allocate block of size 256.0 KiB (1.0 GiB/1.0 GiB used)'
		);
		const m = memoryMessage('big.csv', 130 * MB, oom) ?? '';
		expect(m).toContain('big.csv (130 MB) ran out of memory in this browser tab.');
		expect(m).toContain('"Clear all data" and try again');
		expect(m).toContain('npm run cli -- pipeline FILE --report report.json');
		expect(memoryMessage('big.csv', 1, new RangeError('Invalid string length'))).not.toBeNull();
		expect(
			memoryMessage('big.csv', 1, new RangeError('Array buffer allocation failed'))
		).not.toBeNull();
		expect(memoryMessage('a.csv', 1, new Error('Binder Error: column "x" not found'))).toBeNull();
	});
});

describe('reading with progress', () => {
	it('reads every byte and reports the share read', async () => {
		const bytes = new Uint8Array(3 * MB).map((_, i) => i % 251);
		const p = new LoadProgress();
		const signal = p.start('x.bin', bytes.length);
		const out = await readWithProgress(new Blob([bytes]), p, signal);
		expect(Buffer.compare(out, bytes)).toBe(0);
		expect(p.fraction).toBe(1);
		p.finish(signal);
		expect(p.active).toBe(false);
	});

	it('stops when cancelled', async () => {
		const p = new LoadProgress();
		const signal = p.start('x.bin', 10);
		p.cancel();
		await expect(readWithProgress(new Blob([new Uint8Array(10)]), p, signal)).rejects.toThrow(
			'Loading was cancelled.'
		);
		expect(p.active).toBe(false);
	});

	it('a new load supersedes the one before', () => {
		const p = new LoadProgress();
		const first = p.start('a.csv', 1);
		const second = p.start('b.csv', 1);
		expect(first.aborted).toBe(true);
		expect(second.aborted).toBe(false);
		p.finish(first); // the old load ending must not hide the new one's progress
		expect(p.active).toBe(true);
	});
});

describe('cancellable database', () => {
	it('runs statements until cancelled, then refuses the next one', async () => {
		const controller = new AbortController();
		const c = cancellable(db, controller.signal);
		expect(await c.query<{ n: number }>('SELECT 1 + 1 AS n')).toEqual([{ n: 2 }]);
		controller.abort();
		await expect(c.query('SELECT 1')).rejects.toMatchObject({ name: 'AbortError' });
		await expect(c.exec('SELECT 1')).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('stops loadCsv at the step where the user cancelled, before the table is touched', async () => {
		await db.exec('CREATE OR REPLACE TABLE keep_raw AS SELECT 42 AS c0');
		const controller = new AbortController();
		const steps: string[] = [];
		const load = loadCsv(
			cancellable(db, controller.signal),
			'keep_raw',
			'a.csv',
			new TextEncoder().encode('a,b\n1,2\n'),
			{
				onStep: async (step) => {
					steps.push(step);
					if (step === 'load') controller.abort();
				}
			}
		);
		await expect(load).rejects.toMatchObject({ name: 'AbortError' });
		expect(steps).toEqual(['check', 'load']);
		// The earlier table is still there, unchanged.
		expect(await db.query('SELECT c0 FROM keep_raw')).toEqual([{ c0: 42 }]);
	});
});

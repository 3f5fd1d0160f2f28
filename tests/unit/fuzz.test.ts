/**
 * 2,000 seeded mutations of real survey and pipeline excerpts through the CSV loader, on one
 * database (the engine and promises checked are in scripts/fuzz.ts; run more cases with
 * `npx tsx scripts/fuzz.ts --cases 20000`). A `{ ok: false }` with a message is fine; a throw, a
 * case of 5 s or more, a table that disagrees with its report, or an unreconciled count without
 * a warning is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import { describeReport, fuzzCase, readBases, runFuzz, SLOW_MS } from '../../scripts/fuzz';

const CASES = 2000;
const SEED = 20261203;

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db.close());

describe('fuzzing loadCsv', () => {
	it('makes the same cases from the same seed', () => {
		const bases = readBases();
		expect(fuzzCase(bases, SEED, 7)).toEqual(fuzzCase(bases, SEED, 7));
		expect(fuzzCase(bases, SEED, 7)).not.toEqual(fuzzCase(bases, SEED, 8));
	});

	it(`keeps every promise on ${CASES} mutated files`, { timeout: 120_000 }, async () => {
		const t0 = performance.now();
		const r = await runFuzz(db, { cases: CASES, seed: SEED });
		console.log(`${describeReport(r)}\nwall: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		expect(r.violations).toEqual([]);
		expect(r.cases).toBe(CASES);
		expect(r.maxMs).toBeLessThan(SLOW_MS);
		// The mutations must reach both outcomes, or the test proves little.
		expect(r.loaded).toBeGreaterThan(CASES / 4);
		expect(r.refused).toBeGreaterThan(CASES / 20);
	});
});

import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runSurvey } from './survey';

const fixture = (n: string) => fileURLToPath(new URL(`../../tests/fixtures/${n}`, import.meta.url));

describe('cli survey', () => {
	it('prints the JSON contract with full-precision numbers', async () => {
		const out = JSON.parse(
			await runSurvey(fixture('survey-wide.csv'), { json: true, formula: 'ulwick' })
		);
		expect(out.formula).toBe('ulwick');
		expect(out.respondents).toBe(6);
		expect(Object.keys(out.outcomes[0])).toEqual([
			'id',
			'label',
			'n_importance',
			'n_satisfaction',
			'invalid',
			'importance',
			'satisfaction',
			'opportunity',
			'band',
			'served'
		]);
		// speed: 6.667 + (6.667 − 1.667) = 11.667
		const speed = out.outcomes.find((o: { id: string }) => o.id === 'speed');
		expect(speed.opportunity).toBeCloseTo(20 / 3 + (20 / 3 - 10 / 6), 12);
		expect(out.warnings).toContain('@risk: 1 invalid rating (value 7) excluded.');
	});
	it('takes user patterns and the plain formula', async () => {
		const out = JSON.parse(
			await runSurvey(fixture('survey-wide.csv'), {
				json: true,
				formula: 'plain',
				importance: '^imp_(cost)$',
				satisfaction: '^sat_(cost)$'
			})
		);
		expect(out.outcomes.map((o: { id: string }) => o.id)).toEqual(['cost']);
		expect(out.outcomes[0].opportunity).toBe(20); // 10 + (10 − 0)
	});
	it('exits non-zero with a one-line message for a missing file', async () => {
		const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
		const main = fileURLToPath(new URL('./main.ts', import.meta.url));
		const err = await promisify(execFile)(tsx, [main, 'survey', 'missing.csv']).catch((e) => e);
		expect(err.code).toBe(1);
		expect(err.stderr.trim()).toBe('missing.csv: cannot be read (ENOENT).');
	});
});

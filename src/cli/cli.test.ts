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

describe('cli survey in depth', () => {
	const stmt = (rows: { label: string }[], start: string) =>
		rows.find((r) => r.label.startsWith(start)) as Record<string, unknown> & { label: string };
	it('reads a Qualtrics export, excludes straight-liners, weights and segments', async () => {
		const out = JSON.parse(
			await runSurvey(fixture('survey-qualtrics.csv'), {
				json: true,
				formula: 'ulwick',
				exclude: 'straightliners',
				segment: 'What is your role?'
			})
		);
		// R_10 rated every importance and every satisfaction item the same
		expect(out.excluded).toEqual([{ id: 'R_10', reasons: ['straightlining'] }]);
		expect(out.respondents).toBe(11);
		// deal stalling without R_10: importance 10 of 10 → 10, satisfaction 0 of 10 → 0 → 20
		expect(stmt(out.outcomes, 'Minimize the likelihood of a deal').opportunity).toBe(20);
		expect(
			out.segments.map((s: { value: string; respondents: number }) => [s.value, s.respondents])
		).toEqual([
			['Sales rep', 6],
			['Manager', 5]
		]);
		// forecast, managers without R_10: importance 4 of 4 → 10, satisfaction 0 of 4 → 0 → 20;
		// sales reps 0 → difference 20, importance 4/4 vs 0/6: pooled 0.4, z = 1 / √(0.24 × (1/4 + 1/6)) = 3.162
		const m = stmt(out.segments[1].outcomes, 'Minimize the time it takes to prepare');
		expect(m.opportunity).toBe(20);
		const vs = m.vs_rest as { difference: number; p_importance: number };
		expect(vs.difference).toBe(20);
		expect(vs.p_importance).toBeCloseTo(0.0015654, 6); // 2 × Q(3.1623)
		expect(out.outcomes[0]).not.toHaveProperty('opportunity_ci');
	});
	it('adds seeded bootstrap and Wilson intervals with --ci', async () => {
		const run = (seed: string) =>
			runSurvey(fixture('survey-qualtrics.csv'), {
				json: true,
				formula: 'ulwick',
				ci: true,
				seed,
				weights: 'weight'
			});
		const a = JSON.parse(await run('7'));
		expect(a.weights).toBe('weight');
		const o1 = stmt(a.outcomes, 'Minimize the time it takes to update');
		// weighted importance: Σw in 4–5 7.5 of Σw 12.5 → 6 (worked in analysis/survey.test.ts)
		expect(o1.importance).toBeCloseTo(6, 12);
		expect(Object.keys(o1).slice(-4)).toEqual([
			'importance_ci',
			'satisfaction_ci',
			'opportunity_ci',
			'uncertain_band'
		]);
		const [lo, hi] = o1.opportunity_ci as [number, number];
		expect(lo).toBeLessThanOrEqual(o1.opportunity as number);
		expect(hi).toBeGreaterThanOrEqual(o1.opportunity as number);
		expect(o1.uncertain_band).toBe(true); // 8.4 with a wide interval crosses 10
		expect(JSON.parse(await run('7'))).toEqual(a);
		expect(JSON.parse(await run('8')).outcomes).not.toEqual(a.outcomes);
	});
	it('reads a SurveyMonkey export and drops duplicate ids', async () => {
		const out = JSON.parse(
			await runSurvey(fixture('survey-surveymonkey.csv'), {
				json: true,
				formula: 'ulwick',
				exclude: 'duplicates'
			})
		);
		expect(out.excluded).toEqual([{ id: '114002', reasons: ['duplicate'] }]);
		// Angebot without the resubmission: importance 4 of 6, satisfaction 2 of 6 → 6.667 + 3.333 = 10
		expect(
			stmt(out.outcomes, 'Die Zeit minimieren, die es dauert, ein Angebot').opportunity
		).toBeCloseTo(10, 12);
	});
	it('segments by outcome-based clusters and lists text answers it could not read', async () => {
		const out = JSON.parse(
			await runSurvey(fixture('../../data/survey-sample.csv'), {
				json: true,
				formula: 'ulwick',
				segment: 'clusters',
				seed: '3'
			})
		);
		const segs = out.segments as { value: string; respondents: number }[];
		expect(segs.length).toBeGreaterThanOrEqual(2);
		expect(segs.every((s) => /^Cluster [1-6]$/.test(s.value))).toBe(true);
		expect(segs.reduce((a, s) => a + s.respondents, 0)).toBe(out.respondents);
		expect(out.warnings).toContain('"n/a" (satisfaction, 4×) counted as no answer.');
		const q = JSON.parse(
			await runSurvey(fixture('survey-qualtrics.csv'), { json: true, formula: 'ulwick' })
		);
		expect(q.warnings[0]).toBe(
			'"Sort of important" (importance, 1×) is on no known rating scale and counts as invalid; map it in the app.'
		);
	});
	it('rejects unknown options with a clear message', async () => {
		await expect(
			runSurvey(fixture('survey-wide.csv'), { formula: 'ulwick', exclude: 'speeders' })
		).rejects.toThrow('--exclude takes straightliners,incomplete,duplicates; got "speeders".');
		await expect(
			runSurvey(fixture('survey-wide.csv'), { formula: 'ulwick', segment: 'nope' })
		).rejects.toThrow('--segment: no respondent attribute "nope". Attributes: "segment".');
	});
});

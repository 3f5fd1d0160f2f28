/**
 * The browser target: scores plus 1,000-resample bootstrap intervals for 10,000 respondents × 100
 * outcomes. Measured, not asserted tightly (machines differ); run with
 *   PERF=1 CI=true npx playwright test -c playwright.tools.config.ts survey-perf
 * It writes a seeded 10k × 100 file to the OS temp folder, uploads it and prints the timings.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/lib/domain/stats/bootstrap';
import { expect, test, fixture } from '../e2e/helpers';

function bigSurvey(n: number, m: number): string {
	const rng = mulberry32(2026);
	const head = ['respondent_id', 'role'];
	for (let k = 0; k < m; k++) head.push(`imp_Q${k + 1}`, `sat_Q${k + 1}`);
	const lines = [head.join(',')];
	const roles = ['Sales rep', 'Sales manager', 'Executive', 'Sales ops'];
	for (let i = 0; i < n; i++) {
		const row = [`R${i + 1}`, roles[i % 4]!];
		for (let k = 0; k < m; k++) {
			const lift = (k % 7) / 7;
			row.push(String(1 + Math.min(4, Math.floor((rng() + lift) * 3.2))));
			row.push(rng() < 0.02 ? '' : String(1 + Math.floor(rng() * 5)));
		}
		lines.push(row.join(','));
	}
	return lines.join('\n') + '\n';
}

test('10,000 respondents × 100 outcomes: scores and 1,000-resample intervals', async ({ page }) => {
	test.skip(!process.env.PERF, 'set PERF=1 to measure');
	test.setTimeout(180_000);
	const file = join(tmpdir(), 'survey-10k-100.csv');
	writeFileSync(file, bigSurvey(10_000, 100));
	await page.goto('/survey');
	// Warm DuckDB up with a small file first, so the timing is the analysis, not the engine's start.
	await page.getByTestId('survey-file').setInputFiles(fixture('survey-wide.csv'));
	await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');

	const t0 = Date.now();
	await page.getByTestId('survey-file').setInputFiles(file);
	await expect(page.locator('[data-testid="score-table"] tbody tr[data-outcome-id]')).toHaveCount(
		100,
		{ timeout: 120_000 }
	);
	const scores = Date.now() - t0;
	await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done', {
		timeout: 120_000
	});
	const total = Date.now() - t0;
	const status = await page.getByTestId('ci-status').textContent();
	const steps = await page.getByTestId('results-bar').getAttribute('data-timings');
	console.log(
		`10k × 100: scores on screen ${scores} ms; with intervals ${total} ms; worker: ${status?.trim()}; steps (ms): ${steps}`
	);
	// The same for the analysis alone: change the formula (no re-reading of the file).
	const t1 = Date.now();
	await page.getByRole('radio', { name: /Plain/ }).check();
	await expect
		.poll(async () => (await page.getByTestId('ci-status').textContent()) !== status, {
			timeout: 120_000
		})
		.toBe(true);
	await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done', {
		timeout: 120_000
	});
	console.log(
		`formula switch: scores + intervals ${Date.now() - t1} ms; worker: ${(await page.getByTestId('ci-status').textContent())?.trim()}`
	);
});

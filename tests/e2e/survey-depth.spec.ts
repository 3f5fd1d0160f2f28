import { type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, test, cell, fixture, guardOrigin, guardPage } from './helpers';

/*
 * tests/fixtures/survey-qualtrics.csv (3 header rows, text answers), as numbers
 * (importance O1–O4 | satisfaction O1–O4):
 *   R_01–R_06 Sales rep, R_07–R_12 Manager; R_10 rates 5 5 5 5 | 4 4 4 4 (straight-liner);
 *   R_11's O1 importance is "Sort of important" (on no known scale); R_12 answered 2 of 8 items.
 * Hand-worked numbers are in src/lib/analysis/survey.test.ts.
 */
const O1 = 'Minimize the time it takes to update a deal after a meeting';
const O2 = 'Minimize the likelihood of a deal stalling unnoticed';
const O3 = 'Minimize the time it takes to prepare the forecast';

const dataValue = async (page: Page, selector: string) =>
	Number(await page.locator(selector).getAttribute('data-value'));

test('a Qualtrics export: labels, intervals, straight-liners, segments and the heatmap', async ({
	page,
	baseURL
}) => {
	const foreign = guardOrigin(page, baseURL!);
	const guard = guardPage(page);
	await page.goto('/survey');
	// The survey's input is the page's first file input (the dictionary's comes later).
	await page.locator('input[type=file]').first().setInputFiles(fixture('survey-qualtrics.csv'));
	await expect(page.getByTestId('survey-tool')).toContainText('Qualtrics');
	const rows = page.locator('[data-testid="score-table"] tbody tr[data-outcome-id]');
	await expect(rows).toHaveCount(4);

	// O2: importance 11 of 11 in 4–5 → 10; satisfaction 1 of 11 → 0.909; 10 + 9.091 = 19.091
	expect(await cell(page, O2, 'opportunity')).toBeCloseTo(10 + (10 - 10 / 11), 10);
	// O1: the unknown label is invalid until mapped: importance 7 of 11 → 6.364
	expect(await cell(page, O1, 'importance')).toBeCloseTo(70 / 11, 10);
	await expect(page.getByTestId('unknown-labels')).toContainText('Sort of important');

	// Bootstrap interval for every outcome, around its score
	await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');
	const ci = page.locator(`tr[data-outcome-id="${O1}"] [data-col="opportunity_ci"]`);
	const opp = await cell(page, O1, 'opportunity');
	expect(Number(await ci.getAttribute('data-low'))).toBeLessThanOrEqual(opp);
	expect(Number(await ci.getAttribute('data-high'))).toBeGreaterThanOrEqual(opp);
	await expect(page.getByTestId('landscape-point')).toHaveCount(4);
	await expect(page.getByTestId('bar-whisker')).toHaveCount(4);

	// Mapping "Sort of important" to 3: O1 importance 7 of 12 → 5.833
	await page.getByTestId('unknown-labels').getByTestId('label-choice').selectOption('3');
	await expect.poll(() => cell(page, O1, 'importance')).toBeCloseTo(70 / 12, 10);

	// Straight-liners: one (R_10); excluding it recomputes everything
	await expect(page.getByTestId('quality-straightlining')).toHaveAttribute('data-count', '1');
	await expect(page.getByTestId('quality-incomplete')).toHaveAttribute('data-count', '1');
	await page.getByTestId('exclude-straightlining').click();
	await expect(page.getByTestId('audit-list')).toContainText('R_10');
	await expect(page.getByTestId('respondent-count')).toHaveAttribute('data-value', '11');
	// O2 without R_10: importance 10 of 10 → 10, satisfaction 0 of 10 → 0 → 20
	await expect.poll(() => cell(page, O2, 'opportunity')).toBe(20);

	// Segments by role: managers against everyone else
	await page.getByTestId('segment-by').selectOption({ label: 'What is your role?' });
	await page.getByTestId('segment-tab').filter({ hasText: 'Manager' }).click();
	const compare = page.getByTestId('compare-table');
	// O3 managers (R_10 out): importance 4 of 4 → 10, satisfaction 0 of 4 → 0 → 20; sales reps 0
	const o3 = `[data-testid="compare-table"] tr[data-outcome-id="${O3}"]`;
	await expect.poll(() => dataValue(page, `${o3} [data-col="difference"]`)).toBe(20);
	expect(await dataValue(page, `${o3} [data-col="segment"]`)).toBe(20);
	expect(await dataValue(page, `${o3} [data-col="rest"]`)).toBe(0);
	await expect(
		compare.locator(`tr[data-outcome-id="${O3}"] [data-col="difference_ci"]`)
	).toBeVisible();

	// The heatmap shows the same numbers, and one small landscape per segment
	const heat = page.getByTestId('segment-heatmap');
	await expect(heat.locator(`[data-row="${O3}"][data-column="Manager"]`)).toHaveAttribute(
		'data-value',
		'20'
	);
	await expect(heat.locator(`[data-row="${O3}"][data-column="Sales rep"]`)).toHaveAttribute(
		'data-value',
		'0'
	);
	await expect(page.getByTestId('small-multiples').getByTestId('landscape')).toHaveCount(2);

	expect(foreign).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('a German SurveyMonkey export with a duplicate id', async ({ page }) => {
	await page.goto('/survey');
	await page.getByTestId('survey-file').setInputFiles(fixture('survey-surveymonkey.csv'));
	await expect(page.getByTestId('survey-tool')).toContainText('SurveyMonkey');
	const s1 = 'Die Zeit minimieren, die es dauert, ein Angebot zu erstellen';
	// importance 5 of 7 → 7.143, satisfaction 2 of 7 → 2.857 → 11.429
	expect(await cell(page, s1, 'opportunity')).toBeCloseTo(50 / 7 + 30 / 7, 10);
	await expect(page.getByTestId('quality-duplicate')).toHaveAttribute('data-count', '1');
	await page.getByTestId('exclude-duplicate').click();
	// without the resubmission: importance 4 of 6, satisfaction 2 of 6 → 6.667 + 3.333 = 10
	await expect.poll(() => cell(page, s1, 'opportunity')).toBeCloseTo(10, 10);
});

test('the sample with its outcome dictionary, a job-step filter, a variant and a filter', async ({
	page
}) => {
	await page.goto('/survey');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const rows = page.locator('[data-testid="score-table"] tbody tr[data-outcome-id]');
	await expect(rows).toHaveCount(36);
	const dictionary = fileURLToPath(new URL('../../data/survey-outcomes.csv', import.meta.url));
	await page.getByTestId('dictionary-file').setInputFiles(dictionary);
	await expect(page.getByTestId('dictionary-status')).toContainText('36 of 36 outcomes matched');
	await page.getByTestId('step-filter').selectOption('Forecast revenue');
	await expect(rows).toHaveCount(5);
	await expect(page.getByTestId('landscape-point')).toHaveCount(5);
	await page.getByTestId('step-filter').selectOption('');

	// Mean-based variant: the landscape's axes say so
	await page.getByRole('radio', { name: /Mean-based/ }).check();
	await expect(page.getByTestId('landscape')).toContainText('Importance (mean rating, 0–10)');

	// Filter to executives: fewer respondents, every figure for them only
	await page.getByTestId('filter-attribute').selectOption({ label: 'role' });
	await page.getByTestId('filter-value').selectOption('"Executive"'); // values are JSON text
	await expect(page.getByTestId('results-bar')).toContainText('only role = “Executive”');
	const count = async () =>
		Number(await page.getByTestId('respondent-count').getAttribute('data-value'));
	await expect.poll(count).toBeLessThan(200);
	expect(await count()).toBeGreaterThan(20);
});

import { readFileSync } from 'node:fs';
import { expect, test, cell, fixture, guardOrigin, guardPage } from './helpers';

test('upload a wide survey, read the scores, the landscape and the export', async ({
	page,
	baseURL
}) => {
	const foreign = guardOrigin(page, baseURL!);
	const guard = guardPage(page);
	await page.goto('/survey');
	await page.locator('input[type=file]').setInputFiles(fixture('survey-wide.csv'));
	const table = page.getByTestId('score-table');
	await expect(table.locator('tbody tr')).toHaveCount(3);

	// speed: imp 5,5,4,4,3,2 → 4 of 6 → 6.667; sat 1,2,2,3,4,1 → 1 of 6 → 1.667; opp 6.667 + 5 = 11.667
	expect(await cell(page, 'speed', 'importance')).toBeCloseTo(20 / 3, 10);
	expect(await cell(page, 'speed', 'satisfaction')).toBeCloseTo(10 / 6, 10);
	expect(await cell(page, 'speed', 'opportunity')).toBeCloseTo(20 / 3 + (20 / 3 - 10 / 6), 10);
	// cost: imp all 4–5 → 10; sat all 1–2 → 0; opp 10 + 10 = 20
	expect(await cell(page, 'cost', 'opportunity')).toBe(20);
	// @risk: imp 1,2,2,3,4,'' → 1 of 5 → 2; sat 5,5,4,4,3,(7 invalid) → 4 of 5 → 8; opp 2 + 0 = 2
	expect(await cell(page, '@risk', 'n_importance')).toBe(5);
	expect(await cell(page, '@risk', 'satisfaction')).toBe(8);
	expect(await cell(page, '@risk', 'opportunity')).toBe(2);
	expect(await cell(page, '@risk', 'invalid')).toBe(1);
	await expect(table.locator('tr[data-outcome-id="@risk"]')).toContainText('Over-served');
	await expect(page.getByTestId('warnings')).toContainText(
		'@risk: 1 invalid rating (value 7) excluded.'
	);
	await expect(page.getByTestId('layout')).toContainText('wide');

	await expect(page.getByTestId('landscape-point')).toHaveCount(3);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-scores').click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8');
	const lines = csv.trim().split('\r\n');
	expect(lines[0]).toBe(
		'id,label,n_importance,n_satisfaction,invalid,importance,satisfaction,opportunity,band,served,formula'
	);
	expect(lines[1]).toMatch(/^cost,cost,6,6,0,10,0,20,extreme,under,/);
	expect(lines.find((l) => l.startsWith('speed'))).toContain(',11.666666666666');
	expect(lines.find((l) => l.includes('risk'))).toMatch(/^'@risk,'@risk,5,5,1,2,8,2,low,over,/);

	expect(foreign).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('a Windows-1252 file keeps its umlauts', async ({ page }) => {
	await page.goto('/survey');
	await page.locator('input[type=file]').setInputFiles(fixture('survey-de-cp1252.csv'));
	const row = page.locator('[data-testid="score-table"] tr[data-outcome-id="Überblick behalten"]');
	await expect(row).toContainText('Überblick behalten');
	// imp 5,4,(4,0 invalid),3 → 2 of 3 → 6.667; sat 2,2,1,5 → 1 of 4 → 2.5; opp 6.667 + 4.167 = 10.833
	expect(await cell(page, 'Überblick behalten', 'opportunity')).toBeCloseTo(
		20 / 3 + (20 / 3 - 2.5),
		10
	);
	await expect(page.getByTestId('import-summary')).toContainText('Windows-1252');
	await expect(page.getByTestId('import-summary')).toContainText('semicolon');
});

test('switching to the plain formula recomputes the scores', async ({ page }) => {
	await page.goto('/survey');
	await page.locator('input[type=file]').setInputFiles(fixture('survey-wide.csv'));
	await expect(page.getByTestId('landscape-point')).toHaveCount(3);
	await page.getByRole('radio', { name: /Plain/ }).check();
	// @risk plain: 2 + (2 − 8) = −4
	await expect.poll(() => cell(page, '@risk', 'opportunity')).toBe(-4);
});

test('the sample data loads with every outcome on the landscape', async ({ page, baseURL }) => {
	const foreign = guardOrigin(page, baseURL!);
	await page.goto('/survey');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const rows = page.locator('[data-testid="score-table"] tbody tr');
	await expect(rows.first()).toBeVisible();
	const n = await rows.count();
	expect(n).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('landscape-point')).toHaveCount(n);
	expect(foreign).toEqual([]);
});

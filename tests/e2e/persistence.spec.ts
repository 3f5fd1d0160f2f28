import { expect, test, fixture } from './helpers';

test('files, lookups, stage edits and filters survive a reload; "Clear all data" forgets them', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-weighted_pipeline')).toHaveAttribute('data-value', '119500');
	await page.getByTestId('lookup-file').setInputFiles(fixture('pipeline/products.csv'));
	await expect(page.getByTestId('import-summary')).toContainText('Lookup: products.csv');

	// D12 (Angebot, 15,000) has no probability in the file, so the stage's counts:
	// 70% → 20% lowers the weighted pipeline by 15,000 × 0.5 = 7,500: 119,500 → 112,000.
	await page.getByTestId('stage-editor').locator('summary').click();
	const prob = page.getByLabel('Probability of Angebot');
	await prob.fill('20');
	await prob.press('Enter');
	await expect(page.getByTestId('kpi-weighted_pipeline')).toHaveAttribute('data-value', '112000');

	// Filter to one owner from the breakdown: Anna Berg has D01 D03 D05 D07 D09 D11.
	await page.locator('[data-testid="breakdown"] button.link', { hasText: 'Anna Berg' }).click();
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '6');

	await page.reload();
	await expect(page.getByTestId('filters')).toContainText('Anna Berg', { timeout: 30_000 });
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '6');
	await expect(page.getByTestId('import-summary')).toContainText('Lookup: products.csv');
	await page.getByTestId('filters').getByRole('button', { name: 'Clear all' }).click();
	await expect(page.getByTestId('kpi-weighted_pipeline')).toHaveAttribute('data-value', '112000');

	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('clear-all').click();
	await expect(page.getByTestId('kpi-deals')).toHaveCount(0);
	await page.reload();
	await expect(page.getByTestId('deals-file')).toBeVisible();
	await page.waitForTimeout(1500);
	await expect(page.getByTestId('kpi-deals')).toHaveCount(0);
});

test('a lookup table joins on the column both files name alike', async ({ page }) => {
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');
	await page.getByTestId('lookup-file').setInputFiles(fixture('pipeline/products.csv'));
	await expect(page.getByTestId('import-summary')).toContainText('Lookup: products.csv');
	await expect(page.getByTestId('import-summary')).toContainText('joined on “Produkt”');
});

test('a survey with mapped labels, exclusions and a formula choice comes back after a reload', async ({
	page
}) => {
	test.setTimeout(90_000);
	const O1 = 'Minimize the time it takes to update a deal after a meeting';
	await page.goto('/survey');
	await page.locator('input[type=file]').first().setInputFiles(fixture('survey-qualtrics.csv'));
	await expect(page.locator('[data-testid="score-table"] tbody tr[data-outcome-id]')).toHaveCount(
		4
	);
	// Mapping "Sort of important" to 3: O1 importance 7 of 12 in 4–5 → 5.833
	await page.getByTestId('unknown-labels').getByTestId('label-choice').selectOption('3');
	await page.getByTestId('exclude-straightlining').click();
	await expect(page.getByTestId('respondent-count')).toHaveAttribute('data-value', '11');
	await page.getByRole('radio', { name: /^Plain/ }).check();
	// Without the straight-liner R_10 (who rated O1 importance 5): 6 of 11 → 5.4545
	const imp = () =>
		page.locator(`tr[data-outcome-id="${O1}"] [data-col="importance"]`).getAttribute('data-value');
	await expect.poll(async () => Number(await imp())).toBeCloseTo(60 / 11, 10);

	await page.reload();
	await expect(page.getByTestId('respondent-count')).toHaveAttribute('data-value', '11', {
		timeout: 30_000
	});
	await expect(page.getByRole('radio', { name: /^Plain/ })).toBeChecked();
	await expect.poll(async () => Number(await imp())).toBeCloseTo(60 / 11, 10);
	await expect(page.getByTestId('audit-list')).toContainText('R_10');
});

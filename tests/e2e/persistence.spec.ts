import { expect, test } from '@playwright/test';
import { fixture } from './helpers';

test('files, lookups, stage edits and filters survive a reload; "Clear all data" forgets them', async ({ page }) => {
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

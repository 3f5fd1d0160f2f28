import { type Page } from '@playwright/test';
import { expect, test, fixture, guardOrigin, guardPage } from './helpers';

const kpi = async (page: Page, key: string) =>
	Number(await page.getByTestId(`kpi-${key}`).getAttribute('data-value'));

test('a German Salesforce report export: mapping detected, KPIs and snapshot funnel', async ({
	page,
	baseURL
}) => {
	const foreign = guardOrigin(page, baseURL!);
	const guard = guardPage(page);
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');

	// Mapping found without a confirm step.
	const selected = (field: string) =>
		page.locator(`select[data-field="${field}"] option:checked`).textContent();
	expect(await selected('amount')).toBe('Opportunity-Betrag');
	expect(await selected('stage')).toBe('Phase');
	expect(await selected('close_date')).toBe('Schlusstermin');
	expect(await selected('probability')).toBe('Wahrscheinlichkeit (%)');

	// 7 open, 3 won, 2 lost → win rate 3 / (3 + 2) = 0.6
	expect(await kpi(page, 'open')).toBe(7);
	expect(await kpi(page, 'won')).toBe(3);
	expect(await kpi(page, 'lost')).toBe(2);
	expect(await kpi(page, 'win_rate_count')).toBeCloseTo(0.6, 12);
	// won 30,000 + 12,500.50 + 7,499.50 = 50,000; lost 25,000 + 5,000 = 30,000 → 50,000 / 80,000
	expect(await kpi(page, 'win_rate_value')).toBeCloseTo(0.625, 12);
	// open: 10,000×10% + 20,000×20% + ('abc': unknown) + 40,000×50% + 50,000×60% + 60,000×90%
	//       + 15,000×70% (no probability in the file: Angebot's 70) = 1,000+4,000+20,000+30,000+54,000+10,500
	expect(await kpi(page, 'weighted_pipeline')).toBeCloseTo(119_500, 6);
	await expect(page.getByTestId('warnings')).toContainText(
		"Opportunity-Betrag: 1 value could not be read (e.g. 'abc')"
	);

	// Snapshot funnel: non-lost deals at or beyond each stage (won count as beyond all).
	await expect(page.getByTestId('funnel-chart')).toHaveAttribute('data-kind', 'snapshot');
	const reached = await page
		.locator('[data-testid="funnel-table"] td[data-col="reached"]')
		.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
	expect(reached).toEqual([10, 9, 8, 7, 6, 4, 3]);
	expect(foreign).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('deals plus stage history give the cohort funnel', async ({ page }) => {
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/sf-opportunity.csv'));
	await expect(page.getByTestId('funnel-chart')).toHaveAttribute('data-kind', 'snapshot');
	await page.getByTestId('history-file').setInputFiles(fixture('pipeline/sf-history.csv'));
	await expect(page.getByTestId('funnel-chart')).toHaveAttribute('data-kind', 'cohort');
	await expect(page.getByTestId('import-summary')).toContainText('sf-history.csv');
	await expect(page.getByTestId('days-in-stage')).toBeVisible();
});

test('clicking a forecast month narrows the deal priorities to it', async ({ page }) => {
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	// The sample loads its stage history after the deals: wait until both are in.
	await expect(page.getByTestId('funnel-chart')).toHaveAttribute('data-kind', 'cohort');
	const bar = page.locator('[data-testid="forecast-bar"][data-month="2027-01"]');
	await bar.click();
	await expect(page.getByTestId('priorities-month')).toContainText('2027-01');
	await expect(bar).toHaveAttribute('aria-pressed', 'true');
	const closes = await page
		.locator('[data-testid="deal-priorities"] tbody td[data-col="close_date"]')
		.allTextContents();
	expect(closes.length).toBeGreaterThan(0);
	for (const c of closes) expect(c.startsWith('2027-01')).toBe(true);
	// The same bar again shows every month.
	await bar.click();
	await expect(page.getByTestId('priorities-month')).toHaveCount(0);
});

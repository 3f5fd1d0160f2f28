import { type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, fixture, guardOrigin, guardPage } from './helpers';

const PAYLOADS = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)'];

async function noInjectedMarkup(page: Page) {
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	expect(await page.locator('svg[onload]').count()).toBe(0);
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	for (const h of hrefs) expect(h).not.toMatch(/^\s*javascript:/i);
}

test('payloads in survey headers, values and file names render as text', async ({ page }) => {
	const guard = guardPage(page);
	await page.goto('/survey');
	await page
		.locator('input[type=file]')
		.first()
		.setInputFiles({
			name: '<img src=x onerror=alert(1)>.csv',
			mimeType: 'text/csv',
			buffer: readFileSync(fixture('xss/survey-xss.csv'))
		});
	const table = page.getByTestId('score-table');
	await expect(table.locator('tbody tr')).toHaveCount(2);
	await expect(table).toContainText(PAYLOADS[1]!);
	await expect(table).toContainText(PAYLOADS[2]!);
	await expect(page.getByTestId('import-summary')).toContainText(
		'<img src=x onerror=alert(1)>.csv'
	);
	await page.getByTestId('landscape-point').first().focus(); // shows the tooltip
	await noInjectedMarkup(page);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('payloads in deal, stage and owner names render as text, also in a shared report', async ({
	page,
	browser
}) => {
	const guard = guardPage(page);
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('xss/deals-xss.csv'));
	await expect(page.getByTestId('deal-priorities')).toContainText(PAYLOADS[0]!);
	await expect(page.getByTestId('deal-priorities')).toContainText(PAYLOADS[1]!);
	await expect(page.getByTestId('stage-editor')).toContainText(PAYLOADS[0]!);
	await noInjectedMarkup(page);
	await page.getByTestId('share').click();
	const url = await page.getByTestId('share-link').inputValue();
	const other = await browser.newPage();
	const g2 = guardPage(other);
	await other.goto(url);
	await expect(other.getByTestId('funnel-chart')).toBeVisible();
	await noInjectedMarkup(other);
	expect(g2).toEqual({ dialogs: [], errors: [] });
	expect(guard).toEqual({ dialogs: [], errors: [] });
	await other.close();
});

test('a full visit — both samples, every page, share, export — talks to no other origin', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	const foreign = guardOrigin(page, baseURL!);
	const guard = guardPage(page);
	await page.goto('/');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('kpi-win_rate_count')).toBeVisible();
	await page.getByRole('link', { name: 'Survey', exact: true }).click();
	await expect(page.getByTestId('landscape-point').first()).toBeVisible();
	const [dl] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-scores').click()
	]);
	expect(await dl.failure()).toBeNull();
	await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
	await expect(page.getByTestId('deal-priorities')).toBeVisible();
	await page.getByTestId('share').click();
	await page.goto(await page.getByTestId('share-link').inputValue());
	await expect(page.getByTestId('kpi-win_rate_count')).toBeVisible();
	await page.getByRole('link', { name: 'Report', exact: true }).click();
	expect(foreign).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('the pages carry the Content-Security-Policy and work under it', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	await page.goto('/pipeline');
	const csp = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	for (const d of [
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"connect-src 'self'",
		"object-src 'none'",
		"form-action 'none'"
	]) {
		expect(csp).toContain(d);
	}
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('kpi-win_rate_count')).toBeVisible();
	expect(violations).toEqual([]);
});

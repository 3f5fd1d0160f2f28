import { expect, test, guardOrigin, guardPage } from './helpers';

test('load both samples, confirm the bridge, share, and open the link in a fresh browser', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const foreign = guardOrigin(page, baseURL!);
	await page.goto('/');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const bridgeButton = page.getByTestId('bridge').getByRole('button', { name: /region/ });
	await bridgeButton.click();
	const rows = page.locator('[data-testid="bridge-table"] tbody tr');
	await expect(rows).toHaveCount(4); // Nord, Ost, Süd, West
	// The four regions' respondents add up to all respondents.
	const resp = await rows
		.locator('[data-col="respondents"]')
		.evaluateAll((tds) => tds.map((t) => Number(t.getAttribute('data-value'))));
	expect(resp.reduce((a, b) => a + b, 0)).toBe(
		Number(await page.getByTestId('kpi-respondents').getAttribute('data-value'))
	);

	const winRate = await page.getByTestId('kpi-win_rate_count').getAttribute('data-value');
	await page.getByTestId('share').click();
	const url = await page.getByTestId('share-link').inputValue();
	expect(url).toMatch(/\/report#r=v1\.[A-Za-z0-9_-]+$/);
	expect(url.length).toBeLessThan(8300);

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const foreign2 = guardOrigin(other, baseURL!);
	const guard = guardPage(other);
	await other.goto(url);
	await expect(other.getByTestId('kpi-win_rate_count')).toHaveAttribute('data-value', winRate!);
	await expect(other.locator('[data-testid="score-table"] tbody tr')).toHaveCount(36);
	expect(foreign2).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
	await fresh.close();
	expect(foreign).toEqual([]);
});

test('the report route draws before (and without) the database', async ({ page }) => {
	await page.goto('/survey');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('landscape-point').first()).toBeVisible();
	const fromSurvey = await page
		.locator('[data-testid="score-table"] tr[data-outcome-id] [data-col="opportunity"]')
		.first()
		.getAttribute('data-value');
	await page.getByRole('link', { name: 'Overview' }).click(); // client-side: the loaded survey stays
	await page.getByTestId('share').click();
	const url = await page.getByTestId('share-link').inputValue();

	const wasm: string[] = [];
	const p2 = await page.context().browser()!.newPage();
	p2.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
	await p2.goto(url);
	await expect(p2.locator('[data-testid="score-table"] tbody tr').first()).toBeVisible();
	expect(
		await p2
			.locator('[data-testid="score-table"] tr[data-outcome-id] [data-col="opportunity"]')
			.first()
			.getAttribute('data-value')
	).toBe(fromSurvey);
	expect(wasm).toEqual([]);
	await p2.close();
});

for (const [name, hash, message] of [
	['unknown version', '#r=v9.AAAA', /newer version/],
	['damaged', '#r=v1.%%%%', /damaged/],
	['not a report', '#r=hello', /not a report link/],
	['too long', `#r=v1.${'A'.repeat(70_000)}`, /too long/],
	[
		'__proto__',
		'#r=v1.q1YqU7Iy1FFKLkpNLElNUbJSMjIwMtM1NNI1MFbSUYqPLyjKL8mPj1eyqlYqyM_JKQUrMqytBQA',
		/refused/
	],
	[
		'schema mismatch',
		'#r=v1.BcE7CoAwEEDBu7w6gkaw2KuIRYhrZRLJD0W8uzMvHZkMPquruiPY0S7DZIdxxlBa7vogL0fKoZ0O4caQtVwp7hprQQguPhhSqz4FLci6fd8P',
		/survey\.respondents/
	]
] as const) {
	test(`a ${name} link shows a clear message`, async ({ page }) => {
		const guard = guardPage(page);
		await page.goto(`/report${hash}`);
		await expect(page.getByRole('alert')).toContainText(message);
		expect(guard).toEqual({ dialogs: [], errors: [] });
	});
}

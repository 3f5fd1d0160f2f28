import { expect, test } from './helpers';

test('the prebuilt sample report is listed on the home page and opens without the database', async ({
	page
}) => {
	const wasm: string[] = [];
	page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
	await page.goto('/');
	await page.getByRole('link', { name: /Sample report/ }).click();
	await expect(page).toHaveURL(/\/reports\/sample$/);
	// Built from data/pipeline-sample.csv: 621 won, 1,011 lost → 621 / 1,632
	const win = Number(await page.getByTestId('kpi-win_rate_count').getAttribute('data-value'));
	expect(win).toBeCloseTo(621 / 1632, 12);
	await expect(page.getByTestId('funnel-chart')).toHaveAttribute('data-kind', 'cohort');
	await expect(page.locator('[data-testid="score-table"] tbody tr')).toHaveCount(36);
	expect(wasm).toEqual([]);
});

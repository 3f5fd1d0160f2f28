/**
 * Screenshots of the survey-in-depth views at 1280 and 420 px, light and dark, for looking at them
 * (not compared automatically). Run with SCREENSHOTS=dir, e.g.
 *   SCREENSHOTS=/tmp/shots CI=true npx playwright test -c playwright.tools.config.ts survey-screens
 */
import { fileURLToPath } from 'node:url';
import { expect, test, fixture } from '../e2e/helpers';

const dir = process.env.SCREENSHOTS;
const dictionary = fileURLToPath(new URL('../../data/survey-outcomes.csv', import.meta.url));

for (const width of [1280, 420]) {
	for (const scheme of ['light', 'dark'] as const) {
		test(`survey views at ${width} px, ${scheme}`, async ({ page }) => {
			test.skip(!dir, 'set SCREENSHOTS=dir to write screenshots');
			test.setTimeout(120_000);
			await page.setViewportSize({ width, height: 900 });
			await page.emulateMedia({ colorScheme: scheme });
			await page.goto('/survey');
			await page.getByRole('button', { name: 'Try sample data' }).click();
			await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');
			await page.getByTestId('dictionary-file').setInputFiles(dictionary);
			await page.getByTestId('exclude-straightlining').click();
			await expect(page.getByTestId('audit-list')).toBeVisible();
			await page.getByTestId('segment-by').selectOption({ label: 'role' });
			await expect(page.getByTestId('segment-heatmap')).toBeVisible();
			await page.getByTestId('run-clusters').click();
			await expect(page.getByTestId('cluster-summary')).toBeVisible({ timeout: 60_000 });
			await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');
			const shot = async (name: string, testid: string) => {
				const el = page.getByTestId(testid).first();
				await el.scrollIntoViewIfNeeded();
				await el.screenshot({ path: `${dir}/${name}-${width}-${scheme}.png` });
			};
			await shot('controls', 'analysis-controls');
			await shot('quality', 'quality-panel');
			await shot('landscape', 'landscape');
			await shot('bars', 'opportunity-bars');
			await shot('table', 'score-table');
			await shot('compare', 'compare-table');
			await shot('heatmap', 'segment-heatmap');
			await shot('multiples', 'small-multiples');
			await shot('clusters', 'cluster-panel');
			await page.getByTestId('landscape-point').first().focus();
			await shot('tooltip', 'landscape');
			await page.getByRole('radio', { name: /Top-box/ }).check();
			await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');
			await shot('landscape-topbox', 'landscape');
		});
	}
}

for (const [width, scheme] of [
	[1280, 'light'],
	[420, 'dark']
] as const) {
	test(`a Qualtrics export's import panels at ${width} px, ${scheme}`, async ({ page }) => {
		test.skip(!dir, 'set SCREENSHOTS=dir to write screenshots');
		await page.setViewportSize({ width, height: 1200 });
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/survey');
		await page.getByTestId('survey-file').setInputFiles(fixture('survey-qualtrics.csv'));
		await expect(page.getByTestId('ci-status')).toHaveAttribute('data-state', 'done');
		await page.screenshot({ path: `${dir}/qualtrics-top-${width}-${scheme}.png` });
		await page.getByTestId('label-mapper').screenshot({
			path: `${dir}/labels-${width}-${scheme}.png`
		});
	});
}

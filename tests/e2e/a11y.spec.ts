import { expect, test } from './helpers';
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';

async function scan(page: Page) {
	const r = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return r.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.nodes
					.slice(0, 3)
					.map((n) => n.target.join(' '))
					.join(' | ')}`
		);
}

for (const scheme of ['light', 'dark'] as const) {
	test.describe(`${scheme} mode`, () => {
		test.use({ colorScheme: scheme });

		test('empty pages have no serious or critical violations', async ({ page }) => {
			for (const path of ['/', '/survey', '/pipeline', '/report', '/reports/sample']) {
				await page.goto(path);
				expect(await scan(page), path).toEqual([]);
			}
		});

		test('loaded pages have no serious or critical violations', async ({ page }) => {
			test.setTimeout(90_000);
			await page.goto('/');
			await page.getByRole('button', { name: 'Try sample data' }).click();
			await page.getByTestId('bridge').getByRole('button').first().click();
			await expect(page.getByTestId('bridge-table')).toBeVisible();
			expect(await scan(page), '/').toEqual([]);
			await page.getByRole('link', { name: 'Survey', exact: true }).click();
			await expect(page.getByTestId('landscape-point').first()).toBeVisible();
			expect(await scan(page), '/survey').toEqual([]);
			await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
			await expect(page.getByTestId('deal-priorities')).toBeVisible();
			expect(await scan(page), '/pipeline').toEqual([]);
		});
	});
}

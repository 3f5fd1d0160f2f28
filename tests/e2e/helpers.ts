import { test as base, expect, type Page } from '@playwright/test';

/**
 * Playwright's test, with `page.goto` waiting until the app has hydrated: a file set on an input
 * before its handler is attached would be lost.
 */
export const test = base.extend({
	page: async ({ page }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			await page.waitForSelector('html[data-ready]', { state: 'attached' });
			return response;
		};
		await use(page);
	}
});
export { expect };
import { fileURLToPath } from 'node:url';

export const fixture = (name: string) =>
	fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Fail the test on any request that leaves the site's own origin. */
export function guardOrigin(page: Page, baseURL: string): string[] {
	const foreign: string[] = [];
	const origin = new URL(baseURL).origin;
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
	});
	return foreign;
}

/** Record dialogs and page errors (script injection or crashes must not happen). */
export function guardPage(page: Page): { dialogs: string[]; errors: string[] } {
	const out = { dialogs: [] as string[], errors: [] as string[] };
	page.on('dialog', (d) => {
		out.dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('pageerror', (e) => out.errors.push(e.message));
	return out;
}

/** Read a numeric cell of the score table. */
export async function cell(page: Page, outcome: string, col: string): Promise<number> {
	const v = await page
		.locator(`[data-testid="score-table"] tr[data-outcome-id="${outcome}"] [data-col="${col}"]`)
		.getAttribute('data-value');
	expect(v, `${outcome}.${col}`).not.toBeNull();
	return Number(v);
}

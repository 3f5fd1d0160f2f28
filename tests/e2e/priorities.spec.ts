import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './helpers';

const countOf = async (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test('deal priorities: search as you type, show more, and a CSV of every match', async ({
	page
}) => {
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const table = page.getByTestId('deal-priorities');
	const rows = table.locator('tbody tr');
	const count = page.getByText(/^[\d,]+ open deals?$/);
	await expect(rows).toHaveCount(25);
	const open = await countOf(await count.textContent());
	expect(open).toBe(Number(await page.getByTestId('kpi-open').getAttribute('data-value')));

	// Show more: 25 + 50 ranked deals, still in order of expected revenue.
	await page.getByRole('button', { name: 'Show 50 more' }).click();
	await expect(rows).toHaveCount(75);
	const expected = await rows
		.locator('[data-col="expected"]')
		.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
	expect(expected).toEqual([...expected].sort((a, b) => b - a));

	// Search (case-insensitive, any of name, account, stage, owner, competitor, next step).
	const owner = (await rows.first().locator('[data-col="owner"]').textContent())!.trim();
	await page.getByRole('searchbox', { name: 'Find a deal' }).fill(owner.toLowerCase());
	await expect(count).not.toHaveText(`${open.toLocaleString('en')} open deals`);
	const found = await countOf(await count.textContent());
	expect(found).toBeGreaterThan(0);
	expect(found).toBeLessThan(open);
	const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
	expect(shown.length).toBe(Math.min(found, 75));
	for (const text of shown) expect(text.toLowerCase()).toContain(owner.toLowerCase());

	// The CSV holds every match, not only the rows on screen.
	const [dl] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download Deal priorities as CSV' }).click()
	]);
	const csv = Papa.parse<string[]>(
		(await readFile((await dl.path())!, 'utf8')).replace(/^\ufeff/, ''),
		{
			skipEmptyLines: true
		}
	).data;
	expect(csv.length - 1).toBe(found);
	for (const r of csv.slice(1)) expect(r.join(' ').toLowerCase()).toContain(owner.toLowerCase());

	// Clearing the search brings every open deal back.
	await page.getByRole('searchbox', { name: 'Find a deal' }).fill('');
	await expect(count).toHaveText(`${open.toLocaleString('en')} open deals`);
});

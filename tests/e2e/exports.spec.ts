/**
 * Exports: charts as SVG and PNG (white background, title, legend, source note), tables as
 * formula-safe CSV, and the print stylesheet. Set EXPORT_SAVE_DIR to keep the downloaded files.
 */
import { type Download, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, fixture, guardOrigin, guardPage } from './helpers';

const SAVE = process.env.EXPORT_SAVE_DIR;

/** Clicks `button`, waits for the download and returns its name and bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
	const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
	return { name: dl.suggestedFilename(), bytes: await bytesOf(dl) };
}
async function bytesOf(dl: Download): Promise<Buffer> {
	if (SAVE) {
		mkdirSync(SAVE, { recursive: true });
		await dl.saveAs(join(SAVE, dl.suggestedFilename()));
	}
	return readFile((await dl.path())!);
}

/** Parses CSV text (BOM stripped) into rows of strings. */
function parseCsv(text: string): string[][] {
	expect(text.charCodeAt(0), 'UTF-8 BOM for Excel').toBe(0xfeff);
	const r = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(r.errors).toEqual([]);
	return r.data;
}

/** Records CSP violations reported on the console. */
function guardCsp(page: Page): string[] {
	const out: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) out.push(m.text());
	});
	return out;
}

/** What the exported SVG holds, read with the browser's own XML parser. */
async function inspectSvg(page: Page, text: string) {
	return page.evaluate((t) => {
		const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
		const error = doc.querySelector('parsererror')?.textContent ?? null;
		const root = doc.documentElement;
		const bg = root.querySelector(':scope > rect');
		return {
			error,
			root: root.localName,
			width: Number(root.getAttribute('width')),
			height: Number(root.getAttribute('height')),
			bg: bg
				? {
						fill: bg.getAttribute('fill'),
						width: Number(bg.getAttribute('width')),
						height: Number(bg.getAttribute('height'))
					}
				: null,
			texts: Array.from(root.querySelectorAll('text')).map((e) => e.textContent ?? ''),
			scripts: root.querySelectorAll('script, foreignObject').length
		};
	}, text);
}

test('pipeline sample: forecast chart as SVG and PNG, tables as CSV', async ({ page, baseURL }) => {
	test.setTimeout(90_000);
	const foreign = guardOrigin(page, baseURL!);
	const guard = guardPage(page);
	const csp = guardCsp(page);
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const chart = page.getByTestId('forecast-chart');
	await expect(chart.locator('[data-testid="forecast-bar"]').first()).toBeVisible();
	const frame = page.locator('.chart-frame', { has: chart });

	// SVG
	const svgFile = await download(page, frame.getByTestId('export-svg'));
	expect(svgFile.name).toMatch(/^forecast-by-close-month-\d{4}-\d{2}-\d{2}\.svg$/);
	const date = svgFile.name.match(/(\d{4}-\d{2}-\d{2})/)![1];
	const svg = await inspectSvg(page, svgFile.bytes.toString('utf8'));
	expect(svg.error).toBeNull();
	expect(svg.root).toBe('svg');
	expect(svg.bg).toEqual({ fill: '#ffffff', width: svg.width, height: svg.height });
	expect(svg.texts).toContain('Forecast by close month');
	for (const l of ['Closed won', 'Commit', 'Best case', 'Pipeline', 'Weighted'])
		expect(svg.texts).toContain(l);
	expect(svg.texts).toContain(`Opportunity Lens · pipeline-sample.csv · ${date}`);
	expect(
		svg.texts.some((t) => /€\d/.test(t)),
		'axis labels'
	).toBe(true);
	expect(svg.scripts).toBe(0);

	// PNG: signature, and at least twice the chart's on-screen size.
	const box = (await chart.locator('.layercake-container').boundingBox())!;
	const png = await download(page, frame.getByTestId('export-png'));
	expect(png.name).toMatch(/^forecast-by-close-month-\d{4}-\d{2}-\d{2}\.png$/);
	expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
	const w = png.bytes.readUInt32BE(16);
	const h = png.bytes.readUInt32BE(20);
	expect(w).toBeGreaterThanOrEqual(2 * box.width);
	expect(h).toBeGreaterThanOrEqual(2 * box.height);
	expect(w).toBe(2 * svg.width);
	expect(h).toBe(2 * svg.height);

	// The forecast table's CSV: one row per month, raw numbers.
	const forecastCsv = parseCsv(
		(
			await download(
				page,
				page.getByRole('button', { name: 'Download Forecast by close month as CSV' })
			)
		).bytes.toString('utf8')
	);
	expect(forecastCsv[0]).toEqual([
		'Month',
		'Closed won',
		'Commit',
		'Best case',
		'Pipeline',
		'Weighted'
	]);
	expect(forecastCsv.length - 1).toBe(
		await page.locator('[data-testid="forecast-table"] tbody tr').count()
	);
	expect(forecastCsv[1]![0]).toMatch(/^\d{4}-\d{2}$/);
	for (const cell of forecastCsv.slice(1).flatMap((r) => r.slice(1)))
		expect(cell).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/);

	// Priorities: every deal the table lists (25 shown at a time), raw numbers.
	const prio = parseCsv(
		(
			await download(page, page.getByRole('button', { name: 'Download Deal priorities as CSV' }))
		).bytes.toString('utf8')
	);
	expect(prio[0]?.slice(0, 6)).toEqual(['Rank', 'Deal ID', 'Deal', 'Account', 'Stage', 'Amount']);
	const open = Number(
		(await page.getByText(/^[\d,]+ open deals$/).textContent())!.replace(/\D/g, '')
	);
	expect(prio.length - 1).toBe(open);
	const firstAmount = await page
		.locator('[data-testid="deal-priorities"] tbody tr')
		.first()
		.locator('[data-col="amount"]')
		.getAttribute('data-value');
	expect(prio[1]![5]).toBe(String(Number(firstAmount)));

	expect(foreign).toEqual([]);
	expect(guard).toEqual({ dialogs: [], errors: [] });
	expect(csp).toEqual([]);
});

test('every pipeline chart exports a well-formed SVG with its title and source note', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('days-in-stage').locator('svg').first()).toBeVisible();
	const buttons = page.getByTestId('export-svg');
	const n = await buttons.count();
	expect(n).toBe(5); // forecast, funnel, win rate, days in stage, aging
	for (let i = 0; i < n; i++) {
		const title = (await buttons.nth(i).getAttribute('aria-label'))!.replace(
			/^Download (.*) as SVG$/,
			'$1'
		);
		const file = await download(page, buttons.nth(i));
		const svg = await inspectSvg(page, file.bytes.toString('utf8'));
		expect(svg.error, title).toBeNull();
		expect(svg.bg?.fill, title).toBe('#ffffff');
		expect(svg.texts, title).toContain(title);
		expect(
			svg.texts.some((t) => t.startsWith('Opportunity Lens · pipeline-sample.csv · ')),
			title
		).toBe(true);
		expect(svg.texts.length, `${title}: chart text`).toBeGreaterThan(5);
	}
});

test('dark mode: the exported SVG still uses the light palette on white', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	const chart = page.getByTestId('forecast-chart');
	await expect(chart.locator('[data-testid="forecast-bar"]').first()).toBeVisible();
	const frame = page.locator('.chart-frame', { has: chart });
	const text = (await download(page, frame.getByTestId('export-svg'))).bytes.toString('utf8');
	expect(text).toContain('fill="#ffffff"');
	expect(text).toContain('#2a8c5a'); // light closed won…
	expect(text).not.toContain('#46b980'); // …not the dark one
	expect(text).not.toMatch(/fill:#e6e9ee/); // no light-on-white text
	// The page itself is back to dark once the export is done.
	const bg = await page.evaluate(() =>
		getComputedStyle(document.querySelector('.chart-frame')!).getPropertyValue('--bg')
	);
	expect(bg.trim()).toBe('#12161c');
});

test('CSV exports are formula-safe, multi-line cells included', async ({ page }) => {
	const guard = guardPage(page);
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('exports/formula-deals.csv'));
	const table = page.getByTestId('deal-priorities');
	await expect(table.locator('tbody tr')).toHaveCount(6);

	const prio = parseCsv(
		(
			await download(page, page.getByRole('button', { name: 'Download Deal priorities as CSV' }))
		).bytes.toString('utf8')
	);
	const header = prio[0]!;
	const rows = prio.slice(1);
	expect(rows).toHaveLength(6);
	const col = (name: string) => header.indexOf(name);
	const byName = (n: string) => rows.find((r) => r[col('Deal')] === n)!;

	expect(rows.map((r) => r[col('Deal')])).toContain(`'=HYPERLINK("http://x")`);
	const hyper = byName(`'=HYPERLINK("http://x")`);
	expect(hyper[col('Amount')]).toBe('12000');
	expect(hyper[col('Probability (%)')]).toBe('75');
	expect(hyper[col('Expected')]).toBe('9000');
	expect(hyper[col('Close date')]).toBe('2027-01-15');
	// The two-line cell stays one cell of one row; its second line is text inside the cell.
	const globex = byName('Globex expansion');
	expect(globex[col('Next step')]).toBe('line1\n=cmd');
	expect(globex[col('Competitor')]).toBe("'-Rival");
	expect(byName('Trading pilot')[col('Account')]).toBe("'+49 Trading");
	expect(byName('Trading pilot')[col('Owner')]).toBe("'@sales team");
	expect(byName('Initech rollout')[col('Next step')]).toBe("'@mention the CFO");
	expect(byName('Hooli upgrade')[col('Next step')]).toBe("'-follow up");
	for (const cell of rows.flat())
		expect(cell, 'no cell may start a formula').not.toMatch(/^[=+\-@\t\r]/);

	// Breakdown by owner: same rows as the table, the '@' owner neutralised, rates unformatted.
	const dim = page.getByLabel('Break down by');
	if ((await dim.locator('option[value="owner"]').count()) > 0) await dim.selectOption('owner');
	const bd = parseCsv(
		(
			await download(page, page.getByRole('button', { name: /^Download Breakdown by .* as CSV$/ }))
		).bytes.toString('utf8')
	);
	expect(bd[0]!.slice(1)).toEqual([
		'Deals',
		'Open',
		'Won',
		'Lost',
		'Win rate',
		'Open amount',
		'Weighted',
		'Won amount'
	]);
	expect(bd.length - 1).toBe(await page.locator('[data-testid="breakdown"] tbody tr').count());
	expect(bd.map((r) => r[0])).toContain("'@sales team");
	const anna = bd.find((r) => r[0] === 'Anna Berg')!;
	expect(anna.slice(1, 6)).toEqual(['4', '3', '0', '1', '0']); // 3 open, 1 lost → win rate 0
	const ben = bd.find((r) => r[0] === 'Ben Kurz')!;
	expect(ben.slice(1, 6)).toEqual(['3', '2', '1', '0', '1']);
	expect(ben[8]).toBe('10000');
	for (const cell of bd.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('print: navigation, file inputs and buttons are hidden; charts and tables stay', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('forecast-bar').first()).toBeVisible();
	await page.emulateMedia({ media: 'print', colorScheme: 'dark' });

	await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expect(page.getByTestId('deals-file')).toBeHidden();
	await expect(page.locator('input[type="file"]')).toHaveCount(
		await page.locator('input[type="file"]:not(:visible)').count()
	);
	await expect(page.getByTestId('export-png').first()).toBeHidden();
	await expect(page.getByTestId('export-csv').first()).toBeHidden();
	await expect(page.getByTestId('share')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Try sample data' })).toBeHidden();
	await expect(page.getByTestId('forecast-chart')).toBeVisible();
	await expect(page.getByTestId('deal-priorities')).toBeVisible();
	// Light colours even on a dark-mode screen.
	const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	expect(bg).toBe('rgb(255, 255, 255)');
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).color)).toBe(
		'rgb(29, 36, 48)'
	);
	if (SAVE) {
		mkdirSync(SAVE, { recursive: true });
		await page.screenshot({ path: join(SAVE, 'print-pipeline.png'), fullPage: true });
		await page
			.pdf?.({ path: join(SAVE, 'print-pipeline.pdf'), format: 'A4' })
			.catch(() => undefined);
	}
});

import { openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { expect, test, fixture, guardPage } from './helpers';

/** A deals export big enough that loading it takes well over half a second. */
function bigDeals(path: string, rows: number): void {
	const lines = ['Opportunity Name;Opportunity Owner;Stage;Amount;Close Date'];
	const stages = ['Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
	for (let i = 0; i < rows; i++) {
		const day = String((i % 28) + 1).padStart(2, '0');
		lines.push(`Deal ${i};Owner ${i % 40};${stages[i % 5]};${1000 + (i % 997)},50;${day}.06.2027`);
	}
	writeFileSync(path, lines.join('\r\n') + '\r\n');
}

test('a long load shows its steps and can be cancelled; the engine then loads the next file', async ({
	page
}, testInfo) => {
	const guard = guardPage(page);
	const path = testInfo.outputPath('big-deals.csv');
	bigDeals(path, 300_000);
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(path);

	const bar = page.getByTestId('load-progress');
	await expect(bar).toBeVisible();
	await expect(bar).toContainText('Loading big-deals.csv');
	// The current step is named and marked; the steps are listed in order.
	await expect(bar.locator('li[aria-current="step"]')).toHaveCount(1);
	await expect(bar.locator('li')).toHaveText([
		/Reading the file/,
		'Checking every row',
		'Loading into the engine',
		'Reading columns and types',
		'Computing the figures'
	]);
	await page.getByTestId('cancel-load').click();

	await expect(page.getByRole('alert')).toContainText('Loading big-deals.csv was cancelled.');
	await expect(bar).toBeHidden();
	await expect(page.getByTestId('kpi-deals')).toHaveCount(0);

	// Nothing is stuck: the next file loads normally.
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('a file too big for the tab is refused with a clear message and the loaded data stays', async ({
	page
}, testInfo) => {
	const guard = guardPage(page);
	// 500 MB, sparse on disk: the page refuses it from its size before reading a byte.
	const path = testInfo.outputPath('huge-export.csv');
	const fd = openSync(path, 'w');
	ftruncateSync(fd, 500 * 1024 * 1024);
	closeSync(fd);

	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');
	await page.getByTestId('deals-file').setInputFiles(path);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('huge-export.csv (500 MB) is too big for a browser tab');
	await expect(alert).toContainText('npm run cli -- pipeline FILE --report report.json');
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');

	await page.goto('/survey');
	await page.locator('input[type="file"]').first().setInputFiles(path);
	await expect(page.getByRole('alert')).toContainText('huge-export.csv (500 MB) is too big');
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

test('a file chosen while the saved session is being restored wins, without errors', async ({
	page
}) => {
	const guard = guardPage(page);
	await page.goto('/pipeline');
	await page.getByRole('button', { name: 'Try sample data' }).click();
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '2480');
	// The sample (deals + history) is saved; a new visit starts restoring it at once.
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');
	await page.waitForTimeout(1000);
	await expect(page.getByTestId('kpi-deals')).toHaveAttribute('data-value', '12');
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(guard).toEqual({ dialogs: [], errors: [] });
});

import { expect, test, fixture } from './helpers';

test('switching to German translates the page, writes numbers the German way and is remembered', async ({
	page
}) => {
	await page.goto('/pipeline');
	await page.getByTestId('deals-file').setInputFiles(fixture('pipeline/de-report.csv'));
	const weighted = page.getByTestId('kpi-weighted_pipeline');
	const winRate = page.getByTestId('kpi-win_rate_count');
	await expect(weighted).toHaveAttribute('data-value', '119500');
	// English: 119,500 → compact €119.5K; win rate 3 / (3 + 2) = 0.6 → 60.0%.
	await expect(weighted).toContainText('Weighted pipeline');
	await expect(weighted).toContainText('€119.5K');
	await expect(winRate).toContainText('60.0%');

	await page.getByTestId('locale').selectOption('de');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toContainText(
		'Übersicht'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Pipeline → Konversion und Prognose'
	);
	// German: thousands with '.', no short word for thousands, the sign after the number;
	// 60,0 % with a decimal comma and a space before the percent sign.
	await expect(weighted).toContainText('Gewichtete Pipeline');
	await expect(weighted).toContainText(/119\.500\s€/);
	await expect(winRate).toContainText(/60,0\s%/);
	// The machine-readable value does not change with the language.
	await expect(weighted).toHaveAttribute('data-value', '119500');

	// Remembered across a reload (the deals come back from storage too).
	await page.reload();
	await page.waitForSelector('html[data-ready]', { state: 'attached' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByTestId('kpi-weighted_pipeline')).toContainText(/119\.500\s€/);

	// The survey page speaks German as well.
	await page.goto('/survey');
	await page.getByTestId('survey-file').setInputFiles(fixture('survey-wide.csv'));
	const header = page.getByTestId('score-table').locator('thead');
	await expect(header).toContainText('Wichtigkeit');
	await expect(header).toContainText('Zufriedenheit');

	// And back.
	await page.getByTestId('locale').selectOption('en');
	await expect(header).toContainText('Importance');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('a German browser', () => {
	test.use({ locale: 'de-DE' });
	test('opens in German on the first visit', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(page.getByTestId('locale')).toHaveValue('de');
		await expect(page.getByTestId('clear-all')).toHaveText('Alle Daten löschen');
	});
});

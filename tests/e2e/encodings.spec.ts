import { expect, test } from './helpers';

/** Encode text the way each tool would write it (only the characters used here for Windows-1252). */
const CP1252: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93 };
function encode(text: string, encoding: string): Buffer {
	switch (encoding) {
		case 'utf-8':
			return Buffer.from(text, 'utf8');
		case 'utf-8-bom':
			return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
		case 'utf-16le':
			return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		default: // windows-1252 and iso-8859-1: one byte per character
			return Buffer.from([...text].map((c) => CP1252[c] ?? c.charCodeAt(0)));
	}
}

const CASES = [
	{ encoding: 'utf-8', label: 'UTF-8', outcome: 'Größe „Ü“ € 3' },
	{ encoding: 'utf-8-bom', label: 'UTF-8 with BOM', outcome: 'Größe „Ü“ € 3' },
	{ encoding: 'windows-1252', label: 'Windows-1252', outcome: 'Größe „Ü“ € 3' },
	{ encoding: 'iso-8859-1', label: 'Windows-1252', outcome: 'Größe Ü ß é' },
	{ encoding: 'utf-16le', label: 'UTF-16 LE', outcome: 'Größe „Ü“ € 3' }
];

for (const c of CASES) {
	test(`a ${c.encoding} survey keeps its characters and says how it was read`, async ({ page }) => {
		const csv = `respondent_id;Region;imp_${c.outcome};sat_${c.outcome}\r\n1;Süd;5;1\r\n2;Nord;4;2\r\n3;Süd;2;5\r\n`;
		await page.goto('/survey');
		await page.getByTestId('survey-file').setInputFiles({
			name: `${c.encoding}.csv`,
			mimeType: 'text/csv',
			buffer: encode(csv, c.encoding)
		});
		const row = page.locator(`[data-testid="score-table"] tr[data-outcome-id="${c.outcome}"]`);
		await expect(row).toContainText(c.outcome);
		// imp 5,4,2 → 2 of 3 → 6.667; sat 1,2,5 → 1 of 3 → 3.333; opp 6.667 + 3.333 = 10
		await expect(row.locator('[data-col="opportunity"]')).toHaveAttribute(
			'data-value',
			/^10(\.0+\d*)?$|^9\.9999/
		);
		await expect(page.getByTestId('preview-encoding')).toHaveText(c.label);
		await page.getByTestId('file-preview').locator('summary').click();
		await expect(page.getByTestId('preview-column').nth(1)).toContainText('Region');
	});
}

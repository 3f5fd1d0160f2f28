import { describe, expect, it } from 'vitest';
import {
	clean,
	detectDateFormat,
	detectNumberFormat,
	detectProbabilityFormat,
	fullYear,
	isAmbiguousDate,
	parseDate,
	parseNumber,
	type DateFormat,
	type NumberFormat
} from './parse-format';

const DE: NumberFormat = { decimal: ',', thousands: '.', percent: false, currency: null, scale: 1 };
const US: NumberFormat = { decimal: '.', thousands: ',', percent: false, currency: '$', scale: 1 };
const DMY: DateFormat = { order: 'dmy', sep: '.', hasTime: false, yearDigits: 4 };

describe('detectNumberFormat', () => {
	it('German amounts with a euro sign', () => {
		const f = detectNumberFormat(['12.500,00', '1.234,50 €', '7,5'])!;
		expect(f).toEqual({ decimal: ',', thousands: '.', percent: false, currency: '€', scale: 1 });
		expect(parseNumber('12.500,00', f)).toBe(12500); // 12·1000 + 500
		expect(parseNumber('1.234,50 €', f)).toBe(1234.5); // 1·1000 + 234 + 0.50
		expect(parseNumber('€ -7,5', f)).toBe(-7.5);
	});
	it('US amounts with dollars and accounting negatives', () => {
		const f = detectNumberFormat(['$1,234.50', '$99', '(1,234.00)'])!;
		expect(f).toMatchObject({ decimal: '.', thousands: ',', currency: '$' });
		expect(parseNumber('$1,234.50', f)).toBe(1234.5);
		expect(parseNumber('(1,234.00)', f)).toBe(-1234); // parentheses = minus
	});
	it('percent signs are optional: 75% and 75 are both 75', () => {
		const f = detectNumberFormat(['75%', '75', '10 %'])!;
		expect(f.percent).toBe(true);
		expect([parseNumber('75%', f), parseNumber('75', f), parseNumber('10 %', f)]).toEqual([
			75, 75, 10
		]);
	});
	it('a lone 1.234 is a decimal unless the file is German', () => {
		expect(parseNumber('-1.234', detectNumberFormat(['-1.234'])!)).toBe(-1.234);
		const de = detectNumberFormat(['-1.234', '1.234'], { decimalComma: true })!;
		expect(de).toMatchObject({ decimal: ',', thousands: '.' });
		expect(parseNumber('-1.234', de)).toBe(-1234); // 1·1000 + 234
	});
	it('values settle what the hint only suggests', () => {
		// 12.5 cannot be a thousands group (one digit after the dot), so '.' is the decimal mark
		const f = detectNumberFormat(['1.234', '12.5'], { decimalComma: true })!;
		expect(f).toMatchObject({ decimal: '.', thousands: null });
		expect(parseNumber('1.234', f)).toBe(1.234);
	});
	it('a lone 1,234 is a thousand in English, 1.234 in German', () => {
		expect(parseNumber('1,234', detectNumberFormat(['1,234'])!)).toBe(1234);
		expect(parseNumber('1,234', detectNumberFormat(['1,234'], { decimalComma: true })!)).toBe(
			1.234
		);
	});
	it('space and apostrophe thousands', () => {
		const fr = detectNumberFormat(['1\u00a0234,50', '12 500'])!;
		expect(fr).toMatchObject({ decimal: ',', thousands: ' ' });
		expect(parseNumber('1\u202f234,50', fr)).toBe(1234.5); // narrow NBSP counts as a space
		const ch = detectNumberFormat(["1'234.50", "CHF 12'500"])!;
		expect(ch).toMatchObject({ decimal: '.', thousands: "'", currency: 'CHF' });
		expect(parseNumber("CHF 12'500", ch)).toBe(12500);
	});
	it('no number at all → null; bad values do not spoil the rest', () => {
		expect(detectNumberFormat(['abc', 'n/a', ''])).toBeNull();
		const f = detectNumberFormat(['1.234,50', '99,9', 'abc', '12,5,3'])!;
		expect(f).toMatchObject({ decimal: ',', thousands: '.' });
	});
	it('unreadable values are null, never 0', () => {
		for (const bad of [
			'abc',
			'',
			' ',
			'1e5',
			'--5',
			'(5',
			'5)',
			'1.23.4',
			'12,5,3',
			'€€5',
			'$5',
			'0.750'
		])
			expect(parseNumber(bad, { ...DE, currency: '€' }), bad).toBeNull();
		expect(parseNumber(null, DE)).toBeNull();
		expect(parseNumber('€9', US)).toBeNull(); // another currency than the column's
		expect(parseNumber('−5', DE)).toBe(-5); // U+2212 minus
		expect(parseNumber('+5', DE)).toBe(5);
		expect(parseNumber(',5', DE)).toBe(0.5);
		expect(parseNumber('1234,5', DE)).toBe(1234.5); // ungrouped is fine too
	});
});

describe('detectProbabilityFormat', () => {
	it('fractions become 0–100', () => {
		const f = detectProbabilityFormat(['0,75', '0,1', '1'])!;
		expect(f.scale).toBe(100);
		expect(parseNumber('0,75', f)).toBe(75); // 0.75 × 100
		expect(parseNumber('1', f)).toBe(100);
	});
	it('whole numbers, percent signs or only 0 and 1 stay as written', () => {
		expect(detectProbabilityFormat(['10', '75', '100'])!.scale).toBe(1);
		expect(detectProbabilityFormat(['0.5%', '1%'])!.scale).toBe(1);
		expect(detectProbabilityFormat(['0', '1'])!.scale).toBe(1);
	});
});

describe('detectDateFormat', () => {
	it('ISO dates, with and without time', () => {
		expect(detectDateFormat(['2024-03-05', '2024-12-31'])).toEqual({
			order: 'ymd',
			sep: '-',
			hasTime: false,
			yearDigits: 4
		});
		const t = detectDateFormat(['2024-03-05 14:22:01', '2024-03-06', '2024-03-07T09:00:00Z']);
		expect(t).toEqual({ order: 'ymd', sep: '-', hasTime: true, yearDigits: 4 });
		expect(parseDate('2024-03-07T09:00:00Z', t as DateFormat)).toBe('2024-03-07');
		expect(parseDate('2024-03-07T09:00:00.123+01:00', t as DateFormat)).toBe('2024-03-07');
	});
	it('dots mean day first', () => {
		expect(detectDateFormat(['05.03.2024', '01.02.2024'])).toEqual(DMY);
		expect(parseDate('05.03.2024', DMY)).toBe('2024-03-05');
	});
	it('a field above 12 settles the order', () => {
		expect(detectDateFormat(['13/02/2024', '01/02/2024'])).toMatchObject({ order: 'dmy' });
		expect(detectDateFormat(['03/05/2024', '12/25/2024'])).toMatchObject({ order: 'mdy' });
	});
	it('stays ambiguous when nothing settles it, unless the source is known', () => {
		const a = detectDateFormat(['01/02/2024', '03/04/2024']);
		expect(isAmbiguousDate(a)).toBe(true);
		if (isAmbiguousDate(a)) expect(a.candidates.map((c) => c.order).sort()).toEqual(['dmy', 'mdy']);
		const us = detectDateFormat(['3/5/24', '11/1/24 2:22 PM'], { order: 'mdy' }) as DateFormat;
		expect(us).toEqual({ order: 'mdy', sep: '/', hasTime: true, yearDigits: 2 });
		expect(parseDate('3/5/24', us)).toBe('2024-03-05'); // 24 < 70 → 2024
		expect(parseDate('11/1/24 2:22 PM', us)).toBe('2024-11-01');
	});
	it('not dates → null', () => {
		expect(detectDateFormat(['abc', '12', '1.234,50'])).toBeNull();
	});
});

describe('parseDate', () => {
	it('checks the calendar', () => {
		expect(parseDate('29.02.2024', DMY)).toBe('2024-02-29'); // 2024 is a leap year
		expect(parseDate('29.02.2023', DMY)).toBeNull();
		expect(parseDate('31.04.2024', DMY)).toBeNull(); // April has 30 days
		expect(parseDate('01.13.2024', DMY)).toBeNull();
		expect(parseDate('00.01.2024', DMY)).toBeNull();
		expect(parseDate('5.3.2024', DMY)).toBe('2024-03-05');
		expect(parseDate('05.03.2024 14:22', DMY)).toBeNull(); // no time part in this format
		expect(parseDate(null, DMY)).toBeNull();
	});
	it('two-digit years pivot at 70', () => {
		expect([fullYear('00'), fullYear('69'), fullYear('70'), fullYear('99')]).toEqual([
			2000, 2069, 1970, 1999
		]);
	});
	it('clean() folds non-breaking spaces and trims', () => {
		expect(clean('\u00a0 05.03.2024\t')).toBe('05.03.2024');
	});
});

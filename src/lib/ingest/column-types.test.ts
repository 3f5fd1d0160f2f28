import { describe, expect, it } from 'vitest';
import { columnType, detectColumnTypes } from './column-types';

describe('columnType', () => {
	it.each([
		[['1', '-2', '+3'], 'integer'],
		[['1.5', '2', '1,234.50'], 'decimal'],
		[['1,5', '2', '1.234,50'], 'decimal-comma'],
		[['2024-01-31', '01.02.2024', '1/2/24'], 'date'],
		[['2024-01-31 10:00', '2024-01-31T10:00:00Z', '2024-02-01'], 'datetime'],
		[['ja', 'Nein', 'TRUE'], 'boolean'],
		[['1', 'x'], 'text'],
		[['1.5', '1,5'], 'text'],
		[['', ' '], 'empty']
	] as const)('%j → %s', (values, type) => {
		expect(columnType(values)).toBe(type);
	});
	it('settles 1.234 (decimal or thousands?) by the file: comma-first for ;-files', () => {
		expect(columnType(['1.234', '2.500'])).toBe('decimal');
		expect(columnType(['1.234', '2.500'], true)).toBe('decimal-comma');
	});
});

describe('detectColumnTypes', () => {
	it('types each column and ignores records of another width', () => {
		expect(
			detectColumnTypes(
				[
					['1', 'a', ''],
					['2', '3,5', ''],
					['x', 'y']
				],
				3
			)
		).toEqual(['integer', 'text', 'empty']);
	});
});

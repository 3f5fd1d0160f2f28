import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from './csv-export';

describe('CSV export', () => {
	it('neutralises formula starts, including in multi-line cells', () => {
		for (const s of ['=1+1', '+1', '-x', '@SUM(A1)', '\tx', '\rx', '\0x']) {
			expect(safeCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
		}
		expect(safeCell('=A1\n=B2')).toBe(`"'=A1\n=B2"`);
	});
	it('keeps numbers as numbers and quotes what needs it', () => {
		expect(safeCell(-3.5)).toBe('-3.5');
		expect(safeCell(12.037037037037036)).toBe('12.037037037037036');
		expect(safeCell('a,b')).toBe('"a,b"');
		expect(safeCell('say "hi"')).toBe('"say ""hi"""');
		expect(safeCell(null)).toBe('');
		expect(toCsv(['x', 'y'], [[1, 'a']])).toBe('x,y\r\n1,a\r\n');
	});
});

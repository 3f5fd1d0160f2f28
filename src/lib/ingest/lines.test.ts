import { describe, expect, it } from 'vitest';
import { linesAtByteOffsets, linesAtOffsets, utf8Length } from './lines';

describe('line numbers', () => {
	it('count CRLF, LF and CR once each, in any order asked', () => {
		expect(linesAtOffsets('a\nb\r\nc\rd', [8, 0, 2, 5, 7])).toEqual([4, 1, 2, 3, 4]);
	});
	it('put the LF of a CRLF on the line the CR ended', () => {
		// DuckDB points at the LF when a rejected line follows a CRLF.
		expect(linesAtOffsets('a\r\nb', [2, 3])).toEqual([2, 2]);
	});
	it('work on UTF-8 bytes', () => {
		const bytes = new TextEncoder().encode('ü\n€\r\nx');
		expect(linesAtByteOffsets(bytes, [0, 3, 8])).toEqual([1, 2, 3]);
	});
});

describe('utf8Length', () => {
	it('matches TextEncoder, surrogate pairs and lone surrogates included', () => {
		for (const s of ['aü€', '😀x', 'a\ud800b', '']) {
			expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
		}
		expect(utf8Length('aü€', 1, 2)).toBe(2);
	});
});

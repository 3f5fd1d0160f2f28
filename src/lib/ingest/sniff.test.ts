import { describe, expect, it } from 'vitest';
import {
	detectNewline,
	guessDelimiter,
	splitSepLine,
	strayLineBreak,
	totalWord,
	unifyLineBreaks
} from './sniff';

describe('splitSepLine', () => {
	it("takes Excel's sep= line, quoted or not, with any line break", () => {
		expect(splitSepLine('sep=;\r\na;b')).toEqual({ delimiter: ';', rest: 'a;b', lines: 1 });
		expect(splitSepLine('"sep=,"\na,b')).toEqual({ delimiter: ',', rest: 'a,b', lines: 1 });
		expect(splitSepLine('SEP=\t\ra\tb')).toEqual({ delimiter: '\t', rest: 'a\tb', lines: 1 });
		expect(splitSepLine('a;b')).toEqual({ delimiter: null, rest: 'a;b', lines: 0 });
	});
	it('reports a sep= naming a delimiter it cannot use', () => {
		expect(splitSepLine('sep=:\na:b')).toEqual({
			delimiter: null,
			rest: 'a:b',
			lines: 1,
			unsupported: ':'
		});
	});
});

describe('guessDelimiter', () => {
	it('picks the delimiter that gives every record the same width', () => {
		expect(guessDelimiter('a;b\n1,5;2,5\n')).toBe(';');
		expect(guessDelimiter('a|b|c\n1|2|3\n')).toBe('|');
		expect(guessDelimiter('just one column\nx\n')).toBe(',');
	});
});

describe('detectNewline', () => {
	it('counts line breaks outside quotes', () => {
		expect(detectNewline('a,b\r\n"x\ny",2\r\n3,4\r\n')).toBe('\r\n');
		expect(detectNewline('a,b\r1,2\r')).toBe('\r');
		expect(detectNewline('a,b\n1,2\r3,4\n')).toBe('\n');
		expect(detectNewline('no line break')).toBe('\n');
	});
	it('still finds the line breaks when an early quote is never closed', () => {
		expect(detectNewline('a,"b\r\nc,d\r\n')).toBe('\r\n');
	});
});

describe('strayLineBreak and unifyLineBreaks', () => {
	it('finds the first line break of another kind, outside quotes', () => {
		expect(strayLineBreak('a\nb\rc\n', '\n', ',')).toBe(3);
		expect(strayLineBreak('a,"x\ry"\nb\n', '\n', ',')).toBe(-1);
		expect(strayLineBreak('a\r\nb\nc\r\n', '\r\n', ',')).toBe(4);
	});
	it('treats a quote inside an unquoted value as a character, like DuckDB', () => {
		// The quote in `Gm"bH` does not open a quoted value, so the LF after it is a line break.
		expect(strayLineBreak('a;Gm"bH\r\nb;c\nd;e\r\n', '\r\n', ';')).toBe(12);
	});
	it('writes every line break outside quotes as LF, one for one', () => {
		expect(unifyLineBreaks('a\r\nb\rc\n"d\re"', ',')).toBe('a\nb\nc\n"d\re"');
		expect(unifyLineBreaks('"x "" \r y",1\r2', ',')).toBe('"x "" \r y",1\n2');
	});
});

describe('totalWord', () => {
	it('recognises total lines by their first value and an empty one', () => {
		expect(totalWord(['Summe', '', '', '12.345'])).toBe('Summe');
		expect(totalWord(['Total', '', '', ''])).toBe('Total');
		expect(totalWord(['', 'Gesamtergebnis:', '7'])).toBe('Gesamtergebnis:');
		expect(totalWord(['Grand Total (EUR)', '', '9'])).toBe('Grand Total (EUR)');
	});
	it('leaves real records alone', () => {
		expect(totalWord(['Total Solutions GmbH', '', '5'])).toBeNull();
		expect(totalWord(['Summe', 'x', 'y'])).toBeNull();
		expect(totalWord(['R0001', 'Total', ''])).toBeNull();
	});
});

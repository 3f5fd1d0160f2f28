import { describe, expect, it } from 'vitest';
import { col, ident, lit } from './sql';

describe('sql helpers', () => {
	it('quotes identifiers and literals', () => {
		expect(ident('x"); DROP TABLE t; --')).toBe('"x""); DROP TABLE t; --"');
		expect(lit("it's")).toBe("'it''s'");
		expect(col(3)).toBe('c3');
	});
});

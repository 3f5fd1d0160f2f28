import { describe, expect, it } from 'vitest';
import { binaryKind, decodeBytes, utf8Stats } from './decode';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeBytes', () => {
	it('reads plain UTF-8 and strips a BOM', () => {
		expect(decodeBytes(new TextEncoder().encode('Größe'))).toEqual({
			text: 'Größe',
			encoding: 'utf-8'
		});
		expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({
			text: 'a',
			encoding: 'utf-8-bom'
		});
	});
	it('falls back to Windows-1252 with € „ “ ü', () => {
		// 0x80 €, 0x84 „, 0x93 “, 0xfc ü
		expect(decodeBytes(bytes(0x80, 0x84, 0x93, 0xfc))).toEqual({
			text: '€„“ü',
			encoding: 'windows-1252'
		});
	});
	it('reads UTF-16 LE with BOM', () => {
		expect(decodeBytes(bytes(0xff, 0xfe, 0x61, 0x00, 0xfc, 0x00))).toEqual({
			text: 'aü',
			encoding: 'utf-16le'
		});
	});
});

describe('decodeBytes on damaged and unusual input', () => {
	it('reads UTF-16 without a BOM from its zero bytes', () => {
		const le = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
		expect(decodeBytes(le)).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-16le' });
		const be = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [0, c.charCodeAt(0)]));
		expect(decodeBytes(be)).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-16be' });
	});
	it('keeps UTF-8 with one damaged byte as UTF-8 and counts the replacement', () => {
		const good = new TextEncoder().encode('Größe;Müller;Ärger;');
		const r = decodeBytes(new Uint8Array([...good, 0xfc]));
		expect([r.encoding, r.replaced, r.text]).toEqual(['utf-8', 1, 'Größe;Müller;Ärger;\ufffd']);
	});
	it('counts damaged bytes after a UTF-8 BOM instead of hiding them', () => {
		const r = decodeBytes(bytes(0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62));
		expect(r).toEqual({ text: 'a\ufffdb', encoding: 'utf-8-bom', replaced: 1 });
	});
	it('keeps a second BOM in the text (the loader strips it, counting its bytes)', () => {
		expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61)).text).toBe('\ufeffa');
	});
	it('counts valid multi-byte sequences and invalid bytes', () => {
		expect(utf8Stats(bytes(0xc3, 0xbc, 0xfc, 0x61))).toEqual({ multi: 1, invalid: 1 });
	});
});

describe('binaryKind', () => {
	const enc = (s: string) => new TextEncoder().encode(s);
	it('names workbooks, PDFs and other binary files', () => {
		expect(binaryKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toContain('.xlsx');
		expect(binaryKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toContain('.xls');
		expect(binaryKind(enc('%PDF-1.7\n'))).toBe('a PDF document');
		expect(binaryKind(new Uint8Array(64).fill(1))).toBe('binary data');
	});
	it('lets text with a few stray control bytes and UTF-16 through', () => {
		expect(binaryKind(enc('a,b\n1,\u0000x\n2,3\n4,5\n'))).toBeNull();
		expect(binaryKind(bytes(0xff, 0xfe, 0x61, 0x00))).toBeNull();
		expect(
			binaryKind(new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0])))
		).toBeNull();
	});
});

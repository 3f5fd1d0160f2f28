import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';

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

/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they say; anything
 * that is not valid UTF-8 is read as Windows-1252 (what Excel writes on German and Western
 * European Windows). Windows-1252 is decoded by our own table because runtimes disagree on
 * 0x80–0x9F (Node maps 0x80 to U+0080 instead of €).
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_LABEL: Record<Encoding, string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 with BOM',
	'utf-16le': 'UTF-16 LE',
	'utf-16be': 'UTF-16 BE',
	'windows-1252': 'Windows-1252'
};

// Windows-1252 0x80–0x9F; undefined positions keep their C1 code point.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** decodeBytes(Uint8Array [0x80]) → { text: '€', encoding: 'windows-1252' }. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

/** decodeWindows1252(Uint8Array [0xfc, 0x80]) → 'ü€'. */
export function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const CHUNK = 8192;
	for (let start = 0; start < bytes.length; start += CHUNK) {
		const end = Math.min(start + CHUNK, bytes.length);
		let s = '';
		for (let i = start; i < end; i++) {
			const b = bytes[i]!;
			s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
		}
		parts.push(s);
	}
	return parts.join('');
}

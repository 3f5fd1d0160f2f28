/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 (with a BOM, or recognised by its zero
 * bytes) are taken as they say; anything that is not valid UTF-8 is read as Windows-1252 (what
 * Excel writes on German and Western European Windows; ISO-8859-1 files decode identically, since
 * they never use 0x80–0x9F) — unless the file is plainly UTF-8 with a few damaged bytes, which are
 * then replaced by U+FFFD and counted. Windows-1252 is decoded by our own table because runtimes
 * disagree on 0x80–0x9F (Node maps 0x80 to U+0080 instead of €).
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_LABEL: Record<Encoding, string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 with BOM',
	'utf-16le': 'UTF-16 LE',
	'utf-16be': 'UTF-16 BE',
	'windows-1252': 'Windows-1252'
};

export interface Decoded {
	text: string;
	encoding: Encoding;
	/** Bytes that were invalid in `encoding` and became U+FFFD; only present when there were some. */
	replaced?: number;
}

// Windows-1252 0x80–0x9F; undefined positions keep their C1 code point.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** decodeBytes(Uint8Array [0x80]) → { text: '€', encoding: 'windows-1252' }. */
export function decodeBytes(bytes: Uint8Array): Decoded {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return utf8(bytes.subarray(3), 'utf-8-bom');
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
	const bomless = utf16Order(bytes);
	if (bomless) return utf16(bytes, bomless);
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
		return { text, encoding: 'utf-8' };
	} catch {
		const { multi, invalid } = utf8Stats(bytes);
		// Windows-1252 text almost never forms valid multi-byte UTF-8 sequences, while UTF-8 text
		// with a damaged byte is full of them: the majority decides.
		if (multi > invalid) return utf8(bytes, 'utf-8');
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

function utf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): Decoded {
	try {
		return {
			text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
			encoding
		};
	} catch {
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		return { text, encoding, replaced: Math.max(1, utf8Stats(bytes).invalid) };
	}
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
	try {
		return {
			text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
			encoding
		};
	} catch {
		const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
		let replaced = 0;
		for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) replaced++;
		return { text, encoding, replaced: Math.max(1, replaced) };
	}
}

/**
 * UTF-16 without a BOM shows as a zero byte in every other position (for Latin text).
 * utf16Order(bytes of 'a,b' in UTF-16 LE) → 'utf-16le'.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	if (n < 4) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	if (oddZero >= pairs * 0.4 && evenZero <= pairs * 0.05) return 'utf-16le';
	if (evenZero >= pairs * 0.4 && oddZero <= pairs * 0.05) return 'utf-16be';
	return null;
}

/** Valid multi-byte UTF-8 sequences and invalid bytes: utf8Stats([0xc3, 0xbc, 0xfc]) → { multi: 1, invalid: 1 }. */
export function utf8Stats(bytes: Uint8Array): { multi: number; invalid: number } {
	let multi = 0;
	let invalid = 0;
	const n = bytes.length;
	for (let i = 0; i < n;) {
		const b = bytes[i]!;
		if (b < 0x80) {
			i++;
			continue;
		}
		const need =
			b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
		let ok = need > 0 && i + need < n;
		for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
		if (ok) {
			multi++;
			i += need + 1;
		} else {
			invalid++;
			i++;
		}
	}
	return { multi, invalid };
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

/**
 * What a file is when it is plainly not delimited text, else null.
 * binaryKind(bytes starting 'PK\x03\x04') → 'a ZIP archive (an Excel .xlsx workbook?)'.
 */
export function binaryKind(bytes: Uint8Array): string | null {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (an Excel .xlsx workbook?)';
	if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'an old Excel .xls workbook';
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
	if (starts(0x1f, 0x8b)) return 'a gzip-compressed file';
	if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff)) return 'an image';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return null;
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return null;
	if (utf16Order(bytes)) return null;
	// Text has next to no control bytes; a few stray ones (NUL, …) are fine.
	const n = Math.min(bytes.length, 4096);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i]!;
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
	}
	return n >= 16 && control > n * 0.1 ? 'binary data' : null;
}

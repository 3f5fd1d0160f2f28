/**
 * Physical line numbers for positions in a file. A line break is CRLF, LF or CR, each counted once,
 * so the numbers match what a text editor shows. One pass up to the last position asked for.
 */

/** 1-based line of each char offset: linesAtOffsets('a\nb\r\nc', [0, 2, 5]) → [1, 2, 3]. */
export function linesAtOffsets(text: string, offsets: readonly number[]): number[] {
	return walk(offsets, (i) => text.charCodeAt(i));
}

/** 1-based line of each byte offset in UTF-8 (or any ASCII-compatible) bytes. */
export function linesAtByteOffsets(bytes: Uint8Array, offsets: readonly number[]): number[] {
	return walk(offsets, (i) => bytes[i] ?? -1);
}

function walk(offsets: readonly number[], at: (i: number) => number): number[] {
	const order = offsets.map((o, k) => [o, k] as const).sort((a, b) => a[0] - b[0]);
	const out = new Array<number>(offsets.length);
	let line = 1;
	let i = 0;
	let prev = -1;
	for (const [offset, k] of order) {
		for (; i < offset; i++) {
			const c = at(i);
			// CRLF counts once: its CR already did.
			if (c === 13 || (c === 10 && prev !== 13)) line++;
			prev = c;
		}
		out[k] = line;
	}
	return out;
}

/**
 * Bytes of the UTF-8 encoding of text[from, to) without encoding it.
 * utf8Length('aü€') → 6.
 */
export function utf8Length(text: string, from = 0, to = text.length): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				n += 4;
				i++;
			} else n += 3;
		} else n += 3;
	}
	return n;
}

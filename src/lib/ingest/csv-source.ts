/**
 * From the file's bytes to the text every later step reads: refuse what is not CSV text, strip
 * what is not data (a "sep=" line, stray BOMs), settle the delimiter and line break, and keep the
 * original bytes when DuckDB can be given them as they are.
 */
import { mixedBreaksWarning, replacedWarning } from './csv-messages';
import { binaryKind, decodeBytes, type Decoded, type Encoding } from './decode';
import { linesAtOffsets, utf8Length } from './lines';
import type { LoadOptions } from './load-csv';
import {
	detectNewline,
	guessDelimiter,
	splitSepLine,
	unifyLineBreaks,
	type Delimiter,
	type Newline
} from './sniff';

/** Why a file cannot be loaded; the caller puts the file name in front. */
export interface Failed {
	why: string;
}

export interface Source {
	/** The decoded file. */
	text: string;
	/** The file's bytes when they are exactly the UTF-8 of `text` from `offset` on. */
	raw: { bytes: Uint8Array; offset: number } | null;
	encoding: Encoding;
	/** Line breaks were already unified (second attempt). */
	unified?: boolean;
}

/** The text to parse and how to split it, settled once so every step agrees. */
export interface Prepared {
	/** The source text after a "sep=" line and any BOMs. */
	text: string;
	/** Characters of the source text before `text`. */
	skipped: number;
	/** Lines before `text` (a "sep=" line), so line numbers match the file. */
	sepLines: number;
	newline: Newline;
	delimiter: Delimiter;
	/** Lines in the file (as a text editor counts them) at char offsets in `text`. */
	lineOf: (offsets: number[]) => number[];
}

/** Refuse what cannot be CSV text before any parsing, so the message can say why. */
export function decodeSource(bytes: Uint8Array, warnings: string[]): Source | Failed {
	if (bytes.length === 0) {
		return { why: 'the file is empty. Choose a CSV file with a header row and data.' };
	}
	const binary = binaryKind(bytes);
	if (binary) {
		return { why: `this is ${binary}, not CSV text. Export or save it as CSV and load that file.` };
	}
	const decoded = decodeBytes(bytes);
	const skewed = outOfStepFailure(decoded);
	if (skewed) return skewed;
	const { text, encoding, replaced } = decoded;
	if (replaced) warnings.push(replacedWarning(replaced, encoding));
	// Clean UTF-8 can go to DuckDB byte for byte; anything else is re-encoded from the text.
	const utf8 = encoding === 'utf-8' || encoding === 'utf-8-bom';
	const raw = utf8 && !replaced ? { bytes, offset: encoding === 'utf-8-bom' ? 3 : 0 } : null;
	return { text, raw, encoding };
}

/** UTF-16 a byte out of step decodes without errors, so it must be caught by what it turns into. */
function outOfStepFailure(decoded: Decoded): Failed | null {
	if (decoded.encoding !== 'utf-16le' && decoded.encoding !== 'utf-16be') return null;
	const at = outOfStep(decoded.text);
	if (at === -1) return null;
	const [line] = linesAtOffsets(decoded.text, [at]);
	return {
		why: `from line ${line} on, its UTF-16 text is out of step (a byte is missing or extra there), so it reads as nonsense. Export or save the file again.`
	};
}

/**
 * Where UTF-16 text read one byte out of step starts (or -1): Latin letters then turn into
 * characters like U+6100 ('a' with its zero byte in front). Eight in a row settle it.
 */
function outOfStep(text: string): number {
	let run = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const low = c & 0xff;
		if (low === 0 && c >> 8 >= 0x20 && c >> 8 <= 0x7e) {
			if (++run >= 8) return i - 7;
		} else run = 0;
	}
	return -1;
}

/**
 * Drop Excel's "sep=" line and leading BOMs (left over when files were joined or re-saved),
 * which would otherwise become part of the header, then settle the delimiter and line break.
 * An explicit option wins over the "sep=" line, which wins over guessing.
 */
export function prepareText(src: Source, options: LoadOptions): Prepared | Failed {
	const sep = splitSepLine(src.text);
	if (sep.unsupported !== undefined) {
		return {
			why: `its first line "sep=${sep.unsupported}" names a delimiter this app does not read. Use comma, semicolon, tab or | and change that line to match.`
		};
	}
	let skipped = src.text.length - sep.rest.length;
	let text = sep.rest;
	while (text.charCodeAt(0) === 0xfeff) {
		text = text.slice(1);
		skipped++;
	}
	if (!/\S/.test(text)) {
		return { why: 'the file has no text in it. Choose a CSV file with a header row and data.' };
	}
	const newline = detectNewline(text);
	const delimiter = options.delimiter ?? sep.delimiter ?? guessDelimiter(text, newline);
	const lineOf = (offsets: number[]) => linesAtOffsets(text, offsets).map((l) => l + sep.lines);
	return { text, skipped, sepLines: sep.lines, newline, delimiter, lineOf };
}

/**
 * The bytes of the data records (from `start` to `end` in `prep.text`) for DuckDB: sliced from
 * the file when it is clean UTF-8, so its bytes reach DuckDB exactly as they are on disk.
 */
export function dataBytes(src: Source, prep: Prepared, start: number, end: number): Uint8Array {
	if (!src.raw) return new TextEncoder().encode(prep.text.slice(start, end));
	return src.raw.bytes.slice(
		src.raw.offset + utf8Length(src.text, 0, prep.skipped + start),
		src.raw.bytes.length - utf8Length(prep.text, end)
	);
}

/**
 * The source for a second attempt when line breaks are mixed: every line break outside quotes
 * written as LF. One break stays one break, so line numbers do not move.
 */
export function unifiedSource(src: Source, prep: Prepared, at: number, warnings: string[]): Source {
	warnings.push(mixedBreaksWarning(src.text, prep, at));
	const text = unifyLineBreaks(src.text, prep.delimiter);
	return { text, raw: null, encoding: src.encoding, unified: true };
}

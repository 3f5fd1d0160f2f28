/**
 * Find how a delimited text file is laid out: Excel's `sep=;` first line, the delimiter, the line
 * break, where the data starts after the header record(s), and which records are totals rather
 * than data. Pure functions over the decoded text.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
export const DELIMITER_LABEL: Record<Delimiter, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'pipe'
};

export type Newline = '\n' | '\r\n' | '\r';
export const NEWLINE_LABEL: Record<Newline, string> = {
	'\n': 'LF',
	'\r\n': 'CRLF',
	'\r': 'CR'
};

/**
 * Excel's first line `sep=;` (also quoted, `"sep=;"`). A `sep=` naming a character we cannot
 * read comes back as `unsupported`.
 * splitSepLine('sep=;\na;b') → { delimiter: ';', rest: 'a;b', lines: 1 }.
 */
export function splitSepLine(text: string): {
	delimiter: Delimiter | null;
	rest: string;
	lines: number;
	unsupported?: string;
} {
	const m = /^"?sep=(.)"?[ \t]*(?:\r\n|\r|\n|$)/i.exec(text.slice(0, 64));
	const d = m?.[1];
	if (!m || d === undefined) return { delimiter: null, rest: text, lines: 0 };
	const rest = text.slice(m[0].length);
	if (!(DELIMITERS as readonly string[]).includes(d)) {
		return { delimiter: null, rest, lines: 1, unsupported: d };
	}
	return { delimiter: d as Delimiter, rest, lines: 1 };
}

/**
 * The delimiter whose records most consistently have the header's field count.
 * guessDelimiter('a;b\n1,5;2,5') → ';' (comma would give 1 field in the header, 3 below it).
 */
export function guessDelimiter(text: string, newline?: Newline): Delimiter {
	const sample = text.slice(0, 65536);
	const truncated = sample.length < text.length;
	let best: { d: Delimiter; score: number; fields: number } = { d: ',', score: -1, fields: 0 };
	for (const d of DELIMITERS) {
		const rows = Papa.parse<string[]>(sample, {
			delimiter: d,
			newline,
			preview: 60,
			skipEmptyLines: true
		}).data;
		if (truncated && rows.length > 1) rows.pop();
		const fields = rows[0]?.length ?? 0;
		if (fields < 2) continue;
		const score = rows.filter((r) => r.length === fields).length / rows.length;
		if (score > best.score || (score === best.score && fields > best.fields)) {
			best = { d, score, fields };
		}
	}
	return best.d;
}

/**
 * The line break most used outside quoted values in the first 64 KB ('\n' when there is none).
 * detectNewline('a,b\r\n"x\ny",2\r\n') → '\r\n'.
 */
export function detectNewline(text: string): Newline {
	const end = Math.min(text.length, 65536);
	const count = (quoteAware: boolean) => {
		let lf = 0;
		let crlf = 0;
		let cr = 0;
		let quoted = false;
		for (let i = 0; i < end; i++) {
			const c = text.charCodeAt(i);
			if (c === 34 && quoteAware) quoted = !quoted;
			else if (quoted) continue;
			else if (c === 10) lf++;
			else if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) {
					crlf++;
					i++;
				} else cr++;
			}
		}
		return { lf, crlf, cr };
	};
	let n = count(true);
	// An unbalanced quote early on hides every line break: count them all instead.
	if (n.lf + n.crlf + n.cr === 0) n = count(false);
	if (n.crlf >= n.lf && n.crlf >= n.cr && n.crlf > 0) return '\r\n';
	if (n.cr > n.lf) return '\r';
	return '\n';
}

/**
 * Calls `visit(offset, length)` for each line break outside quoted values, from `from` on (which
 * must be a line start), until `visit` returns true. Quotes are tracked as DuckDB reads them: a
 * quote opens a value only at the start of a field (spaces allowed), `""` inside is a quote, and
 * a quote in the middle of an unquoted value is just a character.
 */
export function lineBreaksOutsideQuotes(
	text: string,
	delimiter: string,
	from: number,
	visit: (offset: number, length: 1 | 2) => boolean | void
): void {
	const d = delimiter.charCodeAt(0);
	// 0 field start, 1 unquoted, 2 quoted, 3 just after a quote inside a quoted value
	let state = 0;
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (state === 2) {
			if (c === 34) state = 3;
			continue;
		}
		if (c === 10 || c === 13) {
			const length = c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
			if (visit(i, length)) return;
			i += length - 1;
			state = 0;
		} else if (c === d) state = 0;
		else if (state === 3) state = c === 34 ? 2 : c === 32 || c === 9 ? 3 : 1;
		else if (state === 0) state = c === 34 ? 2 : c === 32 || c === 9 ? 0 : 1;
	}
}

/**
 * Offset of the first line break outside quotes that is not `newline` (or -1), from `from` on.
 * strayLineBreak('a\nb\rc\n', '\n', ',') → 3.
 */
export function strayLineBreak(
	text: string,
	newline: Newline,
	delimiter: string,
	from = 0
): number {
	let found = -1;
	lineBreaksOutsideQuotes(text, delimiter, from, (i, length) => {
		const kind = length === 2 ? '\r\n' : text[i];
		if (kind === newline) return false;
		found = i;
		return true;
	});
	return found;
}

/**
 * Every line break outside quoted values (CRLF, LF or CR) written as LF; line breaks inside quotes
 * are left as they are. One break stays one break, so line numbers do not move.
 * unifyLineBreaks('a\r\nb\rc\n"d\re"', ',') → 'a\nb\nc\n"d\re"'.
 */
export function unifyLineBreaks(text: string, delimiter: string): string {
	const parts: string[] = [];
	let last = 0;
	lineBreaksOutsideQuotes(text, delimiter, 0, (i, length) => {
		if (length === 1 && text.charCodeAt(i) === 10) return;
		parts.push(text.slice(last, i), '\n');
		last = i + length;
	});
	parts.push(text.slice(last));
	return parts.join('');
}

/**
 * How many header records: 3 for a Qualtrics export (its third row holds `{"ImportId":…}`), else 1.
 * detectHeaderRows([['Q1'], ['Question'], ['{"ImportId":"QID1"}']]) → 3.
 */
export function detectHeaderRows(firstRecords: string[][]): number {
	const third = firstRecords[2];
	if (third?.some((c) => c.trim().startsWith('{"ImportId"'))) return 3;
	return 1;
}

/** Count line breaks (\r\n, \r or \n each count once): countLines('a\r\nb\rc\n') → 3. */
export function countLines(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) n++;
		else if (c === 13) {
			n++;
			if (text.charCodeAt(i + 1) === 10) i++;
		}
	}
	return n;
}

const TOTAL_WORD =
	/^[ \t]*(?:grand[ \t]+total|sub-?total|totals?|sum|summe|summen|gesamt|gesamtsumme|gesamtergebnis|insgesamt|zwischensumme|endsumme|ergebnis)[ \t]*:?[ \t]*(?:\([^)]*\))?[ \t]*$/i;

/**
 * The word that makes a record a total line, or null. A total line's first non-empty value (among
 * its first three) is a word like Total/Summe/Gesamt, and at least one other value is empty.
 * totalWord(['Summe', '', '', '12.345']) → 'Summe'; totalWord(['Total Solutions GmbH', 'x']) → null.
 */
export function totalWord(record: readonly string[]): string | null {
	let i = 0;
	while (i < 3 && i < record.length && record[i] === '') i++;
	const first = record[i];
	if (first === undefined || first.length > 40 || !TOTAL_WORD.test(first)) return null;
	if (i > 0) return first.trim();
	for (let k = i + 1; k < record.length; k++) if (record[k]?.trim() === '') return first.trim();
	return null;
}

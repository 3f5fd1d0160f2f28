/**
 * Find how a delimited text file is laid out: Excel's `sep=;` first line, the delimiter, and
 * where the data starts after the header record(s). Pure functions over the decoded text.
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

/** splitSepLine('sep=;\na;b') → { delimiter: ';', rest: 'a;b', lines: 1 }. */
export function splitSepLine(text: string): {
	delimiter: Delimiter | null;
	rest: string;
	lines: number;
} {
	const m = /^sep=(.)\r?\n?/i.exec(text);
	const d = m?.[1] as Delimiter | undefined;
	if (!m || !d || !DELIMITERS.includes(d)) return { delimiter: null, rest: text, lines: 0 };
	return { delimiter: d, rest: text.slice(m[0].length), lines: 1 };
}

/**
 * The delimiter whose records most consistently have the header's field count.
 * guessDelimiter('a;b\n1,5;2,5') → ';' (comma would give 1 field in the header, 3 below it).
 */
export function guessDelimiter(text: string): Delimiter {
	const sample = text.slice(0, 65536);
	const truncated = sample.length < text.length;
	let best: { d: Delimiter; score: number; fields: number } = { d: ',', score: -1, fields: 0 };
	for (const d of DELIMITERS) {
		const rows = Papa.parse<string[]>(sample, {
			delimiter: d,
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

/**
 * The header: how many header records there are, what the columns are called, and how many
 * columns the table gets. Read from the first records only, so a broken header fails fast with
 * its line instead of surfacing later as thousands of rejected rows.
 */
import Papa from 'papaparse';
import type { Failed, Prepared } from './csv-source';
import { plural } from './csv-messages';
import { detectHeaderRows, type Delimiter, type Newline } from './sniff';

export interface Header {
	/** Char offset of the first header record in `prep.text`. */
	start: number;
	headerRows: number;
	/** Header records as read. */
	headers: string[][];
	/** One label per table column (after fitting the header to the data). */
	labels: string[];
}

interface HeadRecord {
	row: string[];
	start: number;
	quoteProblem: boolean;
}

/** `headerRows` given by the caller wins over detection (Qualtrics has three). */
export function readHeader(
	prep: Prepared,
	headerRows: number | undefined,
	warnings: string[]
): Header | Failed {
	const head = readHead(prep.text, prep.delimiter, prep.newline);
	const rows = headerRows ?? detectHeaderRows(head.map((r) => r.row));
	const headers = head.slice(0, rows).map((r) => r.row);
	const first = headers[0] ?? [];
	if (first.length === 0 || (first.length === 1 && first[0]?.trim() === '')) {
		return { why: 'no header row was found. The first line should name the columns.' };
	}
	const badHeader = head.slice(0, rows).find((r) => r.quoteProblem);
	if (badHeader) {
		const [line] = prep.lineOf([badHeader.start]);
		return {
			why: `the header (line ${line}) has a quote that is not closed properly, so the columns cannot be told apart. Every opening " needs a closing " (a " inside a name is written ""); fix line ${line} and load the file again.`
		};
	}
	const fit = fitColumns(
		first,
		head.slice(rows).map((r) => r.row.length)
	);
	if (fit.warning) warnings.push(fit.warning);
	return { start: head[0]?.start ?? 0, headerRows: rows, headers, labels: fit.labels };
}

/**
 * The first records (header and up to 50 data records), parsed from a bounded slice so a huge
 * file is not split whole, growing the slice when a record is longer than it.
 */
function readHead(text: string, delimiter: Delimiter, newline: Newline): HeadRecord[] {
	const WANT = 54;
	for (let size = 262144; ; size *= 8) {
		const slice = text.length <= size ? text : text.slice(0, size);
		const out: HeadRecord[] = [];
		let prev = 0;
		Papa.parse<string[]>(slice, {
			delimiter,
			newline,
			step: (r, parser) => {
				const start = prev;
				prev = r.meta.cursor;
				const row = r.data;
				if (row.length === 1 && row[0] === '' && slice.charCodeAt(start) !== 34) return;
				// Lines of only spaces or empty values before the header are not the header.
				if (out.length === 0 && row.every((v) => v.trim() === '')) return;
				out.push({ row, start, quoteProblem: r.errors.some((e) => e.type === 'Quotes') });
				if (out.length >= WANT) parser.abort();
			}
		});
		if (slice === text) return out;
		// The last record may be cut by the slice: keep it only when more follow.
		if (out.length >= WANT) return out.slice(0, WANT - 1);
	}
}

/**
 * Columns the table gets. When every sampled data record has the same number of values and the
 * header has a different number (a trailing delimiter on one side), follow the data: extra
 * columns get an empty label, and empty trailing header names no row fills are dropped.
 */
function fitColumns(
	header: string[],
	dataFields: number[]
): { labels: string[]; warning?: string } {
	const k = dataFields[0];
	const n = header.length;
	if (k === undefined || dataFields.length < 2 || k === n || dataFields.some((f) => f !== k)) {
		return { labels: header };
	}
	if (k > n) {
		return {
			labels: [...header, ...Array<string>(k - n).fill('')],
			warning: `The header names ${plural(n, 'column')} but the rows have ${k} values each; the last ${k - n === 1 ? 'column has' : `${k - n} columns have`} no name.`
		};
	}
	if (header.slice(k).every((h) => h.trim() === '')) {
		return {
			labels: header.slice(0, k),
			warning: `The header ends with ${plural(n - k, 'empty name')} that no row has a value for; ${n - k === 1 ? 'it was' : 'they were'} left out.`
		};
	}
	return { labels: header };
}

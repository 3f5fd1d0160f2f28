/**
 * Load a delimited file into DuckDB as an all-VARCHAR table with internal column names c0…cn
 * (the header text is only ever a label). Nothing is guessed by DuckDB: the delimiter, quote and
 * line break are pinned, and rows DuckDB cannot read go to its rejects table. Every load is then
 * reconciled with an independent read (papaparse, see scan.ts): rows + rejected lines must equal
 * the records it found, and when they do not, a warning names the lines where the two disagree.
 *
 * Decisions worth knowing:
 * - A total line at the end of the file (first value "Total", "Summe", "Gesamt"…, some values
 *   empty), with any empty or one-value footer lines after it, is left out and listed in
 *   `rejected` with its reason, so it is never counted as a deal or a respondent
 *   (`keepTotals` keeps it, with a warning). Total-looking lines followed by more data stay in
 *   the table, with a warning.
 * - Rows with too few or too many values are rejected, never padded or cut.
 * - Mixed line breaks (a CR in an LF file…) are read as line breaks, with a warning.
 * - A file where no data row can be read, or that is empty, header-only or binary, fails with a
 *   message saying which file, which line and what to do.
 *
 * This file is the flow; the steps live in csv-source (bytes → text), csv-header, csv-totals,
 * csv-table (the DuckDB read) and csv-messages (warning texts).
 */
import type { Db } from '$lib/db/db';
import { col } from '$lib/sql/sql';
import { detectColumnTypes, type ColumnType } from './column-types';
import { readHeader, type Header } from './csv-header';
import { mismatchWarning, noRowsRead, unreadWarning } from './csv-messages';
import {
	dataBytes,
	decodeSource,
	prepareText,
	unifiedSource,
	type Prepared,
	type Source
} from './csv-source';
import { readFailure, readTable, rejectedLines } from './csv-table';
import { leaveOutFooter, type Footer } from './csv-totals';
import type { Encoding } from './decode';
import { scanRecords, type Scan } from './scan';
import { countLines, strayLineBreak, type Delimiter, type Newline } from './sniff';

export { MISMATCH_WARNING } from './csv-messages';

export interface Rejected {
	/** Line in the file (1-based, as a text editor counts; the header is line 1). */
	line: number;
	reason: string;
}

export interface ColumnInfo {
	/** Internal column name in the table: c0, c1, … */
	name: string;
	/** The header text, as it is (may be empty or repeated). */
	label: string;
	/** What the values look like in a sample of up to 1,000 rows. */
	type: ColumnType;
}

export interface CsvReport {
	fileName: string;
	table: string;
	encoding: Encoding;
	delimiter: Delimiter;
	newline: Newline;
	headerRows: number;
	/** Header records as read; `labels` is the one the UI shows per column. */
	headers: string[][];
	labels: string[];
	/** Per table column, in order: internal name, label and detected type. */
	columns: ColumnInfo[];
	/** Rows in the table. */
	rows: number;
	/** Data records papaparse found (blank lines not counted). */
	sourceRecords: number;
	/** Lines not in the table, with why: unreadable lines and a left-out total/footer. */
	rejected: Rejected[];
	/** rows + rejected.length === sourceRecords; when false a warning says where they differ. */
	reconciled: boolean;
	warnings: string[];
}

export type LoadResult = { ok: true; report: CsvReport } | { ok: false; error: string };

export interface LoadOptions {
	delimiter?: Delimiter;
	headerRows?: number;
	/** Keep a total line at the end of the file as a row (default: leave it out). */
	keepTotals?: boolean;
	/**
	 * Told before the independent read ('check') and before DuckDB reads the data ('load'); the
	 * caller may show it, and may throw to stop the load there.
	 */
	onStep?: (step: 'check' | 'load') => Promise<void>;
}

/** What stays the same across both attempts (the second with line breaks unified). */
interface Attempt {
	db: Db;
	table: string;
	fileName: string;
	options: LoadOptions;
	/** Shared by both attempts; a retry drops what the first attempt found past decoding. */
	warnings: string[];
	/** How many of `warnings` came from decoding the bytes (kept on a retry). */
	decoded: number;
}

/** What the independent read settled before DuckDB sees the data. */
interface Parsed {
	src: Source;
	prep: Prepared;
	header: Header;
	scan: Scan;
	footer: Footer;
}

export async function loadCsv(
	db: Db,
	table: string,
	fileName: string,
	bytes: Uint8Array,
	options: LoadOptions = {}
): Promise<LoadResult> {
	const warnings: string[] = [];
	await options.onStep?.('check');
	const src = decodeSource(bytes, warnings);
	if ('why' in src) return fail(fileName, src.why);
	return loadText({ db, table, fileName, options, warnings, decoded: warnings.length }, src);
}

/** Every failure names the file: several files are loaded side by side. */
function fail(fileName: string, why: string): LoadResult {
	return { ok: false, error: `${fileName}: ${why}` };
}

/** Settle the text, header and footer from the independent read, then load the table. */
async function loadText(c: Attempt, src: Source): Promise<LoadResult> {
	const prep = prepareText(src, c.options);
	if ('why' in prep) return fail(c.fileName, prep.why);
	// Mixed line breaks near the top would end up inside the header: unify them right away.
	if (!src.unified) {
		const at = strayLineBreak(prep.text.slice(0, 65536), prep.newline, prep.delimiter);
		if (at !== -1) return retryUnified(c, src, prep, at);
	}
	const header = readHeader(prep, c.options.headerRows, c.warnings);
	if ('why' in header) return fail(c.fileName, header.why);
	const { delimiter, newline } = prep;
	const { headerRows, labels } = header;
	const scan = scanRecords(prep.text, { delimiter, newline, headerRows, columns: labels.length });
	if (scan.records === 0) {
		return fail(
			c.fileName,
			'the file has a header but no data rows. Export the data again with its rows.'
		);
	}
	const keepTotals = c.options.keepTotals === true;
	const footer = leaveOutFooter(scan, keepTotals, prep.text.length, prep.lineOf, c.warnings);
	if ('why' in footer) return fail(c.fileName, footer.why);
	return loadTable(c, { src, prep, header, scan, footer });
}

/** Hand the data records to DuckDB and account for every record the independent read found. */
async function loadTable(c: Attempt, p: Parsed): Promise<LoadResult> {
	const { src, prep, scan, footer } = p;
	const columns = p.header.labels.length;
	const data = dataBytes(src, prep, scan.dataStart, footer.dataEnd);
	await c.options.onStep?.('load');
	const read = await readTable(c.db, c.table, data, prep.delimiter, prep.newline, columns, scan);
	if (!read.ok) {
		const failure = readFailure(read.error, prep, scan, src.unified === true);
		if ('retryAt' in failure) return retryUnified(c, src, prep, failure.retryAt);
		return fail(c.fileName, failure.why);
	}
	const lineOffset = prep.sepLines + countLines(prep.text.slice(0, scan.dataStart));
	const unread = rejectedLines(read.rejects, data, lineOffset, columns, prep.delimiter);
	if (read.rows === 0) {
		const [headerLine] = prep.lineOf([p.header.start]);
		return fail(c.fileName, noRowsRead(scan.records, unread[0], prep.delimiter, headerLine));
	}
	if (unread.length > 0) c.warnings.push(unreadWarning(unread));
	const rejected = [...unread, ...footer.rejected].sort((a, b) => a.line - b.line);
	const reconciled = read.rows + rejected.length === scan.records;
	if (!reconciled) {
		const { dataEnd } = footer;
		c.warnings.push(
			mismatchWarning(scan, read.rows, rejected.length, unread, dataEnd, prep.lineOf)
		);
	}
	return { ok: true, report: report(c, p, read.rows, rejected, reconciled) };
}

/** Read again with every line break outside quotes written as LF; line numbers stay the same. */
function retryUnified(c: Attempt, src: Source, prep: Prepared, at: number): Promise<LoadResult> {
	// The second reading says again what the first said about header and totals: keep it once.
	c.warnings.splice(c.decoded);
	const unified = unifiedSource(src, prep, at, c.warnings);
	// The delimiter is pinned so the unified text cannot be guessed differently.
	return loadText({ ...c, options: { ...c.options, delimiter: prep.delimiter } }, unified);
}

function report(
	c: Attempt,
	p: Parsed,
	rows: number,
	rejected: Rejected[],
	reconciled: boolean
): CsvReport {
	const { headerRows, headers, labels } = p.header;
	const { delimiter, newline } = p.prep;
	// Semicolon files come from decimal-comma locales, so numbers that fit both styles read that way.
	const types = detectColumnTypes(p.scan.sample, labels.length, delimiter === ';');
	return {
		fileName: c.fileName,
		table: c.table,
		encoding: p.src.encoding,
		delimiter,
		newline,
		headerRows,
		headers,
		labels,
		columns: labels.map((label, i) => ({ name: col(i), label, type: types[i] ?? 'text' })),
		rows,
		sourceRecords: p.scan.records,
		rejected,
		reconciled,
		warnings: c.warnings
	};
}

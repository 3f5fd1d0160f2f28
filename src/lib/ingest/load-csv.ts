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
 */
import type { Db } from '$lib/db/db';
import { col, ident, lit } from '$lib/sql/sql';
import Papa from 'papaparse';
import { detectColumnTypes, type ColumnType } from './column-types';
import { binaryKind, decodeBytes, type Encoding } from './decode';
import { linesAtByteOffsets, linesAtOffsets, utf8Length } from './lines';
import { scanRecords, type Scan, type TotalLine } from './scan';
import {
	countLines,
	detectHeaderRows,
	detectNewline,
	DELIMITER_LABEL,
	guessDelimiter,
	NEWLINE_LABEL,
	splitSepLine,
	strayLineBreak,
	unifyLineBreaks,
	type Delimiter,
	type Newline
} from './sniff';

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
}

/** Start of the warning given when the independent count and the table disagree. */
export const MISMATCH_WARNING = 'Row count check failed';

/** read_csv's `new_line` takes the escaped spelling. */
const NEWLINE_ESCAPED: Record<Newline, string> = { '\n': '\\n', '\r\n': '\\r\\n', '\r': '\\r' };

/** DuckDB's default longest line, in bytes. */
const DEFAULT_MAX_LINE = 2_097_152;
const MAX_LINE_CAP = 128 * 1024 * 1024;

export async function loadCsv(
	db: Db,
	table: string,
	fileName: string,
	bytes: Uint8Array,
	options: LoadOptions = {}
): Promise<LoadResult> {
	const fail = (why: string): LoadResult => ({ ok: false, error: `${fileName}: ${why}` });
	if (bytes.length === 0) {
		return fail('the file is empty. Choose a CSV file with a header row and data.');
	}
	const binary = binaryKind(bytes);
	if (binary) {
		return fail(`this is ${binary}, not CSV text. Export or save it as CSV and load that file.`);
	}
	const decoded = decodeBytes(bytes);
	if (decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') {
		const at = outOfStep(decoded.text);
		if (at !== -1) {
			const [line] = linesAtOffsets(decoded.text, [at]);
			return fail(
				`from line ${line} on, its UTF-16 text is out of step (a byte is missing or extra there), so it reads as nonsense. Export or save the file again.`
			);
		}
	}
	const warnings: string[] = [];
	if (decoded.replaced) {
		warnings.push(
			`${plural(decoded.replaced, 'byte')} ${decoded.replaced === 1 ? 'is' : 'are'} not valid ${decoded.encoding.startsWith('utf-8') ? 'UTF-8' : 'UTF-16'} and ${decoded.replaced === 1 ? 'shows' : 'show'} as “\ufffd”. Save the file again as UTF-8 if values look wrong.`
		);
	}
	// Clean UTF-8 can go to DuckDB byte for byte; anything else is re-encoded from the text.
	const utf8 = decoded.encoding === 'utf-8' || decoded.encoding === 'utf-8-bom';
	const raw =
		utf8 && !decoded.replaced ? { bytes, offset: decoded.encoding === 'utf-8-bom' ? 3 : 0 } : null;
	return loadText(
		db,
		table,
		fileName,
		{ text: decoded.text, raw, encoding: decoded.encoding },
		options,
		warnings
	);
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

interface Source {
	/** The decoded file. */
	text: string;
	/** The file's bytes when they are exactly the UTF-8 of `text` from `offset` on. */
	raw: { bytes: Uint8Array; offset: number } | null;
	encoding: Encoding;
	/** Line breaks were already unified (second attempt). */
	unified?: boolean;
}

async function loadText(
	db: Db,
	table: string,
	fileName: string,
	src: Source,
	options: LoadOptions,
	warnings: string[]
): Promise<LoadResult> {
	const fail = (why: string): LoadResult => ({ ok: false, error: `${fileName}: ${why}` });
	const sep = splitSepLine(src.text);
	if (sep.unsupported !== undefined) {
		return fail(
			`its first line "sep=${sep.unsupported}" names a delimiter this app does not read. Use comma, semicolon, tab or | and change that line to match.`
		);
	}
	let skipped = src.text.length - sep.rest.length;
	let text = sep.rest;
	while (text.charCodeAt(0) === 0xfeff) {
		text = text.slice(1);
		skipped++;
	}
	if (!/\S/.test(text)) {
		return fail('the file has no text in it. Choose a CSV file with a header row and data.');
	}
	const newline = detectNewline(text);
	const delimiter = options.delimiter ?? sep.delimiter ?? guessDelimiter(text, newline);
	const retry = (at: number) => {
		const ctx = { db, table, fileName, src, options, warnings, text, skipped };
		return retryUnified(ctx, newline, delimiter, at);
	};
	// Mixed line breaks near the top would end up inside the header: unify them right away.
	if (!src.unified) {
		const at = strayLineBreak(text.slice(0, 65536), newline, delimiter);
		if (at !== -1) return retry(at);
	}
	const delimiterName = DELIMITER_LABEL[delimiter];
	const lineOf = (offsets: number[]) => linesAtOffsets(text, offsets).map((l) => l + sep.lines);

	const head = readHead(text, delimiter, newline);
	const headerRows = options.headerRows ?? detectHeaderRows(head.map((r) => r.row));
	const headers = head.slice(0, headerRows).map((r) => r.row);
	const first = headers[0] ?? [];
	if (first.length === 0 || (first.length === 1 && first[0]?.trim() === '')) {
		return fail('no header row was found. The first line should name the columns.');
	}
	const badHeader = head.slice(0, headerRows).find((r) => r.quoteProblem);
	if (badHeader) {
		const [line] = lineOf([badHeader.start]);
		return fail(
			`the header (line ${line}) has a quote that is not closed properly, so the columns cannot be told apart. Every opening " needs a closing " (a " inside a name is written ""); fix line ${line} and load the file again.`
		);
	}
	const fit = fitColumns(
		first,
		head.slice(headerRows).map((r) => r.row.length)
	);
	if (fit.warning) warnings.push(fit.warning);
	const labels = fit.labels;

	const scan = scanRecords(text, { delimiter, newline, headerRows, columns: labels.length });
	if (scan.records === 0) {
		return fail('the file has a header but no data rows. Export the data again with its rows.');
	}
	const footer = options.keepTotals ? [] : scan.footer;
	const marks = [...footer, ...(options.keepTotals ? scan.footer : []), ...scan.totals];
	const markLines = marks.length ? lineOf(marks.map((m) => m.start)) : [];
	const footerRejected: Rejected[] = footer.map((f, i) => ({
		line: markLines[i]!,
		reason: FOOTER_REASON[f.kind](f.value)
	}));
	if (scan.records === footer.length) {
		const what = footer.some((f) => f.kind === 'total') ? 'only a total line' : 'only empty lines';
		return fail(
			`the file has no data rows, ${what} (line ${footerRejected[0]?.line}). Export the data again with its rows.`
		);
	}
	noteTotals(scan, footer, markLines, options.keepTotals === true, warnings);

	const dataStart = scan.dataStart;
	const dataEnd = footer[0]?.start ?? text.length;
	const data = src.raw
		? src.raw.bytes.slice(
				src.raw.offset + utf8Length(src.text, 0, skipped + dataStart),
				src.raw.bytes.length - utf8Length(text, dataEnd)
			)
		: new TextEncoder().encode(text.slice(dataStart, dataEnd));
	const lineOffset = sep.lines + countLines(text.slice(0, dataStart));

	const read = await readTable(db, table, data, delimiter, newline, labels.length, scan);
	if (!read.ok) {
		if (/invalid state/i.test(read.error)) {
			const at = strayLineBreak(text, newline, delimiter, dataStart);
			if (!src.unified && at !== -1) return retry(at);
			// Name the first place the independent read saw a quote problem or a stray line break.
			const suspects = [...scan.quoteProblems.map((q) => q.start), ...(at === -1 ? [] : [at])];
			const [line] = suspects.length ? lineOf([Math.min(...suspects)]) : [];
			return fail(
				`the reader lost track of its quotes and line breaks${line ? ` around line ${line}` : ''}. Check that every opening " has a closing " (a " inside a value is written "") and that all lines end the same way, then load it again.`
			);
		}
		return fail(`could not be read as ${delimiterName}-delimited text (${read.error}).`);
	}
	const { rows } = read;
	const duck = read.rejects;
	const starts = duck.map((e) => e.start);
	const ends = duck.map((e) => e.end);
	const byteLines = linesAtByteOffsets(data, [...starts, ...ends]);
	const duckRejected: Rejected[] = duck.map((e, i) => {
		const line = lineOffset + byteLines[i]!;
		const last = lineOffset + byteLines[i + duck.length]!;
		return { line, reason: reasonFor(e, line, last, labels.length, delimiter) };
	});

	if (rows === 0) {
		const r = duckRejected[0];
		const [headerLine] = lineOf([head[0]?.start ?? 0]);
		return fail(
			`none of its ${plural(scan.records, 'data line')} could be read${r ? ` (line ${r.line}: ${r.reason})` : ''}. Check that it is ${delimiterName}-delimited text with the column names in line ${headerLine}.`
		);
	}
	if (duckRejected.length > 0) {
		const n = duckRejected.length;
		warnings.push(
			`${plural(n, 'line')} could not be read and ${n === 1 ? 'is' : 'are'} not in the analysis (line ${listLines(duckRejected.map((r) => r.line))}). Fix ${n === 1 ? 'it' : 'them'} in the file and load it again.`
		);
	}
	const rejected = [...duckRejected, ...footerRejected].sort((a, b) => a.line - b.line);
	const reconciled = rows + rejected.length === scan.records;
	if (!reconciled) {
		warnings.push(mismatchWarning(scan, rows, rejected.length, duckRejected, dataEnd, lineOf));
	}
	const types = detectColumnTypes(scan.sample, labels.length, delimiter === ';');
	return {
		ok: true,
		report: {
			fileName,
			table,
			encoding: src.encoding,
			delimiter,
			newline,
			headerRows,
			headers,
			labels,
			columns: labels.map((label, i) => ({ name: col(i), label, type: types[i] ?? 'text' })),
			rows,
			sourceRecords: scan.records,
			rejected,
			reconciled,
			warnings
		}
	};
}

/** Read again with every line break outside quotes written as LF; line numbers stay the same. */
function retryUnified(
	c: {
		db: Db;
		table: string;
		fileName: string;
		src: Source;
		options: LoadOptions;
		warnings: string[];
		text: string;
		skipped: number;
	},
	newline: Newline,
	delimiter: Delimiter,
	at: number
): Promise<LoadResult> {
	const { text, src } = c;
	const [line = 1] = linesAtOffsets(text, [at]);
	const shown = line + countLines(src.text.slice(0, c.skipped));
	const found = text.charCodeAt(at) === 10 ? 'LF' : text.charCodeAt(at + 1) === 10 ? 'CRLF' : 'CR';
	c.warnings.push(
		`The file mixes line breaks: line ${shown} ends with ${found} while most lines end with ${NEWLINE_LABEL[newline]}. Every line break outside quotes was read as the end of a line.`
	);
	const unified = unifyLineBreaks(src.text, delimiter);
	return loadText(
		c.db,
		c.table,
		c.fileName,
		{ text: unified, raw: null, encoding: src.encoding, unified: true },
		{ ...c.options, delimiter },
		c.warnings
	);
}

interface HeadRecord {
	row: string[];
	start: number;
	quoteProblem: boolean;
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

interface DuckReject {
	/** Byte offsets in the data where the rejected record starts and its last byte. */
	start: number;
	end: number;
	type: string;
	message: string;
	blank: boolean;
}

type ReadResult = { ok: true; rows: number; rejects: DuckReject[] } | { ok: false; error: string };

async function readTable(
	db: Db,
	table: string,
	data: Uint8Array,
	delimiter: Delimiter,
	newline: Newline,
	columns: number,
	scan: Scan
): Promise<ReadResult> {
	const file = `${table}.csv`;
	const rejects = ident(`${table}_rejects`);
	const rejectsScan = ident(`${table}_rejects_scan`);
	const dropRejects = `DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejectsScan}`;
	const spec = Array.from({ length: columns }, (_, i) => `${lit(col(i))}: 'VARCHAR'`).join(', ');
	// Long values (up to 3 bytes per char) need a larger line limit than DuckDB's 2 MB default.
	const longest = scan.maxRecordChars * 3 + 1024;
	const maxLine =
		longest > DEFAULT_MAX_LINE ? `, max_line_size=${Math.min(longest, MAX_LINE_CAP)}` : '';
	await db.registerFile(file, data);
	let created: { Count?: number }[];
	try {
		created = await db.query<{ Count?: number }>(
			`DROP TABLE IF EXISTS ${ident(table)}; ${dropRejects};
			CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${lit(file)}, delim=${lit(delimiter)},
			quote='"', escape='"', new_line=${lit(NEWLINE_ESCAPED[newline])}, header=false, auto_detect=false,
			columns={${spec}}, store_rejects=true, rejects_table=${lit(`${table}_rejects`)},
			rejects_scan=${lit(`${table}_rejects_scan`)}${maxLine})`
		);
	} catch (e) {
		return { ok: false, error: firstLine(e) };
	} finally {
		await db.dropFile(file);
	}
	// CREATE TABLE … AS reports the rows it wrote; count them only if it did not.
	let rows = created[0]?.Count;
	// DuckDB keeps a blank line of a one-column file as a NULL row; papaparse skips it.
	if (columns === 1 || rows === undefined) {
		if (columns === 1) await db.exec(`DELETE FROM ${ident(table)} WHERE c0 IS NULL`);
		const [{ n = 0 } = {}] = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM ${ident(table)}`
		);
		rows = n;
	}
	// One entry per rejected record (DuckDB may log several errors for one), first error first.
	const r = await db.query<{
		pos: number;
		type: string;
		message: string;
		len: number;
		blank: boolean;
	}>(
		`SELECT line_byte_position AS pos, arg_min(error_type, byte_position) AS type,
		arg_min(error_message, byte_position) AS message, max(strlen(csv_line)) AS len,
		bool_and(trim(csv_line, ' ' || chr(9) || chr(10) || chr(13)) = '') AS blank
		FROM ${rejects} GROUP BY line_byte_position ORDER BY line_byte_position`
	);
	const found: DuckReject[] = r.map((e) => {
		const start = Math.max(0, Number(e.pos) - 1);
		let end = Math.min(data.length, start + Number(e.len));
		while (end > start + 1 && (data[end - 1] === 10 || data[end - 1] === 13)) end--;
		const last = Math.max(start, end - 1);
		return { start, end: last, type: e.type, message: e.message, blank: e.blank };
	});
	// Rejected lines can be large (an unclosed quote keeps the rest of the file): free them.
	if (found.length > 0) await db.exec(dropRejects);
	return { ok: true, rows, rejects: found };
}

function reasonFor(
	e: DuckReject,
	line: number,
	last: number,
	columns: number,
	delimiter: Delimiter
): string {
	const found = /Found: (\d+)/.exec(e.message)?.[1];
	switch (e.type) {
		case 'MISSING COLUMNS':
			if (e.blank) return 'the line holds only spaces';
			return `${found ?? 'fewer'} ${found === '1' ? 'value' : 'values'} where the header has ${columns}`;
		case 'TOO MANY COLUMNS':
			return `more values${found ? ` (${found})` : ''} than the header has columns (${columns}); a value containing "${delimiter === '\t' ? 'tab' : delimiter}" needs quotes`;
		case 'UNQUOTED VALUE':
			return last > line
				? `a quote opened on line ${line} is never closed properly, so lines ${line}–${last} could not be read`
				: 'a quoted value is not closed properly (text right after its closing quote?)';
		case 'LINE SIZE OVER MAXIMUM':
			return 'the line is longer than the reader accepts';
		default:
			return e.message;
	}
}

const FOOTER_REASON: Record<TotalLine['kind'], (value: string) => string> = {
	total: (v) => `total line ("${v}"), left out so it is not counted as a row`,
	empty: () => 'empty line (no values) after the last row, left out',
	text: (v) =>
		`footer text after the last row ("${v.length > 40 ? `${v.slice(0, 39)}…` : v}"), left out`
};

function noteTotals(
	scan: Scan,
	footer: TotalLine[],
	markLines: number[],
	kept: boolean,
	warnings: string[]
) {
	const n = footer.length;
	const total = footer.findIndex((f) => f.kind === 'total');
	if (total !== -1) {
		const others = n - 1;
		warnings.push(
			`Line ${markLines[total]} is a total line and was left out, so it is not counted as a row${others > 0 ? ` (with ${plural(others, 'other line')} that ${others === 1 ? 'ends' : 'end'} the file)` : ''}. If it is a real record, rename its first value and load the file again.`
		);
	} else if (n > 0) {
		const from = markLines[0];
		const to = markLines[n - 1];
		warnings.push(
			`${n === 1 ? `Line ${from}` : `Lines ${from}–${to}`} at the end of the file ${n === 1 ? 'holds' : 'hold'} no data (empty values or footer text) and ${n === 1 ? 'was' : 'were'} left out.`
		);
	}
	const keptFooter = kept ? scan.footer : [];
	if (keptFooter.length > 0) {
		warnings.push(
			`Line ${markLines[n]} looks like the end of a report (a total or footer line); it was kept as asked, so totals may include it.`
		);
	}
	const midAt = n + keptFooter.length;
	const mid = scan.totals;
	const totals = mid.flatMap((t, i) => (t.kind === 'total' ? [markLines[midAt + i]!] : []));
	const empties = mid.flatMap((t, i) => (t.kind === 'empty' ? [markLines[midAt + i]!] : []));
	if (totals.length > 0) {
		warnings.push(
			`${totals.length === 1 ? 'Line' : 'Lines'} ${listLines(totals)} ${totals.length === 1 ? 'looks' : 'look'} like a total line but more data follows, so ${totals.length === 1 ? 'it was' : 'they were'} kept as ${totals.length === 1 ? 'a row' : 'rows'}. Remove subtotal lines from the file if they are not records.`
		);
	}
	if (empties.length > 0) {
		warnings.push(
			`${empties.length === 1 ? 'Line' : 'Lines'} ${listLines(empties)} ${empties.length === 1 ? 'has' : 'have'} no values at all but more data follows, so ${empties.length === 1 ? 'it was' : 'they were'} kept as ${empties.length === 1 ? 'an empty row' : 'empty rows'}.`
		);
	}
}

/**
 * Where the independent read and DuckDB split the file differently: lines one of them found
 * broken (wrong number of values, bad quotes) that the other did not.
 */
function mismatchWarning(
	scan: Scan,
	rows: number,
	rejected: number,
	duckRejected: Rejected[],
	dataEnd: number,
	lineOf: (offsets: number[]) => number[]
): string {
	const ragged = scan.ragged.filter((r) => r.start < dataEnd);
	const quotes = scan.quoteProblems.filter((q) => q.start < dataEnd);
	const lines = lineOf([...ragged.map((r) => r.start), ...quotes.map((q) => q.start)]);
	const paLines = new Set(lines);
	const quoteLines = lines.slice(ragged.length);
	const limit = scan.raggedCount > scan.ragged.length ? Math.max(0, ...lines) : Infinity;
	const duckLines = new Set(duckRejected.map((r) => r.line).filter((l) => l <= limit));
	const differ = [...new Set([...paLines, ...duckLines])]
		.filter((l) => paLines.has(l) !== duckLines.has(l) || quoteLines.includes(l))
		.sort((a, b) => a - b);
	const diff = rows + rejected - scan.records;
	const where =
		differ.length > 0
			? ` The two reads disagree around line ${listLines(differ)}${quoteLines.length ? ', where quotes are not balanced' : ''}.`
			: ' The difference could not be traced to a line.';
	return `${MISMATCH_WARNING}: an independent read found ${plural(scan.records, 'data record')}, but the table has ${plural(rows, 'row')} and ${plural(rejected, 'rejected line')} (${Math.abs(diff)} ${diff > 0 ? 'more' : 'fewer'}).${where} Check the quotes there (every opening " needs a closing ", and a " inside a value is written ""), then load the file again; until then, counts from this file may be off.`;
}

function listLines(lines: number[]): string {
	return `${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}`;
}

function plural(n: number, word: string): string {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function firstLine(e: unknown): string {
	return String(e instanceof Error ? e.message : e).split('\n')[0] ?? 'unknown error';
}

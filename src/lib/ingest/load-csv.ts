/**
 * Load a delimited file into DuckDB as an all-VARCHAR table with internal column names c0…cn
 * (the header text is only ever a label). Every load is reconciled with an independent record
 * count from papaparse: rows DuckDB could not read are listed with their line numbers, never
 * dropped quietly.
 */
import Papa from 'papaparse';
import type { Db } from '$lib/db/db';
import { col, ident, lit } from '$lib/sql/sql';
import { decodeBytes, type Encoding } from './decode';
import {
	countLines,
	detectHeaderRows,
	guessDelimiter,
	splitSepLine,
	type Delimiter
} from './sniff';

export interface Rejected {
	line: number;
	reason: string;
}

export interface CsvReport {
	fileName: string;
	table: string;
	encoding: Encoding;
	delimiter: Delimiter;
	headerRows: number;
	/** Header records as read; `labels` is the one the UI shows per column. */
	headers: string[][];
	labels: string[];
	/** Rows in the table. */
	rows: number;
	/** Data records papaparse found (blank lines not counted). */
	sourceRecords: number;
	rejected: Rejected[];
	warnings: string[];
}

export type LoadResult = { ok: true; report: CsvReport } | { ok: false; error: string };

export interface LoadOptions {
	delimiter?: Delimiter;
	headerRows?: number;
}

export async function loadCsv(
	db: Db,
	table: string,
	fileName: string,
	bytes: Uint8Array,
	options: LoadOptions = {}
): Promise<LoadResult> {
	const fail = (why: string): LoadResult => ({ ok: false, error: `${fileName}: ${why}` });
	if (bytes.length === 0)
		return fail('the file is empty. Choose a CSV file with a header row and data.');

	const { text: decoded, encoding } = decodeBytes(bytes);
	const sep = splitSepLine(decoded);
	const text = sep.rest;
	const delimiter = options.delimiter ?? sep.delimiter ?? guessDelimiter(text);

	const head = Papa.parse<string[]>(text.slice(0, 262144), {
		delimiter,
		preview: 3,
		skipEmptyLines: true
	});
	const headerRows = options.headerRows ?? detectHeaderRows(head.data);
	const headers = head.data.slice(0, headerRows);
	const labels = headers[0] ?? [];
	if (labels.length === 0 || (labels.length === 1 && labels[0]?.trim() === '')) {
		return fail('no header row was found. The first line should name the columns.');
	}
	const cursor = dataStart(text, delimiter, headerRows);
	const dataText = text.slice(cursor);
	const sourceRecords = countRecords(dataText, delimiter);
	if (sourceRecords === 0) {
		return fail('the file has a header but no data rows. Export the data again with its rows.');
	}
	const lineOffset = sep.lines + countLines(text.slice(0, cursor));

	const file = `${table}.csv`;
	await db.registerFile(file, new TextEncoder().encode(dataText));
	const columns = labels.map((_, i) => `${lit(col(i))}: 'VARCHAR'`).join(', ');
	const rejects = `${table}_rejects`;
	try {
		for (const t of [table, rejects, `${rejects}_scan`])
			await db.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
		await db.exec(
			`CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${lit(file)}, delim=${lit(delimiter)},
			quote='"', escape='"', header=false, auto_detect=false, columns={${columns}},
			store_rejects=true, rejects_table=${lit(rejects)}, rejects_scan=${lit(`${rejects}_scan`)})`
		);
	} catch (e) {
		return fail(
			`could not be read as ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-delimited text (${firstLine(e)}).`
		);
	} finally {
		await db.dropFile(file);
	}
	const [{ n: rows = 0 } = {}] = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM ${ident(table)}`
	);
	const rejected = (
		await db.query<{ line: number; error_message: string }>(
			`SELECT line, error_message FROM ${ident(rejects)} ORDER BY line`
		)
	).map((r) => ({ line: Number(r.line) + lineOffset, reason: r.error_message }));

	const warnings: string[] = [];
	if (rejected.length > 0) {
		warnings.push(
			`${rejected.length} ${rejected.length === 1 ? 'line' : 'lines'} could not be read and ${rejected.length === 1 ? 'is' : 'are'} not in the analysis (line ${rejected
				.slice(0, 5)
				.map((r) => r.line)
				.join(', ')}${rejected.length > 5 ? ', …' : ''}). Fix them in the file and load it again.`
		);
	}
	const missing = sourceRecords - rows - rejected.length;
	if (missing !== 0) {
		warnings.push(
			`${Math.abs(missing)} records differ between the independent count (${sourceRecords}) and the table (${rows} rows + ${rejected.length} rejected). Check the file for unbalanced quotes.`
		);
	}
	return {
		ok: true,
		report: {
			fileName,
			table,
			encoding,
			delimiter,
			headerRows,
			headers,
			labels,
			rows,
			sourceRecords,
			rejected,
			warnings
		}
	};
}

/** Character index where the data records start, after `headerRows` header records. */
function dataStart(text: string, delimiter: Delimiter, headerRows: number): number {
	let seen = 0;
	let cursor = 0;
	Papa.parse<string[]>(text, {
		delimiter,
		skipEmptyLines: true,
		step: (r, parser) => {
			seen++;
			cursor = r.meta.cursor;
			if (seen >= headerRows) parser.abort();
		}
	});
	// Move past the line break that ends the last header record.
	if (text[cursor] === '\r') cursor++;
	if (text[cursor] === '\n') cursor++;
	return cursor;
}

/** Data records found by papaparse, blank lines not counted (DuckDB skips them too). */
function countRecords(text: string, delimiter: Delimiter): number {
	let n = 0;
	Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true, step: () => void n++ });
	return n;
}

function firstLine(e: unknown): string {
	return String(e instanceof Error ? e.message : e).split('\n')[0] ?? 'unknown error';
}

/**
 * The DuckDB read. Everything read_csv would otherwise guess is pinned (delimiter, quote, line
 * break, all-VARCHAR columns c0…cn, no header), because a guess that differs from the independent
 * read would make the two counts disagree. Lines DuckDB cannot read go to its rejects table and
 * come back here as file lines with a reason a user can act on.
 */
import type { Db } from '$lib/db/db';
import { col, ident, lit } from '$lib/sql/sql';
import { firstLine } from './csv-messages';
import type { Failed, Prepared } from './csv-source';
import { linesAtByteOffsets } from './lines';
import type { Rejected } from './load-csv';
import type { Scan } from './scan';
import { DELIMITER_LABEL, strayLineBreak, type Delimiter, type Newline } from './sniff';

/** read_csv's `new_line` takes the escaped spelling. */
const NEWLINE_ESCAPED: Record<Newline, string> = { '\n': '\\n', '\r\n': '\\r\\n', '\r': '\\r' };

/** DuckDB's default longest line, in bytes. */
const DEFAULT_MAX_LINE = 2_097_152;
const MAX_LINE_CAP = 128 * 1024 * 1024;

export interface DuckReject {
	/** Byte offsets in the data where the rejected record starts and its last byte. */
	start: number;
	end: number;
	type: string;
	message: string;
	blank: boolean;
}

type ReadResult = { ok: true; rows: number; rejects: DuckReject[] } | { ok: false; error: string };

/** Read `data` (the data records only, as UTF-8) into `table`, keeping what DuckDB rejects. */
export async function readTable(
	db: Db,
	table: string,
	data: Uint8Array,
	delimiter: Delimiter,
	newline: Newline,
	columns: number,
	scan: Scan
): Promise<ReadResult> {
	const file = `${table}.csv`;
	const sql = createSql(table, file, delimiter, newline, columns, scan);
	await db.registerFile(file, data);
	let created: { Count?: number }[];
	try {
		created = await db.query<{ Count?: number }>(sql);
	} catch (e) {
		return { ok: false, error: firstLine(e) };
	} finally {
		await db.dropFile(file);
	}
	const rows = await countRows(db, table, columns, created[0]?.Count);
	return { ok: true, rows, rejects: await readRejects(db, table, data) };
}

/** A reload of the same table must not see the rejects of the load before it. */
function dropRejectsSql(table: string): string {
	return `DROP TABLE IF EXISTS ${ident(`${table}_rejects`)}; DROP TABLE IF EXISTS ${ident(`${table}_rejects_scan`)}`;
}

/** Nothing is left for read_csv to guess (see the file comment). */
function createSql(
	table: string,
	file: string,
	delimiter: Delimiter,
	newline: Newline,
	columns: number,
	scan: Scan
): string {
	const spec = Array.from({ length: columns }, (_, i) => `${lit(col(i))}: 'VARCHAR'`).join(', ');
	// Long values (up to 3 bytes per char) need a larger line limit than DuckDB's 2 MB default.
	const longest = scan.maxRecordChars * 3 + 1024;
	const maxLine =
		longest > DEFAULT_MAX_LINE ? `, max_line_size=${Math.min(longest, MAX_LINE_CAP)}` : '';
	return `DROP TABLE IF EXISTS ${ident(table)}; ${dropRejectsSql(table)};
			CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${lit(file)}, delim=${lit(delimiter)},
			quote='"', escape='"', new_line=${lit(NEWLINE_ESCAPED[newline])}, header=false, auto_detect=false,
			columns={${spec}}, store_rejects=true, rejects_table=${lit(`${table}_rejects`)},
			rejects_scan=${lit(`${table}_rejects_scan`)}${maxLine})`;
}

/** CREATE TABLE … AS reports the rows it wrote (`created`); count them only if it did not. */
async function countRows(
	db: Db,
	table: string,
	columns: number,
	created: number | undefined
): Promise<number> {
	// DuckDB keeps a blank line of a one-column file as a NULL row; papaparse skips it.
	if (columns !== 1 && created !== undefined) return created;
	if (columns === 1) await db.exec(`DELETE FROM ${ident(table)} WHERE c0 IS NULL`);
	const [{ n = 0 } = {}] = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM ${ident(table)}`
	);
	return n;
}

/** One entry per rejected record (DuckDB may log several errors for one), first error first. */
async function readRejects(db: Db, table: string, data: Uint8Array): Promise<DuckReject[]> {
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
		FROM ${ident(`${table}_rejects`)} GROUP BY line_byte_position ORDER BY line_byte_position`
	);
	const found: DuckReject[] = r.map((e) => {
		const start = Math.max(0, Number(e.pos) - 1);
		let end = Math.min(data.length, start + Number(e.len));
		while (end > start + 1 && (data[end - 1] === 10 || data[end - 1] === 13)) end--;
		const last = Math.max(start, end - 1);
		return { start, end: last, type: e.type, message: e.message, blank: e.blank };
	});
	// Rejected lines can be large (an unclosed quote keeps the rest of the file): free them.
	if (found.length > 0) await db.exec(dropRejectsSql(table));
	return found;
}

/** DuckDB's rejects as file lines; `lineOffset` is the file line the data starts after. */
export function rejectedLines(
	rejects: DuckReject[],
	data: Uint8Array,
	lineOffset: number,
	columns: number,
	delimiter: Delimiter
): Rejected[] {
	const lines = linesAtByteOffsets(data, [
		...rejects.map((e) => e.start),
		...rejects.map((e) => e.end)
	]);
	return rejects.map((e, i) => {
		const line = lineOffset + lines[i]!;
		const last = lineOffset + lines[i + rejects.length]!;
		return { line, reason: reasonFor(e, line, last, columns, delimiter) };
	});
}

/** DuckDB's error types in the user's terms, with what to fix. */
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

/**
 * Why the read failed, or where to retry: DuckDB's "invalid state" usually means mixed line
 * breaks, which a second attempt with unified breaks fixes, so that is tried once first.
 */
export function readFailure(
	error: string,
	prep: Prepared,
	scan: Scan,
	unified: boolean
): Failed | { retryAt: number } {
	if (!/invalid state/i.test(error)) {
		return {
			why: `could not be read as ${DELIMITER_LABEL[prep.delimiter]}-delimited text (${error}).`
		};
	}
	const at = strayLineBreak(prep.text, prep.newline, prep.delimiter, scan.dataStart);
	if (!unified && at !== -1) return { retryAt: at };
	// Name the first place the independent read saw a quote problem or a stray line break.
	const suspects = [...scan.quoteProblems.map((q) => q.start), ...(at === -1 ? [] : [at])];
	const [line] = suspects.length ? prep.lineOf([Math.min(...suspects)]) : [];
	return {
		why: `the reader lost track of its quotes and line breaks${line ? ` around line ${line}` : ''}. Check that every opening " has a closing " (a " inside a value is written "") and that all lines end the same way, then load it again.`
	};
}

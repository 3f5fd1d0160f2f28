/**
 * The loader's warnings and failure texts that need counting, plurals or line lists. They are
 * kept apart from the reading logic so the wording can be reviewed in one place, and so the
 * steps in load-csv.ts read as decisions rather than string building.
 */
import type { Prepared } from './csv-source';
import type { Encoding } from './decode';
import { linesAtOffsets } from './lines';
import type { Rejected } from './load-csv';
import type { Scan } from './scan';
import { countLines, DELIMITER_LABEL, NEWLINE_LABEL, type Delimiter } from './sniff';

/** Start of the warning given when the independent count and the table disagree. */
export const MISMATCH_WARNING = 'Row count check failed';

/** Damaged bytes are kept (as U+FFFD) rather than failing the load: most files stay usable. */
export function replacedWarning(replaced: number, encoding: Encoding): string {
	const one = replaced === 1;
	return `${plural(replaced, 'byte')} ${one ? 'is' : 'are'} not valid ${encoding.startsWith('utf-8') ? 'UTF-8' : 'UTF-16'} and ${one ? 'shows' : 'show'} as “\ufffd”. Save the file again as UTF-8 if values look wrong.`;
}

/** Names the first odd line break (`at`, in `prep.text`) so the user can find and fix it. */
export function mixedBreaksWarning(sourceText: string, prep: Prepared, at: number): string {
	const { text } = prep;
	const [line = 1] = linesAtOffsets(text, [at]);
	const shown = line + countLines(sourceText.slice(0, prep.skipped));
	const found = text.charCodeAt(at) === 10 ? 'LF' : text.charCodeAt(at + 1) === 10 ? 'CRLF' : 'CR';
	return `The file mixes line breaks: line ${shown} ends with ${found} while most lines end with ${NEWLINE_LABEL[prep.newline]}. Every line break outside quotes was read as the end of a line.`;
}

/** Lines DuckDB rejected are left out, not guessed at, so the user has to fix them. */
export function unreadWarning(unread: Rejected[]): string {
	const n = unread.length;
	return `${plural(n, 'line')} could not be read and ${n === 1 ? 'is' : 'are'} not in the analysis (line ${listLines(unread.map((r) => r.line))}). Fix ${n === 1 ? 'it' : 'them'} in the file and load it again.`;
}

/**
 * When not a single row is read, the likeliest cause is a wrong delimiter or header line, so
 * the message names both along with the first rejected line.
 */
export function noRowsRead(
	records: number,
	first: Rejected | undefined,
	delimiter: Delimiter,
	headerLine: number | undefined
): string {
	return `none of its ${plural(records, 'data line')} could be read${first ? ` (line ${first.line}: ${first.reason})` : ''}. Check that it is ${DELIMITER_LABEL[delimiter]}-delimited text with the column names in line ${headerLine}.`;
}

/**
 * Where the independent read and DuckDB split the file differently: lines one of them found
 * broken (wrong number of values, bad quotes) that the other did not.
 */
export function mismatchWarning(
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
	// The scan lists only the first ragged records; DuckDB's rejects past those cannot be compared.
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

/** The first five lines only: a message listing thousands of lines helps nobody. */
export function listLines(lines: number[]): string {
	return `${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}`;
}

/**
 * plural(1200, 'row') → '1,200 rows'. Ingest has its own copy because it must not import UI
 * code ($lib/components/format), and its grouping is pinned to en-US for stable messages.
 */
export function plural(n: number, word: string): string {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** DuckDB errors run to several lines of context; the first says what went wrong. */
export function firstLine(e: unknown): string {
	return String(e instanceof Error ? e.message : e).split('\n')[0] ?? 'unknown error';
}

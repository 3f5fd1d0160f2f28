/**
 * Total and footer lines. Report exports end with a total line or footer text; loaded as rows
 * they would be counted as one more deal or respondent and double every sum, so the block at the
 * end is left out (and listed as rejected), while total-looking lines inside the data stay rows
 * with a warning, since leaving out real records would be worse.
 */
import { listLines, plural } from './csv-messages';
import type { Failed } from './csv-source';
import type { Rejected } from './load-csv';
import type { Scan, TotalLine } from './scan';

export interface Footer {
	/** Char offset where the data ends: the first left-out line, or the end of the text. */
	dataEnd: number;
	/** The left-out lines, with why. */
	rejected: Rejected[];
}

const FOOTER_REASON: Record<TotalLine['kind'], (value: string) => string> = {
	total: (v) => `total line ("${v}"), left out so it is not counted as a row`,
	empty: () => 'empty line (no values) after the last row, left out',
	text: (v) =>
		`footer text after the last row ("${v.length > 40 ? `${v.slice(0, 39)}…` : v}"), left out`
};

/**
 * Leave out the footer block (unless `keepTotals`) and warn about every total-looking line. A
 * file that is nothing but a footer fails: an empty table would look like a successful load.
 */
export function leaveOutFooter(
	scan: Scan,
	keepTotals: boolean,
	textLength: number,
	lineOf: (offsets: number[]) => number[],
	warnings: string[]
): Footer | Failed {
	const footer = keepTotals ? [] : scan.footer;
	// One line lookup for all marks: left-out footer, kept footer, then totals inside the data.
	const marks = [...footer, ...(keepTotals ? scan.footer : []), ...scan.totals];
	const markLines = marks.length ? lineOf(marks.map((m) => m.start)) : [];
	const rejected: Rejected[] = footer.map((f, i) => ({
		line: markLines[i]!,
		reason: FOOTER_REASON[f.kind](f.value)
	}));
	if (scan.records === footer.length) {
		const what = footer.some((f) => f.kind === 'total') ? 'only a total line' : 'only empty lines';
		return {
			why: `the file has no data rows, ${what} (line ${rejected[0]?.line}). Export the data again with its rows.`
		};
	}
	noteTotals(scan, footer, markLines, keepTotals, warnings);
	return { dataEnd: footer[0]?.start ?? textLength, rejected };
}

/** `markLines` holds the lines of the left-out footer, the kept footer, then `scan.totals`. */
function noteTotals(
	scan: Scan,
	footer: TotalLine[],
	markLines: number[],
	kept: boolean,
	warnings: string[]
) {
	const n = footer.length;
	const left = leftOutWarning(footer, markLines);
	if (left) warnings.push(left);
	const keptFooter = kept ? scan.footer : [];
	if (keptFooter.length > 0) {
		warnings.push(
			`Line ${markLines[n]} looks like the end of a report (a total or footer line); it was kept as asked, so totals may include it.`
		);
	}
	warnings.push(...midDataWarnings(scan.totals, markLines.slice(n + keptFooter.length)));
}

/** Says what was left out at the end, so a real record named "Total" can be recovered. */
function leftOutWarning(footer: TotalLine[], markLines: number[]): string | null {
	const n = footer.length;
	const total = footer.findIndex((f) => f.kind === 'total');
	if (total !== -1) {
		const others = n - 1;
		return `Line ${markLines[total]} is a total line and was left out, so it is not counted as a row${others > 0 ? ` (with ${plural(others, 'other line')} that ${others === 1 ? 'ends' : 'end'} the file)` : ''}. If it is a real record, rename its first value and load the file again.`;
	}
	if (n === 0) return null;
	const from = markLines[0];
	const to = markLines[n - 1];
	return `${n === 1 ? `Line ${from}` : `Lines ${from}–${to}`} at the end of the file ${n === 1 ? 'holds' : 'hold'} no data (empty values or footer text) and ${n === 1 ? 'was' : 'were'} left out.`;
}

/** Subtotals and empty records inside the data stay rows; the user decides whether to remove them. */
function midDataWarnings(mid: TotalLine[], lines: number[]): string[] {
	const totals = mid.flatMap((t, i) => (t.kind === 'total' ? [lines[i]!] : []));
	const empties = mid.flatMap((t, i) => (t.kind === 'empty' ? [lines[i]!] : []));
	const out: string[] = [];
	if (totals.length > 0) {
		const one = totals.length === 1;
		out.push(
			`${one ? 'Line' : 'Lines'} ${listLines(totals)} ${one ? 'looks' : 'look'} like a total line but more data follows, so ${one ? 'it was' : 'they were'} kept as ${one ? 'a row' : 'rows'}. Remove subtotal lines from the file if they are not records.`
		);
	}
	if (empties.length > 0) {
		const one = empties.length === 1;
		out.push(
			`${one ? 'Line' : 'Lines'} ${listLines(empties)} ${one ? 'has' : 'have'} no values at all but more data follows, so ${one ? 'it was' : 'they were'} kept as ${one ? 'an empty row' : 'empty rows'}.`
		);
	}
	return out;
}

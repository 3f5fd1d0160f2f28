/**
 * CSV for download, safe to open in a spreadsheet: string cells that start with = + - @, tab, CR
 * or NUL are prefixed with ' so they are never run as formulas; real numbers stay numbers.
 */

export type Cell = string | number | boolean | null | undefined;

/** safeCell('=SUM(A1)') → "'=SUM(A1)"; safeCell(-3) → '-3'; safeCell('a"b') → '"a""b"'. */
export function safeCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let s = String(value);
	if (/^[=+\-@\t\r\0]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** toCsv(['a'], [[1], ['=x']]) → 'a\r\n1\r\n\'=x\r\n'. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
	return [header, ...rows].map((r) => r.map(safeCell).join(',')).join('\r\n') + '\r\n';
}

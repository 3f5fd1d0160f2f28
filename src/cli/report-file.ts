/**
 * Report files: the payload the site's share button produces and its Report page opens
 * (`/report`, "Open a report file (.json)"): aggregates only, checked against the same schema
 * the site reads it with before anything is written.
 */
import { writeFileSync } from 'node:fs';
import { buildReport, type ReportParts } from '$lib/domain/share/build';
import { parseReport, type Report } from '$lib/domain/share/report';
import { CliError } from './io';

/** The Report page refuses files larger than this (`readReportFile`). */
export const REPORT_FILE_LIMIT = 2_000_000;

/** The report for these results, as the site would read it back; a CliError when it would refuse it. */
export function reportPayload(parts: ReportParts, created = today()): Report {
	const built = buildReport(parts, created);
	// Through JSON, as the file travels: NaN/undefined would not survive and must fail here.
	const r = parseReport(JSON.parse(JSON.stringify(built)));
	if (!r.ok) throw new CliError(`The report cannot be written: ${r.error}`);
	return r.report;
}

/** The file's text, formatted as the site's share button writes it. */
export function reportText(report: Report): string {
	const text = JSON.stringify(report, null, 1);
	const size = new TextEncoder().encode(text).length;
	if (size > REPORT_FILE_LIMIT) {
		throw new CliError(
			`The report would be ${size.toLocaleString('en-US')} bytes; the Report page opens files up to ${REPORT_FILE_LIMIT.toLocaleString('en-US')}.`
		);
	}
	return text + '\n';
}

/** Write the report; returns its size in bytes. */
export function writeReport(path: string, report: Report): number {
	const text = reportText(report);
	try {
		writeFileSync(path, text);
	} catch (e) {
		throw new CliError(
			`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}).`
		);
	}
	return Buffer.byteLength(text);
}

/** Today in local time, YYYY-MM-DD. */
export function today(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

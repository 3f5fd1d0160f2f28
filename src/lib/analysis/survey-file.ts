/**
 * Reading a survey file: find the export's header rows (Qualtrics 3, SurveyMonkey 2), load it
 * into `survey_raw`, and label every column from its question text.
 */
import type { Db } from '$lib/db/db';
import { loadCsv, type CsvReport, type LoadOptions } from '$lib/ingest/load-csv';
import {
	detectSurveyHeaders,
	readFirstRecords,
	surveyColumns,
	type SurveyColumn,
	type SurveyTool
} from '$lib/ingest/survey-headers';
import { T } from '$lib/sql/survey';

export interface SurveyFile {
	report: CsvReport;
	tool: SurveyTool;
	columns: SurveyColumn[];
	/** One label per column: what layout detection reads and the UI shows. */
	labels: string[];
}

export async function loadSurveyFile(
	db: Db,
	fileName: string,
	bytes: Uint8Array,
	onStep?: LoadOptions['onStep']
): Promise<{ ok: true; file: SurveyFile } | { ok: false; error: string }> {
	const { tool, headerRows } = detectSurveyHeaders(readFirstRecords(bytes));
	const r = await loadCsv(db, T.raw, fileName, bytes, { headerRows, onStep });
	if (!r.ok) return r;
	const columns = surveyColumns(r.report.headers, tool);
	return {
		ok: true,
		file: { report: r.report, tool, columns, labels: columns.map((c) => c.label) }
	};
}

/**
 * `survey` command: score a survey file (plain CSV, Qualtrics or SurveyMonkey export).
 * Options are checked in survey-options, the analysis runs in survey-run (intervals and segments
 * in survey-segments), and survey-format prints it.
 */
import { basename } from 'node:path';
import type { Db } from '$lib/db/db';
import { withEngine } from './engine';
import { explainTooLarge, readInput, verbose } from './io';
import { reportPayload, writeReport } from './report-file';
import { surveyJson, surveyTable } from './survey-format';
import { checkSurvey, type SurveyOptions } from './survey-options';
import { computeSurvey } from './survey-run';

export type { SurveyOptions } from './survey-options';

/** Run the command; `shared` lets tests reuse one engine (it is then left open). */
export async function runSurvey(file: string, o: SurveyOptions, shared?: Db): Promise<string> {
	const c = checkSurvey(o);
	const bytes = readInput(file);
	return withEngine(o.engine, shared, async (engine) => {
		verbose(o.verbose, `engine: ${engine.label}`);
		const out = await explainTooLarge([file], () => computeSurvey(engine.db, file, bytes, c));
		if (o.report) {
			const survey = { result: out.result, source: basename(file) };
			const size = writeReport(o.report, reportPayload({ title: o.title, survey }));
			process.stderr.write(
				`Report written to ${o.report} (${size.toLocaleString('en-US')} bytes).\n`
			);
		}
		return o.json ? surveyJson(out) : `${surveyTable(out)}\nEngine: ${engine.label}\n`;
	});
}

/**
 * `report` command: a survey and/or a deals file (with its history and lookups) into one report
 * file the site's Report page opens — the same payload as a share link, aggregates only.
 *
 *   npm run cli -- report --survey S.csv --pipeline P.csv [--history H.csv] --out r.json
 *
 * Every survey and pipeline option applies as in those commands, so the report carries exactly
 * the numbers their `--json` output prints. Without `--out` the payload goes to stdout.
 */
import { basename } from 'node:path';
import type { Db } from '$lib/db/db';
import { withEngine } from './engine';
import { CliError, explainTooLarge, readInput, verbose } from './io';
import { checkPipeline, computePipeline, type PipelineOptions } from './pipeline';
import { reportPayload, reportText, writeReport } from './report-file';
import { checkSurvey, type SurveyOptions } from './survey-options';
import { computeSurvey } from './survey-run';

export interface ReportOptions
	extends Omit<SurveyOptions, 'json' | 'report'>, Omit<PipelineOptions, 'json' | 'report'> {
	/** The survey file. */
	survey?: string;
	/** The deals file. */
	pipeline?: string;
	/** Where to write the report (default: stdout). */
	out?: string;
}

export async function runReport(o: ReportOptions, shared?: Db): Promise<string> {
	if (!o.survey && !o.pipeline) {
		throw new CliError('report: give --survey FILE, --pipeline FILE or both.');
	}
	if (o.ci || o.segment) {
		throw new CliError(
			'report: intervals and segments are not part of a report; leave out --ci and --segment.'
		);
	}
	if (!o.pipeline && (o.history || o.lookup?.length)) {
		throw new CliError('report: --history and --lookup belong to a --pipeline file.');
	}
	const survey = o.survey
		? { path: o.survey, config: checkSurvey(o), bytes: readInput(o.survey) }
		: null;
	const deals = o.pipeline ? checkPipeline(o.pipeline, o) : null;
	return withEngine(o.engine, shared, async (engine) => {
		verbose(o.verbose, `engine: ${engine.label}`);
		const s = survey
			? await explainTooLarge([survey.path], () =>
					computeSurvey(engine.db, survey.path, survey.bytes, survey.config)
				)
			: null;
		const p = deals ? await computePipeline(engine.db, deals) : null;
		const report = reportPayload({
			title: o.title,
			survey: s && survey ? { result: s.result, source: basename(survey.path) } : null,
			pipeline: p && deals ? { result: p.result, source: basename(deals.deals.path) } : null
		});
		if (!o.out) return reportText(report);
		const size = writeReport(o.out, report);
		const parts = [
			...(report.survey
				? [
						`survey ${report.survey.source} (${report.survey.respondents.toLocaleString('en-US')} respondents, ${report.survey.outcomes.length} outcomes)`
					]
				: []),
			...(report.pipeline
				? [
						`pipeline ${report.pipeline.source} (${report.pipeline.kpis.deals.toLocaleString('en-US')} deals)`
					]
				: [])
		];
		return [
			`Report written to ${o.out} (${size.toLocaleString('en-US')} bytes): ${parts.join(', ')}.`,
			'Open it on the Report page (/report, "Open a report file").',
			`Engine: ${engine.label}`,
			''
		].join('\n');
	});
}

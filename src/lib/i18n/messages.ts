/**
 * Every message file, merged per language under its area name: key survey.title lives in
 * en/survey.json. German must have exactly the English keys (messages.test.ts checks).
 */
import enCommon from './en/common.json';
import enCharts from './en/charts.json';
import enOverview from './en/overview.json';
import enReport from './en/report.json';
import enSurvey from './en/survey.json';
import enPipeline from './en/pipeline.json';
import enLoad from './en/load.json';
import deCommon from './de/common.json';
import deCharts from './de/charts.json';
import deOverview from './de/overview.json';
import deReport from './de/report.json';
import deSurvey from './de/survey.json';
import dePipeline from './de/pipeline.json';
import deLoad from './de/load.json';

export const en = {
	common: enCommon,
	charts: enCharts,
	overview: enOverview,
	report: enReport,
	survey: enSurvey,
	pipeline: enPipeline,
	load: enLoad
};
export const de = {
	common: deCommon,
	charts: deCharts,
	overview: deOverview,
	report: deReport,
	survey: deSurvey,
	pipeline: dePipeline,
	load: deLoad
};

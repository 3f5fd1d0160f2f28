/**
 * Writes the committed sample data in data/ (run: `npm run data`, i.e. `tsx data/generate.ts`).
 * Seeded and deterministic: running it again reproduces every file byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePipeline } from './generate-pipeline';
import { generateSurvey } from './generate-survey';

export const SURVEY_SEED = 20261203;
export const PIPELINE_SEED = 4711;

const here = dirname(fileURLToPath(import.meta.url));
const write = (name: string, text: string) => {
	writeFileSync(join(here, name), text, 'utf8');
	console.log(`${name.padEnd(30)} ${Buffer.byteLength(text).toLocaleString('en')} bytes`);
};

const survey = generateSurvey(SURVEY_SEED);
write('survey-sample.csv', survey.survey);
write('survey-outcomes.csv', survey.outcomes);

const pipeline = generatePipeline(PIPELINE_SEED);
write('pipeline-sample.csv', pipeline.report);
write('pipeline-history-sample.csv', pipeline.history);

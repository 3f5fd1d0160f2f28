/** `survey` options as given on the command line, checked before any file is read. */
import { FORMULAS, type Formula } from '$lib/domain/opportunity';
import type { QualityFlag } from '$lib/domain/quality';
import type { MissingPolicy } from '$lib/domain/survey';
import { checkEngine } from './engine';
import { CliError } from './io';

export interface SurveyOptions {
	json?: boolean;
	formula?: string;
	importance?: string;
	satisfaction?: string;
	ci?: boolean;
	segment?: string;
	weights?: string;
	exclude?: string;
	seed?: string;
	missing?: string;
	dictionary?: string;
	'min-answered'?: string;
	/** native | wasm (default: native when installed). */
	engine?: string;
	/** Also write the report payload the site opens to this file. */
	report?: string;
	/** Report title (with `report`). */
	title?: string;
	/** Engine and timings on stderr. */
	verbose?: boolean;
}

/** What the options mean, checked. */
export interface SurveyConfig {
	formula: Formula;
	policy: MissingPolicy;
	seed: number;
	minShare: number;
	flags: QualityFlag[];
	importance?: string;
	satisfaction?: string;
	weights?: string;
	segment?: string;
	ci: boolean;
	dictionary?: string;
}

const EXCLUDE: Record<string, QualityFlag> = {
	straightliners: 'straightlining',
	incomplete: 'incomplete',
	duplicates: 'duplicate'
};

export function checkSurvey(o: SurveyOptions): SurveyConfig {
	const formula = (o.formula ?? 'ulwick') as Formula;
	if (!FORMULAS.includes(formula))
		throw new CliError(`--formula must be one of ${FORMULAS.join(', ')}.`);
	if (!!o.importance !== !!o.satisfaction)
		throw new CliError('Give both --importance and --satisfaction.');
	const policy = (o.missing ?? 'available') as MissingPolicy;
	if (policy !== 'available' && policy !== 'complete')
		throw new CliError('--missing must be available or complete.');
	const seed = o.seed === undefined ? 42 : Number(o.seed);
	if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.');
	const minShare = o['min-answered'] === undefined ? 0.5 : Number(o['min-answered']);
	if (!(minShare >= 0 && minShare <= 1)) throw new CliError('--min-answered must be 0–1.');
	checkEngine(o.engine);
	return {
		formula,
		policy,
		seed,
		minShare,
		flags: parseExclude(o.exclude),
		importance: o.importance,
		satisfaction: o.satisfaction,
		weights: o.weights,
		segment: o.segment,
		ci: !!o.ci,
		dictionary: o.dictionary
	};
}

function parseExclude(s: string | undefined): QualityFlag[] {
	if (!s) return [];
	return s.split(',').map((x) => {
		const f = EXCLUDE[x.trim()];
		if (!f) throw new CliError(`--exclude takes ${Object.keys(EXCLUDE).join(',')}; got "${x}".`);
		return f;
	});
}

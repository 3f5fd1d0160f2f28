/** `survey` command: score a survey file and print JSON or a readable table. */
import { basename } from 'node:path';
import { prepareSurvey, scoreSurvey } from '$lib/analysis/survey';
import { openNodeDb } from '$lib/db/node';
import { BAND_LABEL, FORMULAS, FORMULA_LABEL, type Formula } from '$lib/domain/opportunity';
import type { SurveyResult } from '$lib/domain/survey';
import { loadCsv } from '$lib/ingest/load-csv';
import { customLayout, detectLayout, type Layout } from '$lib/ingest/survey-layout';
import { T } from '$lib/sql/survey';
import { CliError, readInput } from './io';

export interface SurveyOptions {
	json?: boolean;
	formula?: string;
	importance?: string;
	satisfaction?: string;
}

export async function runSurvey(file: string, o: SurveyOptions): Promise<string> {
	const formula = o.formula as Formula;
	if (!FORMULAS.includes(formula))
		throw new CliError(`--formula must be one of ${FORMULAS.join(', ')}.`);
	if (!!o.importance !== !!o.satisfaction)
		throw new CliError('Give both --importance and --satisfaction.');
	const db = await openNodeDb();
	try {
		const r = await loadCsv(db, T.raw, basename(file), readInput(file));
		if (!r.ok) throw new CliError(r.error);
		const layout = chooseLayout(r.report.labels, o);
		const prep = await prepareSurvey(db, layout);
		const res = await scoreSurvey(db, formula);
		const out: SurveyResult = {
			...res,
			warnings: [...r.report.warnings, ...prep, ...res.warnings]
		};
		return o.json ? JSON.stringify(toJson(out), null, 2) + '\n' : table(out);
	} finally {
		await db.close();
	}
}

function chooseLayout(labels: string[], o: SurveyOptions): Layout {
	if (o.importance && o.satisfaction) {
		const c = customLayout(labels, o.importance, o.satisfaction);
		if (!c.ok) throw new CliError(c.error);
		return c.layout;
	}
	const d = detectLayout(labels);
	if (d.status === 'ok') return d.layout;
	throw new CliError(`${d.reason} Use --importance REGEX --satisfaction REGEX.`);
}

function toJson(r: SurveyResult) {
	return {
		formula: r.formula,
		respondents: r.respondents,
		outcomes: r.outcomes.map((x) => ({
			id: x.id,
			label: x.label,
			n_importance: x.n_importance,
			n_satisfaction: x.n_satisfaction,
			invalid: x.invalid,
			importance: x.importance,
			satisfaction: x.satisfaction,
			opportunity: x.opportunity,
			band: x.band,
			served: x.served
		})),
		warnings: r.warnings
	};
}

function table(r: SurveyResult): string {
	const f = (x: number | null) => (x === null ? '–' : x.toFixed(2));
	const rows = r.outcomes.map((x) => [
		x.label.length > 48 ? `${x.label.slice(0, 47)}…` : x.label,
		String(x.n_importance),
		f(x.importance),
		f(x.satisfaction),
		f(x.opportunity),
		x.band ? BAND_LABEL[x.band] : '–'
	]);
	const head = ['outcome', 'n', 'importance', 'satisfaction', 'opportunity', 'band'];
	const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
	return [
		`Formula: ${FORMULA_LABEL[r.formula]} · ${r.respondents} respondents · ${r.outcomes.length} outcomes`,
		'',
		line(head),
		...rows.map(line),
		...(r.warnings.length ? ['', 'Warnings:', ...r.warnings.map((x) => `- ${x}`)] : []),
		''
	].join('\n');
}

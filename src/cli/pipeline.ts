/** `pipeline` command: analyse a CRM deals export (+ stage history, lookups) and print JSON or a summary. */
import { basename } from 'node:path';
import {
	applySetup,
	joinLookup,
	loadHistory,
	pipelineMetrics,
	preparePipeline,
	type PipelinePrep
} from '$lib/analysis/pipeline';
import { issueText, questionText } from '$lib/analysis/pipeline-columns';
import type { Db } from '$lib/db/db';
import { openNodeDb } from '$lib/db/node';
import { headerMatch, matchKey, type Field } from '$lib/domain/pipeline/fields';
import { PRESET_NAMES, PRESETS, type PresetName } from '$lib/domain/pipeline/stages';
import type { PipelineResult } from '$lib/domain/pipeline/types';
import { loadCsv, type CsvReport } from '$lib/ingest/load-csv';
import { CliError, readInput } from './io';

export interface PipelineOptions {
	json?: boolean;
	history?: string;
	lookup?: string[];
	preset?: string;
	asOf?: string;
	dateOrder?: string;
}

interface Checked {
	asOf: string;
	preset: PresetName | undefined;
	dateOrder: 'dmy' | 'mdy' | undefined;
	deals: Input;
	history: Input | null;
	lookups: (Input & { key: string })[];
}
interface Input {
	path: string;
	bytes: Uint8Array;
}

/** Options checked and every file read before the engine starts, so mistakes fail fast. */
function check(file: string, o: PipelineOptions): Checked {
	const asOf = o.asOf ?? today();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
		throw new CliError(`--as-of must be a date YYYY-MM-DD, not "${asOf}".`);
	}
	if (o.preset !== undefined && !PRESET_NAMES.includes(o.preset as PresetName)) {
		throw new CliError(`--preset must be one of ${PRESET_NAMES.join(', ')}.`);
	}
	if (o.dateOrder !== undefined && o.dateOrder !== 'dmy' && o.dateOrder !== 'mdy') {
		throw new CliError('--date-order must be dmy or mdy.');
	}
	const input = (path: string): Input => ({ path, bytes: readInput(path) });
	const lookups = (o.lookup ?? []).map((spec) => {
		const cut = spec.lastIndexOf(':');
		if (cut <= 0 || cut === spec.length - 1)
			throw new CliError(`--lookup wants FILE:KEY, not "${spec}".`);
		return { ...input(spec.slice(0, cut)), key: spec.slice(cut + 1) };
	});
	return {
		asOf,
		preset: o.preset as PresetName | undefined,
		dateOrder: o.dateOrder as 'dmy' | 'mdy' | undefined,
		deals: input(file),
		history: o.history ? input(o.history) : null,
		lookups
	};
}

/** Run the command; `shared` lets tests reuse one engine (it is then left open). */
export async function runPipeline(file: string, o: PipelineOptions, shared?: Db): Promise<string> {
	const c = check(file, o);
	const db = shared ?? (await openNodeDb());
	try {
		const deals = await load(db, 'pipeline_raw', c.deals);
		const hint = { decimalComma: deals.delimiter === ';' };
		let prep = await preparePipeline(db, deals.table, deals.labels, hint, c.asOf);
		const warnings = [...deals.warnings];
		if (c.history) {
			const h = await load(db, 'pipeline_history_raw', c.history);
			const r = await loadHistory(db, h.table, h.labels, { dateOrder: c.dateOrder });
			if (!r.ok) throw new CliError(`${c.history.path}: ${r.error}`);
			warnings.push(...h.warnings, ...r.warnings);
		}
		if (c.history || c.preset || (c.dateOrder && prep.dateQuestions.length > 0)) {
			prep = await reapply(db, deals, prep, c, hint);
		}
		for (const [i, l] of c.lookups.entries()) warnings.push(...(await lookup(db, deals, i, l)));
		const result = await pipelineMetrics(db);
		const all = [...warnings, ...prepWarnings(prep), ...result.warnings];
		const mapping = mappingLabels(prep);
		return o.json
			? JSON.stringify(toJson(result, mapping, all), null, 2) + '\n'
			: summary(result, mapping, all);
	} finally {
		if (!shared) await db.close();
	}
}

async function load(db: Db, table: string, input: Input): Promise<CsvReport> {
	const r = await loadCsv(db, table, basename(input.path), input.bytes);
	if (!r.ok) throw new CliError(r.error);
	return r.report;
}

/** Apply --preset and --date-order, and place stages first seen in the history. */
async function reapply(
	db: Db,
	deals: CsvReport,
	prep: PipelinePrep,
	c: Checked,
	hint: { decimalComma: boolean }
) {
	const dateOrder = { ...prep.setup.dateOrder };
	if (c.dateOrder) for (const q of prep.dateQuestions) dateOrder[q.field] = c.dateOrder;
	const setup = {
		...prep.setup,
		dateOrder,
		...(c.preset ? { preset: c.preset, dictionary: PRESETS[c.preset].map((s) => ({ ...s })) } : {})
	};
	const again = await applySetup(db, deals.table, deals.labels, setup, hint);
	// keep the notes only a fresh preparation gives (preset, HubSpot history)
	return { ...again, warnings: [...new Set([...prep.warnings, ...again.warnings])] };
}

/** --lookup FILE:KEY joins on the deals column KEY names (by the same header, or as a field). */
async function lookup(
	db: Db,
	deals: CsvReport,
	i: number,
	l: Input & { key: string }
): Promise<string[]> {
	const r = await load(db, `pipeline_lookup_raw_${i}`, l);
	const key = r.labels.findIndex((x) => matchKey(x) === matchKey(l.key));
	if (key < 0)
		throw new CliError(`${l.path}: has no column "${l.key}" (it has ${r.labels.join(', ')}).`);
	const byName = deals.labels.findIndex((x) => matchKey(x) === matchKey(l.key));
	const dealColumn: number | Field | undefined = byName >= 0 ? byName : headerMatch(l.key)?.field;
	if (dealColumn === undefined) {
		throw new CliError(
			`${l.path}: the deals file has no column "${l.key}" to join on. Name the key column like the deals column.`
		);
	}
	const j = await joinLookup(db, r.table, r.labels, key, dealColumn);
	if (!j.ok) throw new CliError(`${l.path}: ${j.error}`);
	return [...r.warnings, ...j.warnings];
}

function prepWarnings(p: PipelinePrep): string[] {
	return [
		...p.warnings,
		...p.columnIssues.map(issueText),
		...p.dateQuestions.map((q) => `${questionText(q)} Use --date-order dmy|mdy.`),
		...p.disabled.map((d) => `Switched off (${d.metric}): ${d.reason}`),
		...(p.unplaced.length
			? [`Stages without a place in the dictionary: ${p.unplaced.join(', ')}.`]
			: [])
	];
}

function mappingLabels(p: PipelinePrep): Record<string, string> {
	return Object.fromEntries(
		Object.entries(p.setup.mapping).map(([f, i]) => [f, p.labels[i] ?? `column ${i + 1}`])
	);
}

/** The issue's JSON contract, exactly these keys. */
export function toJson(r: PipelineResult, mapping: Record<string, string>, warnings: string[]) {
	const k = r.kpis;
	return {
		deals: k.deals,
		open: k.open,
		won: k.won,
		lost: k.lost,
		win_rate_count: k.win_rate_count,
		win_rate_value: k.win_rate_value,
		won_amount: k.won_amount,
		open_amount: k.open_amount,
		weighted_pipeline: k.weighted_pipeline,
		avg_won_amount: k.avg_won_amount,
		median_cycle_days_won: k.median_cycle_days_won,
		mean_cycle_days_won: k.mean_cycle_days_won,
		by_stage: r.by_stage.map((s) => ({
			stage: s.stage,
			kind: s.kind,
			deals: s.deals,
			amount: s.amount
		})),
		funnel: r.funnel.steps.map((s) => ({
			stage: s.stage,
			reached: s.reached,
			rate_next: s.rate_next
		})),
		forecast_by_month: r.forecast_by_month.map((m) => ({
			month: m.month,
			closed_won: m.closed_won,
			commit: m.commit,
			best_case: m.best_case,
			pipeline: m.pipeline,
			weighted: m.weighted
		})),
		mapping,
		warnings
	};
}

function today(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const num = (x: number | null, digits = 0) =>
	x === null
		? '–'
		: x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

/** Columns padded to their widest cell, the first left-aligned. */
function table(head: string[], body: string[][]): string[] {
	const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
	return [line(head), ...body.map(line)];
}

/** The readable summary (without --json). */
export function summary(
	r: PipelineResult,
	mapping: Record<string, string>,
	warnings: string[]
): string {
	const k = r.kpis;
	const f = r.funnel;
	return [
		`Deals ${k.deals} · open ${num(k.open)} · won ${num(k.won)} · lost ${num(k.lost)} (as of ${r.as_of})`,
		`Win rate ${pct(k.win_rate_count)} by count, ${pct(k.win_rate_value)} by value`,
		`Won ${num(k.won_amount)} · open ${num(k.open_amount)} · weighted pipeline ${num(k.weighted_pipeline)}`,
		`Average won deal ${num(k.avg_won_amount)} · cycle of won deals: median ${num(k.median_cycle_days_won, 1)} d, mean ${num(k.mean_cycle_days_won, 1)} d`,
		`Sales velocity ${num(k.sales_velocity)} per day · overdue open deals ${num(k.overdue_open)}`,
		'',
		...table(
			['stage', 'kind', 'deals', 'amount'],
			r.by_stage.map((s) => [s.stage, s.kind, String(s.deals), num(s.amount)])
		),
		'',
		`Funnel (${f.kind === 'cohort' ? 'cohort, from the stage history' : 'snapshot of current stages'})`,
		...table(
			['stage', 'reached', 'to next'],
			f.steps.map((s) => [s.stage, String(s.reached), pct(s.rate_next)])
		),
		'',
		'Forecast by close month',
		...table(
			['month', 'closed won', 'commit', 'best case', 'pipeline', 'weighted'],
			r.forecast_by_month.map((m) => [
				m.month,
				...[m.closed_won, m.commit, m.best_case, m.pipeline, m.weighted].map((x) => num(x))
			])
		),
		'',
		`Mapping: ${Object.entries(mapping)
			.map(([field, label]) => `${field} ← ${label}`)
			.join(', ')}`,
		...(warnings.length ? ['', 'Warnings:', ...warnings.map((w) => `- ${w}`)] : []),
		''
	].join('\n');
}

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
import { headerMatch, matchKey, type Field } from '$lib/domain/pipeline/fields';
import { PRESET_NAMES, PRESETS, type PresetName } from '$lib/domain/pipeline/stages';
import type { PipelineResult } from '$lib/domain/pipeline/types';
import { loadCsv, type CsvReport } from '$lib/ingest/load-csv';
import { checkEngine, withEngine } from './engine';
import { CliError, explainTooLarge, readInput, verbose } from './io';
import { summary, toJson } from './pipeline-format';
import { reportPayload, today, writeReport } from './report-file';

export { summary, toJson } from './pipeline-format';

export interface PipelineOptions {
	json?: boolean;
	history?: string;
	lookup?: string[];
	preset?: string;
	asOf?: string;
	dateOrder?: string;
	/** native | wasm (default: native when installed). */
	engine?: string;
	/** Also write the report payload the site opens to this file. */
	report?: string;
	/** Report title. */
	title?: string;
	/** Engine and timings on stderr. */
	verbose?: boolean;
}

/** Everything the output formats draw from. */
export interface PipelineOutput {
	result: PipelineResult;
	/** Field → the header it was read from. */
	mapping: Record<string, string>;
	warnings: string[];
}

export interface Checked {
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
export function checkPipeline(file: string, o: PipelineOptions): Checked {
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
	checkEngine(o.engine);
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
	const c = checkPipeline(file, o);
	return withEngine(o.engine, shared, async (engine) => {
		verbose(o.verbose, `engine: ${engine.label}`);
		const out = await computePipeline(engine.db, c);
		if (o.report) {
			const pipeline = { result: out.result, source: basename(file) };
			const size = writeReport(o.report, reportPayload({ title: o.title, pipeline }));
			process.stderr.write(
				`Report written to ${o.report} (${size.toLocaleString('en-US')} bytes).\n`
			);
		}
		return o.json
			? JSON.stringify(toJson(out.result, out.mapping, out.warnings), null, 2) + '\n'
			: `${summary(out.result, out.mapping, out.warnings)}\nEngine: ${engine.label}\n`;
	});
}

/** The analysis of checked inputs on an engine. */
export function computePipeline(db: Db, c: Checked): Promise<PipelineOutput> {
	const paths = [c.deals, c.history, ...c.lookups].flatMap((x) => (x ? [x.path] : []));
	return explainTooLarge(paths, async () => {
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
		return {
			result,
			mapping: mappingLabels(prep),
			warnings: [...warnings, ...prepWarnings(prep), ...result.warnings]
		};
	});
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

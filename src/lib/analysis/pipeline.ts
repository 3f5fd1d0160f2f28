/**
 * Pipeline analysis over a loaded deals file (all-VARCHAR `c0…cn`): map columns to fields,
 * read numbers and dates per column, match stages to a dictionary, build the typed deals table,
 * then compute metrics (`pipelineMetrics`). The same SQL runs on the browser and Node engines.
 *
 *   const prep = await preparePipeline(db, 'deals_raw', labels, { decimalComma: true }, '2026-12-03');
 *   await loadHistory(db, 'history_raw', historyLabels, {});        // optional
 *   const result = await pipelineMetrics(db, [{ column: 'owner', value: 'Anna' }]);
 */
import type { Db } from '$lib/db/db';
import {
	autoMap,
	disabledMetrics,
	type Field,
	type Mapping,
	type Metric
} from '$lib/domain/pipeline/fields';
import {
	choosePreset,
	PRESETS,
	reconcileStages,
	type PresetName,
	type StageDef
} from '$lib/domain/pipeline/stages';
import {
	buildDeals,
	createAllView,
	createStages,
	dealEnums,
	dropTable,
	PT
} from '$lib/sql/pipeline-build';
import { columnIssues, planColumns, type ColumnIssue, type DateQuestion } from './pipeline-columns';
import { historyFromDeals } from './pipeline-history';
import { distinct, historyStages, loadMeta, run, saveMeta, writeValueMap } from './pipeline-store';

export type { ColumnIssue, DateQuestion } from './pipeline-columns';
export type { PipelineFilter } from '$lib/domain/pipeline/types';
export { loadHistory, type HistoryHint, type HistoryResult } from './pipeline-history';
export { joinLookup, type LookupResult } from './pipeline-lookup';
export {
	pipelineMetrics,
	pipelinePriorities,
	PRIORITY_PAGE,
	type MetricsOptions,
	type PriorityQuery
} from './pipeline-metrics';

/** Everything the user can edit. */
export interface PipelineSetup {
	/** field → raw column index */
	mapping: Partial<Record<Field, number>>;
	/** Answers to DateQuestions. */
	dateOrder: Partial<Record<Field, 'dmy' | 'mdy'>>;
	preset: PresetName;
	/** Ordered; the user edits probability, kind, forecast category and order. */
	dictionary: StageDef[];
	/** 'YYYY-MM-DD': "today" for ages and overdue deals. */
	asOf: string;
	/** Optional forecast target per month. */
	target?: number | null;
}

export interface PipelinePrep {
	setup: PipelineSetup;
	labels: string[];
	ambiguous: { field: Field; candidates: number[] }[];
	unmapped: number[];
	/** When non-empty, dates of those fields are NULL until answered. */
	dateQuestions: DateQuestion[];
	/** Stages in the data (or history) the dictionary did not have, or whose probability is still unknown. */
	unplaced: string[];
	disabled: { metric: Metric; reason: string }[];
	columnIssues: ColumnIssue[];
	warnings: string[];
}

/** German exports (`;`) write decimal commas. */
export interface PipelineHint {
	decimalComma: boolean;
}

/**
 * Auto-detect everything for a new deals file and build the tables: mapping from the headers,
 * the preset sharing most stages with the data (none → the data's own stages, to be placed),
 * formats, and HubSpot `Date entered` columns as stage history.
 */
export async function preparePipeline(
	db: Db,
	rawTable: string,
	labels: string[],
	hint: PipelineHint,
	asOf: string
): Promise<PipelinePrep> {
	await resetPipeline(db);
	const { mapping } = autoMap(labels);
	const fromDeals = await historyFromDeals(db, rawTable, labels, mapping, hint);
	const found = [
		...(mapping.stage === undefined ? [] : await distinct(db, rawTable, mapping.stage)),
		...(await historyStages(db))
	];
	const { preset, overlap } = choosePreset(found);
	const dictionary = overlap > 0 ? PRESETS[preset].map((s) => ({ ...s })) : [];
	const setup: PipelineSetup = { mapping, dateOrder: {}, preset, dictionary, asOf, target: null };
	const prep = await applySetup(db, rawTable, labels, setup, hint);
	const notes = [...fromDeals];
	if (found.length > 0 && overlap === 0) {
		notes.push(
			'No stage preset matches the stages in the file: they are listed in file order with unknown probabilities. Put them in order and give each a probability.'
		);
	}
	return { ...prep, warnings: [...notes, ...prep.warnings] };
}

/** Rebuild the stage and deals tables after edits (no new upload). */
export async function applySetup(
	db: Db,
	rawTable: string,
	labels: string[],
	setup: PipelineSetup,
	hint: PipelineHint
): Promise<PipelinePrep> {
	checkAsOf(setup.asOf);
	const warnings: string[] = [];
	const mapping = validMapping(setup.mapping, labels, warnings);
	const plan = await planColumns(db, rawTable, labels, mapping, setup.dateOrder, hint);
	const dealStages = mapping.stage === undefined ? [] : await distinct(db, rawTable, mapping.stage);
	const found = [...new Set([...dealStages, ...(await historyStages(db))])];
	const { dictionary, unplaced } = reconcileStages(setup.dictionary, found);
	const unknownProbability = dictionary.filter(
		(s) => s.probability === null && found.includes(s.name) && !unplaced.includes(s.name)
	);
	await run(db, createStages(dictionary));
	warnings.push(...(await writeValueMap(db, rawTable, mapping, dictionary, found)));
	if (mapping.stage === undefined) {
		warnings.unshift('No stage column is mapped: choose the column that holds each deal’s stage.');
	}

	const pending = plan.dateQuestions.map((q) => q.field);
	const fields: Partial<Record<Field, string>> = {};
	for (const [f, i] of Object.entries(mapping) as [Field, number][]) {
		if (!pending.includes(f)) fields[f] = labels[i] ?? `column ${i + 1}`;
	}
	const meta = await loadMeta(db);
	await saveMeta(db, {
		asOf: setup.asOf,
		target: setup.target ?? null,
		fields,
		labels,
		history: meta?.history ?? null,
		lookups: meta?.lookups ?? []
	});
	const enums = dealEnums(rawTable, plan.specs);
	await run(db, enums.queries);
	await run(db, buildDeals(rawTable, plan.specs, labels.length, enums.columns));
	await run(db, createAllView(meta?.lookups ?? []));

	const auto = autoMap(labels);
	const ambiguous = auto.ambiguous.filter((a) => mapping[a.field] === undefined);
	const used = new Set([...Object.values(mapping), ...ambiguous.flatMap((a) => a.candidates)]);
	return {
		setup: { ...setup, mapping, dictionary },
		labels,
		ambiguous,
		unmapped: labels.flatMap((_, i) => (used.has(i) ? [] : [i])),
		dateQuestions: plan.dateQuestions,
		unplaced: [...unplaced, ...unknownProbability.map((s) => s.name)],
		disabled: disabledFor(mapping, pending, labels),
		columnIssues: await columnIssues(db, rawTable, labels, plan.specs, pending),
		warnings: [...warnings, ...plan.notes]
	};
}

/** A new deals file: forget the previous file's history and lookups. */
async function resetPipeline(db: Db): Promise<void> {
	const meta = await loadMeta(db);
	for (const l of meta?.lookups ?? []) await run(db, dropTable(l.table));
	await run(db, dropTable(PT.history));
	if (meta) await saveMeta(db, { history: null, lookups: [] });
}

function checkAsOf(asOf: string): void {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
		throw new Error(`The reference date must be YYYY-MM-DD, not "${asOf}".`);
	}
}

/**
 * The mapping without unmapped entries (undefined, null or -1 mean "not mapped") and without
 * indices that name no column (a stale mapping from another file), which are reported.
 */
function validMapping(mapping: Mapping, labels: readonly string[], warnings: string[]): Mapping {
	const out: Mapping = {};
	for (const [f, i] of Object.entries(mapping) as [Field, number | null | undefined][]) {
		if (i === undefined || i === null || i === -1) continue;
		if (Number.isInteger(i) && i >= 0 && i < labels.length) out[f] = i;
		else
			warnings.push(
				`The ${f} mapping points at column ${i + 1}, which this file does not have; it was dropped.`
			);
	}
	return out;
}

/** Metrics the mapping cannot compute; a date column waiting for its day/month answer counts as missing. */
function disabledFor(mapping: Mapping, pending: readonly Field[], labels: readonly string[]) {
	const effective: Mapping = { ...mapping };
	for (const f of pending) delete effective[f];
	return disabledMetrics(effective).map(({ metric, reason, missing }) => {
		const waiting = pending.filter((f) => missing.some((g) => g.includes(f)));
		const extra = waiting.map(
			(f) => ` ${labels[mapping[f]!]}: answer the day/month question first.`
		);
		return { metric, reason: reason + extra.join('') };
	});
}

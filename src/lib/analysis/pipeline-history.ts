/**
 * Stage history: a Salesforce OpportunityHistory export (a row per change) or HubSpot
 * `Date entered "<stage> (<pipeline>)"` columns (in the deals file itself or a separate export),
 * loaded into `pipeline_history` and matched to the deals by id.
 */
import type { Db } from '$lib/db/db';
import { matchKey, type Mapping } from '$lib/domain/pipeline/fields';
import {
	detectDateFormat,
	isAmbiguousDate,
	type DateFormat
} from '$lib/domain/pipeline/parse-format';
import { dropTable, PT } from '$lib/sql/pipeline-build';
import {
	createHistory,
	historySummaryQuery,
	insertHubspotHistory,
	insertSalesforceHistory
} from '$lib/sql/pipeline-history';
import { col } from '$lib/sql/sql';
import { addHistoryStages, distinct, rows, run, saveMeta, tableExists } from './pipeline-store';

export interface HistoryHint {
	decimalComma?: boolean;
	/** Day/month order to use when the history's dates cannot tell. */
	dateOrder?: 'dmy' | 'mdy';
	/** For messages. */
	fileName?: string;
}

export type HistoryResult =
	| { ok: true; kind: 'salesforce' | 'hubspot'; rows: number; warnings: string[] }
	| { ok: false; error: string };

/**
 * A HubSpot stage-entry header: parseDateEntered('Date entered "Closed Won (Sales Pipeline)"')
 * → { stage: 'Closed Won', pipeline: 'Sales Pipeline' }; parseDateEntered('Amount') → null.
 */
export function parseDateEntered(label: string): { stage: string; pipeline: string | null } | null {
	const m = /^\s*date entered\s*["“”']?(.+?)["“”']?\s*$/i.exec(label);
	if (!m?.[1]) return null;
	const p = /^(.*\S)\s*\(([^()]+)\)$/.exec(m[1].trim());
	return p?.[1] && p[2] ? { stage: p[1], pipeline: p[2] } : { stage: m[1].trim(), pipeline: null };
}

const SF = {
	id: ['opportunityid'],
	at: ['createddate', 'editdate', 'changedate', 'lastmodifieddate', 'date', 'datum', 'geaendertam'],
	stage: ['stagename', 'tostage', 'stage', 'zuphase', 'phase'],
	close: ['closedate', 'schlusstermin'],
	deleted: ['isdeleted']
};
const HUBSPOT_ID = ['recordid', 'dealid', 'hsobjectid', 'id'];

/** The first of `keys` (in priority order) some label has: findColumn(['Id', 'OpportunityId'], ['opportunityid']) → 1. */
function findColumn(labels: readonly string[], keys: readonly string[]): number | undefined {
	const ks = labels.map(matchKey);
	for (const k of keys) {
		const i = ks.indexOf(k);
		if (i >= 0) return i;
	}
	return undefined;
}

/** Load a stage-history file that is already in `rawTable`. */
export async function loadHistory(
	db: Db,
	rawTable: string,
	labels: string[],
	hint: HistoryHint = {}
): Promise<HistoryResult> {
	const entries = hubspotEntries(labels);
	const id = findColumn(labels, SF.id);
	const at = findColumn(labels, SF.at);
	const stage = findColumn(labels, SF.stage);
	let built: Built;
	if (id !== undefined && at !== undefined && stage !== undefined) {
		built = await buildSalesforce(db, rawTable, labels, { id, at, stage }, hint);
	} else if (entries.length > 0) {
		const hid = findColumn(labels, HUBSPOT_ID);
		if (hid === undefined)
			return {
				ok: false,
				error: `it has "Date entered" columns but no Record ID column to match them to the deals.`
			};
		built = await buildHubspot(db, rawTable, labels, hid, entries, hint);
	} else {
		return {
			ok: false,
			error:
				'this does not look like a stage history. Expected a Salesforce OpportunityHistory export (OpportunityId, CreatedDate, StageName) or a HubSpot deals export with "Date entered" columns.'
		};
	}
	if (!built.ok) return built;
	return finish(db, built.kind, built.warnings);
}

/** HubSpot `Date entered` columns of a deals file, loaded as its history; returns notes. */
export async function historyFromDeals(
	db: Db,
	rawTable: string,
	labels: readonly string[],
	mapping: Mapping,
	hint: HistoryHint
): Promise<string[]> {
	const entries = hubspotEntries(labels);
	if (entries.length === 0 || mapping.id === undefined) return [];
	const built = await buildHubspot(db, rawTable, labels, mapping.id, entries, hint);
	if (!built.ok)
		return [`The "Date entered" columns are not used as stage history: ${built.error}`];
	await saveMeta(db, { history: 'hubspot' });
	return [
		`The ${entries.length} "Date entered" columns are used as stage history.`,
		...built.warnings
	];
}

function hubspotEntries(labels: readonly string[]): { column: string; stage: string }[] {
	return labels.flatMap((l, i) => {
		const p = parseDateEntered(l);
		return p ? [{ column: col(i), stage: p.stage }] : [];
	});
}

type Built =
	{ ok: true; kind: 'salesforce' | 'hubspot'; warnings: string[] } | { ok: false; error: string };

async function buildSalesforce(
	db: Db,
	raw: string,
	labels: readonly string[],
	c: { id: number; at: number; stage: number },
	hint: HistoryHint
): Promise<Built> {
	const close = findColumn(labels, SF.close);
	const deleted = findColumn(labels, SF.deleted);
	const atFmt = dateFormat(await distinct(db, raw, c.at), labels[c.at]!, hint);
	if ('error' in atFmt) return { ok: false, error: atFmt.error };
	const closeFmt =
		close === undefined
			? { format: null }
			: dateFormat(await distinct(db, raw, close), labels[close]!, hint);
	if ('error' in closeFmt) return { ok: false, error: closeFmt.error };
	await run(db, createHistory());
	const cols = {
		id: col(c.id),
		at: col(c.at),
		stage: col(c.stage),
		close: close === undefined ? null : col(close),
		deleted: deleted === undefined ? null : col(deleted)
	};
	await run(db, insertSalesforceHistory(raw, cols, atFmt.format, closeFmt.format));
	const warnings =
		close === undefined
			? ['The history has no CloseDate column, so close-date pushes cannot be counted.']
			: [];
	return { ok: true, kind: 'salesforce', warnings };
}

async function buildHubspot(
	db: Db,
	raw: string,
	labels: readonly string[],
	id: number,
	entries: { column: string; stage: string }[],
	hint: HistoryHint
): Promise<Built> {
	const values: string[] = [];
	for (const e of entries) values.push(...(await distinct(db, raw, Number(e.column.slice(1)))));
	const fmt = dateFormat(values, 'the "Date entered" columns', hint);
	if ('error' in fmt) return { ok: false, error: fmt.error };
	await run(db, createHistory());
	await run(db, insertHubspotHistory(raw, col(id), entries, fmt.format));
	return { ok: true, kind: 'hubspot', warnings: [] };
}

/** A history date format: ambiguous day/month uses the hint, else asks for one. */
function dateFormat(
	values: readonly string[],
	what: string,
	hint: HistoryHint
): { format: DateFormat } | { error: string } {
	const found = detectDateFormat(values);
	if (found === null)
		return { error: `${what} holds no dates that can be read (e.g. '${values[0] ?? ''}').` };
	if (!isAmbiguousDate(found)) return { format: found };
	const pick = found.candidates.find((c) => c.order === hint.dateOrder);
	if (pick) return { format: pick };
	return {
		error: `${what}: dates like '${values[0] ?? ''}' could be day or month first. Say which (date order) and load the history again.`
	};
}

/** Check the match with the deals, give history stages their dictionary place, record the kind. */
async function finish(
	db: Db,
	kind: 'salesforce' | 'hubspot',
	warnings: string[]
): Promise<HistoryResult> {
	const [s] = await rows<{ rows: number; no_date: number; ids: number; matched: number }>(
		db,
		historySummaryQuery()
	);
	if (!s || s.rows === 0) {
		await run(db, dropTable(PT.history));
		return { ok: false, error: 'it has no rows with a deal id.' };
	}
	const out = [...warnings];
	if (await tableExists(db, PT.deals)) {
		if (s.matched === 0) {
			await run(db, dropTable(PT.history));
			return {
				ok: false,
				error: `none of its ${s.ids} deal ids is in the deals file. Check that it belongs to these deals and that the deals' id column is mapped.`
			};
		}
		if (s.matched < s.ids)
			out.push(
				`${s.ids - s.matched} of ${s.ids} deals in the history are not in the deals file and are left out.`
			);
	}
	if (s.no_date > 0) out.push(`${s.no_date} history rows have no readable date and are left out.`);
	const unknown = await addHistoryStages(db);
	if (unknown.length > 0) {
		out.push(
			`Stages in the history but not in the stage dictionary: ${unknown.join(', ')}. Place them in the dictionary.`
		);
	}
	await saveMeta(db, { history: kind });
	return { ok: true, kind, rows: s.rows, warnings: out };
}

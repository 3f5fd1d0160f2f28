/**
 * Small shared steps of the pipeline analysis: running built queries, the settings kept in
 * `pipeline_meta` (so metrics need only the Db), and the table that says what each stage,
 * status and forecast value in the data means.
 */
import type { Db, Row } from '$lib/db/db';
import type { Field } from '$lib/domain/pipeline/fields';
import {
	findStage,
	parseForecastCategory,
	parseStatusKind,
	type StageDef
} from '$lib/domain/pipeline/stages';
import {
	addValues,
	createValues,
	distinctValues,
	knownStageValues,
	PT,
	readMeta,
	readStages,
	tableExistsQuery,
	writeMeta,
	type LookupDef,
	type ValueRow
} from '$lib/sql/pipeline-build';
import { historyStagesQuery } from '$lib/sql/pipeline-history';
import { col, type Query } from '$lib/sql/sql';

export async function run(db: Db, queries: Query | readonly Query[]): Promise<void> {
	for (const q of Array.isArray(queries) ? queries : [queries as Query]) {
		await db.query(q.text, q.params);
	}
}

export async function rows<T extends Row>(db: Db, q: Query): Promise<T[]> {
	return db.query<T>(q.text, q.params);
}

export async function tableExists(db: Db, table: string): Promise<boolean> {
	const r = await rows<{ n: number }>(db, tableExistsQuery(table));
	return (r[0]?.n ?? 0) > 0;
}

export interface LookupMeta extends LookupDef {
	/** The raw upload it was copied from. */
	source: string;
	columns: { column: string; label: string }[];
}

/** What metrics need to know about the setup, kept in the database beside the tables. */
export interface PipelineMeta {
	asOf: string;
	target: number | null;
	/** Mapped fields with readable values → their column label. */
	fields: Partial<Record<Field, string>>;
	/** Raw deal column labels (c<i>). */
	labels: string[];
	history: 'salesforce' | 'hubspot' | null;
	lookups: LookupMeta[];
}

/**
 * The meta as last read, per database: metrics read it on every filter change, and a catalog
 * lookup plus a read cost a wasm engine tens of milliseconds each. Every write goes through
 * saveMeta, which forgets what was read (for every database handle: wrappers of one engine, such
 * as a cancellable load, share its tables); `epoch` keeps a read that overlapped a write from
 * being kept.
 */
let metaCache = new WeakMap<Db, PipelineMeta>();
let epoch = 0;
function forgetMeta(): void {
	metaCache = new WeakMap();
	epoch++;
}

export async function saveMeta(db: Db, m: Partial<PipelineMeta>): Promise<void> {
	const e: Record<string, string> = {};
	if (m.asOf !== undefined) e.as_of = m.asOf;
	if (m.target !== undefined) e.target = JSON.stringify(m.target);
	if (m.fields !== undefined) e.fields = JSON.stringify(m.fields);
	if (m.labels !== undefined) e.labels = JSON.stringify(m.labels);
	if (m.history !== undefined) e.history = JSON.stringify(m.history);
	if (m.lookups !== undefined) e.lookups = JSON.stringify(m.lookups);
	forgetMeta();
	try {
		await run(db, writeMeta(e));
	} finally {
		forgetMeta();
	}
}

/** The settings metrics need (null before any deals were prepared); a copy the caller may change. */
export async function loadMeta(db: Db): Promise<PipelineMeta | null> {
	const cached = metaCache.get(db);
	if (cached) return structuredClone(cached);
	const at = epoch;
	const meta = await readMetaTable(db);
	// Not kept when missing (tables may be built without saveMeta) or written meanwhile.
	if (meta !== null && at === epoch) metaCache.set(db, structuredClone(meta));
	return meta;
}

async function readMetaTable(db: Db): Promise<PipelineMeta | null> {
	if (!(await tableExists(db, PT.meta))) return null;
	const kv = new Map(
		(await rows<{ key: string; value: string }>(db, readMeta())).map((r) => [r.key, r.value])
	);
	const json = <T>(key: string, fallback: T): T => {
		const v = kv.get(key);
		return v === undefined ? fallback : (JSON.parse(v) as T);
	};
	return {
		asOf: kv.get('as_of') ?? '',
		target: json<number | null>('target', null),
		fields: json('fields', {}),
		labels: json('labels', []),
		history: json('history', null),
		lookups: json('lookups', [])
	};
}

/** Distinct cleaned values of a raw column, first seen first. */
export async function distinct(db: Db, table: string, column: number): Promise<string[]> {
	const r = await rows<{ value: string }>(db, distinctValues(table, col(column)));
	return r.map((x) => x.value);
}

/** Stage names in the loaded history (none without one). */
export async function historyStages(db: Db): Promise<string[]> {
	if (!(await tableExists(db, PT.history))) return [];
	return (await rows<{ value: string }>(db, historyStagesQuery())).map((r) => r.value);
}

const label = (v: string) => `"${v}"`;

/**
 * The value table for the deals' stage, status and forecast columns and the history's stages;
 * returns warnings for status / forecast values that mean nothing known.
 */
export async function writeValueMap(
	db: Db,
	raw: string,
	mapping: Partial<Record<Field, number>>,
	dictionary: readonly StageDef[],
	stages: readonly string[]
): Promise<string[]> {
	const pos = (v: string) => {
		const s = findStage(dictionary, v);
		return s ? dictionary.indexOf(s) : null;
	};
	const out: ValueRow[] = stages.map((raw) => ({ field: 'stage', raw, code: null, pos: pos(raw) }));
	const warnings: string[] = [];
	const coded = [
		['status_kind', parseStatusKind, 'open, won or lost'],
		['forecast_category', parseForecastCategory, 'a forecast category']
	] as const;
	for (const [field, parse, what] of coded) {
		const i = mapping[field];
		if (i === undefined) continue;
		const values = await distinct(db, raw, i);
		const unknown = values.filter((v) => parse(v) === null);
		out.push(...values.map((v) => ({ field, raw: v, code: parse(v), pos: null })));
		if (unknown.length > 0) {
			warnings.push(
				`${unknown.slice(0, 3).map(label).join(', ')}${unknown.length > 3 ? ', …' : ''} in the ${field === 'status_kind' ? 'status' : 'forecast category'} column ${unknown.length === 1 ? 'is' : 'are'} not ${what}; those deals use their stage's instead.`
			);
		}
	}
	await run(db, createValues(out));
	return warnings;
}

/**
 * After a history upload: give its stage names a dictionary position (names the dictionary
 * lacks stay unplaced until the setup is applied again). Returns the unknown names.
 */
export async function addHistoryStages(db: Db): Promise<string[]> {
	if (!(await tableExists(db, PT.values)) || !(await tableExists(db, PT.stages))) return [];
	const known = new Set((await rows<{ raw: string }>(db, knownStageValues())).map((r) => r.raw));
	const dictionary: StageDef[] = await rows<StageDef & Row>(db, readStages());
	const fresh = (await historyStages(db)).filter((s) => !known.has(s));
	const mapped: ValueRow[] = fresh.map((raw) => {
		const s = findStage(dictionary, raw);
		return { field: 'stage', raw, code: null, pos: s ? dictionary.indexOf(s) : null };
	});
	await run(db, addValues(mapped));
	return mapped.filter((m) => m.pos === null).map((m) => m.raw);
}

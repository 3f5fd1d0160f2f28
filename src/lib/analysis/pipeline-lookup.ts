/**
 * Lookup tables joined to the deals by a key (products → list price, teams → manager, accounts →
 * sector): their columns become deal attributes `l<n>_c<i>` for filters and breakdowns.
 */
import type { Db } from '$lib/db/db';
import { fieldKind, FIELDS, type Field } from '$lib/domain/pipeline/fields';
import { createAllView, dropTable, type LookupDef } from '$lib/sql/pipeline-build';
import { createLookup, duplicateKeysQuery, lookupMatchQuery } from '$lib/sql/pipeline-lookup';
import { col } from '$lib/sql/sql';
import { loadMeta, rows, run, saveMeta, type LookupMeta } from './pipeline-store';

export type LookupResult =
	| {
			ok: true;
			/** `l<n>`; its columns are `l<n>_c<i>`. */
			name: string;
			columns: { column: string; label: string }[];
			/** Deals that found a lookup row / whose value has none. */
			matched: number;
			unmatched: number;
			warnings: string[];
	  }
	| { ok: false; error: string };

/**
 * Join a loaded lookup file (`rawTable`) on its column `key` to a deal column (raw index or a
 * mapped text field). Joining the same raw table again replaces the earlier join.
 */
export async function joinLookup(
	db: Db,
	rawTable: string,
	labels: string[],
	key: number,
	dealColumn: number | Field
): Promise<LookupResult> {
	const meta = await loadMeta(db);
	if (!meta?.asOf) return { ok: false, error: 'Load the deals file first, then lookup tables.' };
	const keyLabel = labels[key];
	if (keyLabel === undefined)
		return { ok: false, error: `The lookup table has no column ${key + 1}.` };
	const target = dealTarget(dealColumn, meta.labels, meta.fields);
	if ('error' in target) return { ok: false, error: target.error };

	const others = meta.lookups.filter((l) => l.source !== rawTable);
	const same = meta.lookups.find((l) => l.source === rawTable);
	const n = same
		? Number(same.name.slice(1))
		: Math.max(0, ...others.map((l) => Number(l.name.slice(1)))) + 1;
	const def: LookupDef = {
		name: `l${n}`,
		table: `pipeline_lookup_${n}`,
		dealColumn: target.column
	};
	const cols = labels.flatMap((_, i) => (i === key ? [] : [i]));
	await run(db, createLookup(rawTable, def, key, cols));
	const [m = { matched: 0, unmatched: 0, missing: [] }] = await rows<{
		matched: number;
		unmatched: number;
		missing: string[] | null;
	}>(db, lookupMatchQuery(def));
	if (m.matched === 0) {
		await run(db, dropTable(def.table));
		return {
			ok: false,
			error: `No deal's ${target.label} matches a value of ${keyLabel} in the lookup table. Choose the columns that hold the same values.`
		};
	}
	const entry: LookupMeta = {
		...def,
		source: rawTable,
		columns: cols.map((i) => ({ column: `${def.name}_${col(i)}`, label: labels[i] ?? col(i) }))
	};
	const lookups = [...others, entry];
	await saveMeta(db, { lookups });
	await run(db, createAllView(lookups));
	return {
		ok: true,
		name: def.name,
		columns: entry.columns,
		matched: m.matched,
		unmatched: m.unmatched,
		warnings: await lookupWarnings(db, rawTable, key, keyLabel, target.label, m)
	};
}

function dealTarget(
	dealColumn: number | Field,
	labels: readonly string[],
	fields: Partial<Record<Field, string>>
): { column: string; label: string } | { error: string } {
	if (typeof dealColumn === 'number') {
		const label = labels[dealColumn];
		return label === undefined
			? { error: `The deals file has no column ${dealColumn + 1}.` }
			: { column: col(dealColumn), label };
	}
	const label = fields[dealColumn];
	if (!FIELDS.includes(dealColumn) || label === undefined) {
		return { error: `"${dealColumn}" is not mapped in the deals file: join on a column instead.` };
	}
	if (fieldKind(dealColumn) !== 'text')
		return { error: `Join lookups on a text column, not ${label}.` };
	return { column: dealColumn, label };
}

async function lookupWarnings(
	db: Db,
	raw: string,
	key: number,
	keyLabel: string,
	dealLabel: string,
	m: { unmatched: number; missing: string[] | null }
): Promise<string[]> {
	const out: string[] = [];
	const dups = await rows<{ value: string; n: number }>(db, duplicateKeysQuery(raw, key));
	if (dups.length > 0) {
		const eg = dups
			.slice(0, 3)
			.map((d) => `'${d.value}' ×${d.n}`)
			.join(', ');
		out.push(
			`${dups.length} ${keyLabel} ${dups.length === 1 ? 'value appears' : 'values appear'} more than once in the lookup table (${eg}); the first row is used.`
		);
	}
	if (m.unmatched > 0) {
		const eg = (m.missing ?? [])
			.slice(0, 3)
			.map((v) => `'${v}'`)
			.join(', ');
		out.push(
			`${m.unmatched} deals have a ${dealLabel} with no row in the lookup table (e.g. ${eg}).`
		);
	}
	return out;
}

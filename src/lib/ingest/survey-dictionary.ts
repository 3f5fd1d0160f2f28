/**
 * The optional outcome dictionary: a small CSV naming each outcome (id → statement, job step).
 * Read with papaparse (it is small), columns found by name, matched to the survey's outcomes by id
 * or by statement. Errors as values.
 */
import Papa from 'papaparse';
import { decodeBytes } from './decode';
import { guessDelimiter, splitSepLine } from './sniff';
import { cleanText } from './survey-headers';

export interface DictionaryEntry {
	id: string;
	statement: string | null;
	step: string | null;
}

export type DictionaryResult =
	| {
			ok: true;
			entries: DictionaryEntry[];
			columns: { id: string; statement?: string; step?: string };
	  }
	| { ok: false; error: string };

const ID = /^(?:outcome[\s_-]*)?(?:id|key|code|nr|no)$|^outcome$|^ergebnis[\s_-]*id$/i;
const STATEMENT =
	/^(?:(?:outcome|desired[\s_-]*outcome)[\s_-]*)?(?:statement|text|label|description)$|^desired[\s_-]*outcome$|^aussage$|^formulierung$|^beschreibung$/i;
const STEP =
	/^(?:job[\s_-]*)?step$|^job[\s_-]*stage$|^(?:job)?schritt$|^jobschritt$|^phase$|^stage$/i;

/**
 * parseDictionary of "outcome_id,statement,job_step\nQ1,Minimize …,Qualify" → one entry
 * { id: 'Q1', statement: 'Minimize …', step: 'Qualify' }. Without an id column the statement is the id.
 */
export function parseDictionary(fileName: string, bytes: Uint8Array): DictionaryResult {
	const fail = (why: string): DictionaryResult => ({ ok: false, error: `${fileName}: ${why}` });
	const sep = splitSepLine(decodeBytes(bytes).text);
	const rows = Papa.parse<string[]>(sep.rest, {
		delimiter: sep.delimiter ?? guessDelimiter(sep.rest),
		skipEmptyLines: true
	}).data;
	const header = (rows[0] ?? []).map(cleanText);
	const find = (re: RegExp) => header.findIndex((h) => re.test(h));
	const statement = find(STATEMENT);
	const step = find(STEP);
	let id = find(ID);
	if (id < 0) id = statement;
	if (id < 0)
		return fail(
			'no outcome id or statement column was found. Name them e.g. "outcome_id", "statement", "job_step".'
		);
	const entries: DictionaryEntry[] = [];
	for (const r of rows.slice(1)) {
		const key = cleanText(r[id]);
		if (key === '') continue;
		entries.push({
			id: key,
			statement: statement >= 0 ? cleanText(r[statement]) || null : null,
			step: step >= 0 ? cleanText(r[step]) || null : null
		});
	}
	if (entries.length === 0) return fail('the file names no outcomes.');
	return {
		ok: true,
		entries,
		columns: {
			id: header[id]!,
			...(statement >= 0 ? { statement: header[statement] } : {}),
			...(step >= 0 ? { step: header[step] } : {})
		}
	};
}

const key = (s: string) => cleanText(s).toLowerCase();

/**
 * The dictionary entry for each outcome (by its key or statement; case and spacing ignored), and
 * the entries that matched none. matchDictionary([{ id: 'Q1', label: 'Q1' }], [{ id: 'q1', … }]) →
 * { matched: [entry], unused: [] }.
 */
export function matchDictionary(
	outcomes: readonly { id: string; label: string }[],
	entries: readonly DictionaryEntry[]
): { matched: (DictionaryEntry | null)[]; unused: DictionaryEntry[] } {
	const byKey = new Map<string, DictionaryEntry>();
	for (const e of entries) {
		if (e.statement && !byKey.has(key(e.statement))) byKey.set(key(e.statement), e);
	}
	for (const e of entries) byKey.set(key(e.id), e); // ids win over statements
	const used = new Set<DictionaryEntry>();
	const matched = outcomes.map((o) => {
		const e = byKey.get(key(o.id)) ?? byKey.get(key(o.label)) ?? null;
		if (e) used.add(e);
		return e;
	});
	return { matched, unused: entries.filter((e) => !used.has(e)) };
}

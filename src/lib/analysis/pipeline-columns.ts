/**
 * How each mapped deal column is read: number and date formats decided from all of a column's
 * distinct values, day/month order asked when the values cannot tell (and no other date column of
 * the file with the same separator can), and a count of the values that still do not read.
 */
import type { Db, Row } from '$lib/db/db';
import { fieldKind, type Field, type Mapping } from '$lib/domain/pipeline/fields';
import {
	detectDateFormat,
	detectNumberFormat,
	detectProbabilityFormat,
	isAmbiguousDate,
	type AmbiguousDate,
	type DateFormat,
	type NumberHint
} from '$lib/domain/pipeline/parse-format';
import {
	distinctWithBlanks,
	invalidCountsQuery,
	invalidExamplesQuery,
	type ColumnSpec
} from '$lib/sql/pipeline-build';
import { col } from '$lib/sql/sql';
import { dateFast, numberFastPattern, plainTest } from '$lib/sql/typed';
import { rows } from './pipeline-store';

export interface ColumnIssue {
	field: Field;
	column: string;
	invalid: number;
	examples: string[];
}

export interface DateQuestion {
	field: Field;
	column: string;
	candidates: ('dmy' | 'mdy')[];
	examples: string[];
}

export type DateOrders = Partial<Record<Field, 'dmy' | 'mdy'>>;

export interface ColumnPlan {
	specs: Partial<Record<Field, ColumnSpec>>;
	/** Date columns read as NULL until their question is answered. */
	dateQuestions: DateQuestion[];
	notes: string[];
}

/** The reading of every mapped column (formats detected from the column's distinct values). */
export async function planColumns(
	db: Db,
	raw: string,
	labels: readonly string[],
	mapping: Mapping,
	dateOrder: DateOrders,
	hint: NumberHint
): Promise<ColumnPlan> {
	const specs: Partial<Record<Field, ColumnSpec>> = {};
	const dates = new Map<Field, { values: string[]; found: DateFormat | AmbiguousDate | null }>();
	const seen = new Map<Field, Distinct[]>();
	for (const [field, i] of Object.entries(mapping) as [Field, number][]) {
		const column = col(i);
		const kind = fieldKind(field);
		if (kind === 'text' || kind === 'flag') {
			specs[field] = { kind, column };
			continue;
		}
		const found = await rows<Distinct>(db, distinctWithBlanks(raw, column));
		const values = found.flatMap((d) => (d.value === '' ? [] : [d.value]));
		seen.set(field, found);
		if (kind === 'date') {
			dates.set(field, { values, found: detectDateFormat(values) });
			continue;
		}
		const detect = kind === 'probability' ? detectProbabilityFormat : detectNumberFormat;
		const format = detect(values, hint);
		const plain = format !== null && allPlain(found, numberFastPattern(format));
		specs[field] = { kind: 'number', column, format, ...(plain ? { plain } : {}) };
	}
	const settled = settleDates(dates, dateOrder, labels, mapping);
	for (const [field, format] of settled.formats) {
		const fast = format && dateFast(format);
		const plain = !!fast && allPlain(seen.get(field) ?? [], fast[0]);
		specs[field] = {
			kind: 'date',
			column: col(mapping[field]!),
			format,
			...(plain ? { plain } : {})
		};
	}
	return { specs, dateQuestions: settled.questions, notes: settled.notes };
}

interface Distinct extends Row {
	value: string;
	n: number;
	same: boolean;
}

/**
 * Every raw text of the column is already clean and in the plain shape (NULLs aside), so the
 * column reads without testing each value: allPlain([{ value: '1.234,5', same: true }], German) → true;
 * a value that needed cleaning (' 5'), a blank ('  ') or another shape ('5 €') → false.
 */
function allPlain(found: readonly Distinct[], pattern: string): boolean {
	const re = plainTest(pattern);
	return found.every((d) => d.same && d.value !== '' && re.test(d.value));
}

type DateFound = Map<Field, { values: string[]; found: DateFormat | AmbiguousDate | null }>;

/**
 * Ambiguous dates: the user's answer, else the order of another date column with the same
 * separator whose values settle it, else a question (the column reads as NULL meanwhile).
 */
function settleDates(
	dates: DateFound,
	answers: DateOrders,
	labels: readonly string[],
	mapping: Mapping
) {
	const formats = new Map<Field, DateFormat | null>();
	const pending: [Field, AmbiguousDate][] = [];
	for (const [field, { found }] of dates) {
		if (!isAmbiguousDate(found)) formats.set(field, found);
		else {
			const answered = found.candidates.find((c) => c.order === answers[field]);
			if (answered) formats.set(field, answered);
			else pending.push([field, found]);
		}
	}
	const name = (f: Field) => labels[mapping[f]!] ?? f;
	const notes: string[] = [];
	const questions: DateQuestion[] = [];
	for (const [field, amb] of pending) {
		const sibling = [...formats].find(
			([, f]) => f && f.order !== 'ymd' && amb.candidates.some((c) => c.sep === f.sep)
		);
		const pick =
			sibling &&
			amb.candidates.find((c) => c.order === sibling[1]?.order && c.sep === sibling[1]?.sep);
		if (sibling && pick) {
			formats.set(field, pick);
			notes.push(
				`${name(field)}: day/month order taken from ${name(sibling[0])} (${pick.order === 'dmy' ? 'day first' : 'month first'}).`
			);
			continue;
		}
		formats.set(field, null);
		questions.push({
			field,
			column: name(field),
			candidates: [...new Set(amb.candidates.map((c) => c.order))].filter(
				(o): o is 'dmy' | 'mdy' => o !== 'ymd'
			),
			examples: (dates.get(field)?.values ?? []).slice(0, 3)
		});
	}
	return { formats, questions, notes };
}

const CHECKED = new Set(['number', 'date', 'flag']);

/**
 * Values that are there but could not be read, per typed column (pending date questions aside),
 * counted in the deals table `buildDeals` just made from `raw` with these specs: its typed column
 * NULL where its copy of the raw column is not blank. No value is read a second time.
 */
export async function columnIssues(
	db: Db,
	raw: string,
	labels: readonly string[],
	specs: Partial<Record<Field, ColumnSpec>>,
	pending: readonly Field[]
): Promise<ColumnIssue[]> {
	const checked = (Object.entries(specs) as [Field, ColumnSpec][])
		.filter(([f, s]) => CHECKED.has(s.kind) && !pending.includes(f))
		.map(([field, s]) => ({ field, column: s.column }));
	if (checked.length === 0) return [];
	const [row = {}] = await rows<Record<string, number>>(db, invalidCountsQuery(checked));
	const out: ColumnIssue[] = [];
	for (const [i, c] of checked.entries()) {
		const invalid = row[`f${i}`] ?? 0;
		if (invalid === 0) continue;
		const ex = await rows<{ value: string }>(db, invalidExamplesQuery(c));
		const column = labels[Number(c.column.slice(1))] ?? c.column;
		out.push({ field: c.field, column, invalid, examples: ex.map((e) => e.value) });
	}
	return out;
}

/**
 * The sentence for an issue: issueText({ column: 'Opportunity-Betrag', invalid: 1, examples: ['abc'] })
 * → "Opportunity-Betrag: 1 value could not be read (e.g. 'abc') and counts as missing."
 */
export function issueText(i: ColumnIssue): string {
	const eg = i.examples.map((e) => `'${e}'`).join(', ');
	return `${i.column}: ${i.invalid} ${i.invalid === 1 ? 'value' : 'values'} could not be read (e.g. ${eg}) and ${i.invalid === 1 ? 'counts' : 'count'} as missing.`;
}

/** "Schlusstermin: dates like 01/02/2024 could be day or month first: say which." */
export function questionText(q: DateQuestion): string {
	return `${q.column}: dates like ${q.examples[0] ?? '01/02/2024'} could be day or month first; say which (until then they are left out).`;
}

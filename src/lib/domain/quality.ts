/**
 * Respondent quality screening over plain arrays: straight-lining, incomplete answers and duplicate
 * ids. Flags are reported by row (an index into the input — what exclusion uses, since a duplicated id
 * names several rows) with the id beside it for the audit list.
 */

/** One respondent: id (may be empty) and their ratings per outcome, in outcome order. */
export interface RespondentRatings {
	id: string | null;
	/** One entry per outcome: 1–5, anything else (null, 0, NaN) is unanswered. */
	importance: readonly (number | null)[];
	satisfaction: readonly (number | null)[];
}

export type QualityFlag = 'straightlining' | 'incomplete' | 'duplicate';
export const QUALITY_FLAGS: readonly QualityFlag[] = ['straightlining', 'incomplete', 'duplicate'];
export const QUALITY_LABEL: Record<QualityFlag, string> = {
	straightlining:
		'Straight-lining (the same rating on every importance or every satisfaction item)',
	incomplete: 'Incomplete (too few ratings answered)',
	duplicate: 'Duplicate respondent id'
};

export interface QualityOptions {
	/** A respondent answering a smaller share of all rating items is incomplete (default 0.5). */
	minAnsweredShare?: number;
	/** Straight-lining needs at least this many answered items on that side (default 3). */
	minStraightItems?: number;
	/** 'after-first' (default) flags every repeat of an id but its first row; 'all' flags every row. */
	duplicates?: 'after-first' | 'all';
}

/** Rows flagged for one reason, with their ids (parallel arrays, rows ascending). */
export interface FlaggedRows {
	rows: number[];
	ids: (string | null)[];
}

export type QualityReport = Record<QualityFlag, FlaggedRows>;

const isRating = (v: number | null | undefined): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;

/**
 * Same valid rating on every answered item, with at least `minItems` answered:
 * isStraightLine([4, 4, null, 4]) → true (3 answered, all 4); isStraightLine([4, 4]) → false (too few).
 */
export function isStraightLine(ratings: readonly (number | null)[], minItems = 3): boolean {
	let first: number | null = null;
	let answered = 0;
	for (const r of ratings) {
		if (!isRating(r)) continue;
		if (first === null) first = r;
		else if (r !== first) return false;
		answered++;
	}
	return answered >= minItems;
}

/** Share of rating items answered (both sides): answeredShare({ importance: [5, null], satisfaction: [1, 0] }) → 0.5. */
export function answeredShare(r: Pick<RespondentRatings, 'importance' | 'satisfaction'>): number {
	const total = r.importance.length + r.satisfaction.length;
	if (total === 0) return 0;
	return (r.importance.filter(isRating).length + r.satisfaction.filter(isRating).length) / total;
}

/** Id as compared for duplicates: NBSP and outer whitespace removed, case kept; empty → null (never a duplicate). */
export function cleanId(id: string | null | undefined): string | null {
	const t = (id ?? '').replace(/\u00a0/g, ' ').trim();
	return t === '' ? null : t;
}

/**
 * Quality flags for every respondent. Straight-lining is judged on the answered items of each side
 * (identical importance ratings, or identical satisfaction ratings, ≥ 3 answered); incomplete is
 * answeredShare < minAnsweredShare; duplicates compare cleaned ids.
 * qualityFlags([{ id: 'a', importance: [5, 5, 5], satisfaction: [1, 2, 3] }, { id: 'a', importance: [4, 2, null], satisfaction: [null, null, null] }])
 * → straightlining rows [0]; incomplete rows [1] (2 of 6 answered); duplicate rows [1].
 */
export function qualityFlags(
	respondents: readonly RespondentRatings[],
	options: QualityOptions = {}
): QualityReport {
	const minShare = options.minAnsweredShare ?? 0.5;
	const minItems = options.minStraightItems ?? 3;
	const report: QualityReport = {
		straightlining: { rows: [], ids: [] },
		incomplete: { rows: [], ids: [] },
		duplicate: { rows: [], ids: [] }
	};
	const push = (flag: QualityFlag, row: number) => {
		report[flag].rows.push(row);
		report[flag].ids.push(respondents[row]!.id);
	};
	const rowsById = new Map<string, number[]>();
	respondents.forEach((r, row) => {
		if (isStraightLine(r.importance, minItems) || isStraightLine(r.satisfaction, minItems))
			push('straightlining', row);
		if (answeredShare(r) < minShare) push('incomplete', row);
		const id = cleanId(r.id);
		if (id === null) return;
		const rows = rowsById.get(id);
		if (rows) rows.push(row);
		else rowsById.set(id, [row]);
	});
	const dup: number[] = [];
	for (const rows of rowsById.values())
		if (rows.length > 1) dup.push(...(options.duplicates === 'all' ? rows : rows.slice(1)));
	for (const row of dup.sort((a, b) => a - b)) push('duplicate', row);
	return report;
}

/** One audit line: who is excluded and why. */
export interface ExclusionEntry {
	row: number;
	id: string | null;
	reasons: QualityFlag[];
}

/**
 * The rows to exclude for the chosen flags, each with every chosen reason, rows ascending:
 * exclusions(report, ['straightlining', 'duplicate']) → [{ row: 0, id: 'a', reasons: ['straightlining'] }, { row: 1, id: 'a', reasons: ['duplicate'] }].
 */
export function exclusions(report: QualityReport, flags: readonly QualityFlag[]): ExclusionEntry[] {
	const byRow = new Map<number, ExclusionEntry>();
	for (const flag of QUALITY_FLAGS) {
		if (!flags.includes(flag)) continue;
		report[flag].rows.forEach((row, j) => {
			const entry = byRow.get(row) ?? { row, id: report[flag].ids[j] ?? null, reasons: [] };
			entry.reasons.push(flag);
			byRow.set(row, entry);
		});
	}
	return [...byRow.values()].sort((a, b) => a.row - b.row);
}

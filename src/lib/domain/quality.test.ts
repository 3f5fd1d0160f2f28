import { describe, expect, it } from 'vitest';
import {
	answeredShare,
	cleanId,
	exclusions,
	isStraightLine,
	qualityFlags,
	type RespondentRatings
} from './quality';

const r = (
	id: string | null,
	importance: (number | null)[],
	satisfaction: (number | null)[]
): RespondentRatings => ({ id, importance, satisfaction });

describe('straight-lining', () => {
	it('identical valid ratings on every answered item, at least 3 answered', () => {
		expect(isStraightLine([4, 4, 4])).toBe(true);
		expect(isStraightLine([4, 4, null, 4])).toBe(true); // 3 answered, all 4
		expect(isStraightLine([4, 4])).toBe(false); // too few to tell
		expect(isStraightLine([4, 4, 5])).toBe(false);
		expect(isStraightLine([4, 0, 4, 9, 4])).toBe(true); // 0 and 9 are not ratings
		expect(isStraightLine([2, 2], 2)).toBe(true);
	});
});

describe('answered share and ids', () => {
	it('counts valid ratings over all items', () => {
		expect(answeredShare({ importance: [5, null], satisfaction: [1, 0] })).toBe(0.5); // 2 of 4
		expect(answeredShare({ importance: [], satisfaction: [] })).toBe(0);
		expect(cleanId('\u00a0R_1 ')).toBe('R_1');
		expect(cleanId('  ')).toBeNull();
	});
});

describe('qualityFlags', () => {
	const people = [
		r('a', [5, 5, 5], [1, 2, 3]), // 0: straight-lines importance
		r('b', [4, 2, null], [null, null, null]), // 1: 2 of 6 answered → incomplete
		r('c', [1, 2, 3], [3, 3, 3]), // 2: straight-lines satisfaction
		r('a', [2, 3, 4], [2, 3, 4]), // 3: duplicate of row 0
		r('d', [1, 2, 3], [4, 5, 1]), // 4: clean
		r(' a\u00a0', [3, 1, 2], [1, 2, 3]), // 5: 'a' again after cleaning
		r(null, [1, 2, 3], [4, 5, 1]), // 6: no id, never a duplicate
		r('', [1, 2, 3], [4, 5, 1]) // 7: empty id, same
	];
	it('flags each reason with rows and ids', () => {
		const q = qualityFlags(people);
		expect(q.straightlining).toEqual({ rows: [0, 2], ids: ['a', 'c'] });
		expect(q.incomplete).toEqual({ rows: [1], ids: ['b'] });
		// default: every repeat after the first occurrence
		expect(q.duplicate).toEqual({ rows: [3, 5], ids: ['a', ' a\u00a0'] });
	});
	it("'all' flags every row of a duplicated id; thresholds are settable", () => {
		const q = qualityFlags(people, {
			duplicates: 'all',
			minAnsweredShare: 0.9,
			minStraightItems: 4
		});
		expect(q.duplicate.rows).toEqual([0, 3, 5]);
		expect(q.straightlining.rows).toEqual([]); // only 3 items per side
		expect(q.incomplete.rows).toEqual([1]); // 2/6 < 0.9; everyone else answered all 6
		// exactly at the threshold is not incomplete: 3 of 6 = 0.5
		expect(qualityFlags([r('x', [1, 2, 3], [null, null, null])]).incomplete.rows).toEqual([]);
	});
	it('builds the audit list of exclusions with every reason', () => {
		const q = qualityFlags(
			[
				r('a', [5, 5, 5], [1, 2, 3]),
				r('a', [4, 4, 4], [null, null, null]) // straight-lining, incomplete (3/6 = 0.5 < 0.6) and duplicate
			],
			{ minAnsweredShare: 0.6 }
		);
		expect(exclusions(q, ['straightlining', 'incomplete', 'duplicate'])).toEqual([
			{ row: 0, id: 'a', reasons: ['straightlining'] },
			{ row: 1, id: 'a', reasons: ['straightlining', 'incomplete', 'duplicate'] }
		]);
		expect(exclusions(q, ['duplicate'])).toEqual([{ row: 1, id: 'a', reasons: ['duplicate'] }]);
		expect(exclusions(q, [])).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import {
	applyPolicy,
	decodeRatings,
	respondentOpportunity,
	respondentRatings,
	selectRows,
	type RatingMatrix
} from './survey-matrix';

const matrix: RatingMatrix = {
	n: 3,
	outcomes: [
		{ importance: decodeRatings('540'), satisfaction: decodeRatings('201') },
		{ importance: decodeRatings('333'), satisfaction: decodeRatings('x15') }
	]
};

describe('rating matrix', () => {
	it('decodes one digit per respondent, anything else as missing', () => {
		expect(Array.from(decodeRatings('5041'))).toEqual([5, 0, 4, 1]);
		expect(Array.from(decodeRatings('6x9 '))).toEqual([0, 0, 0, 0]);
	});
	it('selects respondents and applies the complete-pairs policy', () => {
		const sub = selectRows(matrix, [2, 0]);
		expect(Array.from(sub[0]!.importance)).toEqual([0, 5]);
		expect(Array.from(sub[1]!.satisfaction)).toEqual([5, 0]);
		// outcome 0: imp 5,4,0 / sat 2,0,1 → only respondent 0 has both
		const c = applyPolicy(matrix.outcomes, 'complete');
		expect(Array.from(c[0]!.importance)).toEqual([5, 0, 0]);
		expect(Array.from(c[0]!.satisfaction)).toEqual([2, 0, 0]);
		expect(applyPolicy(matrix.outcomes, 'available')).toBe(matrix.outcomes);
		expect(Array.from(matrix.outcomes[0]!.importance)).toEqual([5, 4, 0]); // input untouched
	});
	it('hands respondents to the quality screening with nulls for missing', () => {
		const r = respondentRatings(matrix, ['a', 'b', null]);
		expect(r[1]).toEqual({ id: 'b', importance: [4, 3], satisfaction: [null, 1] });
		expect(r[2]!.id).toBeNull();
	});
	it("scores each respondent's own opportunity on the 0–10 rating scale", () => {
		// respondent 0, outcome 0: I = (5 − 1) × 2.5 = 10, S = (2 − 1) × 2.5 = 2.5 → 10 + 7.5 = 17.5
		// outcome 1: I = 5, S = 0 (sat unreadable 'x' → missing) → NaN
		// respondent 2, outcome 1: I = 5, S = 10 → 5 + max(−5, 0) = 5
		const [r0, r2] = respondentOpportunity(matrix, [0, 2]);
		expect(r0![0]).toBe(17.5);
		expect(r0![1]).toBeNaN();
		expect(r2![1]).toBe(5);
	});
});

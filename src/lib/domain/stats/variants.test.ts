import { describe, expect, it } from 'vitest';
import {
	measureAt,
	measureFromCounts,
	ratingCounts,
	scaleFromCounts,
	variantScore,
	VARIANTS
} from './variants';

describe('formula variants from rating counts', () => {
	// counts[1..5] = 1, 1, 2, 3, 3 (10 valid answers; index 0 is missing)
	const counts = [0, 1, 1, 2, 3, 3];
	it('top-2-box, top-box and mean on 0–10', () => {
		expect(measureFromCounts(counts, 'top2')).toBe(6); // 10 × (3 + 3) / 10
		expect(measureFromCounts(counts, 'top1')).toBe(3); // 10 × 3 / 10
		// mean = (1 + 2 + 6 + 12 + 15) / 10 = 3.6 → (3.6 − 1) × 2.5 = 6.5
		expect(measureFromCounts(counts, 'mean')).toBeCloseTo(6.5, 12);
		expect(scaleFromCounts(counts, 'topbox')).toBe(3);
		expect(scaleFromCounts(counts, 'ulwick')).toBe(6);
	});
	it('the mean scale runs 0 (all 1s) to 10 (all 5s)', () => {
		expect(measureFromCounts([0, 4, 0, 0, 0, 0], 'mean')).toBe(0);
		expect(measureFromCounts([0, 0, 0, 0, 0, 4], 'mean')).toBe(10);
		expect(measureFromCounts([0, 0, 0, 7, 0, 0], 'mean')).toBe(5);
	});
	it('missing (index 0) is ignored; no valid answer → null', () => {
		expect(measureFromCounts([99, 0, 0, 0, 1, 1], 'top2')).toBe(10);
		expect(measureFromCounts([5, 0, 0, 0, 0, 0], 'mean')).toBeNull();
		expect(measureAt([9, 0, 1, 1, 2, 3, 3], 1, 'top2')).toBe(6);
		expect(measureAt([0, 0, 0, 0, 0, 0], 0, 'top2')).toBeNaN();
	});
	it('the published check: 200/270 and 75/270 top-2 → 7.41, 2.78, 12.04 (Ulwick)', () => {
		const imp = [0, 0, 0, 70, 100, 100]; // 200 of 270 in 4–5
		const sat = [0, 0, 0, 195, 40, 35]; // 75 of 270 in 4–5
		const s = variantScore(imp, sat, 'ulwick')!;
		expect(s.importance).toBeCloseTo(7.407407, 6);
		expect(s.satisfaction).toBeCloseTo(2.777778, 6);
		expect(s.opportunity).toBeCloseTo(12.037037, 6);
		// plain is the same here (I > S)
		expect(variantScore(imp, sat, 'plain')!.opportunity).toBeCloseTo(12.037037, 6);
		// top-box: I = 10 × 100/270 = 3.7037, S = 10 × 35/270 = 1.2963 → 3.7037 + 2.4074 = 6.1111
		expect(variantScore(imp, sat, 'topbox')!.opportunity).toBeCloseTo(6.111111, 6);
		// mean: imp mean = (3·70 + 4·100 + 5·100)/270 = 4.1111 → 7.7778; sat mean = (585 + 160 + 175)/270
		// = 3.4074 → 6.0185; opportunity = 7.7778 + 1.7593 = 9.5370
		const mean = variantScore(imp, sat, 'mean')!;
		expect(mean.importance).toBeCloseTo(7.777778, 6);
		expect(mean.satisfaction).toBeCloseTo(6.018519, 6);
		expect(mean.opportunity).toBeCloseTo(9.537037, 6);
	});
	it('mean and top-box floor the gap like Ulwick; plain does not', () => {
		const imp = [0, 0, 0, 10, 0, 0]; // all 3s: mean 5, top2 0
		const sat = [0, 0, 0, 0, 0, 10]; // all 5s: mean 10, top2 10
		expect(variantScore(imp, sat, 'mean')!.opportunity).toBe(5); // 5 + max(−5, 0)
		expect(variantScore(imp, sat, 'topbox')!.opportunity).toBe(0);
		expect(variantScore(imp, sat, 'plain')!.opportunity).toBe(-10); // 0 + (0 − 10)
		expect(variantScore(imp, [1, 0, 0, 0, 0, 0], 'ulwick')).toBeNull();
		expect(VARIANTS).toEqual(['ulwick', 'plain', 'mean', 'topbox']);
	});
	it('counts ratings, weighted or not', () => {
		expect(Array.from(ratingCounts([5, 4, 4, 0, 1]))).toEqual([1, 1, 0, 0, 2, 1]);
		expect(Array.from(ratingCounts([5, null, 9, 2.5]))).toEqual([3, 0, 0, 0, 0, 1]);
		// weights: 5 (w 2), 4 (w 0.5); the NaN weight drops its respondent
		expect(Array.from(ratingCounts([5, 4, 1], [2, 0.5, NaN]))).toEqual([0, 0, 0, 0, 0.5, 2]);
	});
});

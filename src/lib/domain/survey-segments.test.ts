import { describe, expect, it } from 'vitest';
import {
	clusterNames,
	compareWithRest,
	distinguishingAttributes,
	isSignificant
} from './survey-segments';
import type { ScoreRow, SideSums } from './survey';

const side = (n: number, top2: number): SideSums => ({
	n,
	sw: n,
	sw2: n,
	t2: top2,
	t1: 0,
	sx: 0,
	sxx: 0
});
const row = (id: string, imp: SideSums, sat: SideSums) =>
	({ id, label: id, step: null, sums: { imp, sat } }) as ScoreRow;

describe('a segment against the rest', () => {
	// Segment: 100 respondents, importance 45 in 4–5, satisfaction 20; rest: 100 with 30 and 20.
	const total = [row('A', side(200, 75), side(200, 40)), row('B', side(200, 100), side(200, 100))];
	const segment = [row('A', side(100, 45), side(100, 20)), row('B', side(100, 50), side(100, 50))];
	const [a, b] = compareWithRest(segment, total, 'ulwick');
	it('scores both groups and their difference', () => {
		// segment: I = 4.5, S = 2 → 4.5 + 2.5 = 7; rest: I = 3, S = 2 → 3 + 1 = 4; difference 3
		expect(a!.segment).toBeCloseTo(7, 12);
		expect(a!.rest).toBeCloseTo(4, 12);
		expect(a!.difference).toBeCloseTo(3, 12);
		expect([a!.n_segment, a!.n_rest]).toEqual([100, 100]);
		expect(b!.difference).toBe(0);
	});
	it('tests the top-2-box shares and adjusts across outcomes (BH)', () => {
		// importance 45/100 vs 30/100 → z = 2.1909, p = 0.028460 (worked in multiple-testing.test.ts)
		expect(a!.p_importance).toBeCloseTo(0.0284597, 6);
		expect(a!.p_satisfaction).toBe(1); // 20/100 vs 20/100
		// BH over importance p = [0.02846, 1] (m = 2): 2 × 0.02846 / 1 = 0.05692; 1 stays 1
		expect(a!.q_importance).toBeCloseTo(0.0569194, 6);
		expect(b!.q_importance).toBe(1);
		// p < 0.05 but q > 0.05: not significant after correction
		expect(isSignificant(a!)).toBe(false);
		expect(isSignificant({ q_importance: 0.01, q_satisfaction: null })).toBe(true);
	});
	it('an outcome absent from the segment has no segment score', () => {
		const [x] = compareWithRest([], total.slice(0, 1), 'ulwick');
		expect(x!.segment).toBeNull();
		expect(x!.rest).toBeCloseTo(2 * 3.75 - 2, 12); // I = 3.75, S = 2 → 3.75 + 1.75 = 5.5
		expect(x!.p_importance).toBeNull();
	});
});

describe('what distinguishes clusters', () => {
	it('lists over-represented attribute values', () => {
		// cluster 0 = rows 0, 1 (role a, a); cluster 1 = rows 2, 3 (a, b); row 4 not clustered
		const d = distinguishingAttributes(
			[
				{ name: 'role', values: ['a', 'a', 'a', 'b', 'b'] },
				{ name: 'id', values: ['1', '2', '3', '4', '5'] }
			],
			[0, 0, 1, 1, -1],
			2,
			3,
			3
		);
		// role a: overall 3/4 = 75%, cluster 0 100% (+25 points); role b: overall 25%, cluster 1 50%
		expect(d[0]).toEqual([{ attribute: 'role', value: 'a', share: 1, overall: 0.75 }]);
		expect(d[1]).toEqual([{ attribute: 'role', value: 'b', share: 0.5, overall: 0.25 }]);
		// the id column has 4 values (> maxValues 3) and is skipped
		expect(clusterNames(2)).toEqual(['Cluster 1', 'Cluster 2']);
	});
});

import { describe, expect, it } from 'vitest';
import {
	EMPTY_SIDE,
	nEff,
	sampleLevel,
	scoreIntervals,
	scoreSums,
	sideInterval,
	sideScore,
	subtractSums,
	withOpportunityCi
} from './survey-stats';
import type { ScoreRow, SideSums } from './survey';

/** Unweighted sums of a list of ratings (every w = 1). */
function sums(ratings: number[]): SideSums {
	const s = { ...EMPTY_SIDE };
	for (const r of ratings) {
		s.n++;
		s.sw++;
		s.sw2++;
		if (r >= 4) s.t2++;
		if (r === 5) s.t1++;
		s.sx += r;
		s.sxx += r * r;
	}
	return s;
}

describe('scores from sums', () => {
	it('reproduces the published 200/270 and 75/270 check', () => {
		const imp = { ...EMPTY_SIDE, n: 270, sw: 270, sw2: 270, t2: 200 };
		const sat = { ...EMPTY_SIDE, n: 270, sw: 270, sw2: 270, t2: 75 };
		const s = scoreSums({ imp, sat }, 'ulwick');
		expect(s.importance).toBeCloseTo(7.407407407, 8); // 10 × 200 / 270
		expect(s.satisfaction).toBeCloseTo(2.777777778, 8); // 10 × 75 / 270
		expect(s.opportunity).toBeCloseTo(12.037037037, 8); // 7.407 + 4.630
		expect([s.band, s.served]).toEqual(['high', 'under']);
	});
	it('measures each variant: ratings 1, 3, 5, 5 → top-2 5, top-box 5, mean (3.5 − 1) × 2.5 = 6.25', () => {
		const s = sums([1, 3, 5, 5]);
		expect(sideScore(s, 'top2')).toBe(5); // 10 × 2 / 4
		expect(sideScore(s, 'top1')).toBe(5); // 10 × 2 / 4
		expect(sideScore(s, 'mean')).toBe(6.25); // mean 14 / 4 = 3.5
		expect(sideScore(EMPTY_SIDE, 'top2')).toBeNull();
		// importance 1,3,5,5 vs satisfaction 4,4,4,4: top-2 I = 5, S = 10 → ulwick 5, plain 0;
		// top-box S = 0 → 5 + 5 = 10; mean S = 7.5 → 6.25 + 0 = 6.25
		const pair = { imp: s, sat: sums([4, 4, 4, 4]) };
		expect(scoreSums(pair, 'ulwick').opportunity).toBe(5);
		expect(scoreSums(pair, 'plain').opportunity).toBe(0);
		expect(scoreSums(pair, 'topbox').opportunity).toBe(10);
		expect(scoreSums(pair, 'mean').opportunity).toBe(6.25);
		expect(scoreSums({ imp: s, sat: EMPTY_SIDE }, 'ulwick')).toEqual({
			importance: 5,
			satisfaction: null,
			opportunity: null,
			band: null,
			served: null
		});
	});
});

describe('intervals', () => {
	it('Wilson on the top-2 share: 200 of 270 → [6.85, 7.89]', () => {
		const [lo, hi] = sideInterval({ ...EMPTY_SIDE, n: 270, sw: 270, sw2: 270, t2: 200 }, 'top2')!;
		// p = 0.740741, z²/n = 3.841459/270 = 0.0142276; centre = (0.740741 + 0.0071138)/1.0142276 = 0.737364
		// half = 1.959964/1.0142276 × √(0.740741·0.259259/270 + 0.0142276/1080) = 1.932469 × 0.026915 = 0.052012
		expect(lo).toBeCloseTo(6.8535, 3);
		expect(hi).toBeCloseTo(7.8938, 3);
	});
	it('uses Kish n_eff with weights: weights 1, 1, 2 → n_eff = 16 / 6 = 2.667', () => {
		// ratings 5 (w 1), 2 (w 1), 4 (w 2): share = 3 / 4 = 0.75 on n_eff 2.667
		const s = { ...EMPTY_SIDE, n: 3, sw: 4, sw2: 6, t2: 3 };
		expect(nEff(s)).toBeCloseTo(8 / 3, 12);
		const [lo, hi] = sideInterval(s, 'top2')!;
		// z²/n = 3.8415 / 2.6667 = 1.44055; centre = (0.75 + 0.72028) / 2.44055 = 0.60244
		// half = 1.95996 / 2.44055 × √(0.1875/2.6667 + 1.44055/10.6667) = 0.80308 × 0.45288 = 0.36370
		expect(lo).toBeCloseTo(2.387, 2);
		expect(hi).toBeCloseTo(9.661, 2);
	});
	it('mean: ratings 1, 3, 5 → 5 ± 1.96 × √(8/3 / 3) × 2.5', () => {
		// mean 3, population variance (1 + 9 + 25)/3 − 9 = 2.6667, se = √(2.6667/3) = 0.9428
		// 3 ± 1.8479 → [1.1521, 4.8479] → × 2.5 after − 1 → [0.380, 9.620]
		const [lo, hi] = sideInterval(sums([1, 3, 5]), 'mean')!;
		expect(lo).toBeCloseTo(0.3803, 3);
		expect(hi).toBeCloseTo(9.6197, 3);
		expect(sideInterval(EMPTY_SIDE, 'mean')).toBeNull();
	});
	it('top-box uses the share of 5s', () => {
		const i = scoreIntervals({ imp: sums([5, 4]), sat: sums([5, 5]) }, 'topbox');
		// 1 of 2 → Wilson(0.5, 2) = 0.5 ± … symmetric around 5
		expect(i.importance_ci![0] + i.importance_ci![1]).toBeCloseTo(10, 10);
		expect(i.satisfaction_ci![1]).toBe(10); // 2 of 2 → upper bound exactly 1
	});
	it('marks an interval that crosses a band edge', () => {
		const row = { opportunity: 11 } as ScoreRow;
		expect(withOpportunityCi(row, [9.5, 12.5]).uncertain).toBe(true);
		expect(withOpportunityCi(row, [10.2, 11.8]).uncertain).toBe(false);
		expect(withOpportunityCi(row, null).uncertain).toBeNull();
	});
});

describe('segments and sample sizes', () => {
	it('the rest is the total minus the segment', () => {
		const total = { imp: sums([5, 4, 1, 2]), sat: sums([1, 1, 5, 5]) };
		const seg = { imp: sums([5, 4]), sat: sums([1, 1]) };
		const rest = subtractSums(total, seg);
		expect(rest.imp).toEqual(sums([1, 2]));
		expect(rest.sat).toEqual(sums([5, 5]));
		// rest: I = 0, S = 10 → 0 + max(−10, 0) = 0; segment: I = 10, S = 0 → 20
		expect(scoreSums(rest, 'ulwick').opportunity).toBe(0);
		expect(scoreSums(seg, 'ulwick').opportunity).toBe(20);
	});
	it('flags small (< 30) and modest (< 180) samples', () => {
		expect([sampleLevel(29), sampleLevel(30), sampleLevel(179), sampleLevel(180)]).toEqual([
			'small',
			'modest',
			'modest',
			null
		]);
	});
});

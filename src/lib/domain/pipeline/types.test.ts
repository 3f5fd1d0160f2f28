import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, coverage, quarterOf, salesVelocity } from './types';

describe('pipeline result formulas', () => {
	it('sales velocity = open × average won × win rate / cycle days', () => {
		// 7 × 16,666.67 × 0.6 = 70,000 per 92.33 days
		expect(salesVelocity(7, 50000 / 3, 0.6, 277 / 3)).toBeCloseTo(210000 / 277, 12);
		expect(salesVelocity(7, null, 0.6, 90)).toBeNull();
		expect(salesVelocity(7, 100, 0.6, 0)).toBeNull();
	});
	it('coverage = open / (target − won), none once the target is met', () => {
		expect(coverage(100, 40, 90)).toBe(1.5);
		expect(coverage(100, 120, 90)).toBeNull();
		expect(coverage(null, 0, 90)).toBeNull();
		expect(coverage(0, 0, 90)).toBeNull();
	});
	it('names quarters and keeps the aging buckets contiguous', () => {
		expect(['2025-01', '2025-03', '2025-04', '2025-12'].map(quarterOf)).toEqual([
			'2025-Q1',
			'2025-Q1',
			'2025-Q2',
			'2025-Q4'
		]);
		expect(AGING_BUCKETS.map((b) => b.bucket)).toEqual([
			'0–30',
			'31–60',
			'61–90',
			'91–180',
			'181–365',
			'> 365'
		]);
	});
});

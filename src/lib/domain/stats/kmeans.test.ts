import { describe, expect, it } from 'vitest';
import { chooseK, kmeans, sampleRows, silhouette, standardise } from './kmeans';
import { mulberry32 } from './bootstrap';

/** Three tight 2-D blobs of 20 points around (0, 0), (10, 0) and (0, 10), rows in blob order. */
function blobs(): number[][] {
	const rng = mulberry32(3);
	const rows: number[][] = [];
	for (const [cx, cy] of [
		[0, 0],
		[10, 0],
		[0, 10]
	] as const)
		for (let i = 0; i < 20; i++) rows.push([cx + rng() - 0.5, cy + rng() - 0.5]);
	return rows;
}
const truth = [
	...Array<number>(20).fill(0),
	...Array<number>(20).fill(1),
	...Array<number>(20).fill(2)
];

describe('standardise', () => {
	it('z-scores each dimension with the population sd and drops constant ones', () => {
		// [1, 3]: mean 2, sd √((1 + 1)/2) = 1 → [−1, 1]; the constant 5s go
		const s = standardise([
			[1, 5],
			[3, 5]
		]);
		expect(Array.from(s.values)).toEqual([-1, 1]);
		expect(s.kept).toEqual([0]);
		expect(s.d).toBe(1);
	});
	it('imputes missing values with the mean (0 after scaling)', () => {
		// [0, NaN, 4]: mean 2, sd 2 → [−1, 0, 1]
		const s = standardise([[0], [NaN], [4]]);
		expect(Array.from(s.values)).toEqual([-1, 0, 1]);
	});
});

describe('silhouette', () => {
	it('matches a hand computation on four points', () => {
		// points 0, 1 | 4, 5. For 0: a = 1, b = (4 + 5)/2 = 4.5 → s = 3.5/4.5 = 7/9
		// for 1: a = 1, b = (3 + 4)/2 = 3.5 → 2.5/3.5 = 5/7; 4 and 5 mirror 1 and 0
		// mean = (7/9 + 5/7 + 5/7 + 7/9)/4 = (49 + 45)/126 = 47/63 = 0.746032
		expect(silhouette([[0], [1], [4], [5]], [0, 0, 1, 1])).toBeCloseTo(47 / 63, 12);
	});
	it('counts a singleton as 0', () => {
		// 0, 1 | 5: s(0) = (5 − 1)/5 = 0.8, s(1) = (4 − 1)/4 = 0.75, s(5) = 0 → 1.55/3
		expect(silhouette([[0], [1], [5]], [0, 0, 1])).toBeCloseTo(1.55 / 3, 12);
	});
	it('is null with one cluster and subsamples deterministically above maxPoints', () => {
		expect(silhouette([[0], [1]], [0, 0])).toBeNull();
		const rows = blobs();
		const sub = silhouette(rows, truth, { maxPoints: 30, seed: 1 });
		expect(sub).toBe(silhouette(rows, truth, { maxPoints: 30, seed: 1 }));
		expect(sub).toBeGreaterThan(0.8);
		expect(sampleRows(10, 4, 1)).toHaveLength(4);
		expect(Array.from(sampleRows(3, 4))).toEqual([0, 1, 2]);
	});
});

describe('k-means', () => {
	it('splits two obvious groups', () => {
		const r = kmeans([[0], [1], [10], [11]], 2);
		expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
		expect(r.sizes).toEqual([2, 2]);
		// z-scores: mean 5.5, sd √((5.5² + 4.5²) × 2 / 4) = 5.0249 → centroids ∓ 5/5.0249 = ∓0.99504
		expect(r.centroids[0]![0]).toBeCloseTo(-0.995037, 5);
		expect(r.centroids[1]![0]).toBeCloseTo(0.995037, 5);
	});
	it('recovers three well-separated blobs exactly, and chooseK picks 3', () => {
		const rows = blobs();
		const r = kmeans(rows, 3, { seed: 42 });
		expect(Array.from(r.labels)).toEqual(truth); // numbered by first appearance
		const best = chooseK(rows, [2, 3, 4, 5, 6], 42);
		expect(best.k).toBe(3);
		expect(Array.from(best.labels)).toEqual(truth);
		expect(best.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
		const s3 = best.scores.find((s) => s.k === 3)!.silhouette!;
		for (const s of best.scores) expect(s.silhouette!).toBeLessThanOrEqual(s3);
		expect(s3).toBeGreaterThan(0.9);
		// the same score from the flat standardised matrix the result carries
		expect(silhouette(best.values, best.labels, { d: 2 })).toBeCloseTo(s3, 12);
	});
	it('is deterministic for a seed and keeps the lowest inertia over restarts', () => {
		const rng = mulberry32(9);
		const rows = Array.from({ length: 200 }, () => [rng(), rng(), rng()]);
		const a = kmeans(rows, 4, { seed: 5 });
		expect(kmeans(rows, 4, { seed: 5 })).toEqual(a);
		const single = kmeans(rows, 4, { seed: 5, nInit: 1 });
		expect(a.inertia).toBeLessThanOrEqual(single.inertia + 1e-12);
		// inertia is the sum of squared distances to the reported centroids
		let inertia = 0;
		a.labels.forEach((c, i) => {
			for (let t = 0; t < 3; t++) inertia += (a.values[i * 3 + t]! - a.centroids[c]![t]!) ** 2;
		});
		expect(a.inertia).toBeCloseTo(inertia, 9);
	});
	it('caps k at the number of rows and survives duplicate points', () => {
		expect(kmeans([[1], [2]], 5).k).toBe(2);
		const same = kmeans(
			[
				[1, 1],
				[1, 1],
				[1, 1],
				[2, 2]
			],
			2,
			{ standardise: false }
		);
		expect(Array.from(same.labels)).toEqual([0, 0, 0, 1]);
		expect(kmeans([], 3).labels).toHaveLength(0);
	});
});

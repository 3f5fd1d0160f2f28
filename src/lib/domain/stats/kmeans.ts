/**
 * Outcome-based segmentation: k-means on standardised vectors with k-means++ seeding and restarts,
 * the mean silhouette, and k chosen by silhouette — all seeded through `mulberry32`, so a seed gives
 * the same segments every time. Written here rather than taken from a package: ml-kmeans (7.0) pulls
 * in ml-matrix and ml-spectra-processing and has no standardising, restarts or silhouette; skmeans
 * cannot be seeded.
 */
import { mulberry32 } from './bootstrap';

/** Rows of equal length; NaN marks a missing value. */
export type Rows = readonly ArrayLike<number>[];

export interface Standardised {
	/** n × d, row-major, z-scores of the kept dimensions; missing values become 0 (the mean). */
	values: Float64Array;
	n: number;
	d: number;
	/** Indices of the input dimensions kept (non-constant). */
	kept: number[];
	mean: number[];
	sd: number[];
}

/**
 * z-score per dimension (population sd, as scikit-learn's StandardScaler); dimensions with sd = 0 are
 * dropped, missing (NaN) values are imputed with the mean (0 after scaling).
 * standardise([[1, 5], [3, 5]]) → values [−1, 1], kept [0] (mean 2, sd 1; the constant 5s dropped).
 */
export function standardise(rows: Rows): Standardised {
	const n = rows.length;
	const D = n > 0 ? rows[0]!.length : 0;
	const kept: number[] = [];
	const mean: number[] = [];
	const sd: number[] = [];
	for (let j = 0; j < D; j++) {
		let s = 0;
		let c = 0;
		for (const r of rows) {
			if (!Number.isFinite(r[j]!)) continue;
			s += r[j]!;
			c++;
		}
		const mu = c > 0 ? s / c : 0;
		let v = 0;
		for (const r of rows) if (Number.isFinite(r[j]!)) v += (r[j]! - mu) ** 2;
		const sigma = c > 0 ? Math.sqrt(v / c) : 0;
		if (!(sigma > 1e-12 * Math.max(1, Math.abs(mu)))) continue;
		kept.push(j);
		mean.push(mu);
		sd.push(sigma);
	}
	const d = kept.length;
	const values = new Float64Array(n * d);
	rows.forEach((r, i) =>
		kept.forEach((j, t) => {
			const x = r[j]!;
			values[i * d + t] = Number.isFinite(x) ? (x - mean[t]!) / sd[t]! : 0;
		})
	);
	return { values, n, d, kept, mean, sd };
}

export interface KMeansOptions {
	/** PRNG seed (default 42). */
	seed?: number;
	/** Restarts from fresh k-means++ seeds; the lowest inertia wins (default 3). */
	nInit?: number;
	/** Lloyd iterations per restart (default 300). */
	maxIter?: number;
	/** Stop when the centroids move less than this in total squared distance (default 1e-8). */
	tol?: number;
	/** z-score the input first (default true). */
	standardise?: boolean;
}

export interface KMeansResult {
	k: number;
	/** Cluster of each row, 0..k−1, numbered in order of first appearance (row 0 is in cluster 0). */
	labels: Int32Array;
	/** Rows per cluster. */
	sizes: number[];
	/** Centroids in the space clustered (z-scores of the kept dimensions when standardised). */
	centroids: number[][];
	/** Sum of squared distances of rows to their centroid. */
	inertia: number;
	/** The clustered matrix (n × d, row-major) and the input dimensions it keeps. */
	values: Float64Array;
	kept: number[];
}

function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
	let s0 = 0;
	let s1 = 0;
	let t = 0;
	const ai = i * d;
	const bj = j * d;
	for (; t + 1 < d; t += 2) {
		const u = a[ai + t]! - b[bj + t]!;
		const v = a[ai + t + 1]! - b[bj + t + 1]!;
		s0 += u * u;
		s1 += v * v;
	}
	if (t < d) {
		const u = a[ai + t]! - b[bj + t]!;
		s0 += u * u;
	}
	return s0 + s1;
}

/**
 * One run: k-means++ seeding, then Lloyd iterations accelerated with Hamerly's bounds (an upper bound
 * on each row's distance to its centre and a lower bound on the second nearest let most rows skip
 * the k distance computations once centres settle; the result is exactly Lloyd's).
 */
function lloyd(
	X: Float64Array,
	n: number,
	d: number,
	k: number,
	rng: () => number,
	maxIter: number,
	tol: number
) {
	const C = new Float64Array(k * d);
	const dist = new Float64Array(n).fill(Infinity);
	// k-means++: first centre uniform, each next one with probability ∝ squared distance to the nearest.
	let pick = Math.floor(rng() * n);
	for (let c = 0; c < k; c++) {
		C.set(X.subarray(pick * d, pick * d + d), c * d);
		let total = 0;
		for (let i = 0; i < n; i++) total += dist[i] = Math.min(dist[i]!, sqDist(X, i, C, c, d));
		if (c + 1 === k) break;
		let u = rng() * total;
		pick = n - 1;
		for (let i = 0; i < n; i++) {
			u -= dist[i]!;
			if (u < 0) {
				pick = i;
				break;
			}
		}
	}
	const labels = new Int32Array(n);
	const upper = new Float64Array(n);
	const lower = new Float64Array(n);
	// Per-cluster sums and sizes, kept up to date as rows change cluster (O(d) per change).
	const sums = new Float64Array(k * d);
	const sizes = new Int32Array(k);
	const add = (i: number, c: number, sign: number) => {
		sizes[c]! += sign;
		for (let t = 0; t < d; t++) sums[c * d + t]! += sign * X[i * d + t]!;
	};
	const assign = (i: number) => {
		let best = 0;
		let d1 = Infinity;
		let d2 = Infinity;
		for (let c = 0; c < k; c++) {
			const q = sqDist(X, i, C, c, d);
			if (q < d1) {
				d2 = d1;
				d1 = q;
				best = c;
			} else if (q < d2) d2 = q;
		}
		upper[i] = Math.sqrt(d1);
		lower[i] = Math.sqrt(d2);
		return best;
	};
	const assignAll = () => {
		sums.fill(0);
		sizes.fill(0);
		for (let i = 0; i < n; i++) add(i, (labels[i] = assign(i)), 1);
	};
	assignAll();
	const old = new Float64Array(k * d);
	const move = new Float64Array(k);
	const half = new Float64Array(k);
	for (let iter = 0; iter < maxIter; iter++) {
		old.set(C);
		let empty = false;
		for (let c = 0; c < k; c++) {
			if (sizes[c] === 0) {
				// An empty cluster restarts at the row farthest (by bound) from its centre.
				let far = 0;
				for (let i = 1; i < n; i++) if (upper[i]! > upper[far]!) far = i;
				C.set(X.subarray(far * d, far * d + d), c * d);
				upper[far] = 0;
				empty = true;
				continue;
			}
			for (let t = 0; t < d; t++) C[c * d + t] = sums[c * d + t]! / sizes[c]!;
		}
		if (empty) {
			assignAll();
			continue;
		}
		let shift = 0;
		let max1 = 0;
		let max2 = 0;
		let arg1 = -1;
		for (let c = 0; c < k; c++) {
			const q = sqDist(C, c, old, c, d);
			shift += q;
			move[c] = Math.sqrt(q);
			if (move[c]! > max1) {
				max2 = max1;
				max1 = move[c]!;
				arg1 = c;
			} else if (move[c]! > max2) max2 = move[c]!;
		}
		if (shift <= tol) break;
		for (let c = 0; c < k; c++) {
			let m = Infinity;
			for (let e = 0; e < k; e++) if (e !== c) m = Math.min(m, sqDist(C, c, C, e, d));
			half[c] = Math.sqrt(m) / 2;
		}
		for (let i = 0; i < n; i++) {
			const a = labels[i]!;
			upper[i]! += move[a]!;
			lower[i]! -= a === arg1 ? max2 : max1;
			const bound = Math.max(half[a]!, lower[i]!);
			if (upper[i]! <= bound) continue;
			upper[i] = Math.sqrt(sqDist(X, i, C, a, d));
			if (upper[i]! <= bound) continue;
			const b = assign(i);
			if (b === a) continue;
			labels[i] = b;
			add(i, a, -1);
			add(i, b, 1);
		}
	}
	// Final exact assignment to the final centres, so labels, centroids and inertia agree.
	let inertia = 0;
	for (let i = 0; i < n; i++) {
		labels[i] = assign(i);
		inertia += upper[i]! * upper[i]!;
	}
	return { labels, C, inertia };
}

/**
 * k-means (Lloyd) with k-means++ seeding and `nInit` restarts, keeping the lowest inertia:
 * kmeans([[0], [1], [10], [11]], 2) → labels [0, 0, 1, 1], centroids in z-scores of [0.5] and [10.5].
 * k is capped at the number of rows.
 */
export function kmeans(rows: Rows, k: number, options: KMeansOptions = {}): KMeansResult {
	const std = options.standardise ?? true;
	let X: Float64Array;
	let d: number;
	let kept: number[];
	const n = rows.length;
	if (std) ({ values: X, d, kept } = standardise(rows));
	else {
		d = n > 0 ? rows[0]!.length : 0;
		kept = Array.from({ length: d }, (_, j) => j);
		X = new Float64Array(n * d);
		rows.forEach((r, i) => {
			for (let j = 0; j < d; j++) X[i * d + j] = Number.isFinite(r[j]!) ? r[j]! : 0;
		});
	}
	return kmeansMatrix(X, n, d, k, kept, options);
}

function kmeansMatrix(
	X: Float64Array,
	n: number,
	d: number,
	kWanted: number,
	kept: number[],
	options: KMeansOptions
): KMeansResult {
	const k = Math.max(1, Math.min(Math.floor(kWanted), n));
	if (n === 0)
		return {
			k: 0,
			labels: new Int32Array(0),
			sizes: [],
			centroids: [],
			inertia: 0,
			values: X,
			kept
		};
	const rng = mulberry32(options.seed ?? 42);
	let best: ReturnType<typeof lloyd> | null = null;
	for (let run = 0; run < Math.max(1, options.nInit ?? 3); run++) {
		const r = lloyd(X, n, d, k, rng, options.maxIter ?? 300, options.tol ?? 1e-8);
		if (!best || r.inertia < best.inertia - 1e-12 * Math.max(1, best.inertia)) best = r;
	}
	// Renumber clusters by first appearance so equal partitions print equal labels.
	const order = new Int32Array(k).fill(-1);
	let next = 0;
	const labels = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const c = best!.labels[i]!;
		if (order[c] === -1) order[c] = next++;
		labels[i] = order[c]!;
	}
	const centroids: number[][] = Array.from({ length: k }, () => []);
	const sizes = new Array<number>(k).fill(0);
	for (let c = 0; c < k; c++) {
		const to = order[c]! >= 0 ? order[c]! : next++;
		centroids[to] = Array.from(best!.C.subarray(c * d, c * d + d));
	}
	for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
	return { k, labels, sizes, centroids, inertia: best!.inertia, values: X, kept };
}

export interface SilhouetteOptions {
	/** At most this many rows enter the O(n²) computation (default 2,000). */
	maxPoints?: number;
	/** Seed of the subsample (default 42). */
	seed?: number;
}

/** A seeded subsample of row indices (sorted), all rows when n ≤ max: sampleRows(5, 10) → [0, 1, 2, 3, 4]. */
export function sampleRows(n: number, max: number, seed = 42): Int32Array {
	const idx = Int32Array.from({ length: n }, (_, i) => i);
	if (n <= max) return idx;
	const rng = mulberry32(seed);
	for (let i = 0; i < max; i++) {
		const j = i + Math.floor(rng() * (n - i));
		const t = idx[i]!;
		idx[i] = idx[j]!;
		idx[j] = t;
	}
	return idx.subarray(0, max).sort();
}

/** Euclidean distances among sampled rows, packed upper triangle. */
function distances(X: Float64Array, d: number, rows: Int32Array): Float64Array {
	const s = rows.length;
	const D = new Float64Array((s * (s - 1)) / 2);
	for (let a = 0, p = 0; a < s; a++)
		for (let b = a + 1; b < s; b++) D[p++] = Math.sqrt(sqDist(X, rows[a]!, X, rows[b]!, d));
	return D;
}

function silhouetteFrom(
	D: Float64Array,
	rows: Int32Array,
	labels: Int32Array,
	k: number
): number | null {
	const s = rows.length;
	const sizes = new Int32Array(k);
	const lab = new Int32Array(s);
	for (let a = 0; a < s; a++) {
		lab[a] = labels[rows[a]!]!;
		sizes[lab[a]!]!++;
	}
	if (sizes.filter((z) => z > 0).length < 2) return null;
	// sums[a·k + c] = Σ distance from sampled row a to the sampled rows of cluster c.
	const sums = new Float64Array(s * k);
	for (let a = 0, p = 0; a < s; a++) {
		const la = lab[a]!;
		for (let b = a + 1; b < s; b++) {
			const dist = D[p++]!;
			sums[a * k + lab[b]!]! += dist;
			sums[b * k + la]! += dist;
		}
	}
	let total = 0;
	for (let a = 0; a < s; a++) {
		const own = lab[a]!;
		if (sizes[own]! <= 1) continue; // a singleton's silhouette is 0
		const inner = sums[a * k + own]! / (sizes[own]! - 1);
		let nearest = Infinity;
		for (let c = 0; c < k; c++)
			if (c !== own && sizes[c]! > 0) nearest = Math.min(nearest, sums[a * k + c]! / sizes[c]!);
		const m = Math.max(inner, nearest);
		total += m > 0 ? (nearest - inner) / m : 0;
	}
	return total / s;
}

/**
 * Mean silhouette s(i) = (b − a) / max(a, b), a = mean distance to the own cluster, b = the nearest
 * other cluster's mean distance; singletons count 0. O(n²), so above `maxPoints` (2,000) rows a
 * seeded subsample is scored instead (as scikit-learn's sample_size). Null with fewer than 2 clusters.
 * silhouette([[0], [1], [4], [5]], [0, 0, 1, 1]) → 47/63 = 0.7460 (see the test for the hand computation).
 * Rows are used as given; to score a standardised clustering pass `result.values` (a flat n × d
 * matrix) with `{ d: result.values.length / result.labels.length }`.
 */
export function silhouette(
	rows: Rows | Float64Array,
	labels: ArrayLike<number>,
	options: SilhouetteOptions & { d?: number } = {}
): number | null {
	let X: Float64Array;
	let d: number;
	if (rows instanceof Float64Array) {
		d = options.d ?? 1;
		X = rows;
	} else {
		d = rows.length > 0 ? rows[0]!.length : 0;
		X = new Float64Array(rows.length * d);
		rows.forEach((r, i) => {
			for (let j = 0; j < d; j++) X[i * d + j] = r[j]!;
		});
	}
	const n = d > 0 ? X.length / d : 0;
	const lab = Int32Array.from(labels);
	const k = lab.reduce((a, b) => Math.max(a, b + 1), 0);
	const sample = sampleRows(n, options.maxPoints ?? 2000, options.seed ?? 42);
	return silhouetteFrom(distances(X, d, sample), sample, lab, k);
}

export interface ChooseKResult extends KMeansResult {
	/** Mean silhouette per k tried (null when a k could not be scored). */
	scores: { k: number; silhouette: number | null }[];
}

/**
 * k-means for each k in `ks` on the standardised rows, keeping the k with the highest mean silhouette
 * (ties: the smaller k). The silhouette uses one seeded subsample of ≤ 2,000 rows for every k.
 * chooseK(threeBlobs, [2, 3, 4, 5, 6], 42).k → 3. Cost with the default 3 restarts, k = 2..6: 2,000 rows
 * × 50 outcomes ≈ 0.3 s, 10,000 × 100 ≈ 2 s in Node 20 — run it in a worker.
 */
export function chooseK(
	rows: Rows,
	ks: readonly number[] = [2, 3, 4, 5, 6],
	seed = 42,
	options: Omit<KMeansOptions, 'seed' | 'standardise'> & SilhouetteOptions = {}
): ChooseKResult {
	const { values: X, n, d, kept } = standardise(rows);
	const sample = sampleRows(n, options.maxPoints ?? 2000, seed);
	const D = distances(X, d, sample);
	let best: KMeansResult | null = null;
	let bestScore = -Infinity;
	const scores: { k: number; silhouette: number | null }[] = [];
	for (const k of ks) {
		if (k < 2 || k > n) {
			scores.push({ k, silhouette: null });
			continue;
		}
		const result = kmeansMatrix(X, n, d, k, kept, { ...options, seed });
		const score = silhouetteFrom(D, sample, result.labels, result.k);
		scores.push({ k, silhouette: score });
		if (score !== null && score > bestScore) {
			bestScore = score;
			best = result;
		}
	}
	best ??= kmeansMatrix(X, n, d, 1, kept, { ...options, seed });
	return { ...best, scores };
}

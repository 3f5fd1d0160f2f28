/**
 * A small seeded PRNG (mulberry32) with the few distributions the sample generators need.
 * Same seed → same sequence on every run, so the committed CSVs are reproducible byte for byte.
 * Never use Math.random in data/.
 */

export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). mulberry32 by Tommy Ettinger (public domain). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform in [lo, hi). */
	uniform(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Integer in [lo, hi], both ends included. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Standard normal via Box–Muller (one value per call, the second is discarded for clarity). */
	normal(mean = 0, sd = 1): number {
		const u = 1 - this.next(); // (0, 1], keeps log finite
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median and log-scale spread. */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(this.normal(0, sigma));
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	/** Pick by weight: weighted([['a', 3], ['b', 1]]) returns 'a' three times as often as 'b'. */
	weighted<T>(items: readonly (readonly [T, number])[]): T {
		const total = items.reduce((s, [, w]) => s + w, 0);
		let r = this.next() * total;
		for (const [item, w] of items) {
			r -= w;
			if (r < 0) return item;
		}
		const last = items[items.length - 1];
		if (last === undefined) throw new Error('weighted pick from an empty list');
		return last[0];
	}

	/** A new generator whose stream depends only on this one's next value (for independent parts). */
	fork(): Rng {
		return new Rng(Math.floor(this.next() * 4294967296));
	}
}

/** Standard normal CDF, Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): normalCdf(0) → 0.5. */
export function normalCdf(x: number): number {
	const z = Math.abs(x) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * z);
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-z * z);
	return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Quote a CSV field only when it needs it: csvField('a;b', ';') → '"a;b"'. */
export function csvField(value: string, delimiter: string): string {
	return value.includes(delimiter) || /["\r\n]/.test(value)
		? `"${value.replace(/"/g, '""')}"`
		: value;
}

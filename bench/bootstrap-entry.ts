/**
 * Bundled by bench/run.ts (esbuild) and run in a blank Chromium page: the product's bootstrap on
 * a survey's ratings, so its cost is measured in the browser's V8, not only in Node's.
 */
import { bootstrapOpportunity } from '../src/lib/domain/stats/bootstrap';
import { decodeRatings } from '../src/lib/domain/survey-matrix';

(globalThis as unknown as { __olBootstrap: unknown }).__olBootstrap = (a: {
	imp: string[];
	sat: string[];
}) => {
	const t = performance.now();
	const outcomes = a.imp.map((d, i) => ({
		importance: decodeRatings(d),
		satisfaction: decodeRatings(a.sat[i]!)
	}));
	bootstrapOpportunity(outcomes, { resamples: 1000, seed: 42 });
	return performance.now() - t;
};

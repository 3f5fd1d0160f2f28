/**
 * The survey's heavy computations as plain jobs: the state layer runs them in a Web Worker, the
 * command line calls them directly. Each takes compact typed arrays and returns plain data.
 */
import { bootstrapDifference, bootstrapOpportunity, type OutcomeRatings } from './stats/bootstrap';
import { chooseK } from './stats/kmeans';
import type { Variant } from './stats/variants';
import { applyPolicy } from './survey-matrix';
import type { MissingPolicy, Range } from './survey';

interface Common {
	variant: Variant;
	policy: MissingPolicy;
	seed: number;
	resamples: number;
}

export interface BootstrapJob extends Common {
	kind: 'bootstrap';
	outcomes: OutcomeRatings[];
	weights: Float64Array | null;
}

export interface CompareJob extends Common {
	kind: 'compare';
	/** The segment's ratings and the rest's. */
	a: OutcomeRatings[];
	b: OutcomeRatings[];
	weightsA: Float64Array | null;
	weightsB: Float64Array | null;
}

export interface ClusterJob {
	kind: 'cluster';
	/** Each respondent's own opportunity per outcome (NaN = missing). */
	rows: Float64Array[];
	seed: number;
	ks: number[];
}

export interface ClusterOutcome {
	k: number;
	labels: Int32Array;
	sizes: number[];
	scores: { k: number; silhouette: number | null }[];
}

export type SurveyJob = BootstrapJob | CompareJob | ClusterJob;
export type JobResult<J extends SurveyJob> = J extends ClusterJob
	? ClusterOutcome
	: (Range | null)[];

const range = (i: { low: number; high: number } | null): Range | null =>
	i ? [i.low, i.high] : null;

/** 95% paired bootstrap interval of every outcome's opportunity, under the missing-data policy. */
export function runBootstrap(job: Omit<BootstrapJob, 'kind'>): (Range | null)[] {
	return bootstrapOpportunity(applyPolicy(job.outcomes, job.policy), {
		variant: job.variant,
		seed: job.seed,
		resamples: job.resamples,
		weights: job.weights
	}).map(range);
}

/** 95% interval of opportunity(segment) − opportunity(rest), each group resampled on its own. */
export function runCompare(job: Omit<CompareJob, 'kind'>): (Range | null)[] {
	return bootstrapDifference(applyPolicy(job.a, job.policy), applyPolicy(job.b, job.policy), {
		variant: job.variant,
		seed: job.seed,
		resamples: job.resamples,
		weights: job.weightsA,
		weightsB: job.weightsB
	}).map(range);
}

/** k-means on standardised opportunity vectors, k chosen by silhouette. */
export function runCluster(job: Omit<ClusterJob, 'kind'>): ClusterOutcome {
	const r = chooseK(job.rows, job.ks, job.seed);
	return { k: r.k, labels: r.labels, sizes: r.sizes, scores: r.scores };
}

export function runJob(job: SurveyJob): ClusterOutcome | (Range | null)[] {
	if (job.kind === 'bootstrap') return runBootstrap(job);
	if (job.kind === 'compare') return runCompare(job);
	return runCluster(job);
}

/** `survey --ci` and `--segment`: bootstrap intervals, segments (by attribute or cluster) vs the rest. */
import type { Db } from '$lib/db/db';
import { scoreSegments, storeClusters } from '$lib/analysis/survey';
import type { SurveyFile } from '$lib/analysis/survey-file';
import type { Range, ScoreRow } from '$lib/domain/survey';
import { runBootstrap, runCluster, runCompare } from '$lib/domain/survey-jobs';
import {
	respondentOpportunity,
	selectPopulation,
	selectRows,
	selectWeights,
	type RatingMatrix,
	type Respondents,
	type RowCondition
} from '$lib/domain/survey-matrix';
import { clusterNames, compareWithRest } from '$lib/domain/survey-segments';
import { withOpportunityCi } from '$lib/domain/survey-stats';
import type { Layout } from '$lib/ingest/survey-layout';
import type { AttrKey, ScoreOptions } from '$lib/sql/survey';
import { CliError } from './io';

const RESAMPLES = 1000;

/** One scored survey: what intervals and segments are computed from. */
export interface Run {
	db: Db;
	file: SurveyFile;
	layout: Layout;
	matrix: RatingMatrix;
	people: Respondents;
	options: ScoreOptions;
	seed: number;
	excluded: Set<number>;
}

export interface SegmentOut {
	value: string | null;
	respondents: number;
	outcomes: (ScoreRow & { vs_rest?: Record<string, unknown> })[];
}

/** A respondent attribute by its header (label, column id or question text; case ignored). */
export function column(file: SurveyFile, layout: Layout, name: string, flag: string): number {
	const want = name.trim().toLowerCase();
	const hit = layout.attributes.find((i) => {
		const c = file.columns[i]!;
		return [c.label, c.id, c.question].some((x) => x.trim().toLowerCase() === want);
	});
	if (hit === undefined) {
		const names = layout.attributes.map((i) => `"${file.labels[i]}"`).join(', ');
		throw new CliError(
			`${flag}: no respondent attribute "${name}". Attributes: ${names || 'none'}.`
		);
	}
	return hit;
}

/** Bootstrap intervals for the rows of one population (everyone, or one segment). */
export function withIntervals(ctx: Run, rows: ScoreRow[], conditions: RowCondition[]): ScoreRow[] {
	const pop = selectPopulation(ctx.matrix.n, ctx.excluded, conditions, ctx.people.weights);
	const ci = runBootstrap({
		outcomes: selectRows(ctx.matrix, pop),
		weights: selectWeights(ctx.people.weights, pop),
		variant: ctx.options.variant,
		policy: ctx.options.policy,
		seed: ctx.seed,
		resamples: RESAMPLES
	});
	return rows.map((r) => withOpportunityCi(r, ci[r.idx ?? -1] ?? null));
}

export async function segmentsOf(
	ctx: Run,
	name: string,
	total: ScoreRow[],
	ci: boolean
): Promise<SegmentOut[]> {
	let key: AttrKey;
	let values: (string | null)[];
	if (name.trim().toLowerCase() === 'clusters') {
		values = clusters(ctx);
		await storeClusters(ctx.db, values);
		key = 'cluster';
	} else {
		key = column(ctx.file, ctx.layout, name, '--segment');
		values = ctx.people.columns.get(key) ?? [];
	}
	const segs = await scoreSegments(ctx.db, ctx.options, key);
	return segs.map((s) => {
		const cmp = compareWithRest(s.outcomes, total, ctx.options.variant);
		const diff = ci ? differenceIntervals(ctx, values, s.value) : null;
		const rows = ci ? withIntervals(ctx, s.outcomes, [{ values, value: s.value }]) : s.outcomes;
		return {
			value: s.value,
			respondents: s.respondents,
			outcomes: rows.map((r) => {
				const c = cmp.find((x) => x.id === r.id)!;
				return {
					...r,
					vs_rest: {
						difference: c.difference,
						...(diff ? { difference_ci: diff[r.idx ?? -1] ?? null } : {}),
						p_importance: c.p_importance,
						p_satisfaction: c.p_satisfaction,
						q_importance: c.q_importance,
						q_satisfaction: c.q_satisfaction
					}
				};
			})
		};
	});
}

function differenceIntervals(
	ctx: Run,
	values: (string | null)[],
	value: string | null
): (Range | null)[] {
	const { n } = ctx.matrix;
	const w = ctx.people.weights;
	const all = selectPopulation(n, ctx.excluded, [], w);
	const inSeg = all.filter((i) => (values[i] ?? null) === value);
	const rest = all.filter((i) => (values[i] ?? null) !== value);
	return runCompare({
		a: selectRows(ctx.matrix, inSeg),
		b: selectRows(ctx.matrix, rest),
		weightsA: selectWeights(w, inSeg),
		weightsB: selectWeights(w, rest),
		variant: ctx.options.variant,
		policy: ctx.options.policy,
		seed: ctx.seed,
		resamples: RESAMPLES
	});
}

/** Outcome-based segments (k-means on respondents' own opportunity, k by silhouette). */
function clusters(ctx: Run): (string | null)[] {
	const rows = selectPopulation(ctx.matrix.n, ctx.excluded, [], null);
	const r = runCluster({
		rows: respondentOpportunity(ctx.matrix, rows),
		seed: ctx.seed,
		ks: [2, 3, 4, 5, 6]
	});
	const names = clusterNames(r.k);
	const out: (string | null)[] = new Array(ctx.matrix.n).fill(null);
	rows.forEach((row, j) => (out[row] = names[r.labels[j]!] ?? null));
	return out;
}

/**
 * Segments: scores per value of a respondent attribute (small multiples, heatmap), one segment
 * compared with the rest (difference with a bootstrap interval, BH-adjusted two-proportion tests),
 * and outcome-based segmentation by k-means, which becomes the attribute "Outcome-based cluster".
 */
import { browserDb } from '$lib/db/browser';
import { readRespondents, scoreSegments, storeClusters } from '$lib/analysis/survey';
import type { Range, ScoreRow, SegmentResult } from '$lib/domain/survey';
import { respondentOpportunity, selectRows, selectWeights } from '$lib/domain/survey-matrix';
import {
	clusterNames,
	compareWithRest,
	distinguishingAttributes,
	type CompareRow,
	type Distinction
} from '$lib/domain/survey-segments';
import type { AttrKey } from '$lib/sql/survey';
import type { SurveyState } from './survey.svelte';

/** Attributes with more distinct values than this (ids, dates) are not offered as segments. */
export const MAX_SEGMENT_VALUES = 30;
export const CLUSTER_LABEL = 'Outcome-based cluster';

export interface ClusterSummary {
	k: number;
	silhouettes: { k: number; silhouette: number | null }[];
	clusters: { name: string; size: number; top: ScoreRow[]; distinctions: Distinction[] }[];
	ms: number;
}

export interface JobStatus {
	state: 'idle' | 'running' | 'done' | 'error';
	ms: number;
	message?: string;
}

export class SegmentState {
	/** The attribute whose segments are shown and compared. */
	by = $state.raw<AttrKey | null>(null);
	segments = $state.raw<SegmentResult[]>([]);
	/** The segment compared with the rest. */
	selected = $state.raw<string | null>(null);
	compare = $state.raw<CompareRow[]>([]);
	compareStatus = $state.raw<JobStatus>({ state: 'idle', ms: 0 });
	clusters = $state.raw<ClusterSummary | null>(null);
	clusterStatus = $state.raw<JobStatus>({ state: 'idle', ms: 0 });
	private generation = 0;

	constructor(private readonly s: SurveyState) {}

	reset(): void {
		this.by = null;
		this.segments = [];
		this.compare = [];
		this.clusters = null;
		this.clusterStatus = { state: 'idle', ms: 0 };
		this.s.jobs.compare.cancel();
		this.s.jobs.cluster.cancel();
	}

	/** Attributes that can segment: few distinct values, and the clusters once computed. */
	get choices(): { key: AttrKey; label: string }[] {
		const out: { key: AttrKey; label: string }[] = this.s.attributes
			.filter((a) => a.distinct >= 2 && a.distinct <= MAX_SEGMENT_VALUES)
			.map((a) => ({ key: a.index, label: this.s.label(a.index) }));
		if (this.clusters) out.push({ key: 'cluster', label: CLUSTER_LABEL });
		return out;
	}

	labelOf(a: AttrKey): string {
		return a === 'cluster' ? CLUSTER_LABEL : this.s.label(a);
	}

	async setBy(a: AttrKey | null): Promise<void> {
		this.by = a;
		this.selected = null;
		await this.s.guard(() => this.refresh(true));
	}

	async select(value: string | null): Promise<void> {
		this.selected = value;
		await this.s.guard(() => this.refresh());
	}

	/** Recompute segments (and the cluster summary) for the current options. */
	async refresh(pickFirst = false): Promise<void> {
		const gen = ++this.generation;
		const db = await browserDb();
		if (this.clusters) {
			const segs = await scoreSegments(db, this.s.options, 'cluster');
			if (gen !== this.generation) return;
			this.clusters = {
				...this.clusters,
				clusters: this.clusters.clusters.map((c) => ({
					...c,
					top: topUnderServed(segs.find((x) => x.value === c.name)?.outcomes ?? [])
				}))
			};
		}
		if (this.by === null || !this.s.result) {
			this.segments = [];
			this.compare = [];
			return;
		}
		const segs = await scoreSegments(db, this.s.options, this.by);
		if (gen !== this.generation) return;
		this.segments = segs;
		if (pickFirst || !segs.some((x) => x.value === this.selected))
			this.selected = segs[0]?.value ?? null;
		const seg = segs.find((x) => x.value === this.selected);
		this.compare = seg ? compareWithRest(seg.outcomes, this.s.result.outcomes, this.s.formula) : [];
		void this.runDifference(gen);
	}

	private async runDifference(gen: number): Promise<void> {
		const s = this.s;
		if (this.by === null || !s.matrix || !s.people) return;
		const values = s.valuesOf(this.by);
		const all = s.population();
		const a = all.filter((i) => (values[i] ?? null) === this.selected);
		const b = all.filter((i) => (values[i] ?? null) !== this.selected);
		this.compareStatus = { state: 'running', ms: 0 };
		try {
			const out = await s.jobs.compare.run({
				kind: 'compare',
				a: selectRows(s.matrix, a),
				b: selectRows(s.matrix, b),
				weightsA: selectWeights(s.people.weights, a),
				weightsB: selectWeights(s.people.weights, b),
				variant: s.formula,
				policy: s.policy,
				seed: s.seed,
				resamples: 1000
			});
			if (!out || gen !== this.generation) return;
			const ci = out.result as (Range | null)[];
			const idx = (id: string) => s.result?.outcomes.find((r) => r.id === id)?.idx ?? -1;
			this.compare = this.compare.map((r) => ({ ...r, difference_ci: ci[idx(r.id)] ?? null }));
			this.compareStatus = { state: 'done', ms: out.ms };
		} catch (e) {
			this.compareStatus = { state: 'error', ms: 0, message: String(e) };
		}
	}

	/** Outcome-based segmentation of the respondents in the analysis (k 2–6 by silhouette). */
	async cluster(): Promise<void> {
		const s = this.s;
		if (!s.matrix || !s.people || !s.layout) return;
		const rows = s.population();
		this.clusterStatus = { state: 'running', ms: 0 };
		try {
			const out = await s.jobs.cluster.run({
				kind: 'cluster',
				rows: respondentOpportunity(s.matrix, rows),
				seed: s.seed,
				ks: [2, 3, 4, 5, 6]
			});
			if (!out) return;
			const { k, labels, sizes, scores } = out.result;
			const names = clusterNames(k);
			const perRid: (string | null)[] = new Array<string | null>(s.matrix.n).fill(null);
			rows.forEach((row, j) => (perRid[row] = names[labels[j]!] ?? null));
			const db = await browserDb();
			await storeClusters(db, perRid);
			s.people = await readRespondents(db, s.layout.attributes, s.weight);
			const columns = this.choices
				.filter((c) => c.key !== 'cluster')
				.map((c) => ({
					name: c.label,
					values: Array.from(rows, (r) => s.valuesOf(c.key)[r] ?? null)
				}));
			const distinctions = distinguishingAttributes(columns, labels, k);
			this.clusters = {
				k,
				silhouettes: scores,
				clusters: names.map((name, i) => ({
					name,
					size: sizes[i] ?? 0,
					top: [],
					distinctions: distinctions[i] ?? []
				})),
				ms: out.ms
			};
			this.clusterStatus = { state: 'done', ms: out.ms };
			await this.refresh();
		} catch (e) {
			this.clusterStatus = { state: 'error', ms: 0, message: String(e) };
		}
	}
}

/** A cluster's top under-served outcomes (opportunity ≥ 10), best first, at most 3. */
function topUnderServed(rows: ScoreRow[]): ScoreRow[] {
	return rows
		.filter((r) => r.opportunity !== null && r.opportunity >= 10)
		.sort((a, b) => b.opportunity! - a.opportunity!)
		.slice(0, 3);
}

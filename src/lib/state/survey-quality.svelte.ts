/**
 * Respondent quality screening: flags per respondent (straight-lining, incomplete under a user-set
 * share answered, duplicate ids), which flags to exclude, and the audit list of who is excluded
 * and why. Excluding writes `survey_excluded`, so every figure (SQL and bootstrap) recomputes.
 */
import { browserDb } from '$lib/db/browser';
import { excludeRespondents } from '$lib/analysis/survey';
import {
	exclusions,
	qualityFlags,
	type ExclusionEntry,
	type QualityFlag,
	type QualityReport
} from '$lib/domain/quality';
import { respondentRatings, rowSet } from '$lib/domain/survey-matrix';
import type { SurveyState } from './survey.svelte';

export class QualityState {
	report = $state.raw<QualityReport | null>(null);
	/** Flags whose respondents are excluded. */
	excluded = $state.raw<QualityFlag[]>([]);
	/** Incomplete: fewer than this share of all rating items answered. */
	minAnswered = $state(0.5);
	audit = $state.raw<ExclusionEntry[]>([]);
	/** Rows excluded (not reactive: a snapshot of `audit`, replaced whole, never mutated). */
	excludedRows: ReadonlySet<number> = rowSet([]);

	constructor(private readonly s: SurveyState) {}

	/** Nothing flagged or excluded (a new file: its `survey_excluded` starts empty). */
	reset(): void {
		this.excluded = [];
		this.minAnswered = 0.5;
		this.report = null;
		this.audit = [];
		this.excludedRows = rowSet([]);
	}

	/** Flag everyone again (after a label change or restoring) and apply the exclusions. */
	async apply(): Promise<void> {
		if (!this.flags()) return;
		await this.write();
	}

	/**
	 * Flag everyone right after loading (after `reset`), without re-scoring: no flag is excluded
	 * yet, so the audit stays empty and no figure changes. With exclusions chosen, use `apply`.
	 */
	flag(): void {
		this.flags();
	}

	private flags(): boolean {
		const m = this.s.matrix;
		if (!m || !this.s.people) return false;
		this.report = qualityFlags(respondentRatings(m, this.s.people.ids), {
			minAnsweredShare: this.minAnswered
		});
		return true;
	}

	async toggle(flag: QualityFlag, on: boolean): Promise<void> {
		this.excluded = on
			? [...this.excluded.filter((f) => f !== flag), flag]
			: this.excluded.filter((f) => f !== flag);
		await this.s.guard(() => this.write());
	}

	async setMinAnswered(share: number): Promise<void> {
		if (!(share >= 0 && share <= 1)) return;
		this.minAnswered = share;
		await this.s.guard(() => this.apply());
	}

	private async write(): Promise<void> {
		const audit = this.report ? exclusions(this.report, this.excluded) : [];
		this.audit = audit;
		this.excludedRows = rowSet(audit.map((e) => e.row));
		await excludeRespondents(
			await browserDb(),
			audit.map((e) => e.row)
		);
		await this.s.refresh();
	}
}

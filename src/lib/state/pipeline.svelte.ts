/**
 * The pipeline page's state: deals (+ optional history and lookups) loaded into the browser
 * engine, the editable setup (mapping, date order, stage dictionary), filters and results.
 */
import { browserDb } from '$lib/db/browser';
import {
	applySetup,
	joinLookup,
	loadHistory,
	pipelineMetrics,
	pipelinePriorities,
	preparePipeline,
	PRIORITY_PAGE,
	type PipelineFilter,
	type PipelinePrep,
	type PipelineSetup
} from '$lib/analysis/pipeline';
import type { PipelineResult, PriorityRow } from '$lib/domain/pipeline/types';
import { issueText } from '$lib/analysis/pipeline-columns';
import { loadCsv, type CsvReport } from '$lib/ingest/load-csv';
import { readFileBytes } from './files';
import { isCancelled, LoadProgress, sizeMessage } from './progress.svelte';
import { persistence, type StoredFile } from './persist.svelte';

/** What is kept across reloads: the files (written once per load) and the choices made on them. */
interface SavedFiles {
	deals: StoredFile;
	history: StoredFile | null;
	lookups: { file: StoredFile; key: number; dealColumn: number }[];
}
interface SavedChoices {
	setup: PipelineSetup | null;
	filters: PipelineFilter[];
	closeMonth: string | null;
}
const KEY = { files: 'pipeline-files', choices: 'pipeline' } as const;

export type Phase = 'idle' | 'loading' | 'ready' | 'error';

const RAW = { deals: 'deals_raw', history: 'history_raw', lookup: 'lookup_raw' } as const;

/** Today as YYYY-MM-DD in the user's time zone. */
function today(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class PipelineState {
	phase = $state<Phase>('idle');
	/** What is running, as a message key (load.busy.*) the page translates. */
	busy = $state<string | null>(null);
	error = $state<string | null>(null);
	deals = $state.raw<CsvReport | null>(null);
	history = $state.raw<{
		report: CsvReport;
		kind: string;
		rows: number;
		warnings: string[];
	} | null>(null);
	lookups = $state.raw<{ report: CsvReport; key: number; dealLabel: string }[]>([]);
	pendingLookup = $state.raw<CsvReport | null>(null);
	lookupWarnings = $state.raw<string[]>([]);
	/** A clicked forecast month: narrows the deal priorities, not the forecast itself. */
	closeMonth = $state<string | null>(null);
	prep = $state.raw<PipelinePrep | null>(null);
	result = $state.raw<PipelineResult | null>(null);
	filters = $state.raw<PipelineFilter[]>([]);
	/** The deal priorities' text search the shown result has (found in SQL, any case). */
	prioritySearch = $state('');
	/** The files as loaded, kept (not reactive) so they can be saved for the next visit. */
	private files: SavedFiles | null = null;
	/** The files changed since they were last saved (a filter change must not rewrite 100 MB). */
	private filesChanged = false;
	/** The filters last asked for (shown ones change only when their results arrive). */
	private want: { filters: PipelineFilter[]; closeMonth: string | null; search: string } = {
		filters: [],
		closeMonth: null,
		search: ''
	};
	private generation = 0;
	/** Counts results shown, so a page of priorities read for one is never added to another. */
	private shown = 0;
	private more: Promise<void> | null = null;
	/**
	 * The result without filters, kept until the data or setup changes: removing the last filter
	 * shows it again at once (a close month or search only re-reads the priorities).
	 */
	private unfiltered: { result: PipelineResult; closeMonth: string | null; search: string } | null =
		null;
	private pendingBytes: Uint8Array | null = null;
	private restoring = false;
	/** The deals load in progress (steps, cancel). */
	readonly progress = new LoadProgress();

	/** Everything the user should know about what was read and computed, in one list. */
	get warnings(): string[] {
		return [
			...(this.deals?.warnings ?? []),
			...(this.prep?.warnings ?? []),
			...(this.prep?.columnIssues.map(issueText) ?? []),
			...(this.history?.warnings ?? []),
			...this.lookupWarnings,
			...(this.result?.warnings ?? [])
		];
	}

	async loadDealsFile(file: File): Promise<void> {
		const refused = sizeMessage(file.name, file.size);
		if (refused) return this.fail(refused);
		await this.loadDeals(file.name, file);
	}

	async loadSample(dealsUrl: string, historyUrl: string): Promise<void> {
		const [d, h] = await Promise.all(
			[dealsUrl, historyUrl].map((u) => fetch(u).then((r) => r.arrayBuffer()))
		);
		if (await this.loadDeals('pipeline-sample.csv', new Uint8Array(d!)))
			await this.loadHistory('pipeline-history-sample.csv', new Uint8Array(h!));
	}

	/**
	 * Read a deals file. Cancelling while the file is read or checked leaves the current
	 * analysis as it was; once the engine starts replacing tables, a cancel clears it. A load
	 * that another load replaced ends quietly. Resolves true when the deals were loaded.
	 */
	async loadDeals(name: string, source: Uint8Array | Blob): Promise<boolean> {
		const load = this.progress.begin(name, source);
		const work = this.run('load.busy.deals', async () => {
			try {
				const bytes = await load.bytes();
				const db = load.db(await browserDb());
				const r = await loadCsv(db, RAW.deals, name, bytes, { onStep: load.onStep });
				if (!r.ok) throw new Error(r.error);
				await load.to('prepare');
				const prep = await preparePipeline(
					db,
					RAW.deals,
					r.report.labels,
					this.hint(r.report),
					today()
				);
				await load.to('analyse');
				this.deals = r.report;
				this.files = { deals: { name, bytes }, history: null, lookups: [] };
				this.filesChanged = true;
				this.history = null;
				this.lookups = [];
				this.lookupWarnings = [];
				this.filters = [];
				this.closeMonth = null;
				this.want = { ...this.want, filters: [], closeMonth: null };
				this.prep = prep;
			} catch (e) {
				if (load.quiet(e)) throw e;
				const cleared = load.replacing && this.result !== null;
				if (load.replacing) this.reset();
				const why = load.why(e, e instanceof Error ? e.message : String(e));
				throw new Error(
					cleared
						? `${why} The earlier deals were cleared as well (their tables were being replaced).`
						: why
				);
			}
		});
		try {
			return await work;
		} finally {
			load.finish();
		}
	}

	async loadHistoryFile(file: File): Promise<void> {
		await this.loadHistory(file.name, await readFileBytes(file));
	}

	async loadHistory(name: string, bytes: Uint8Array): Promise<void> {
		if (!this.deals) return this.fail('Load the deals file first, then its stage history.');
		await this.run('load.busy.history', async () => {
			const db = await browserDb();
			const r = await loadCsv(db, RAW.history, name, bytes);
			if (!r.ok) throw new Error(r.error);
			const h = await loadHistory(db, RAW.history, r.report.labels, this.hint(r.report));
			if (!h.ok) throw new Error(`${name}: ${h.error}`);
			this.history = { report: r.report, kind: h.kind, rows: h.rows, warnings: h.warnings };
			if (this.files) this.files.history = { name, bytes };
			this.filesChanged = true;
		});
	}

	/** A lookup table: joined at once when one of its columns is named like a deals column, else asked. */
	async addLookupFile(file: File): Promise<void> {
		if (!this.deals) return this.fail('Load the deals file first, then lookup tables.');
		await this.addLookup(file.name, await readFileBytes(file));
	}

	private async addLookup(name: string, bytes: Uint8Array, join?: [number, number]): Promise<void> {
		const deals = this.deals;
		if (!deals) return;
		await this.run('load.busy.lookup', async () => {
			const db = await browserDb();
			const r = await loadCsv(db, `${RAW.lookup}_${this.lookups.length}`, name, bytes);
			if (!r.ok) throw new Error(r.error);
			const pair = join ?? matchingColumns(r.report.labels, deals.labels);
			this.pendingLookup = r.report;
			this.pendingBytes = bytes;
			if (pair) await this.join(pair[0], pair[1]);
		});
	}

	async joinPending(key: number, dealColumn: number): Promise<void> {
		await this.run('load.busy.join', () => this.join(key, dealColumn));
	}

	private async join(key: number, dealColumn: number): Promise<void> {
		const l = this.pendingLookup;
		if (!l || !this.deals) return;
		const r = await joinLookup(await browserDb(), l.table, l.labels, key, dealColumn);
		if (!r.ok) throw new Error(`${l.fileName}: ${r.error}`);
		this.lookupWarnings = [...this.lookupWarnings, ...r.warnings];
		this.lookups = [
			...this.lookups,
			{ report: l, key, dealLabel: this.deals.labels[dealColumn] ?? '' }
		];
		if (this.files && this.pendingBytes) {
			this.files.lookups.push({
				file: { name: l.fileName, bytes: this.pendingBytes },
				key,
				dealColumn
			});
			this.filesChanged = true;
		}
		this.pendingLookup = null;
		this.pendingBytes = null;
	}

	/** Change part of the setup (mapping, date order, stages, target) and recompute. */
	async updateSetup(patch: Partial<PipelineSetup>): Promise<void> {
		if (!this.deals || !this.prep) return;
		const deals = this.deals;
		const setup = { ...this.prep.setup, ...patch };
		await this.run('load.busy.recompute', async () => {
			this.prep = await applySetup(
				await browserDb(),
				RAW.deals,
				deals.labels,
				setup,
				this.hint(deals)
			);
		});
	}

	/** Toggle a filter on a dimension (clicking a bar); the same value again clears it. */
	async toggleFilter(column: string, value: string | null): Promise<void> {
		const { filters, closeMonth } = this.want;
		const same = filters.some((f) => f.column === column && f.value === value);
		const rest = filters.filter((f) => f.column !== column);
		await this.apply(same ? rest : [...rest, { column, value }], closeMonth);
	}

	async toggleCloseMonth(month: string): Promise<void> {
		await this.apply(this.want.filters, this.want.closeMonth === month ? null : month);
	}

	async clearFilters(): Promise<void> {
		await this.apply([], null);
	}

	/** Narrow the deal priorities to those whose name, account, stage, owner, competitor or next step contain `text`. */
	async searchPriorities(text: string): Promise<void> {
		const search = text.trim();
		if (search === this.want.search) return;
		this.want = { ...this.want, search };
		await this.apply(this.want.filters, this.want.closeMonth);
	}

	/**
	 * Read the next ranked priorities of the shown result until `upTo` are loaded (the table shows
	 * them 25, then 50 more at a time; they are read PRIORITY_PAGE at a time).
	 */
	async morePriorities(upTo: number): Promise<void> {
		while (this.more) await this.more.catch(() => undefined);
		const r = this.result;
		if (!r || r.priorities.length >= Math.min(upTo, r.priorities_total)) return;
		const shown = this.shown;
		this.more = (async () => {
			const page = await pipelinePriorities(await browserDb(), this.filters, {
				closeMonth: this.closeMonth,
				search: this.prioritySearch,
				offset: r.priorities.length,
				limit: Math.max(PRIORITY_PAGE, upTo - r.priorities.length)
			});
			if (shown !== this.shown || page.rows.length === 0) return;
			this.result = {
				...r,
				priorities: [...r.priorities, ...page.rows],
				priorities_total: page.total
			};
		})();
		try {
			await this.more;
		} catch (e) {
			this.fail(e instanceof Error ? e.message : String(e));
		} finally {
			this.more = null;
		}
	}

	/** Every priority the shown result ranks (for the CSV export), read when not all are loaded. */
	async allPriorities(): Promise<PriorityRow[]> {
		const r = this.result;
		if (!r) return [];
		if (r.priorities.length >= r.priorities_total) return r.priorities;
		const all = await pipelinePriorities(await browserDb(), this.filters, {
			closeMonth: this.closeMonth,
			search: this.prioritySearch,
			limit: null
		});
		return all.rows;
	}

	/** After the data or setup changed: everything again for what was asked for last. */
	private async refresh(): Promise<void> {
		this.unfiltered = null;
		await this.apply(this.want.filters, this.want.closeMonth, true);
	}

	/**
	 * Query first, then set filters and results together so the page never shows a mix. Only the
	 * priorities are read again when just the close month or search changed (`full` reads all).
	 */
	private async apply(
		filters: PipelineFilter[],
		closeMonth: string | null,
		full = false
	): Promise<void> {
		// The latest request wins: a slower, older query (e.g. a load finishing after a click)
		// must not overwrite what the user asked for since.
		const search = this.want.search;
		this.want = { filters, closeMonth, search };
		const generation = ++this.generation;
		const result = await this.compute(filters, closeMonth, search, full);
		if (generation !== this.generation) return;
		if (filters.length === 0) this.unfiltered = { result, closeMonth, search };
		this.filters = filters;
		this.closeMonth = closeMonth;
		this.prioritySearch = search;
		this.result = result;
		this.shown++;
		await this.save();
	}

	/** The result for these choices, from what is already known where it can be. */
	private async compute(
		filters: PipelineFilter[],
		closeMonth: string | null,
		search: string,
		full: boolean
	): Promise<PipelineResult> {
		const base =
			full || !this.result
				? null
				: filters.length === 0
					? (this.unfiltered?.result ?? null)
					: sameFilters(filters, this.filters)
						? this.result
						: null;
		if (base) {
			const u = this.unfiltered;
			if (filters.length === 0 && u && u.closeMonth === closeMonth && u.search === search)
				return u.result;
			const page = await pipelinePriorities(await browserDb(), filters, { closeMonth, search });
			return { ...base, priorities: page.rows, priorities_total: page.total };
		}
		return pipelineMetrics(await browserDb(), filters, {
			closeMonth: closeMonth ?? undefined,
			search
		});
	}

	/** Keep files and choices for the next visit (not while restoring them). */
	private async save(): Promise<void> {
		if (this.restoring || !this.files) return;
		if (this.filesChanged) {
			this.filesChanged = false;
			await persistence.save(KEY.files, this.files);
		}
		const choices: SavedChoices = {
			setup: this.prep?.setup ?? null,
			filters: this.filters,
			closeMonth: this.closeMonth
		};
		await persistence.save(KEY.choices, choices);
	}

	/** Re-import what was loaded on the last visit and re-apply every choice. */
	async restore(): Promise<void> {
		const files = await persistence.load<SavedFiles>(KEY.files);
		if (!files?.deals || this.deals) return;
		const choices = await persistence.load<SavedChoices>(KEY.choices);
		this.restoring = true;
		try {
			// A file chosen while the saved one loads wins: the restore then stops.
			if (!(await this.loadDeals(files.deals.name, files.deals.bytes))) return;
			if (files.history) await this.loadHistory(files.history.name, files.history.bytes);
			for (const l of files.lookups)
				await this.addLookup(l.file.name, l.file.bytes, [l.key, l.dealColumn]);
			if (choices?.setup) await this.updateSetup(choices.setup);
			await this.apply(choices?.filters ?? [], choices?.closeMonth ?? null);
		} finally {
			this.restoring = false;
			this.filesChanged = false;
		}
	}

	/** Forget everything loaded (the caller clears storage). */
	reset(): void {
		this.files = null;
		this.deals = this.history = this.prep = this.result = this.pendingLookup = null;
		this.lookups = [];
		this.filters = [];
		this.closeMonth = null;
		this.prioritySearch = '';
		this.unfiltered = null;
		this.want = { filters: [], closeMonth: null, search: '' };
		this.phase = 'idle';
	}

	private hint(r: CsvReport): { decimalComma: boolean } {
		return { decimalComma: r.delimiter === ';' };
	}

	/** Run a step, then recompute; resolves true when it worked (a replaced load stays quiet). */
	private async run(label: string, work: () => Promise<void>): Promise<boolean> {
		this.busy = label;
		this.error = null;
		this.unfiltered = null;
		try {
			await work();
			await this.refresh();
			this.phase = 'ready';
			return true;
		} catch (e) {
			if (!isCancelled(e)) this.fail(e instanceof Error ? e.message : String(e));
			return false;
		} finally {
			this.busy = null;
		}
	}

	private fail(message: string): void {
		this.error = message;
		this.phase = this.result ? 'ready' : 'error';
	}
}

/** The same filters, in any order. */
function sameFilters(a: readonly PipelineFilter[], b: readonly PipelineFilter[]): boolean {
	return (
		a.length === b.length &&
		a.every((f) => b.some((g) => g.column === f.column && g.value === f.value))
	);
}

/** The first lookup column whose header equals a deals header (case-insensitive): [lookup, deals]. */
export function matchingColumns(
	lookup: readonly string[],
	deals: readonly string[]
): [number, number] | null {
	const norm = (s: string) => s.trim().toLowerCase();
	for (const [i, l] of lookup.entries()) {
		const j = deals.findIndex((d) => norm(d) === norm(l));
		if (j >= 0) return [i, j];
	}
	return null;
}

export const pipeline = new PipelineState();

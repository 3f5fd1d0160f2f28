/**
 * What a load is doing, for the progress bar, and how to stop it. A load runs through named
 * steps; between steps (and between SQL statements, see `cancellable`) it checks whether the
 * user pressed Cancel, and a running table build is interrupted in the engine.
 */
import type { Db } from '$lib/db/db';

export type LoadStep = 'read' | 'check' | 'load' | 'prepare' | 'analyse';
export const LOAD_STEPS: readonly LoadStep[] = ['read', 'check', 'load', 'prepare', 'analyse'];

/**
 * The largest file the browser path takes. The tab's DuckDB is capped at 1 GB (db/browser.ts);
 * measured in a fresh tab with compact 12-column deals (~140 bytes a row): 1.1M deals (147 MB)
 * load, 1.15M (154 MB) run out of memory while the typed table is built (the tab survives, peak
 * 1.9 GB). Wider rows fit more bytes (the sample's 18 columns: 180 MB loads). Bigger files go to
 * the CLI; the out-of-memory message remains the backstop (e.g. a second big file in one tab).
 */
export const BROWSER_FILE_LIMIT = 140 * 1024 * 1024;

export class Cancelled extends Error {
	constructor() {
		super('Loading was cancelled.');
		this.name = 'AbortError';
	}
}

export const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

const SUPERSEDED = 'superseded';
/** The load was stopped because another one started (not by the user): it should stay quiet. */
export const superseded = (signal: AbortSignal): boolean => signal.reason === SUPERSEDED;

export class LoadProgress {
	step = $state<LoadStep | null>(null);
	/** Share of the file read so far (only during 'read'). */
	fraction = $state<number | null>(null);
	fileName = $state('');
	size = $state(0);
	startedAt = $state(0);
	private controller: AbortController | null = null;

	get active(): boolean {
		return this.step !== null;
	}

	/** Begin a load; the returned signal aborts when the user cancels or a new load starts. */
	start(fileName: string, size: number): AbortSignal {
		this.controller?.abort(SUPERSEDED);
		this.controller = new AbortController();
		this.fileName = fileName;
		this.size = size;
		this.startedAt = performance.now();
		this.step = 'read';
		this.fraction = 0;
		return this.controller.signal;
	}

	/** Enter a step: show it, let the page paint, and stop here if the user cancelled. */
	async to(step: LoadStep, signal: AbortSignal): Promise<void> {
		if (signal.aborted) throw new Cancelled();
		if (signal !== this.controller?.signal) return;
		this.step = step;
		this.fraction = null;
		await nextPaint();
		if (signal.aborted) throw new Cancelled();
	}

	cancel(): void {
		this.controller?.abort('cancelled');
		this.step = null;
	}

	/** Begin loading a file (a File, or bytes already in memory). */
	begin(name: string, source: Uint8Array | Blob): Load {
		return new Load(this, name, source);
	}

	/** The load with this signal ended (done, failed or cancelled). */
	finish(signal: AbortSignal): void {
		if (signal !== this.controller?.signal) return;
		this.controller = null;
		this.step = null;
		this.fraction = null;
	}
}

/**
 * One file load, as both import pages run it: its cancel signal, its bytes (read with progress),
 * its steps, whether the engine has begun replacing tables, and what to tell the user if it fails.
 */
export class Load {
	readonly signal: AbortSignal;
	readonly size: number;
	/** The engine began replacing tables: an earlier analysis no longer matches them. */
	replacing = false;

	constructor(
		private readonly progress: LoadProgress,
		readonly name: string,
		private readonly source: Uint8Array | Blob
	) {
		this.size = source instanceof Uint8Array ? source.length : source.size;
		this.signal = progress.start(name, this.size);
	}

	bytes(): Promise<Uint8Array> {
		const { source } = this;
		return source instanceof Uint8Array
			? Promise.resolve(source)
			: readWithProgress(source, this.progress, this.signal);
	}

	/** The database, stopped by this load's cancel. */
	db(db: Db): Db {
		return cancellable(db, this.signal);
	}

	/** For loadCsv's onStep. */
	readonly onStep = async (step: 'check' | 'load'): Promise<void> => {
		this.replacing ||= step === 'load';
		await this.progress.to(step, this.signal);
	};

	to(step: LoadStep): Promise<void> {
		return this.progress.to(step, this.signal);
	}

	/** A newer load replaced this one: it ends without a word. */
	quiet(e: unknown): boolean {
		return isCancelled(e) && superseded(this.signal);
	}

	/** The message for a failure: cancelled, out of memory, or `other`. */
	why(e: unknown, other: string): string {
		if (isCancelled(e)) return `Loading ${this.name} was cancelled.`;
		return memoryMessage(this.name, this.size, e) ?? other;
	}

	finish(): void {
		this.progress.finish(this.signal);
	}
}

/** Wait until the browser has painted (a frame, then a task), so a step's label shows. */
function nextPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'undefined') return setTimeout(resolve, 0);
		requestAnimationFrame(() => setTimeout(resolve, 0));
	});
}

/** Read a local file in chunks, reporting progress; stops at once when cancelled. */
export async function readWithProgress(
	file: Blob,
	progress: LoadProgress,
	signal: AbortSignal
): Promise<Uint8Array> {
	const out = new Uint8Array(file.size);
	const reader = file.stream().getReader();
	let at = 0;
	for (;;) {
		if (signal.aborted) {
			await reader.cancel();
			throw new Cancelled();
		}
		const { done, value } = await reader.read();
		if (done) break;
		out.set(value, at);
		at += value.length;
		progress.fraction = file.size ? at / file.size : 1;
	}
	return at === out.length ? out : out.subarray(0, at);
}

/**
 * The same database, but every statement first checks for a cancel, and a cancel interrupts the
 * statement that is running (the engine then answers it with an error, reported as Cancelled).
 */
export function cancellable(db: Db, signal: AbortSignal): Db {
	const check = () => {
		if (signal.aborted) throw new Cancelled();
	};
	signal.addEventListener('abort', () => void db.interrupt?.().catch(() => undefined), {
		once: true
	});
	const guarded =
		<A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
		async (...a: A): Promise<R> => {
			check();
			try {
				return await f(...a);
			} catch (e) {
				check();
				throw e;
			} finally {
				check();
			}
		};
	return {
		query: guarded((sql, params) => db.query(sql, params)) as Db['query'],
		exec: guarded((sql: string) => db.exec(sql)),
		registerFile: guarded((name: string, bytes: Uint8Array) => db.registerFile(name, bytes)),
		dropFile: (name) => db.dropFile(name),
		interrupt: () => db.interrupt?.() ?? Promise.resolve(),
		close: () => db.close()
	};
}

/** A failure the tab's memory caused, told in words the user can act on. */
export function memoryMessage(fileName: string, size: number, e: unknown): string | null {
	const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
	if (
		!/out of memory|could not allocate|allocation failed|invalid string length|memory access out of bounds|Aborted\(\)/i.test(
			text
		)
	)
		return null;
	return (
		`${fileName} (${mb(size)}) ran out of memory in this browser tab. Its database holds up to ` +
		`1 GB: enough for exports of about ${mb(BROWSER_FILE_LIMIT)} (1 million deals) when nothing else ` +
		`is loaded. "Clear all data" and try again, or ${CLI}`
	);
}

/** Refuse a file the tab cannot hold, before reading a byte of it. */
export function sizeMessage(fileName: string, size: number): string | null {
	if (size <= BROWSER_FILE_LIMIT) return null;
	return (
		`${fileName} (${mb(size)}) is too big for a browser tab: this page handles files up to ` +
		`about ${mb(BROWSER_FILE_LIMIT)}. Nothing was changed. For bigger exports ${CLI}`
	);
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en')} MB`;
const CLI =
	'use the command line on this computer (npm run cli -- pipeline FILE --report report.json, ' +
	'or survey FILE), then open the report file on the Report page.';

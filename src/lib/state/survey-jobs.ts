/**
 * Runs survey jobs in a Web Worker, one worker per channel: a new job on a channel replaces the one
 * still running there (its worker is terminated, its promise resolves to null), so moving a control
 * quickly never queues stale work. Without Worker support (tests, old browsers) jobs run inline.
 */
import { runJob, type JobResult, type SurveyJob } from '$lib/domain/survey-jobs';

export interface Timed<R> {
	result: R;
	ms: number;
}

interface Pending {
	id: number;
	resolve: (v: Timed<unknown> | null) => void;
	reject: (e: Error) => void;
}

/** Typed arrays in a job, handed over to the worker instead of copied. */
function transferables(job: SurveyJob): Transferable[] {
	const out = new Set<ArrayBufferLike>();
	const add = (a: ArrayBufferView | null | undefined) => a && out.add(a.buffer);
	if (job.kind === 'bootstrap') {
		job.outcomes.forEach((o) => (add(o.importance), add(o.satisfaction)));
		add(job.weights);
	} else if (job.kind === 'compare') {
		[...job.a, ...job.b].forEach((o) => (add(o.importance), add(o.satisfaction)));
		add(job.weightsA);
		add(job.weightsB);
	} else job.rows.forEach(add);
	return [...out].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

export class JobChannel {
	private worker: Worker | null = null;
	private pending: Pending | null = null;
	private next = 1;

	/** Run a job; null when a newer job on this channel replaced it. */
	run<J extends SurveyJob>(job: J): Promise<Timed<JobResult<J>> | null> {
		if (typeof Worker === 'undefined') {
			const t0 = performance.now();
			const result = runJob(job) as JobResult<J>;
			return Promise.resolve({ result, ms: performance.now() - t0 });
		}
		this.cancel();
		const worker = (this.worker ??= this.spawn());
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.pending = {
				id,
				resolve: resolve as (v: Timed<unknown> | null) => void,
				reject
			};
			worker.postMessage({ id, job }, transferables(job));
		});
	}

	/** Stop the running job, if any (its promise resolves to null). */
	cancel(): void {
		if (!this.pending) return;
		this.pending.resolve(null);
		this.pending = null;
		this.worker?.terminate();
		this.worker = null;
	}

	private spawn(): Worker {
		const w = new Worker(new URL('./survey.worker.ts', import.meta.url), { type: 'module' });
		w.addEventListener('message', (e: MessageEvent) => {
			const d = e.data as {
				id: number;
				ok: boolean;
				result?: unknown;
				error?: string;
				ms?: number;
			};
			const p = this.pending;
			if (!p || p.id !== d.id) return;
			this.pending = null;
			if (d.ok) p.resolve({ result: d.result, ms: d.ms ?? 0 });
			else p.reject(new Error(d.error ?? 'The computation failed.'));
		});
		w.addEventListener('error', (e) => {
			const p = this.pending;
			this.pending = null;
			this.worker = null;
			p?.reject(new Error(e.message || 'The computation worker failed.'));
		});
		return w;
	}
}

/**
 * The survey's heavy jobs (bootstrap, segment differences, k-means) off the main thread, so the page
 * stays responsive. Messages: { id, job } in; { id, ok, result | error, ms } out.
 */
import { runJob, type SurveyJob } from '$lib/domain/survey-jobs';

const scope = self as unknown as {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(
		type: 'message',
		fn: (e: MessageEvent<{ id: number; job: SurveyJob }>) => void
	): void;
};

scope.addEventListener('message', (e) => {
	const { id, job } = e.data;
	const t0 = performance.now();
	try {
		const result = runJob(job);
		scope.postMessage({ id, ok: true, result, ms: performance.now() - t0 });
	} catch (err) {
		scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
	}
});

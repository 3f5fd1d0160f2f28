/** The whole session: restore what the last visit loaded, or forget all of it. */
import { persistence } from './persist.svelte';
import { pipeline } from './pipeline.svelte';

export async function restoreSession(): Promise<void> {
	await pipeline.restore();
}

export async function clearSession(): Promise<void> {
	await persistence.clearAll();
	pipeline.reset();
}

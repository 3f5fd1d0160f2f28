/**
 * Keeps what the user loaded and chose across reloads, in this browser's IndexedDB only: the
 * files' bytes (re-imported on the next visit) and the settings made on top of them. Failures,
 * such as a full storage quota, are reported, never swallowed.
 */
import { clear, del, get, set } from 'idb-keyval';

export type StoredFile = { name: string; bytes: Uint8Array };

class Persistence {
	/** The last storage problem, shown to the user. */
	error = $state<string | null>(null);

	async save(key: string, value: unknown): Promise<void> {
		try {
			await set(key, value);
			this.error = null;
		} catch (e) {
			const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
			this.error = quota
				? 'This browser has no room left to keep your data for the next visit. It still works now; free some space or use "Clear all data".'
				: `Your data could not be kept for the next visit (${e instanceof Error ? e.message : String(e)}).`;
		}
	}

	async load<T>(key: string): Promise<T | undefined> {
		try {
			return await get<T>(key);
		} catch (e) {
			this.error = `Saved data could not be read (${e instanceof Error ? e.message : String(e)}).`;
			return undefined;
		}
	}

	async remove(key: string): Promise<void> {
		await del(key).catch(() => undefined);
	}

	async clearAll(): Promise<void> {
		await clear();
		this.error = null;
	}
}

export const persistence = new Persistence();

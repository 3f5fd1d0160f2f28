/** Browser file helpers shared by the import states. */

/** The bytes of a user's file (no upload: read locally). */
export async function readFileBytes(file: File): Promise<Uint8Array> {
	return new Uint8Array(await file.arrayBuffer());
}

/** Offer text as a file download. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Start the database engine ahead of need (the wasm takes about a second to start), on pages
 * that will use it. Shared reports never call this.
 */
export function warmUpEngine(): void {
	void import('$lib/db/browser').then((m) => m.browserDb()).catch(() => undefined);
}

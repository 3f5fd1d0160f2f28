import { readFileSync, statSync } from 'node:fs';

/** An error the user can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

/** A file's bytes, with a one-line error when it cannot be read (the loader needs them all in memory). */
export function readInput(path: string): Uint8Array {
	try {
		if (!statSync(path).isFile()) throw new CliError(`${path}: not a file.`);
		return new Uint8Array(readFileSync(path));
	} catch (e) {
		if (e instanceof CliError) throw e;
		if ((e as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') {
			throw new CliError(
				`${path}: ${mb(statSync(path).size)} is more than Node reads into memory in one piece (2 GiB). Split the file and run each part.`
			);
		}
		throw new CliError(
			`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`
		);
	}
}

/** Node's longest string (V8: 2^29 − 24 characters); the loader holds each file as one. */
export const MAX_TEXT_CHARS = 536_870_888;

/**
 * Run `fn` (which loads `paths`); the largest of them, when too long to hold as text becomes a message that says
 * so, instead of V8's "Cannot create a string longer than 0x1fffffe8 characters".
 */
export async function explainTooLarge<T>(paths: string[], fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if ((e as NodeJS.ErrnoException | null)?.code !== 'ERR_STRING_TOO_LONG') throw e;
		const sized = paths.map((p) => ({ p, size: statSync(p).size }));
		const big = sized.reduce((a, b) => (b.size > a.size ? b : a));
		throw new CliError(
			`${big.p}: too large to read (${mb(big.size)}). The loader holds a file as one text of at most ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters (about 512 MB of plain text), on either engine. Split the file by date or region and run each part.`
		);
	}
}

function mb(bytes: number): string {
	return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;
}

/** A line on stderr when `--verbose` is on. */
export function verbose(on: boolean | undefined, line: string): void {
	if (on) process.stderr.write(`${line}\n`);
}

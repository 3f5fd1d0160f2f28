import { readFileSync, statSync } from 'node:fs';

/** An error the user can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

/** A file's bytes, with a one-line error when it cannot be read. */
export function readInput(path: string): Uint8Array {
	try {
		if (!statSync(path).isFile()) throw new CliError(`${path}: not a file.`);
		return new Uint8Array(readFileSync(path));
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(
			`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`
		);
	}
}

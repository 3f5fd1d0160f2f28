/**
 * Report links: `#r=v1.<base64url(deflate-raw(JSON))>`. Capped both ways (encoded length and
 * decompressed size) so a hostile link cannot exhaust memory; decoded state is schema-checked.
 */
import { parseReport, type Report } from './report';

export const PREFIX = 'v1.';
/** Links longer than this are offered as a report file instead. */
export const LINK_LIMIT = 8192;
/** The longest fragment we try to read at all. */
export const READ_LIMIT = 65536;
/** Decompressed JSON larger than this is refused. */
export const INFLATE_LIMIT = 1_048_576;

export type Decoded = { ok: true; report: Report } | { ok: false; error: string };

/** toBase64Url(Uint8Array [251, 255]) → '-_8'. */
export function toBase64Url(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** fromBase64Url('-_8') → Uint8Array [251, 255]; null when not base64url. */
export function fromBase64Url(s: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
	try {
		const bin = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
		return Uint8Array.from(bin, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream,
	limit = Infinity
): Promise<Uint8Array> {
	const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > limit) {
			await reader.cancel();
			throw new RangeError('too large');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** encodeReport(report) → 'v1.…' (the part after `#r=`). */
export async function encodeReport(report: Report): Promise<string> {
	const json = new TextEncoder().encode(JSON.stringify(report));
	return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** decodeReport('v1.…') → the checked report, or a message saying what is wrong with the link. */
export async function decodeReport(fragment: string): Promise<Decoded> {
	const fail = (error: string): Decoded => ({ ok: false, error });
	if (fragment.length > READ_LIMIT) return fail('This report link is too long to be read.');
	const m = /^v(\d+)\./.exec(fragment);
	if (!m) return fail('This is not a report link (it should start with #r=v1.).');
	if (fragment.slice(0, m[0].length) !== PREFIX) {
		return fail(
			`This report link was made by a newer version (format v${m[1]}); this site reads v1.`
		);
	}
	const bytes = fromBase64Url(fragment.slice(PREFIX.length));
	if (!bytes)
		return fail('This report link is damaged (it contains characters a link cannot have).');
	let json: string;
	try {
		json = new TextDecoder('utf-8', { fatal: true }).decode(
			await pipe(bytes, new DecompressionStream('deflate-raw'), INFLATE_LIMIT)
		);
	} catch (e) {
		return fail(
			e instanceof RangeError
				? 'This report link unpacks to more data than a report may hold; it was refused.'
				: 'This report link is damaged (it could not be unpacked). Ask for a new link.'
		);
	}
	return parseJson(json);
}

/** A report file's text (the .json download) → the checked report. */
export function parseJson(json: string): Decoded {
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		return { ok: false, error: 'This report is damaged (it is not valid JSON).' };
	}
	const r = parseReport(data);
	return r.ok ? r : { ok: false, error: `This report was refused: ${r.error}` };
}

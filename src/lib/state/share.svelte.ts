/**
 * Building and reading shared reports. A report holds aggregates only (the score table, KPIs,
 * funnel, forecast), never rows; links carry it in the fragment, which browsers do not send.
 */
import {
	decodeReport,
	encodeReport,
	LINK_LIMIT,
	parseJson,
	type Decoded
} from '$lib/domain/share/codec';
import type { Report } from '$lib/domain/share/report';
export { buildReport } from '$lib/domain/share/build';

export type ShareOutcome =
	{ kind: 'link'; url: string } | { kind: 'file'; json: string; length: number };

/** A link when it fits in LINK_LIMIT characters, else the report as a .json file to pass on. */
export async function shareReport(report: Report, origin: string): Promise<ShareOutcome> {
	const fragment = await encodeReport(report);
	if (fragment.length <= LINK_LIMIT) return { kind: 'link', url: `${origin}/report#r=${fragment}` };
	return { kind: 'file', json: JSON.stringify(report, null, 1), length: fragment.length };
}

/** Read the report from a location hash (`#r=v1.…`). */
export async function readHash(hash: string): Promise<Decoded | null> {
	const m = /^#r=(.*)$/s.exec(hash);
	if (!m) return null;
	return decodeReport(m[1] ?? '');
}

export async function readReportFile(file: File): Promise<Decoded> {
	if (file.size > 2_000_000)
		return { ok: false, error: `${file.name}: too large for a report file.` };
	const r = parseJson(await file.text());
	return r.ok ? r : { ok: false, error: `${file.name}: ${r.error}` };
}

import { describe, expect, it } from 'vitest';
import {
	decodeReport,
	encodeReport,
	fromBase64Url,
	INFLATE_LIMIT,
	parseJson,
	toBase64Url
} from './codec';
import type { Report } from './report';

const report: Report = {
	v: 1,
	created: '2026-12-03',
	title: 'Q4 review',
	survey: {
		formula: 'ulwick',
		respondents: 270,
		outcomes: [
			{
				id: 'O1',
				label: '<img src=x onerror=alert(1)>',
				n_importance: 270,
				n_satisfaction: 270,
				invalid: 0,
				importance: 200 / 27,
				satisfaction: 75 / 27,
				opportunity: 200 / 27 + (200 / 27 - 75 / 27),
				band: 'high',
				served: 'under'
			}
		]
	}
};

async function raw(json: string): Promise<string> {
	const s = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	return 'v1.' + toBase64Url(new Uint8Array(await new Response(s).arrayBuffer()));
}

describe('report links', () => {
	it('round-trips a report exactly, full precision', async () => {
		const link = await encodeReport(report);
		expect(link.startsWith('v1.')).toBe(true);
		expect(await decodeReport(link)).toEqual({ ok: true, report });
	});
	it('base64url has no + / =', () => {
		expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
		expect(fromBase64Url('-_8')).toEqual(new Uint8Array([251, 255]));
		expect(fromBase64Url('a+b')).toBeNull();
	});
	it('refuses unknown versions, damage and over-long links', async () => {
		expect(await decodeReport('v2.abc')).toMatchObject({
			ok: false,
			error: expect.stringContaining('newer version')
		});
		expect(await decodeReport('hello')).toMatchObject({
			ok: false,
			error: expect.stringContaining('not a report link')
		});
		expect(await decodeReport('v1.%%%')).toMatchObject({
			ok: false,
			error: expect.stringContaining('damaged')
		});
		expect(await decodeReport('v1.AAAA')).toMatchObject({
			ok: false,
			error: expect.stringContaining('damaged')
		});
		expect(await decodeReport('v1.' + 'A'.repeat(70000))).toMatchObject({
			ok: false,
			error: expect.stringContaining('too long')
		});
	});
	it('refuses a link that inflates past the cap (zip bomb)', async () => {
		const bomb = await raw(' '.repeat(INFLATE_LIMIT + 10));
		expect(bomb.length).toBeLessThan(8192); // tiny link, huge payload
		expect(await decodeReport(bomb)).toMatchObject({
			ok: false,
			error: expect.stringContaining('more data')
		});
	});
	it('refuses __proto__, unknown keys and wrong types without touching prototypes', async () => {
		const polluted = await raw('{"v":1,"created":"2026-12-03","__proto__":{"polluted":true}}');
		expect(await decodeReport(polluted)).toMatchObject({ ok: false });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const nested = await raw(
			'{"v":1,"created":"2026-12-03","survey":{"formula":"x","respondents":1,"outcomes":[],"constructor":{"prototype":{"x":1}}}}'
		);
		expect(await decodeReport(nested)).toMatchObject({
			ok: false,
			error: expect.stringContaining('survey')
		});
		expect(
			parseJson(
				'{"v":1,"created":"2026-12-03","survey":{"formula":"u","respondents":"many","outcomes":[]}}'
			)
		).toMatchObject({
			ok: false,
			error: expect.stringContaining('survey.respondents')
		});
		expect(parseJson('not json')).toMatchObject({
			ok: false,
			error: expect.stringContaining('not valid JSON')
		});
	});
});

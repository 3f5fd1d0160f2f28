import { describe, expect, it } from 'vitest';
import { customLayout, detectLayout } from './survey-layout';

describe('detectLayout', () => {
	it('finds imp_X / sat_X pairs with attributes and respondent id', () => {
		const d = detectLayout(['respondent_id', 'role', 'imp_Q1', 'sat_Q1', 'imp_Q2', 'sat_Q2']);
		expect(d.status).toBe('ok');
		if (d.status !== 'ok' || d.layout.kind !== 'wide') throw new Error();
		expect(d.layout.respondent).toBe(0);
		expect(d.layout.attributes).toEqual([1]);
		expect(d.layout.pairs).toEqual([
			{ key: 'Q1', imp: 2, sat: 3 },
			{ key: 'Q2', imp: 4, sat: 5 }
		]);
	});
	it('finds X_imp / X_sat and "Importance - X" and German pairs', () => {
		const a = detectLayout(['Q1_imp', 'Q1_sat']);
		const b = detectLayout(['Importance - Minimize time', 'Satisfaction - Minimize time']);
		const c = detectLayout(['Wichtigkeit - Angebot', 'Zufriedenheit - Angebot']);
		for (const d of [a, b, c])
			expect(d.status === 'ok' && d.layout.kind === 'wide' && d.layout.pairs.length).toBe(1);
		expect(b.status === 'ok' && b.layout.kind === 'wide' && b.layout.pairs[0]?.key).toBe(
			'Minimize time'
		);
	});
	it('asks which importance when two variants fit one outcome', () => {
		const labels = ['id', 'imp_pers_Q1', 'imp_org_Q1', 'sat_Q1'];
		const d = detectLayout(labels);
		expect(d.status).toBe('ask');
		if (d.status !== 'ask') throw new Error();
		expect(d.variant?.variants.sort()).toEqual(['org', 'pers']);
		const chosen = detectLayout(labels, 'org');
		expect(chosen.status === 'ok' && chosen.layout.kind === 'wide' && chosen.layout.pairs).toEqual([
			{ key: 'Q1', imp: 2, sat: 3 }
		]);
	});
	it('recognises the long layout in English and German', () => {
		const d = detectLayout(['Teilnehmer', 'Outcome', 'Wichtigkeit', 'Zufriedenheit', 'Region']);
		expect(d).toMatchObject({
			status: 'ok',
			layout: {
				kind: 'long',
				respondent: 0,
				outcome: 1,
				importance: 2,
				satisfaction: 3,
				attributes: [4]
			}
		});
	});
	it('asks when nothing is recognised', () => {
		expect(detectLayout(['a', 'b']).status).toBe('ask');
	});
	it('takes user patterns and reports bad ones', () => {
		const r = customLayout(['I.A', 'S.A', 'x'], '^I\\.(.+)$', '^S\\.(.+)$');
		expect(r.ok && r.layout.pairs).toEqual([{ key: 'A', imp: 0, sat: 1 }]);
		expect(customLayout(['a'], '(', 'x')).toMatchObject({ ok: false });
	});
});

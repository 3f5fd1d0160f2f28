import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { matchDictionary, parseDictionary } from './survey-dictionary';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('outcome dictionary', () => {
	it('reads the sample dictionary: 36 outcomes in 8 job steps', () => {
		const b = new Uint8Array(
			readFileSync(new URL('../../../data/survey-outcomes.csv', import.meta.url))
		);
		const r = parseDictionary('survey-outcomes.csv', b);
		if (!r.ok) throw new Error(r.error);
		expect(r.entries).toHaveLength(36);
		expect(new Set(r.entries.map((e) => e.step)).size).toBe(8);
		expect(r.columns).toEqual({ id: 'outcome_id', statement: 'statement', step: 'job_step' });
		expect(r.entries[0]!.step).toBe('Qualify the opportunity');
	});
	it('finds columns by other names, ; delimited, and matches by id or statement', () => {
		const r = parseDictionary(
			'd.csv',
			bytes(
				'ID;Outcome statement;Job step\nQ1;Minimize the time to quote;Offer\nq2; Reduce  errors ;\n'
			)
		);
		if (!r.ok) throw new Error(r.error);
		expect(r.entries[1]).toEqual({ id: 'q2', statement: 'Reduce errors', step: null });
		const m = matchDictionary(
			[
				{ id: 'q1', label: 'q1' }, // by id, case ignored
				{ id: 'X', label: 'reduce errors' }, // by statement
				{ id: 'Y', label: 'Y' }
			],
			[...r.entries, { id: 'Z', statement: null, step: null }]
		);
		expect(m.matched.map((e) => e?.id ?? null)).toEqual(['Q1', 'q2', null]);
		expect(m.unused.map((e) => e.id)).toEqual(['Z']);
	});
	it('reports files it cannot use', () => {
		const r = parseDictionary('d.csv', bytes('a,b\n1,2\n'));
		expect(r.ok ? '' : r.error).toMatch(/^d\.csv: no outcome id or statement column/);
		const e = parseDictionary('d.csv', bytes('outcome_id,statement\n'));
		expect(e.ok ? '' : e.error).toBe('d.csv: the file names no outcomes.');
	});
});

import { describe, expect, it } from 'vitest';
import { suggestBridges } from './bridge';

describe('segment bridge suggestions', () => {
	it('pairs columns whose values overlap, ignoring case and spaces', () => {
		const s = suggestBridges(
			[
				{ key: 'c2', label: 'region', values: ['Nord', 'Süd', 'Ost', 'West', null] },
				{ key: 'c1', label: 'role', values: ['Executive', 'Sales rep'] }
			],
			[
				{ key: 'region', label: 'Region', values: ['süd', ' Nord', 'Ost', 'West'] },
				{ key: 'owner', label: 'Owner', values: ['Anna', 'Ben'] }
			]
		);
		// region: 4 shared of 4 distinct → overlap 1; nothing else shares two values
		expect(s).toEqual([
			{
				survey: 'c2',
				pipeline: 'region',
				surveyLabel: 'region',
				pipelineLabel: 'Region',
				shared: ['Nord', 'Ost', 'Süd', 'West'],
				overlap: 1
			}
		]);
	});
	it('needs two shared values and a third of the union', () => {
		// shared {a, b}; union {a, b, c, d, e, f, g} → 2/7 < 1/3
		expect(
			suggestBridges(
				[{ key: 's', label: 's', values: ['a', 'b', 'c', 'd'] }],
				[{ key: 'p', label: 'p', values: ['a', 'b', 'e', 'f', 'g'] }]
			)
		).toEqual([]);
		// shared {a, b}; union {a, b, c, d} → 2/4
		expect(
			suggestBridges(
				[{ key: 's', label: 's', values: ['a', 'b', 'c'] }],
				[{ key: 'p', label: 'p', values: ['a', 'b', 'd'] }]
			)[0]?.overlap
		).toBe(0.5);
	});
});

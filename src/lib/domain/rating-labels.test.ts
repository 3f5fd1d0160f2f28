import { describe, expect, it } from 'vitest';
import { labelValue, mapLabels, normalizeLabel } from './rating-labels';

const values = (m: Map<string, number>, labels: string[]) => labels.map((l) => m.get(l));

describe('normalizeLabel', () => {
	it('cleans NBSP, stray whitespace, case, ß and slashes', () => {
		expect(normalizeLabel('\u00a0Very\u00a0 important  ')).toBe('very important');
		expect(normalizeLabel('Äußerst wichtig')).toBe('äusserst wichtig');
		expect(normalizeLabel('Teils / teils')).toBe('teils/teils');
		// decomposed umlaut (as macOS writes it) matches the composed one
		expect(normalizeLabel('A\u0308usserst wichtig')).toBe('äusserst wichtig');
	});
});

describe('mapLabels: English', () => {
	it('the unipolar importance scale (Not at all … Extremely)', () => {
		const labels = [
			'Not at all important',
			'Slightly important',
			'Moderately important',
			'Very important',
			'Extremely important'
		];
		const r = mapLabels(labels);
		expect(values(r.mapping, labels)).toEqual([1, 2, 3, 4, 5]);
		expect(r.unknown).toEqual([]);
		expect(r.ambiguous).toEqual([]);
		expect(r.scale).toBe('en-importance-unipolar');
	});
	it('SurveyMonkey wording with NBSP', () => {
		const labels = [
			'Not at all\u00a0important',
			'Not so important',
			'Somewhat important',
			'Very important ',
			'Extremely important'
		];
		expect(values(mapLabels(labels).mapping, labels)).toEqual([1, 2, 3, 4, 5]);
	});
	it('"Very important" is 5 on the bipolar scale', () => {
		const labels = [
			'Very unimportant',
			'Unimportant',
			'Neither important nor unimportant',
			'Important',
			'Very important'
		];
		const r = mapLabels(labels);
		expect(values(r.mapping, labels)).toEqual([1, 2, 3, 4, 5]);
		expect(r.scale).toBe('en-importance-bipolar');
		// only part of the scale used, still settled by the other labels
		expect(
			mapLabels(['Very important', 'Important', 'Unimportant']).mapping.get('Very important')
		).toBe(5);
		expect(mapLabels(['Very important', 'Extremely important']).mapping.get('Very important')).toBe(
			4
		);
	});
	it('satisfaction: bipolar (Qualtrics) and unipolar', () => {
		const bipolar = [
			'Extremely dissatisfied',
			'Somewhat dissatisfied',
			'Neither satisfied nor dissatisfied',
			'Somewhat satisfied',
			'Extremely satisfied'
		];
		expect(values(mapLabels(bipolar).mapping, bipolar)).toEqual([1, 2, 3, 4, 5]);
		const classic = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];
		expect(values(mapLabels(classic).mapping, classic)).toEqual([1, 2, 3, 4, 5]);
		const unipolar = [
			'Not at all satisfied',
			'Slightly satisfied',
			'Moderately satisfied',
			'Very satisfied',
			'Extremely satisfied'
		];
		const r = mapLabels(unipolar);
		expect(values(r.mapping, unipolar)).toEqual([1, 2, 3, 4, 5]);
		expect(r.scale).toBe('en-satisfaction-unipolar');
	});
	it('a lone label that differs between scales is mapped by the default and reported', () => {
		const r = mapLabels(['Very satisfied']);
		expect(r.mapping.get('Very satisfied')).toBe(5); // bipolar satisfaction is listed first
		expect(r.ambiguous).toEqual(['Very satisfied']);
		expect(labelValue('Very important')).toBe(4);
		expect(labelValue('Extremely important')).toBe(5);
		expect(labelValue('Not at all satisfied')).toBe(1);
	});
});

describe('mapLabels: German', () => {
	it('the translated unipolar scale: Überhaupt nicht … Äußerst wichtig, "Sehr wichtig" = 4', () => {
		const labels = [
			'Überhaupt nicht wichtig',
			'Weniger wichtig',
			'Teils/teils',
			'Sehr wichtig',
			'Äußerst wichtig'
		];
		const r = mapLabels(labels);
		expect(values(r.mapping, labels)).toEqual([1, 2, 3, 4, 5]);
		expect(r.scale).toBe('de-importance-unipolar');
		expect(r.ambiguous).toEqual([]);
		const alt = ['Eher unwichtig', 'Mittelmäßig wichtig', 'Sehr wichtig', 'Extrem wichtig'];
		expect(values(mapLabels(alt).mapping, alt)).toEqual([2, 3, 4, 5]);
	});
	it('the bipolar scale: "Wichtig" = 4 and "Sehr wichtig" = 5', () => {
		const labels = [
			'Völlig unwichtig',
			'Eher unwichtig',
			'Teils / teils',
			'Eher wichtig',
			'Sehr wichtig'
		];
		expect(values(mapLabels(labels).mapping, labels)).toEqual([1, 2, 3, 4, 5]);
		const short = ['Unwichtig', 'Wichtig', 'Sehr wichtig'];
		expect(values(mapLabels(short).mapping, short)).toEqual([2, 4, 5]);
		expect(labelValue('Wichtig')).toBe(4);
	});
	it('satisfaction', () => {
		const labels = ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'];
		expect(values(mapLabels(labels).mapping, labels)).toEqual([1, 2, 3, 4, 5]);
		const tt = ['Sehr unzufrieden', 'Teils/teils', 'Sehr zufrieden'];
		expect(values(mapLabels(tt).mapping, tt)).toEqual([1, 3, 5]);
		// beside "Äußerst zufrieden", "Sehr zufrieden" is the 4th point
		const ext = ['Überhaupt nicht zufrieden', 'Sehr zufrieden', 'Äußerst zufrieden'];
		expect(values(mapLabels(ext).mapping, ext)).toEqual([1, 4, 5]);
		expect(labelValue('Sehr zufrieden')).toBe(5);
	});
});

describe('mapLabels: numbers, non-answers, unknowns', () => {
	it('leading and trailing numbers', () => {
		const labels = [
			'1 - Not at all important',
			'5 - Extremely important',
			'3',
			'4.0',
			'(2) Slightly important',
			'Very important (4)',
			'5=Extremely important'
		];
		expect(values(mapLabels(labels).mapping, labels)).toEqual([1, 5, 3, 4, 2, 4, 5]);
		// an unknown text with a number in range takes the number
		expect(mapLabels(['4 - Rather yes']).mapping.get('4 - Rather yes')).toBe(4);
		// an explicit number settles an ambiguous text
		expect(mapLabels(['5 - Very important']).mapping.get('5 - Very important')).toBe(5);
	});
	it('numbers that contradict the text or leave 1–5 are unknown', () => {
		const r = mapLabels(['1 - Extremely important', '7 - Extremely important', '6', '0', '4.5']);
		expect(r.mapping.size).toBe(0);
		expect(r.unknown).toEqual([
			'1 - Extremely important',
			'7 - Extremely important',
			'6',
			'0',
			'4.5'
		]);
	});
	it('non-answers are missing, empties ignored, anything else unknown', () => {
		const r = mapLabels([
			'Very important',
			"Don't know",
			'Keine Angabe',
			'N/A',
			'',
			'\u00a0',
			'Kind of',
			'Very important'
		]);
		expect([...r.mapping.keys()]).toEqual(['Very important']);
		expect(r.missing).toEqual(["Don't know", 'Keine Angabe', 'N/A']);
		expect(r.unknown).toEqual(['Kind of']);
		expect(mapLabels([]).scale).toBeNull();
	});
});

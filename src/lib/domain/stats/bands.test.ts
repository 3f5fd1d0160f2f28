import { describe, expect, it } from 'vitest';
import { bandsSpanned, uncertainBand } from './bands';

describe('uncertain band', () => {
	it('an interval crossing an edge is uncertain', () => {
		expect(uncertainBand(11.2, 12.9)).toBe(true); // worth → high across 12
		expect(uncertainBand(9.5, 10.5)).toBe(true); // across 10
		expect(uncertainBand(14, 16)).toBe(true); // across 15
		expect(uncertainBand(8, 16)).toBe(true); // across all three
	});
	it('an interval inside one band is not', () => {
		expect(uncertainBand(12.1, 14.9)).toBe(false);
		expect(uncertainBand(3, 9.9)).toBe(false);
		expect(uncertainBand(15.5, 20)).toBe(false);
	});
	it('edges follow band(): 12 and 15 are high, 10 is worth considering', () => {
		expect(uncertainBand(12, 15)).toBe(false); // both high
		expect(uncertainBand(10, 11.99)).toBe(false); // both worth
		expect(uncertainBand(9.99, 10)).toBe(true);
		expect(uncertainBand(15, 15.01)).toBe(true);
	});
	it('accepts the ends in either order and lists the bands touched', () => {
		expect(uncertainBand(12.9, 11.2)).toBe(true);
		expect(bandsSpanned(11.2, 12.9)).toEqual(['worth', 'high']);
		expect(bandsSpanned(8, 16)).toEqual(['low', 'worth', 'high', 'extreme']);
		expect(bandsSpanned(13, 13)).toEqual(['high']);
	});
});

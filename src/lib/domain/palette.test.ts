import { describe, expect, it } from 'vitest';
import { ylOrRd } from './palette';

describe('yellow–orange–red ramp', () => {
	it('runs from the first to the last ColorBrewer stop, through the middle one', () => {
		expect(ylOrRd(0)).toBe('rgb(255, 255, 204)'); // #ffffcc
		expect(ylOrRd(0.5)).toBe('rgb(253, 141, 60)'); // #fd8d3c, stop 4 of 0…8
		expect(ylOrRd(1)).toBe('rgb(128, 0, 38)'); // #800026
	});
	it('interpolates between stops and clamps outside 0–1', () => {
		// 1/16 is halfway between #ffffcc and #ffeda0: (255+255)/2, (255+237)/2, (204+160)/2
		expect(ylOrRd(1 / 16)).toBe('rgb(255, 246, 182)');
		expect(ylOrRd(-3)).toBe(ylOrRd(0));
		expect(ylOrRd(7)).toBe(ylOrRd(1));
		expect(ylOrRd(NaN)).toBe(ylOrRd(0));
	});
});

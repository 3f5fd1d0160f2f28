import { describe, expect, it } from 'vitest';
import { shortLabel } from './short-label';

describe('shortLabel', () => {
	it('drops the Ulwick stem but keeps what distinguishes outcomes', () => {
		expect(shortLabel('Minimize the time it takes to log a call')).toBe('Time to log a call');
		expect(shortLabel('Minimize the likelihood of losing a deal')).toBe(
			'Likelihood of losing a deal'
		);
		expect(shortLabel('Know the next step')).toBe('Know the next step');
	});
});

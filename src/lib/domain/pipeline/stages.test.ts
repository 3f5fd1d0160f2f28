import { describe, expect, it } from 'vitest';
import {
	choosePreset,
	findStage,
	kindFromName,
	parseForecastCategory,
	parseStatusKind,
	PRESETS,
	reconcileStages
} from './stages';

describe('presets', () => {
	it('Salesforce defaults', () => {
		const sf = PRESETS.salesforce;
		expect(sf.map((s) => s.probability)).toEqual([10, 10, 20, 50, 60, 70, 75, 90, 100, 0]);
		expect(sf.filter((s) => s.kind === 'open').every((s) => s.forecast === 'pipeline')).toBe(true);
		expect(sf.slice(-2)).toEqual([
			{ name: 'Closed Won', probability: 100, kind: 'won', forecast: 'closed' },
			{ name: 'Closed Lost', probability: 0, kind: 'lost', forecast: 'omitted' }
		]);
	});
	it('HubSpot defaults', () => {
		expect(PRESETS.hubspot.map((s) => `${s.name} ${s.probability}`)).toEqual([
			'Appointment Scheduled 20',
			'Qualified to Buy 40',
			'Presentation Scheduled 60',
			'Decision Maker Bought-In 80',
			'Contract Sent 90',
			'Closed Won 100',
			'Closed Lost 0'
		]);
	});
	it('the German seed process with forecast categories', () => {
		expect(PRESETS.seed.map((s) => [s.name, s.probability, s.kind, s.forecast])).toEqual([
			['Kontaktaufnahme', 10, 'open', 'pipeline'],
			['Qualifizierung', 20, 'open', 'pipeline'],
			['Bedarfsanalyse', 30, 'open', 'pipeline'],
			['Produktpräsentation', 50, 'open', 'pipeline'],
			['Angebot', 70, 'open', 'best_case'],
			['Verhandlung', 90, 'open', 'commit'],
			['Geschäftsabschluss', 100, 'won', 'closed'],
			['Geschlossen und verloren', 0, 'lost', 'omitted']
		]);
	});
	it('every preset is in order: open probabilities never fall', () => {
		for (const preset of Object.values(PRESETS)) {
			const open = preset.filter((s) => s.kind === 'open').map((s) => s.probability ?? 0);
			expect(open).toEqual([...open].sort((a, b) => a - b));
		}
	});
});

describe('kindFromName', () => {
	it('recognises won and lost in English and German, any spelling', () => {
		for (const w of [
			'Closed Won',
			'Won',
			'Gewonnen',
			'Geschlossene und gewonnene',
			'Geschäftsabschluss',
			'closedwon',
			'CLOSED - WON'
		])
			expect(kindFromName(w), w).toBe('won');
		for (const l of ['Closed Lost', 'Lost', 'Verloren', 'Geschlossen und verloren', 'closedlost'])
			expect(kindFromName(l), l).toBe('lost');
		for (const o of ['Angebot', 'Prospecting', 'Contract Sent', '', 'Closed'])
			expect(kindFromName(o), o).toBeNull();
	});
	it('deal status values', () => {
		expect(
			['open', 'Offen', 'won', 'Gewonnen', 'lost', 'verloren', 'deleted'].map(parseStatusKind)
		).toEqual(['open', 'open', 'won', 'won', 'lost', 'lost', null]);
	});
});

describe('parseForecastCategory', () => {
	it('English, Salesforce API and German names', () => {
		const cases: [string, string | null][] = [
			['Pipeline', 'pipeline'],
			['Best Case', 'best_case'],
			['BestCase', 'best_case'],
			['Commit', 'commit'],
			['Forecast', 'commit'],
			['Closed', 'closed'],
			['Omitted', 'omitted'],
			['Bester Fall', 'best_case'],
			['Zusage', 'commit'],
			['Geschlossen', 'closed'],
			['Ausgelassen', 'omitted'],
			['constructor', null], // no prototype lookups
			['', null]
		];
		for (const [raw, want] of cases) expect(parseForecastCategory(raw), raw).toBe(want);
	});
});

describe('choosePreset', () => {
	it('picks the preset the data shares most stages with', () => {
		// 4 Salesforce stages; HubSpot shares only Closed Won / Closed Lost (2)
		expect(
			choosePreset(['Prospecting', 'Negotiation/Review', 'Closed Won', 'Closed Lost'])
		).toEqual({
			preset: 'salesforce',
			overlap: 4
		});
		// HubSpot internal ids match by key: 3 for HubSpot, 1 (closedwon) for Salesforce
		expect(choosePreset(['appointmentscheduled', 'contractsent', 'closedwon'])).toEqual({
			preset: 'hubspot',
			overlap: 3
		});
		expect(choosePreset(['Kontaktaufnahme', 'Angebot', 'Geschäftsabschluss', 'Won'])).toEqual({
			preset: 'seed',
			overlap: 3
		});
	});
	it('ties go to the first preset; nothing in common is overlap 0', () => {
		expect(choosePreset(['Closed Won'])).toEqual({ preset: 'salesforce', overlap: 1 });
		expect(choosePreset([])).toEqual({ preset: 'salesforce', overlap: 0 });
	});
});

describe('reconcileStages', () => {
	it('lists and provisionally places stages the preset lacks', () => {
		const found = ['closedwon', 'Demo', 'Contract Sent', 'Geschlossene und gewonnene', 'demo', ' '];
		const { dictionary, unplaced } = reconcileStages(PRESETS.hubspot, found);
		expect(unplaced).toEqual(['Demo', 'Geschlossene und gewonnene']); // 'demo' is the same stage
		expect(dictionary.map((s) => s.name)).toEqual([
			'Appointment Scheduled',
			'Qualified to Buy',
			'Presentation Scheduled',
			'Decision Maker Bought-In',
			'Contract Sent',
			'Demo', // open: after the last open stage
			'Closed Won',
			'Closed Lost',
			'Geschlossene und gewonnene' // closed: at the end
		]);
		expect(findStage(dictionary, 'DEMO')).toEqual({
			name: 'Demo',
			probability: null, // unknown until the user places it
			kind: 'open',
			forecast: 'pipeline'
		});
		expect(findStage(dictionary, 'Geschlossene und gewonnene')).toMatchObject({
			probability: 100,
			kind: 'won'
		});
	});
	it('leaves the preset alone and keeps its spelling', () => {
		const before = JSON.stringify(PRESETS.salesforce);
		const { dictionary, unplaced } = reconcileStages(PRESETS.salesforce, [
			'closed won',
			'PROSPECTING'
		]);
		expect(unplaced).toEqual([]);
		expect(dictionary).toEqual(PRESETS.salesforce);
		expect(JSON.stringify(PRESETS.salesforce)).toBe(before);
		expect(findStage(dictionary, 'closed won')?.name).toBe('Closed Won');
	});
});

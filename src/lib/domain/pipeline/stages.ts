/**
 * Stage dictionaries: the ordered stages of a sales process with their probability, outcome and
 * forecast category. Stage values in data are matched to a dictionary by `matchKey` (case,
 * spaces, punctuation and umlaut spelling do not matter), so `closedwon` finds `Closed Won`.
 *
 * Lost stages forecast as `omitted` (Salesforce's default for Closed Lost), won ones as `closed`.
 */
import { matchKey } from './fields';

export type StageKind = 'open' | 'won' | 'lost';
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';

export interface StageDef {
	name: string;
	/** 0–100; null for a stage found in the data that the user has not placed yet (unknown, not 0). */
	probability: number | null;
	kind: StageKind;
	forecast: ForecastCategory;
}

export type PresetName = 'salesforce' | 'hubspot' | 'seed';
/** Tie order for choosePreset. */
export const PRESET_NAMES: readonly PresetName[] = ['salesforce', 'hubspot', 'seed'];

function open(
	name: string,
	probability: number,
	forecast: ForecastCategory = 'pipeline'
): StageDef {
	return { name, probability, kind: 'open', forecast };
}
function won(name: string): StageDef {
	return { name, probability: 100, kind: 'won', forecast: 'closed' };
}
function lost(name: string): StageDef {
	return { name, probability: 0, kind: 'lost', forecast: 'omitted' };
}

/** Salesforce and HubSpot defaults (every open stage forecasts as pipeline); the German seed's B2B process. */
export const PRESETS: Record<PresetName, readonly StageDef[]> = {
	salesforce: [
		open('Prospecting', 10),
		open('Qualification', 10),
		open('Needs Analysis', 20),
		open('Value Proposition', 50),
		open('Id. Decision Makers', 60),
		open('Perception Analysis', 70),
		open('Proposal/Price Quote', 75),
		open('Negotiation/Review', 90),
		won('Closed Won'),
		lost('Closed Lost')
	],
	hubspot: [
		open('Appointment Scheduled', 20),
		open('Qualified to Buy', 40),
		open('Presentation Scheduled', 60),
		open('Decision Maker Bought-In', 80),
		open('Contract Sent', 90),
		won('Closed Won'),
		lost('Closed Lost')
	],
	seed: [
		open('Kontaktaufnahme', 10),
		open('Qualifizierung', 20),
		open('Bedarfsanalyse', 30),
		open('Produktpräsentation', 50),
		open('Angebot', 70, 'best_case'),
		open('Verhandlung', 90, 'commit'),
		won('Geschäftsabschluss'),
		lost('Geschlossen und verloren')
	]
};

const LOST = /^(closed|deal)?lost$|verloren/;
const WON = /^(closed|deal)?won$|gewonnen|^geschaeftsabschluss$|^auftragerteilt$/;

/**
 * The outcome a stage name spells: kindFromName('Geschlossene und gewonnene') → 'won',
 * kindFromName('closedlost') → 'lost', kindFromName('Angebot') → null (not recognisably closed).
 */
export function kindFromName(name: string): 'won' | 'lost' | null {
	const key = matchKey(name);
	if (LOST.test(key)) return 'lost';
	return WON.test(key) ? 'won' : null;
}

/** A deal status value (Pipedrive `Deal - Status`): parseStatusKind('Offen') → 'open', ('won') → 'won', ('x') → null. */
export function parseStatusKind(value: string): StageKind | null {
	return /^(open|offen|active|aktiv)$/.test(matchKey(value)) ? 'open' : kindFromName(value);
}

const FORECAST_KEYS = new Map<string, ForecastCategory>([
	['pipeline', 'pipeline'],
	['bestcase', 'best_case'],
	['besterfall', 'best_case'],
	['upside', 'best_case'],
	['commit', 'commit'],
	['forecast', 'commit'], // the Salesforce API value behind the label "Commit"
	['zusage', 'commit'],
	['closed', 'closed'],
	['geschlossen', 'closed'],
	['omitted', 'omitted'],
	['ausgelassen', 'omitted'],
	['notforecasted', 'omitted']
]);

/** parseForecastCategory('Best Case') → 'best_case'; ('Bester Fall') → 'best_case'; ('Zusage') → 'commit'; ('?') → null. */
export function parseForecastCategory(value: string): ForecastCategory | null {
	return FORECAST_KEYS.get(matchKey(value)) ?? null;
}

/** The dictionary entry for a data value: findStage(PRESETS.salesforce, 'closed won') → Closed Won. */
export function findStage(dictionary: readonly StageDef[], value: string): StageDef | undefined {
	const key = matchKey(value);
	return dictionary.find((s) => matchKey(s.name) === key);
}

/**
 * The preset sharing the most distinct stages with the data (ties: salesforce, hubspot, seed):
 * choosePreset(['Angebot', 'Verhandlung', 'Closed Won']) → { preset: 'seed', overlap: 2 }.
 */
export function choosePreset(found: readonly string[]): { preset: PresetName; overlap: number } {
	const keys = new Set(found.map(matchKey));
	let best = { preset: PRESET_NAMES[0] ?? 'salesforce', overlap: 0 };
	for (const preset of PRESET_NAMES) {
		const overlap = PRESETS[preset].filter((s) => keys.has(matchKey(s.name))).length;
		if (overlap > best.overlap) best = { preset, overlap };
	}
	return best;
}

/** A data stage not in the dictionary: outcome from its name, probability unknown unless closed. */
function provisional(name: string): StageDef {
	const kind = kindFromName(name);
	if (kind === 'won') return { ...won(name) };
	if (kind === 'lost') return { ...lost(name) };
	return { name, probability: null, kind: 'open', forecast: 'pipeline' };
}

/**
 * The preset plus the data's stages it lacks, which are listed in `unplaced` for the user to place
 * and appended provisionally: open ones after the last open stage (probability null), won / lost
 * ones at the end (100 / 0). reconcileStages(PRESETS.hubspot, ['closedwon', 'Demo']) →
 * unplaced ['Demo'], Demo inserted after Contract Sent.
 */
export function reconcileStages(
	preset: readonly StageDef[],
	found: readonly string[]
): { dictionary: StageDef[]; unplaced: string[] } {
	const seen = new Set(preset.map((s) => matchKey(s.name)));
	const extra: StageDef[] = [];
	for (const name of found) {
		const key = matchKey(name);
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		extra.push(provisional(name));
	}
	const base = preset.map((s) => ({ ...s }));
	const cut = base.findLastIndex((s) => s.kind === 'open') + 1;
	const dictionary = [
		...base.slice(0, cut),
		...extra.filter((s) => s.kind === 'open'),
		...base.slice(cut),
		...extra.filter((s) => s.kind !== 'open')
	];
	return { dictionary, unplaced: extra.map((s) => s.name) };
}

/**
 * Jobs-to-be-Done survey sample: B2B sales people rate 36 desired outcomes of the job
 * "manage sales opportunities" for importance and satisfaction (1–5), wide layout.
 *
 * Model (ordered probit): rating latent z = outcome level + segment shifts + respondent effect
 * + respondent×job-step effect + noise; z ≥ 0 is a 4 or 5. Each outcome's level is solved so that
 * the population's top-2-box share hits the target in OUTCOMES, which places the outcome in its
 * opportunity band; segments then move some outcomes up or down.
 */
import { csvField, normalCdf, Rng } from './rng';

export const ROLES = ['Sales rep', 'Sales manager', 'Sales ops', 'Executive'] as const;
export const COMPANY_SIZES = ['1–49', '50–249', '250–999', '1000+'] as const;
/** Shared with the pipeline sample so the two analyses can be bridged by segment. */
export const REGIONS = ['Nord', 'Süd', 'Ost', 'West'] as const;
export const INDUSTRIES = [
	'Maschinenbau',
	'Automotive',
	'Chemie',
	'IT-Dienstleistungen',
	'Handel'
] as const;

type Role = (typeof ROLES)[number];
type Size = (typeof COMPANY_SIZES)[number];
export type Region = (typeof REGIONS)[number];
export type Industry = (typeof INDUSTRIES)[number];

interface Respondent {
	id: string;
	role: Role;
	size: Size;
	region: Region;
	industry: Industry;
}

interface Outcome {
	key: string;
	step: string;
	statement: string;
	/** Target population share of 4–5 ratings for importance and satisfaction. */
	imp: number;
	sat: number;
}

const STEPS = {
	qualify: 'Qualify the opportunity',
	needs: 'Understand the customer need',
	track: 'Track stage and status',
	prioritise: 'Prioritise deals',
	offer: 'Prepare the offer',
	compete: 'Know the competition',
	forecast: 'Forecast revenue',
	handover: 'Hand over to delivery'
} as const;
type Step = keyof typeof STEPS;

// prettier-ignore
const OUTCOME_TABLE: [key: string, step: Step, statement: string, imp: number, sat: number][] = [
	['q1', 'qualify', 'Minimize the time it takes to decide whether a new lead is a real opportunity', 0.76, 0.4],
	['q2', 'qualify', 'Minimize the likelihood of pursuing a lead that has no budget', 0.84, 0.3],
	['q3', 'qualify', 'Minimize the time it takes to find the decision maker at a prospect', 0.72, 0.37],
	['q4', 'qualify', 'Minimize the likelihood of qualifying a lead on gut feeling alone', 0.58, 0.3],
	['q5', 'qualify', 'Minimize the time it takes to enrich a lead with company data', 0.4, 0.68],
	['n1', 'needs', "Minimize the time it takes to capture the customer's requirements", 0.66, 0.52],
	['n2', 'needs', 'Minimize the likelihood of misunderstanding what the customer actually needs', 0.83, 0.39],
	['n3', 'needs', "Minimize the time it takes to confirm the customer's budget", 0.62, 0.36],
	['n4', 'needs', 'Minimize the likelihood of missing a stakeholder in the buying decision', 0.74, 0.34],
	['t1', 'track', 'Minimize the time it takes to see which stage each opportunity is in', 0.64, 0.74],
	['t2', 'track', 'Minimize the time it takes to update an opportunity after a customer meeting', 0.79, 0.3],
	['t3', 'track', 'Minimize the likelihood of a deal stalling unnoticed in one stage', 0.9, 0.2],
	['t4', 'track', 'Minimize the likelihood of two colleagues working on the same account without knowing it', 0.55, 0.5],
	['t5', 'track', 'Minimize the time it takes to find the latest status of sales talks', 0.73, 0.4],
	['t6', 'track', 'Minimize the time it takes to log a call or e-mail against an opportunity', 0.46, 0.71],
	['p1', 'prioritise', 'Minimize the time it takes to decide which deals to work on this week', 0.75, 0.36],
	['p2', 'prioritise', 'Minimize the likelihood of spending effort on deals that will not close', 0.9, 0.22],
	['p3', 'prioritise', 'Minimize the likelihood of overlooking a high-value deal', 0.7, 0.58],
	['p4', 'prioritise', 'Minimize the time it takes to rank deals by expected revenue', 0.52, 0.6],
	['o1', 'offer', 'Minimize the time it takes to prepare a tailored offer', 0.84, 0.42],
	['o2', 'offer', 'Minimize the likelihood of pricing errors in an offer', 0.74, 0.62],
	['o3', 'offer', 'Minimize the time it takes to get an offer approved internally', 0.68, 0.3],
	['o4', 'offer', 'Minimize the likelihood of sending an offer based on outdated product data', 0.6, 0.55],
	['c1', 'compete', 'Minimize the time it takes to find out which competitors are involved in a deal', 0.6, 0.3],
	['c2', 'compete', "Minimize the likelihood of being surprised by a competitor's price", 0.74, 0.36],
	['c3', 'compete', 'Minimize the time it takes to find arguments against a specific competitor', 0.57, 0.45],
	['c4', 'compete', 'Minimize the likelihood of losing a deal for reasons nobody records', 0.71, 0.28],
	['f1', 'forecast', 'Minimize the time it takes to produce the monthly revenue forecast', 0.79, 0.33],
	['f2', 'forecast', 'Minimize the likelihood of the forecast missing actual revenue by more than 10 percent', 0.92, 0.2],
	['f3', 'forecast', 'Minimize the likelihood of close dates being pushed without notice', 0.78, 0.47],
	['f4', 'forecast', 'Minimize the time it takes to explain changes in the forecast to management', 0.62, 0.4],
	['f5', 'forecast', 'Minimize the likelihood of deal probabilities that do not match the real chance of winning', 0.85, 0.3],
	['h1', 'handover', 'Minimize the time it takes to hand a won deal over to delivery', 0.66, 0.48],
	['h2', 'handover', 'Minimize the likelihood of promising delivery dates that cannot be met', 0.85, 0.3],
	['h3', 'handover', 'Minimize the likelihood of information being lost at hand-over', 0.79, 0.32],
	['h4', 'handover', 'Minimize the time it takes to inform the customer about next steps after signing', 0.44, 0.6]
];

export const OUTCOMES: Outcome[] = OUTCOME_TABLE.map(([key, step, statement, imp, sat]) => ({
	key,
	step: STEPS[step],
	statement,
	imp,
	sat
}));

/**
 * Segment shifts on the latent scale (1.0 ≈ one rating point). `targets` are outcome keys or a
 * whole job step; `imp`/`sat` say which rating moves.
 */
interface Shift {
	when: (r: Respondent) => boolean;
	targets: string[];
	imp?: number;
	sat?: number;
}
const SHIFTS: Shift[] = [
	// Executives live by the forecast, not by the offer desk.
	{ when: (r) => r.role === 'Executive', targets: ['forecast'], imp: 0.9 },
	{ when: (r) => r.role === 'Executive', targets: ['offer', 't2', 't6'], imp: -0.7 },
	{ when: (r) => r.role === 'Executive', targets: ['forecast'], sat: -0.3 },
	// Reps feel the admin work and care less about forecast mechanics.
	{ when: (r) => r.role === 'Sales rep', targets: ['o1', 't2', 't6', 'p1'], imp: 0.45 },
	{ when: (r) => r.role === 'Sales rep', targets: ['f1', 'f4', 'p4'], imp: -0.55 },
	// Managers watch stalled deals and pushed dates.
	{ when: (r) => r.role === 'Sales manager', targets: ['prioritise', 't3', 'f3'], imp: 0.45 },
	// Sales ops own the data and the forecast process.
	{ when: (r) => r.role === 'Sales ops', targets: ['f1', 't1', 'q5', 'o4', 'c4'], imp: 0.6 },
	{ when: (r) => r.role === 'Sales ops', targets: ['t1', 'p4'], sat: -0.4 },
	// Size: large firms have approval chains and overlapping teams, small firms neither.
	{ when: (r) => r.size === '1000+', targets: ['o3', 't4', 'h3'], imp: 0.7 },
	{ when: (r) => r.size === '1000+', targets: ['track'], sat: 0.3 },
	{ when: (r) => r.size === '1–49', targets: ['o3', 't4', 'f1'], imp: -0.8 },
	{ when: (r) => r.size === '1–49', targets: ['o1'], imp: 0.3 },
	{ when: (r) => r.size === '1–49', targets: ['track', 'forecast'], sat: -0.3 },
	// Region: the south competes hardest, the east is least satisfied overall.
	{ when: (r) => r.region === 'Süd', targets: ['compete'], imp: 0.45 },
	{ when: (r) => r.region === 'Ost', targets: Object.keys(STEPS), sat: -0.25 },
	{ when: (r) => r.region === 'West', targets: ['h2', 'h1'], imp: 0.3 },
	// Industry.
	{ when: (r) => r.industry === 'Automotive', targets: ['o2', 'c2'], imp: 0.6 },
	{ when: (r) => r.industry === 'IT-Dienstleistungen', targets: ['handover'], imp: 0.5 },
	{ when: (r) => r.industry === 'Maschinenbau', targets: ['h2', 'n2'], imp: 0.45 },
	{ when: (r) => r.industry === 'Handel', targets: ['o1', 'q5'], imp: 0.4 },
	{ when: (r) => r.industry === 'Chemie', targets: ['o4', 'n3'], imp: 0.45 }
];

function matches(o: Outcome, targets: string[]): boolean {
	return targets.some((t) => t === o.key || STEPS[t as Step] === o.step);
}

/** Latent shift for one respondent and outcome. */
function shift(r: Respondent, o: Outcome, kind: 'imp' | 'sat'): number {
	let s = 0;
	for (const sh of SHIFTS) if (matches(o, sh.targets) && sh.when(r)) s += sh[kind] ?? 0;
	return s;
}

const SD_RESPONDENT = 0.5;
const SD_STEP = 0.35;
/** Total spread of the latent around outcome level + segment shift. */
const SIGMA = Math.sqrt(1 + SD_RESPONDENT ** 2 + SD_STEP ** 2);
/** Latent cut points between 1|2, 2|3, 3|4, 4|5; 3|4 at 0 makes z ≥ 0 the top-2 box. */
const CUTS = [-1.7, -0.85, 0, 1.0];

function toRating(z: number): number {
	let rating = 1;
	for (const cut of CUTS) if (z >= cut) rating++;
	return rating;
}

/** Solve the outcome level so that the mean over respondents of P(z ≥ 0) equals the target. */
function calibrate(target: number, shifts: number[]): number {
	let lo = -6;
	let hi = 6;
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		const share = shifts.reduce((s, x) => s + normalCdf((mid + x) / SIGMA), 0) / shifts.length;
		if (share < target) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

function drawRespondent(rng: Rng, n: number): Respondent {
	const region = rng.weighted<Region>([
		['Nord', 24],
		['Süd', 32],
		['Ost', 16],
		['West', 28]
	]);
	// Industry leans on region (automotive and machinery in the south, chemicals in the east).
	const industryWeights: Record<Region, number[]> = {
		Nord: [25, 10, 15, 25, 25],
		Süd: [35, 32, 8, 13, 12],
		Ost: [25, 15, 30, 18, 12],
		West: [30, 15, 25, 15, 15]
	};
	const industry = rng.weighted(INDUSTRIES.map((ind, i) => [ind, industryWeights[region][i] ?? 0]));
	return {
		id: `R${String(n).padStart(4, '0')}`,
		role: rng.weighted<Role>([
			['Sales rep', 48],
			['Sales manager', 25],
			['Sales ops', 12],
			['Executive', 15]
		]),
		size: rng.weighted<Size>([
			['1–49', 15],
			['50–249', 35],
			['250–999', 32],
			['1000+', 18]
		]),
		region,
		industry
	};
}

export interface SurveyOutput {
	/** Wide survey CSV (comma, UTF-8, LF). */
	survey: string;
	/** Outcome dictionary CSV. */
	outcomes: string;
}

const RESPONDENTS = 340;
/** Respondents whose importance ratings are all one value (quality screening fixtures). */
const STRAIGHT_LINERS: Record<string, number> = { R0047: 5, R0158: 4, R0263: 3 };
/** Respondents who stop part-way: every rating from this outcome index on is blank. */
const DROPOUTS: Record<string, number> = { R0033: 24, R0121: 29, R0199: 18, R0305: 31 };
/** R0129 submitted twice; the second copy comes later in the file with a few answers changed. */
const DUPLICATE_OF = 'R0129';
const DUPLICATE_AFTER = 'R0290';

/**
 * Invalid raw values, concentrated in three columns: a 0–6 scale mix-up in o3 importance,
 * half points in f5 satisfaction, and "n/a" for the team-overlap outcome t4.
 */
const INVALID: [key: string, kind: 'imp' | 'sat', values: string[]][] = [
	['o3', 'imp', ['6', '6', '0', '6', '0', '6']],
	['f5', 'sat', ['4.5', '4.5', '0', '4.5']],
	['t4', 'sat', ['n/a', 'n/a', 'n/a', 'n/a']],
	['t4', 'imp', ['n/a']]
];
const BLANK_RATE_IMP = 0.012;
const BLANK_RATE_SAT = 0.018;

export function generateSurvey(seed: number): SurveyOutput {
	const rng = new Rng(seed);
	const people: Respondent[] = [];
	for (let n = 1; n <= RESPONDENTS; n++) people.push(drawRespondent(rng, n));

	// Outcome levels, calibrated against the drawn segment mix.
	const levels = OUTCOMES.map((o) => ({
		imp: calibrate(
			o.imp,
			people.map((r) => shift(r, o, 'imp'))
		),
		sat: calibrate(
			o.sat,
			people.map((r) => shift(r, o, 'sat'))
		)
	}));

	const stepKeys = Object.values(STEPS);
	const cells = new Map<string, string[]>(); // respondent id → 2 × outcomes raw values
	for (const r of people) {
		const uImp = rng.normal(0, SD_RESPONDENT);
		const uSat = rng.normal(0, SD_RESPONDENT);
		const stepImp = new Map<string, number>(stepKeys.map((s) => [s, rng.normal(0, SD_STEP)]));
		const stepSat = new Map<string, number>(stepKeys.map((s) => [s, rng.normal(0, SD_STEP)]));
		const row: string[] = [];
		OUTCOMES.forEach((o, i) => {
			const level = levels[i]!;
			const zi = level.imp + shift(r, o, 'imp') + uImp + stepImp.get(o.step)! + rng.normal();
			const zs = level.sat + shift(r, o, 'sat') + uSat + stepSat.get(o.step)! + rng.normal();
			const straight = STRAIGHT_LINERS[r.id];
			row.push(String(straight ?? toRating(zi)), String(toRating(zs)));
		});
		cells.set(r.id, row);
	}

	// Missing answers: drop-outs first, then scattered item non-response.
	const protectedIds = new Set([...Object.keys(STRAIGHT_LINERS), DUPLICATE_OF]);
	for (const r of people) {
		const row = cells.get(r.id)!;
		const stop = DROPOUTS[r.id];
		if (stop !== undefined) row.fill('', stop * 2);
		if (protectedIds.has(r.id)) continue;
		for (let c = 0; c < row.length; c++) {
			if (rng.chance(c % 2 === 0 ? BLANK_RATE_IMP : BLANK_RATE_SAT)) row[c] = '';
		}
	}

	// Invalid values on respondents that still have an answer in that cell.
	for (const [key, kind, values] of INVALID) {
		const col = OUTCOMES.findIndex((o) => o.key === key) * 2 + (kind === 'imp' ? 0 : 1);
		for (const value of values) {
			for (;;) {
				const r = rng.pick(people);
				const row = cells.get(r.id)!;
				if (protectedIds.has(r.id) || row[col] === '' || !/^[1-5]$/.test(row[col]!)) continue;
				row[col] = value;
				break;
			}
		}
	}

	// The resubmission: same answers except a handful that moved by one point.
	const original = cells.get(DUPLICATE_OF)!;
	const resubmitted = original.map((v) => {
		if (!rng.chance(0.12)) return v;
		const moved = Number(v) + (rng.chance(0.5) ? 1 : -1);
		return String(Math.min(5, Math.max(1, moved)));
	});

	const header = [
		'respondent_id',
		'role',
		'company_size',
		'region',
		'industry',
		...OUTCOMES.flatMap((o) => [`Importance - ${o.statement}`, `Satisfaction - ${o.statement}`])
	];
	const line = (fields: string[]) => fields.map((f) => csvField(f, ',')).join(',');
	const lines = [line(header)];
	for (const r of people) {
		const meta = [r.id, r.role, r.size, r.region, r.industry];
		lines.push(line([...meta, ...cells.get(r.id)!]));
		if (r.id === DUPLICATE_AFTER) {
			const dup = people.find((p) => p.id === DUPLICATE_OF)!;
			lines.push(line([dup.id, dup.role, dup.size, dup.region, dup.industry, ...resubmitted]));
		}
	}

	const dictionary = [
		line(['outcome_id', 'statement', 'job_step']),
		...OUTCOMES.map((o) => line([o.statement, o.statement, o.step]))
	];
	return { survey: lines.join('\n') + '\n', outcomes: dictionary.join('\n') + '\n' };
}

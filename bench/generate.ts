/**
 * Benchmark data, seeded and streamed to disk (never into the repo): a German Salesforce report
 * export of N deals, and a wide Jobs-to-be-Done survey of R respondents × K outcomes.
 *
 * The deals file has the sample's format (data/pipeline-sample.csv: UTF-8 BOM, `;`, CRLF, decimal
 * comma, dd.mm.yyyy, the same German report labels and stage names) but only 12 of its columns —
 * those the metrics read — with short texts: 1M deals come to 140 MB (the reference file
 * was 113 MB; the sample's own 18 columns would make 270 MB). Each deal walks the seed's stages with a chance to
 * move on that depends on owner, region, industry and product, so funnel, win rates and forecast
 * look like a real pipeline, not uniform noise.
 *
 * The survey uses an ordered-probit model like data/generate-survey.ts: per outcome a level, per
 * respondent an effect, 1–5 ratings with ~1.5 % blanks and a few invalid values (0, 6, "n/a").
 */
import { createWriteStream, statSync } from 'node:fs';
import { csvField, Rng } from '../data/rng';

const MS_PER_DAY = 86_400_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / MS_PER_DAY;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** dd.mm.yyyy for every day number, cached (the generator writes millions of dates). */
const deCache = new Map<number, string>();
function fmtDE(dayNo: number): string {
	let s = deCache.get(dayNo);
	if (s === undefined) {
		const d = new Date(dayNo * MS_PER_DAY);
		s = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
		deCache.set(dayNo, s);
	}
	return s;
}
/** Cents → "12.500,00". */
function eurDE(cents: number): string {
	const euros = Math.floor(cents / 100);
	return `${String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${pad2(cents % 100)}`;
}
const weekday = (dayNo: number) => (((dayNo + 4) % 7) + 7) % 7;
const workday = (dayNo: number) => {
	const w = weekday(dayNo);
	return w === 6 ? dayNo + 2 : w === 0 ? dayNo + 1 : dayNo;
};
function monthEnd(dayNo: number): number {
	const d = new Date(dayNo * MS_PER_DAY);
	return day(d.getUTCFullYear(), d.getUTCMonth() + 2, 1) - 1;
}

/** Streams lines to a file in ~1 MB writes, honouring back-pressure. */
class LineWriter {
	private buf: string[] = [];
	private size = 0;
	private readonly out;
	constructor(path: string) {
		this.out = createWriteStream(path);
	}
	async line(s: string): Promise<void> {
		this.buf.push(s);
		this.size += s.length;
		if (this.size > 1 << 20) await this.flush();
	}
	private async flush(): Promise<void> {
		const chunk = this.buf.join('');
		this.buf = [];
		this.size = 0;
		if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once('drain', () => r()));
	}
	async close(): Promise<void> {
		await this.flush();
		await new Promise<void>((resolve, reject) =>
			this.out.end((e?: Error | null) => (e ? reject(e) : resolve()))
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Deals

export const DEALS_HEADER = [
	'Opportunity-ID',
	'Accountname',
	'Phase',
	'Opportunity-Betrag',
	'Wahrscheinlichkeit (%)',
	'Schlusstermin',
	'Erstelldatum',
	'Opportunity-Inhaber',
	'Prognosekategorie',
	'Produkt',
	'Region',
	'Branche'
];

const STAGES = [
	{ name: 'Kontaktaufnahme', p: 10, pass: 0.8, dwell: [5, 20] },
	{ name: 'Qualifizierung', p: 20, pass: 0.82, dwell: [7, 26] },
	{ name: 'Bedarfsanalyse', p: 30, pass: 0.85, dwell: [10, 32] },
	{ name: 'Produktpräsentation', p: 50, pass: 0.85, dwell: [10, 35] },
	{ name: 'Angebot', p: 70, pass: 0.82, dwell: [14, 45] },
	{ name: 'Verhandlung', p: 90, pass: 0.85, dwell: [10, 35] }
] as const;
const WON = 'Geschäftsabschluss';
const LOST = 'Geschlossen und verloren';
/** Forecast category by open stage index: [category, weight]. */
const FORECAST: [string, number][][] = [
	[['Pipeline', 1]],
	[['Pipeline', 1]],
	[['Pipeline', 1]],
	[
		['Pipeline', 3],
		['Best Case', 1]
	],
	[
		['Pipeline', 15],
		['Best Case', 65],
		['Commit', 20]
	],
	[
		['Best Case', 3],
		['Commit', 7]
	]
];
const REGIONS = ['Nord', 'Süd', 'Ost', 'West'] as const;
const REGION_EFFECT = [0, 0.15, -0.25, 0.05];
const INDUSTRIES = ['Maschinenbau', 'Automotive', 'Chemie', 'IT-Dienstleistungen', 'Handel'];
const INDUSTRY_EFFECT = [0.1, -0.2, 0.05, 0, 0.1];
const PRODUCTS = [
	{ name: 'Servoantriebe', median: 32_000, sigma: 0.7, effect: 0.1, pace: 1 },
	{ name: 'Linearführungen', median: 17_000, sigma: 0.6, effect: 0.2, pace: 0.85 },
	{ name: 'Getriebemotoren', median: 24_000, sigma: 0.65, effect: 0.05, pace: 0.95 },
	{ name: 'Sensorik-Kits', median: 11_000, sigma: 0.6, effect: 0.15, pace: 0.8 },
	{ name: 'MES-Software', median: 85_000, sigma: 0.75, effect: -0.15, pace: 1.15 },
	{ name: 'Predictive Maintenance', median: 55_000, sigma: 0.8, effect: -0.05, pace: 1.1 }
];
const PRODUCT_MIX = [
	[25, 25, 20, 10, 10, 10],
	[20, 15, 15, 15, 20, 15],
	[5, 5, 25, 25, 15, 25],
	[0, 0, 0, 20, 40, 40],
	[25, 30, 25, 15, 2, 3]
];
// prettier-ignore
const FIRST = ['Katrin', 'Jonas', 'Sabine', 'Michael', 'Stefan', 'Lena', 'Thomas', 'Julia', 'Markus', 'Anna', 'Felix', 'Sarah', 'Tobias', 'Laura', 'Jan', 'Nina'];
// prettier-ignore
const SURNAMES = ['Weber', 'Becker', 'Hoffmann', 'Schulz', 'Krüger', 'Fischer', 'Wagner', 'Neumann', 'Zimmermann', 'Hartmann', 'Köhler', 'Brandt', 'Vogel', 'Lorenz', 'Berger', 'Kaiser', 'Seidel', 'Winkler', 'Roth', 'Busch', 'Haas', 'Sommer', 'Graf', 'Pohl', 'Kuhn', 'Lang', 'Engel', 'Horn', 'Peters', 'Jansen', 'Böhm', 'Krause'];
const FORMS = ['GmbH', 'AG', 'KG', 'SE'];

interface Owner {
	name: string;
	region: number;
	skill: number;
}
interface Account {
	name: string;
	region: number;
	industry: number;
	owner: Owner;
	tier: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

function weightedIndex(rng: Rng, weights: readonly number[]): number {
	let total = 0;
	for (const w of weights) total += w;
	let r = rng.next() * total;
	for (let i = 0; i < weights.length; i++) {
		r -= weights[i]!;
		if (r < 0) return i;
	}
	return weights.length - 1;
}

export interface Generated {
	path: string;
	rows: number;
	bytes: number;
}

/** The export date (as in the sample): deals created before it, open ones close after it. */
export const DEALS_TODAY = day(2026, 12, 3);

/**
 * Writes `n` deals to `path`. Deals come out in creation order (the ids grow with it), each day
 * getting its share of a curve that grows over two years with a summer dip.
 */
export async function generateDeals(path: string, n: number, seed = 4711): Promise<Generated> {
	const rng = new Rng(seed);
	const owners: Owner[] = [];
	for (let i = 0; i < 48; i++) {
		owners.push({
			name: `${FIRST[i % FIRST.length]} ${SURNAMES[(i * 7) % SURNAMES.length]}`,
			region: i % 4,
			skill: rng.normal(0, 0.3)
		});
	}
	const accounts: Account[] = [];
	const nAccounts = Math.max(200, Math.round(n / 40));
	for (let i = 0; i < nAccounts; i++) {
		const region = weightedIndex(rng, [20, 34, 18, 28]);
		const industry = rng.int(0, INDUSTRIES.length - 1);
		const short = `${rng.pick(SURNAMES)} ${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}`;
		const regional = owners.filter((o) => o.region === region);
		accounts.push({
			name: `${short} ${FORMS[weightedIndex(rng, [70, 15, 12, 3])]}`,
			region,
			industry,
			owner: rng.pick(regional),
			tier: rng.logNormal(1, 0.35)
		});
	}
	// Deals per creation day: workdays from 2025-01-01 to the day before the export.
	const first = day(2025, 1, 1);
	const seasonal = [0.9, 1, 1.05, 1, 1, 0.95, 0.9, 0.7, 1, 1.05, 1.05, 0.75];
	const days: [number, number][] = [];
	for (let d = first; d < DEALS_TODAY; d++) {
		const w = weekday(d);
		if (w === 0 || w === 6) continue;
		const month = new Date(d * MS_PER_DAY).getUTCMonth();
		days.push([d, Math.exp((2 * (d - first)) / (DEALS_TODAY - first)) * seasonal[month]!]);
	}
	const totalW = days.reduce((s, [, w]) => s + w, 0);

	const out = new LineWriter(path);
	await out.line('\uFEFF' + DEALS_HEADER.join(';') + '\r\n');
	let written = 0;
	let carry = 0;
	let counter = 41_000;
	for (const [created, w] of days) {
		carry += (n * w) / totalW;
		let today = Math.floor(carry);
		if (created === days[days.length - 1]![0]) today = n - written; // exact total
		carry -= today;
		for (let k = 0; k < today && written < n; k++) {
			const fields = deal(rng, created, accounts, owners);
			counter += rng.int(1, 37);
			fields[0] = `0067Q${counter.toString(36).toUpperCase().padStart(10, '0')}`;
			await out.line(fields.map((f) => csvField(f, ';')).join(';') + '\r\n');
			written++;
		}
	}
	await out.close();
	return { path, rows: written, bytes: statSync(path).size };
}

function deal(rng: Rng, created: number, accounts: Account[], owners: Owner[]): string[] {
	// A few key accounts get many deals: index ∝ u².
	const u = rng.next();
	const account = accounts[Math.floor(u * u * accounts.length)]!;
	const owner = rng.chance(0.85)
		? account.owner
		: rng.pick(owners.filter((o) => o.region === account.region));
	const p = PRODUCTS[weightedIndex(rng, PRODUCT_MIX[account.industry]!)]!;
	const euros = Math.min(480_000, Math.max(5_000, rng.logNormal(p.median, p.sigma) * account.tier));
	let cents = Math.round(euros / (euros < 20_000 ? 100 : 500)) * (euros < 20_000 ? 100 : 500) * 100;
	const quality =
		owner.skill +
		REGION_EFFECT[account.region]! +
		INDUSTRY_EFFECT[account.industry]! +
		p.effect -
		0.18 * Math.log(euros / 40_000) +
		rng.normal(0, 0.45);

	// Walk the stages until the deal is won, lost, or still open at the export date.
	let stage = 0;
	let t = created;
	let kind: 'open' | 'won' | 'lost' = 'open';
	for (;;) {
		const st = STAGES[stage]!;
		const moves = rng.chance(sigmoid(logit(st.pass) + quality));
		const dwell =
			rng.uniform(st.dwell[0], st.dwell[1]) * p.pace + (moves ? 0 : rng.uniform(10, 80));
		const next = workday(t + Math.max(1, Math.round(dwell)));
		if (next >= DEALS_TODAY) break;
		t = next;
		if (!moves) {
			kind = 'lost';
			break;
		}
		if (stage === STAGES.length - 1) {
			kind = 'won';
			break;
		}
		stage += stage + 2 < STAGES.length && rng.chance(0.07) ? 2 : 1;
		if (STAGES[stage]!.name === 'Verhandlung' && rng.chance(0.3))
			cents = Math.round((cents * 0.95) / 10000) * 10000;
	}
	// Open deals: a planned close date, usually ahead, sometimes left overdue.
	let close = t;
	let phase: string;
	let probability: number;
	let forecast: string;
	if (kind === 'open') {
		const st = STAGES[stage]!;
		phase = st.name;
		probability = st.p;
		forecast =
			FORECAST[stage]![
				weightedIndex(
					rng,
					FORECAST[stage]!.map(([, w]) => w)
				)
			]![0];
		close = rng.chance(0.15)
			? workday(DEALS_TODAY - rng.int(1, 60))
			: DEALS_TODAY + rng.int(5, 200);
		if (rng.chance(0.55)) close = monthEnd(close);
	} else {
		phase = kind === 'won' ? WON : LOST;
		probability = kind === 'won' ? 100 : 0;
		forecast = kind === 'won' ? 'Closed' : 'Omitted';
	}
	return [
		'',
		account.name,
		phase,
		eurDE(cents),
		String(probability),
		fmtDE(close),
		fmtDE(created),
		owner.name,
		forecast,
		p.name,
		REGIONS[account.region]!,
		INDUSTRIES[account.industry]!
	];
}

// ---------------------------------------------------------------------------------------------
// Survey

const CUTS = [-1.7, -0.85, 0, 1.0];
function toRating(z: number): number {
	let r = 1;
	for (const c of CUTS) if (z >= c) r++;
	return r;
}

/**
 * Writes a wide survey: `respondent_id,role,region,industry,imp_O001,sat_O001,…` (comma, UTF-8,
 * LF), `respondents` rows × `outcomes` pairs.
 */
export async function generateSurvey(
	path: string,
	respondents: number,
	outcomes: number,
	seed = 20261203
): Promise<Generated> {
	const rng = new Rng(seed);
	const levels = Array.from({ length: outcomes }, () => ({
		imp: rng.uniform(-1.2, 1.4),
		sat: rng.uniform(-1.4, 1.0)
	}));
	const keys = levels.map((_, i) => `O${String(i + 1).padStart(3, '0')}`);
	const out = new LineWriter(path);
	await out.line(
		[
			'respondent_id',
			'role',
			'region',
			'industry',
			...keys.flatMap((k) => [`imp_${k}`, `sat_${k}`])
		].join(',') + '\n'
	);
	const roles = ['Sales rep', 'Sales manager', 'Sales ops', 'Executive'];
	const invalid = ['0', '6', 'n/a'];
	for (let r = 1; r <= respondents; r++) {
		const region = weightedIndex(rng, [24, 32, 16, 28]);
		const industry = rng.int(0, INDUSTRIES.length - 1);
		const uImp = rng.normal(0, 0.5);
		const uSat = rng.normal(0, 0.5);
		// Segments move a few outcomes: the south cares more about the first tenth, IT is happier.
		const south = region === 1 ? 0.4 : 0;
		const it = industry === 3 ? 0.3 : 0;
		const cells: string[] = [
			`R${String(r).padStart(6, '0')}`,
			roles[weightedIndex(rng, [48, 25, 12, 15])]!,
			REGIONS[region]!,
			INDUSTRIES[industry]!
		];
		for (let o = 0; o < outcomes; o++) {
			const l = levels[o]!;
			const zi = l.imp + uImp + (o < outcomes / 10 ? south : 0) + rng.normal(0, 1);
			const zs = l.sat + uSat + it + rng.normal(0, 1);
			cells.push(cell(rng, zi, invalid), cell(rng, zs, invalid));
		}
		await out.line(cells.map((c) => csvField(c, ',')).join(',') + '\n');
	}
	await out.close();
	return { path, rows: respondents, bytes: statSync(path).size };
}

function cell(rng: Rng, z: number, invalid: string[]): string {
	const u = rng.next();
	if (u < 0.015) return '';
	if (u < 0.0153) return invalid[Math.floor(rng.next() * invalid.length)]!;
	return String(toRating(z));
}

/**
 * Pipeline sample: a German machine-components / industrial-software company's Salesforce
 * opportunities (report export, German labels) and their stage history (API export).
 *
 * Each deal is simulated from creation: it dwells in a stage, then moves on (sometimes skipping
 * one stage) or is lost; the chance of moving on depends on owner, region, industry, product,
 * competitors, budget fit and deal size. Close dates are planned optimistically and pushed when
 * they pass (by diligent owners; the others leave them overdue). Everything after "today" is cut
 * off, so recent deals are open at the stage they had reached.
 */
import { INDUSTRIES, type Industry, type Region } from './generate-survey';
import { csvField, Rng } from './rng';

// ---------------------------------------------------------------------------------------------
// Calendar (whole UTC days since 1970-01-01; no time zones involved)

const MS_PER_DAY = 86_400_000;
function day(y: number, m: number, d: number): number {
	return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}
function parts(dayNo: number): [y: number, m: number, d: number] {
	const dt = new Date(dayNo * MS_PER_DAY);
	return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Seconds since epoch → day number. */
const dayOf = (ts: number) => Math.floor(ts / 86_400);
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (dayNo: number) => (((dayNo + 4) % 7) + 7) % 7;
/** Move a Saturday or Sunday to the following Monday. */
function workday(dayNo: number): number {
	const w = weekday(dayNo);
	return w === 6 ? dayNo + 2 : w === 0 ? dayNo + 1 : dayNo;
}
function monthEnd(dayNo: number): number {
	const [y, m] = parts(dayNo);
	return day(y, m + 1, 1) - 1;
}
const fmtDE = (dayNo: number) => {
	const [y, m, d] = parts(dayNo);
	return `${pad(d)}.${pad(m)}.${y}`;
};
const fmtISO = (dayNo: number) => {
	const [y, m, d] = parts(dayNo);
	return `${y}-${pad(m)}-${pad(d)}`;
};
/** Seconds since epoch → "YYYY-MM-DD HH:MM:SS". */
function fmtTimestamp(ts: number): string {
	const dayNo = dayOf(ts);
	const s = ts - dayNo * 86_400;
	return `${fmtISO(dayNo)} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The export date: everything on or after it has not happened yet. */
export const TODAY = day(2026, 12, 3);
const FIRST_CREATED = day(2025, 1, 1);

// ---------------------------------------------------------------------------------------------
// Money: whole cents, formatted German ("12.500,00") or plain ("12500.00")

function eurDE(cents: number): string {
	const euros = Math.floor(cents / 100);
	const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${grouped},${pad(cents % 100)}`;
}
const eurPlain = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
const MIN_AMOUNT = 5_000_00;
const MAX_AMOUNT = 500_000_00;
const clampAmount = (cents: number) => Math.min(MAX_AMOUNT, Math.max(MIN_AMOUNT, cents));
/** Round euros to a step, returned in cents: roundTo(12_345.6, 100) → 1_230_000. */
const roundTo = (euros: number, step: number) => Math.round(euros / step) * step * 100;

// ---------------------------------------------------------------------------------------------
// Stages and forecast categories

type Forecast = 'Pipeline' | 'Best Case' | 'Commit' | 'Closed' | 'Omitted';
/** OpportunityHistory carries the API names: Commit is "Forecast", Best Case is "BestCase". */
const FORECAST_RANK: Record<Forecast, number> = {
	Omitted: 0,
	Pipeline: 1,
	'Best Case': 2,
	Commit: 3,
	Closed: 4
};
const FORECAST_API: Record<Forecast, string> = {
	Pipeline: 'Pipeline',
	'Best Case': 'BestCase',
	Commit: 'Forecast',
	Closed: 'Closed',
	Omitted: 'Omitted'
};

interface OpenStage {
	name: string;
	probability: number;
	/** Base chance of moving on from this stage (before the deal's own quality). */
	pass: number;
	/** Typical days spent in the stage. */
	dwell: [number, number];
	/** How reps set the forecast category in this stage. */
	forecast: [Forecast, number][];
}
const STAGES: OpenStage[] = [
	{
		name: 'Kontaktaufnahme',
		probability: 10,
		pass: 0.86,
		dwell: [5, 20],
		forecast: [['Pipeline', 1]]
	},
	{
		name: 'Qualifizierung',
		probability: 20,
		pass: 0.88,
		dwell: [7, 26],
		forecast: [['Pipeline', 1]]
	},
	{
		name: 'Bedarfsanalyse',
		probability: 30,
		pass: 0.9,
		dwell: [10, 32],
		forecast: [['Pipeline', 1]]
	},
	{
		name: 'Produktpräsentation',
		probability: 50,
		pass: 0.9,
		dwell: [10, 35],
		forecast: [
			['Pipeline', 75],
			['Best Case', 25]
		]
	},
	{
		name: 'Angebot',
		probability: 70,
		pass: 0.9,
		dwell: [14, 45],
		forecast: [
			['Pipeline', 15],
			['Best Case', 65],
			['Commit', 20]
		]
	},
	{
		name: 'Verhandlung',
		probability: 90,
		pass: 0.9,
		dwell: [10, 35],
		forecast: [
			['Best Case', 30],
			['Commit', 70]
		]
	}
];
const WON = 'Geschäftsabschluss';
const LOST = 'Geschlossen und verloren';
const stageAt = (i: number): OpenStage => {
	const s = STAGES[i];
	if (!s) throw new Error(`no stage ${i}`);
	return s;
};

// ---------------------------------------------------------------------------------------------
// People, products, competitors, accounts

interface Owner {
	name: string;
	region: Region;
	/** Added to the log-odds of every stage step. */
	skill: number;
	/** Chance of pushing a close date once it has passed. */
	diligence: number;
}
// prettier-ignore
const OWNERS: Owner[] = [
	{ name: 'Katrin Weber', region: 'Nord', skill: 0.15, diligence: 0.85 },
	{ name: 'Jonas Becker', region: 'Nord', skill: -0.25, diligence: 0.3 },
	{ name: 'Sabine Hoffmann', region: 'Süd', skill: 0.4, diligence: 0.8 },
	{ name: 'Michael Schulz', region: 'Süd', skill: 0.05, diligence: 0.65 },
	{ name: 'Stefan Krüger', region: 'Süd', skill: -0.1, diligence: 0.5 },
	{ name: 'Lena Fischer', region: 'Ost', skill: 0.0, diligence: 0.75 },
	{ name: 'Thomas Wagner', region: 'Ost', skill: -0.35, diligence: 0.25 },
	{ name: 'Julia Neumann', region: 'West', skill: 0.25, diligence: 0.9 },
	{ name: 'Markus Zimmermann', region: 'West', skill: -0.05, diligence: 0.6 }
];

const REGION_EFFECT: Record<Region, number> = { Nord: 0, Süd: 0.15, Ost: -0.25, West: 0.05 };
const INDUSTRY_EFFECT: Record<Industry, number> = {
	Maschinenbau: 0.1,
	Automotive: -0.2,
	Chemie: 0.05,
	'IT-Dienstleistungen': 0,
	Handel: 0.1
};

interface Product {
	name: string;
	software: boolean;
	/** Median deal size in euros and log-normal spread. */
	median: number;
	sigma: number;
	effect: number;
	/** Multiplies stage dwell times. */
	pace: number;
	/** Days from order to delivery / go-live. */
	lead: [number, number];
}
// prettier-ignore
const PRODUCTS: Product[] = [
	{ name: 'Servoantriebe', software: false, median: 32_000, sigma: 0.7, effect: 0.1, pace: 1, lead: [42, 90] },
	{ name: 'Linearführungen', software: false, median: 17_000, sigma: 0.6, effect: 0.2, pace: 0.85, lead: [28, 60] },
	{ name: 'Getriebemotoren', software: false, median: 24_000, sigma: 0.65, effect: 0.05, pace: 0.95, lead: [35, 80] },
	{ name: 'Sensorik-Kits', software: false, median: 11_000, sigma: 0.6, effect: 0.15, pace: 0.8, lead: [14, 45] },
	{ name: 'MES-Software', software: true, median: 85_000, sigma: 0.75, effect: -0.15, pace: 1.15, lead: [60, 150] },
	{ name: 'Predictive Maintenance', software: true, median: 55_000, sigma: 0.8, effect: -0.05, pace: 1.1, lead: [45, 120] }
];
/** Product mix per industry, in PRODUCTS order. */
const PRODUCT_MIX: Record<Industry, number[]> = {
	Maschinenbau: [25, 25, 20, 10, 10, 10],
	Automotive: [20, 15, 15, 15, 20, 15],
	Chemie: [5, 5, 25, 25, 15, 25],
	'IT-Dienstleistungen': [0, 0, 0, 20, 40, 40],
	Handel: [25, 30, 25, 15, 2, 3]
};

/** Competitors with their effect on our chances. */
const HARDWARE_RIVALS: [string, number][] = [
	['Rheintal Antriebe', -0.1],
	['Kessler Automation', -0.2],
	['Alpin Präzision', -0.15],
	['Asiatischer Anbieter', -0.3]
];
const SOFTWARE_RIVALS: [string, number][] = [
	['Vectura Software', -0.25],
	['DataForge', -0.1],
	['Eigenentwicklung Kunde', -0.35]
];

const CITIES: Record<Region, [city: string, adjective: string][]> = {
	Nord: [
		['Hamburg', 'Hamburger'],
		['Bremen', 'Bremer'],
		['Hannover', 'Hannoversche'],
		['Kiel', 'Kieler'],
		['Lübeck', 'Lübecker'],
		['Oldenburg', 'Oldenburger'],
		['Osnabrück', 'Osnabrücker'],
		['Rostock', 'Rostocker']
	],
	Süd: [
		['München', 'Münchner'],
		['Stuttgart', 'Stuttgarter'],
		['Nürnberg', 'Nürnberger'],
		['Augsburg', 'Augsburger'],
		['Ulm', 'Ulmer'],
		['Regensburg', 'Regensburger'],
		['Freiburg', 'Freiburger'],
		['Ingolstadt', 'Ingolstädter'],
		['Heilbronn', 'Heilbronner']
	],
	Ost: [
		['Leipzig', 'Leipziger'],
		['Dresden', 'Dresdner'],
		['Chemnitz', 'Chemnitzer'],
		['Erfurt', 'Erfurter'],
		['Jena', 'Jenaer'],
		['Magdeburg', 'Magdeburger'],
		['Zwickau', 'Zwickauer'],
		['Cottbus', 'Cottbuser']
	],
	West: [
		['Köln', 'Kölner'],
		['Düsseldorf', 'Düsseldorfer'],
		['Dortmund', 'Dortmunder'],
		['Essen', 'Essener'],
		['Bielefeld', 'Bielefelder'],
		['Aachen', 'Aachener'],
		['Wuppertal', 'Wuppertaler'],
		['Siegen', 'Siegener'],
		['Münster', 'Münsteraner']
	]
};
// prettier-ignore
const SURNAMES = [
	'Hartmann', 'Köhler', 'Brandt', 'Vogel', 'Lorenz', 'Berger', 'Kaiser', 'Seidel', 'Winkler',
	'Roth', 'Busch', 'Haas', 'Schuster', 'Sommer', 'Graf', 'Pohl', 'Kuhn', 'Lang', 'Engel', 'Horn',
	'Peters', 'Jansen', 'Ludwig', 'Böhm', 'Krause', 'Franke', 'Albrecht', 'Schubert', 'Ernst',
	'Thiele', 'Arnold', 'Dietrich', 'Keller', 'Voigt', 'Möller', 'Sauer', 'Stein', 'Jäger', 'Otto',
	'Fuchs', 'Wolff', 'Brückner', 'Reuter', 'Ebert', 'Lindner'
];
// prettier-ignore
const TRADES: Record<Industry, string[]> = {
	Maschinenbau: ['Maschinenbau', 'Antriebstechnik', 'Fördertechnik', 'Werkzeugbau', 'Anlagenbau', 'Präzisionstechnik', 'Sondermaschinenbau'],
	Automotive: ['Fahrzeugteile', 'Automotive Systems', 'Karosserietechnik', 'Zulieferteile', 'Kunststofftechnik'],
	Chemie: ['Chemie', 'Kunststoffe', 'Lackwerke', 'Spezialchemie', 'Feinchemie'],
	'IT-Dienstleistungen': ['IT-Services', 'Systemhaus', 'Software', 'Digital Solutions', 'Datentechnik'],
	Handel: ['Industriebedarf', 'Großhandel', 'Technik-Vertrieb', 'Handelsgesellschaft', 'Zerspanungsbedarf']
};
const REGION_WEIGHT: [Region, number][] = [
	['Nord', 20],
	['Süd', 34],
	['Ost', 18],
	['West', 28]
];
const INDUSTRY_MIX: Record<Region, number[]> = {
	Nord: [25, 10, 15, 25, 25],
	Süd: [35, 35, 8, 12, 10],
	Ost: [25, 15, 30, 18, 12],
	West: [30, 15, 25, 15, 15]
};

interface Account {
	name: string;
	/** Name without legal form, used in opportunity names. */
	short: string;
	city: string;
	region: Region;
	industry: Industry;
	owner: Owner;
	/** Size factor on deal amounts. */
	tier: number;
	/** How many deals this account tends to generate (key accounts many). */
	activity: number;
}

function makeAccounts(rng: Rng, count: number): Account[] {
	const accounts: Account[] = [];
	const taken = new Set<string>();
	while (accounts.length < count) {
		const region = rng.weighted(REGION_WEIGHT);
		const industry = rng.weighted(INDUSTRIES.map((ind, i) => [ind, INDUSTRY_MIX[region][i] ?? 0]));
		const [city, adjective] = rng.pick(CITIES[region]);
		const trade = rng.pick(TRADES[industry]);
		const style = rng.next();
		const short =
			style < 0.45
				? `${rng.pick(SURNAMES)} ${trade}`
				: style < 0.7
					? `${adjective} ${trade}`
					: style < 0.85
						? `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)}`
						: `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25), 65 + rng.int(0, 25))} ${trade}`;
		const form = rng.weighted<string>([
			['GmbH', 55],
			['GmbH & Co. KG', 25],
			['AG', 10],
			['KG', 5],
			['SE', 2],
			['e.K.', industry === 'Handel' ? 6 : 0]
		]);
		const name = `${short} ${form}`;
		if (taken.has(short)) continue;
		taken.add(short);
		const owners = OWNERS.filter((o) => o.region === region);
		accounts.push({
			name,
			short,
			city,
			region,
			industry,
			owner: rng.pick(owners),
			tier: rng.logNormal(1, 0.35),
			activity: Math.min(12, 1 / Math.pow(1 - rng.next(), 0.6)) // heavy tail: a few key accounts
		});
	}
	return accounts;
}

// ---------------------------------------------------------------------------------------------
// Deals

interface HistoryRow {
	ts: number;
	stage: string;
	from: string;
	amount: number;
	probability: number;
	closeDay: number;
	forecast: Forecast;
}

interface Deal {
	id: string;
	created: number; // seconds since epoch
	account: Account;
	owner: Owner;
	product: Product;
	title: string;
	amount: number; // cents at creation
	budget: number; // cents the customer has
	rivals: string[];
	history: HistoryRow[];
}

/** Deals still open at this age (days) are closed as lost in a clean-up. */
const CLEANUP_AGE: [number, number] = [175, 194];
/** Chance per stage that a deal goes on hold for one to three months. */
const ON_HOLD = 0.1;
/** Deal creation grows over the two years (business and CRM use grow): weight e^(GROWTH · t). */
const GROWTH = 2;
/** Days a dead deal stays open before the owner records the loss (early stages, later stages). */
const LOSS_LAG: [number, number][] = [
	[8, 60],
	[30, 100]
];

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Business-hours timestamp on a day, strictly after `after` (seconds since epoch). */
function stamp(rng: Rng, dayNo: number, after: number): number {
	const ts = dayNo * 86_400 + rng.int(7 * 3600 + 1800, 18 * 3600 + 1800);
	return ts > after ? ts : after + rng.int(120, 5400);
}

/** Plan a close date: often the month end the rep aims for, otherwise an exact day. */
function planClose(rng: Rng, fromDay: number): number {
	return rng.chance(0.55) ? monthEnd(fromDay) : fromDay;
}

function simulate(rng: Rng, deal: Deal): void {
	const { owner, account, product } = deal;
	const rivalEffect = deal.rivals.reduce(
		(s, r) => s + ([...HARDWARE_RIVALS, ...SOFTWARE_RIVALS].find(([n]) => n === r)?.[1] ?? 0),
		0
	);
	const quality =
		owner.skill +
		REGION_EFFECT[account.region] +
		INDUSTRY_EFFECT[account.industry] +
		product.effect +
		rivalEffect +
		(deal.budget < deal.amount * 0.85 ? -0.45 : 0) -
		0.18 * Math.log(deal.amount / 4_000_000) +
		rng.normal(0, 0.45);
	const pace = product.pace * Math.pow(deal.amount / 4_000_000, 0.12);

	const createdDay = dayOf(deal.created);
	/** Sales ops close every deal that is still open after about six months as lost. */
	const cleanupDay = workday(createdDay + rng.int(CLEANUP_AGE[0], CLEANUP_AGE[1]));
	let stage = 0;
	let amount = deal.amount;
	let planned = planClose(rng, createdDay + Math.round(rng.uniform(45, 170) * product.pace));
	let forecast: Forecast = 'Pipeline';
	let probability = stageAt(0).probability;
	let last = deal.created;
	const rows: HistoryRow[] = [];
	/** One OpportunityHistory row with the deal's current values, stamped on `dayNo`. */
	const record = (dayNo: number, stageName: string, from: string) => {
		last = stamp(rng, dayNo, last);
		rows.push({
			ts: last,
			stage: stageName,
			from,
			amount,
			probability,
			closeDay: planned,
			forecast
		});
	};
	const first = stageAt(0).name;
	rows.push({ ts: last, stage: first, from: '', amount, probability, closeDay: planned, forecast });

	for (;;) {
		const st = stageAt(stage);
		const since = dayOf(last);
		let moves = rng.chance(sigmoid(logit(st.pass) + quality));
		let dwell = rng.uniform(st.dwell[0], st.dwell[1]) * pace;
		if (rng.chance(ON_HOLD)) dwell += rng.uniform(30, 90); // on hold: budget freeze, reorganisation
		if (!moves) dwell += rng.uniform(...LOSS_LAG[stage < 2 ? 0 : 1]!); // dead deals linger
		let next = workday(since + Math.max(1, Math.round(dwell)));
		if (!moves && next - createdDay < 20) next = workday(createdDay + 20 + rng.int(0, 10));
		if (next > cleanupDay) [next, moves] = [cleanupDay, false];

		// Scope clarified mid-stage: an amount-only change.
		const midDay = workday(since + Math.floor((next - since) / 2));
		if ((stage === 2 || stage === 3) && rng.chance(0.1) && midDay > since && midDay < next) {
			amount = clampAmount(roundTo((amount / 100) * rng.uniform(0.7, 1.5), 500));
			record(midDay, st.name, st.name);
		}
		// The planned close date passes while the deal sits here: diligent owners push it.
		while (planned < next && rng.chance(owner.diligence)) {
			const pushDay = workday(Math.max(planned + rng.int(0, 6), dayOf(last)));
			if (pushDay >= next) break;
			planned = planClose(rng, pushDay + rng.int(30, 90));
			record(pushDay, st.name, st.name);
		}

		if (!moves || stage === STAGES.length - 1) {
			[planned, probability] = [next, moves ? 100 : 0];
			forecast = moves ? 'Closed' : 'Omitted';
			record(next, moves ? WON : LOST, st.name);
			break;
		}
		const to = stage + 2 < STAGES.length && rng.chance(0.07) ? stage + 2 : stage + 1;
		const target = stageAt(to);
		if (target.name === 'Angebot' && rng.chance(0.35)) {
			amount = clampAmount(roundTo((amount / 100) * rng.uniform(0.85, 1.3), 100)); // priced offer
		}
		if (target.name === 'Verhandlung' && rng.chance(0.3)) {
			amount = clampAmount(roundTo((amount / 100) * rng.uniform(0.9, 0.98), 100)); // discount
		}
		if (planned < next + 10) planned = planClose(rng, next + rng.int(20, 75));
		// Reps rarely downgrade a deal's category as it advances.
		const picked = rng.weighted(target.forecast);
		if (FORECAST_RANK[picked] > FORECAST_RANK[forecast] || rng.chance(0.1)) forecast = picked;
		probability = target.probability;
		if (to >= 3 && rng.chance(0.04)) probability += rng.pick([-10, to < 5 ? 10 : -10]); // rep's own estimate
		record(next, target.name, st.name);
		stage = to;
	}
	// Cut off at the export: what happens on or after "today" has not happened yet.
	deal.history = rows.filter((r) => r.ts < TODAY * 86_400);
}

/** Salesforce 18-character id: the 15-character id plus a case checksum. */
function salesforceId(id15: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
	let suffix = '';
	for (let chunk = 0; chunk < 3; chunk++) {
		let bits = 0;
		for (let j = 0; j < 5; j++) {
			const c = id15.charAt(chunk * 5 + j);
			if (c >= 'A' && c <= 'Z') bits |= 1 << j;
		}
		suffix += alphabet.charAt(bits);
	}
	return id15 + suffix;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n: number, width: number): string {
	let s = '';
	for (let i = 0; i < width; i++) {
		s = BASE62.charAt(n % 62) + s;
		n = Math.floor(n / 62);
	}
	return s;
}

const TITLES = [
	'Retrofit Linie {n}',
	'Neuanlage',
	'Rahmenvertrag {y}',
	'Ersatzbedarf',
	'Erweiterung Werk {city}',
	'Pilotprojekt',
	'Modernisierung Halle {n}',
	'Rollout {y}'
];

/** Weighted workdays between the first creation day and yesterday: the CRM is used more and more. */
function creationDays(): [number, number][] {
	const seasonal = [0.9, 1, 1.05, 1, 1, 0.95, 0.9, 0.7, 1, 1.05, 1.05, 0.75];
	const out: [number, number][] = [];
	for (let d = FIRST_CREATED; d < TODAY; d++) {
		const w = weekday(d);
		if (w === 0 || w === 6) continue;
		const growth = Math.exp(GROWTH * ((d - FIRST_CREATED) / (TODAY - FIRST_CREATED)));
		out.push([d, growth * (seasonal[parts(d)[1] - 1] ?? 1)]);
	}
	return out;
}

const DEALS = 2_480;
const ACCOUNTS = 320;

function makeDeals(rng: Rng): Deal[] {
	const accounts = makeAccounts(rng.fork(), ACCOUNTS);
	const days = creationDays();
	const accountWeights = accounts.map((a) => [a, a.activity] as const);
	const deals: Deal[] = [];
	for (let i = 0; i < DEALS; i++) {
		const account = rng.weighted(accountWeights);
		const owner = rng.chance(0.85)
			? account.owner
			: rng.pick(OWNERS.filter((o) => o.region === account.region));
		const product = rng.weighted(
			PRODUCTS.map((p, j) => [p, PRODUCT_MIX[account.industry][j] ?? 0])
		);
		const createdDay = rng.weighted(days);
		const created = stamp(rng, createdDay, 0);
		const drawn = rng.logNormal(product.median, product.sigma) * account.tier;
		const euros = Math.min(480_000, Math.max(5_000, drawn));
		const amount = rng.chance(0.7)
			? clampAmount(roundTo(euros, euros < 20_000 ? 100 : 500))
			: clampAmount(Math.round(euros * 100));
		const budget = roundTo((amount / 100) * Math.exp(rng.normal(0.05, 0.22)), 1000);
		const rivalPool = product.software ? SOFTWARE_RIVALS : HARDWARE_RIVALS;
		const rivals: string[] = [];
		if (rng.chance(0.58)) rivals.push(rng.pick(rivalPool)[0]);
		if (rivals.length && rng.chance(0.07)) {
			const second = rng.pick(rivalPool)[0];
			if (!rivals.includes(second)) rivals.push(second);
		}
		// Multi-select picklists export in picklist order, joined by ';'.
		rivals.sort(
			(a, b) => rivalPool.findIndex(([n]) => n === a) - rivalPool.findIndex(([n]) => n === b)
		);
		const [y] = parts(createdDay);
		const title = rng
			.pick(TITLES)
			.replace('{n}', String(rng.int(1, 6)))
			.replace('{y}', String(rng.chance(0.7) ? y : y + 1))
			.replace('{city}', account.city);
		const deal: Deal = {
			id: '',
			created,
			account,
			owner,
			product,
			title,
			amount,
			budget,
			rivals,
			history: []
		};
		simulate(rng, deal);
		deals.push(deal);
	}
	// Salesforce ids grow with creation time.
	deals.sort((a, b) => a.created - b.created);
	let counter = 41_000 + rng.int(0, 5000);
	for (const deal of deals) {
		counter += rng.int(1, 37);
		deal.id = salesforceId(`0067Q00000${base62(counter, 5)}`);
	}
	return deals;
}

// ---------------------------------------------------------------------------------------------
// Free-text fields of the report

// prettier-ignore
const NEXT_STEPS: Record<string, string[]> = {
	Kontaktaufnahme: ['Erstgespräch vereinbaren', 'Ansprechpartner im Einkauf ermitteln', 'Rückruf KW {kw}', 'Infomaterial senden'],
	Qualifizierung: ['Budget und Zeitplan klären', 'Entscheider identifizieren', 'Qualifizierungsgespräch am {d}', 'Bedarf mit Technik abstimmen'],
	Bedarfsanalyse: ['Anforderungskatalog abstimmen', 'Vor-Ort-Termin Werk {city}', 'Technische Klärung mit Konstruktion', 'Lastenheft anfordern'],
	Produktpräsentation: ['Demo am {d}', 'Teststellung vorbereiten', 'Präsentation beim Werksleiter', 'Referenzbesuch organisieren'],
	Angebot: ['Angebot nachfassen', 'Angebot überarbeiten (Rabattfreigabe)', 'Rückfragen Einkauf beantworten', 'Angebot bis {d} versenden'],
	Verhandlung: ['Vertragsentwurf an Rechtsabteilung', 'Preisgespräch am {d}', 'Zahlungsbedingungen klären', 'Auftragsbestätigung vorbereiten']
};
const TALKS: Record<string, string[]> = {
	Kontaktaufnahme: ['Noch kein Kontakt', 'Erstkontakt per E-Mail', 'Erstgespräch geführt'],
	Qualifizierung: ['Erstgespräch geführt', 'Bedarf grundsätzlich bestätigt'],
	Bedarfsanalyse: ['Bedarf bestätigt', 'Anforderungen in Klärung', 'Technische Abstimmung läuft'],
	Produktpräsentation: ['Präsentation terminiert', 'Demo durchgeführt', 'Teststellung läuft'],
	Angebot: ['Angebot versendet', 'Angebot in Prüfung', 'Rückfragen zum Angebot'],
	Verhandlung: ['Preisverhandlung läuft', 'Vertrag in Prüfung (Einkauf)', 'Mündliche Zusage']
};

/** ISO week number of a day, for "Rückruf KW 49". */
function isoWeek(dayNo: number): number {
	const thursday = dayNo - ((weekday(dayNo) + 6) % 7) + 3;
	const [y] = parts(thursday);
	return Math.floor((thursday - day(y, 1, 1)) / 7) + 1;
}

function reportRow(rng: Rng, deal: Deal): string[] {
	const rows = deal.history;
	const final = rows[rows.length - 1]!;
	const lastDay = dayOf(final.ts);
	const createdDay = dayOf(deal.created);
	const reached = Math.max(...rows.map((r) => STAGES.findIndex((s) => s.name === r.stage)));
	const won = final.stage === WON;
	const lost = final.stage === LOST;
	const open = !won && !lost;
	const informed = reached >= 2 || won;

	const budget = rng.chance(informed ? 0.85 : 0.2) ? eurDE(deal.budget) : '';
	const rivals = rng.chance(informed ? 0.9 : 0.35) ? deal.rivals.join(';') : '';
	const product = deal.product;
	// Delivery follows the (last planned) order date; a lost deal keeps what it had.
	const orderDay = lost ? (rows[rows.length - 2] ?? final).closeDay : final.closeDay;
	const delivery =
		informed && (open || won || rng.chance(0.7))
			? fmtDE(orderDay + rng.int(product.lead[0], product.lead[1]))
			: '';

	let nextStep = '';
	let talks = '';
	if (open) {
		const when = lastDay + rng.int(3, 21);
		nextStep = rng.chance(0.9)
			? rng
					.pick(NEXT_STEPS[final.stage]!)
					.replace('{d}', fmtDE(when).slice(0, 6))
					.replace('{kw}', String(isoWeek(when)))
					.replace('{city}', deal.account.city)
			: '';
		const stale = TODAY - lastDay > 45;
		talks = stale && rng.chance(0.4) ? 'Kunde reagiert nicht' : rng.pick(TALKS[final.stage]!);
	} else if (won) {
		nextStep = rng.pick(['Übergabe an Projektleitung', 'Kick-off terminieren', '', '']);
		talks = 'Auftrag erhalten';
	} else {
		nextStep = rng.chance(0.15) ? 'In 6 Monaten erneut ansprechen' : '';
		const reasons: [string, number][] = [
			['Absage erhalten', 3],
			['Kunde reagiert nicht', 2],
			['Projekt gestoppt', 1.5],
			['Entscheidung für Wettbewerber', deal.rivals.length ? 3 : 0],
			['Kein Budget', deal.budget < deal.amount * 0.85 ? 3 : 0.3]
		];
		talks = rng.weighted(reasons);
	}

	return [
		deal.id,
		`${deal.account.short} - ${product.name} ${deal.title}`,
		deal.account.name,
		final.stage,
		eurDE(final.amount),
		String(final.probability),
		fmtDE(final.closeDay),
		fmtDE(createdDay),
		deal.owner.name,
		final.forecast,
		nextStep,
		budget,
		rivals,
		product.name,
		deal.account.region,
		deal.account.industry,
		delivery,
		talks
	];
}

const REPORT_HEADER = [
	'Opportunity-ID',
	'Opportunity-Name',
	'Accountname',
	'Phase',
	'Opportunity-Betrag',
	'Wahrscheinlichkeit (%)',
	'Schlusstermin',
	'Erstelldatum',
	'Opportunity-Inhaber',
	'Prognosekategorie',
	'Nächster Schritt',
	'Budget',
	'Wettbewerber',
	'Produkt',
	'Region',
	'Branche',
	'Liefertermin',
	'Status Gespräche'
];
const HISTORY_HEADER = [
	'OpportunityId',
	'CreatedDate',
	'StageName',
	'FromOpportunityStageName',
	'Amount',
	'Probability',
	'CloseDate',
	'ForecastCategory'
];

export interface PipelineOutput {
	/** German report export: BOM, `;`, CRLF, decimal comma, dd.mm.yyyy. */
	report: string;
	/** OpportunityHistory API export: `,`, all quoted, LF, ISO dates, plain decimals. */
	history: string;
}

export function generatePipeline(seed: number): PipelineOutput {
	const rng = new Rng(seed);
	const deals = makeDeals(rng.fork());
	const textRng = rng.fork();

	const reportLines = [REPORT_HEADER, ...deals.map((d) => reportRow(textRng, d))].map((fields) =>
		fields.map((f) => csvField(f, ';')).join(';')
	);
	const quoted = (fields: string[]) => fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',');
	const historyLines = [quoted(HISTORY_HEADER)];
	for (const deal of deals) {
		for (const r of deal.history) {
			historyLines.push(
				quoted([
					deal.id,
					fmtTimestamp(r.ts),
					r.stage,
					r.from,
					eurPlain(r.amount),
					String(r.probability),
					fmtISO(r.closeDay),
					FORECAST_API[r.forecast]
				])
			);
		}
	}
	return {
		report: '\uFEFF' + reportLines.join('\r\n') + '\r\n',
		history: historyLines.join('\n') + '\n'
	};
}

/**
 * The peer row: what a typical tool in this field does — read the file as text, papaparse with
 * `header: true, dynamicTyping: true` into an array of row objects, then plain JavaScript loops
 * for the same metrics the page shows (KPIs, by stage, forecast by close month, snapshot funnel,
 * breakdowns, aging; survey: top-2-box importance, satisfaction and opportunity per outcome).
 * A filter change recomputes everything over the parsed objects, as such tools do.
 *
 * German numbers ("12.500,00") and dates ("31.03.2025") stay strings under dynamicTyping, so they
 * are converted in the loop, as a hand-written tool would have to.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export interface PeerResult {
	engine: 'peer';
	rows: number;
	/** readFileSync + UTF-8 decode. */
	read_ms: number;
	/** Papa.parse to row objects. */
	parse_ms: number;
	/** All metrics once. */
	metrics_ms: number;
	total_ms: number;
	/** Filter / formula changes: all metrics again over the parsed rows. */
	filter_ms: number[];
	/** Largest V8 heap seen at the phase boundaries (the parsed rows are alive at every one). */
	peak_heap_mb: number;
	check: Record<string, number | string | null>;
}

type Obj = Record<string, unknown>;
const MB = 1024 * 1024;

export async function runPeer(kind: 'pipeline' | 'survey', file: string): Promise<PeerResult> {
	let peak = 0;
	const sample = () => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	};
	const timer = setInterval(sample, 20);
	const t0 = performance.now();
	const text = readFileSync(file, 'utf8');
	const t1 = performance.now();
	sample();
	const parsed = Papa.parse<Obj>(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
	const t2 = performance.now();
	sample();
	const rows = parsed.data;
	const metrics = kind === 'pipeline' ? pipelineMetrics : surveyMetrics;
	const first = metrics(rows, 0) as Obj;
	const t3 = performance.now();
	sample();
	const filter_ms: number[] = [];
	for (let i = 1; i <= 20; i++) {
		const t = performance.now();
		metrics(rows, i);
		filter_ms.push(performance.now() - t);
	}
	sample();
	clearInterval(timer);
	return {
		engine: 'peer',
		rows: rows.length,
		read_ms: t1 - t0,
		parse_ms: t2 - t1,
		metrics_ms: t3 - t2,
		total_ms: t3 - t0,
		filter_ms,
		peak_heap_mb: peak / MB,
		check: first.check as Record<string, number>
	};
}

// ---------------------------------------------------------------------------------------------
// Pipeline

const ORDER = [
	'Kontaktaufnahme',
	'Qualifizierung',
	'Bedarfsanalyse',
	'Produktpräsentation',
	'Angebot',
	'Verhandlung'
];
const WON = 'Geschäftsabschluss';
const LOST = 'Geschlossen und verloren';
const DAY = 86_400_000;

function num(v: unknown): number | null {
	if (typeof v === 'number') return v;
	if (typeof v !== 'string' || v.trim() === '') return null;
	const n = Number(v.replace(/\./g, '').replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}
function date(v: unknown): number | null {
	if (typeof v !== 'string') return null;
	const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v);
	return m ? Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) : null;
}

interface Group {
	deals: number;
	open: number;
	won: number;
	lost: number;
	open_amount: number;
	weighted: number;
	won_amount: number;
}
const group = (): Group => ({
	deals: 0,
	open: 0,
	won: 0,
	lost: 0,
	open_amount: 0,
	weighted: 0,
	won_amount: 0
});

/** Filter state i of the same cycle the browser clicks: owner on, + region, owner off, region off. */
function pipelineFilter(rows: Obj[], i: number): ((r: Obj) => boolean) | null {
	if (i === 0) return null;
	const owner = String(rows[0]?.['Opportunity-Inhaber'] ?? '');
	const region = String(rows.find((r) => r['Opportunity-Inhaber'] === owner)?.['Region'] ?? '');
	const step = (i - 1) % 4;
	if (step === 0) return (r) => r['Opportunity-Inhaber'] === owner;
	if (step === 1) return (r) => r['Opportunity-Inhaber'] === owner && r['Region'] === region;
	if (step === 2) return (r) => r['Region'] === region;
	return null;
}

function pipelineMetrics(rows: Obj[], i: number): Obj {
	const keep = pipelineFilter(rows, i);
	const now = Date.UTC(2026, 11, 3);
	const kpi = {
		deals: 0,
		open: 0,
		won: 0,
		lost: 0,
		won_amount: 0,
		lost_amount: 0,
		open_amount: 0,
		weighted: 0,
		cycle: 0,
		overdue: 0
	};
	const cycles: number[] = [];
	const byStage = new Map<
		string,
		{ deals: number; open: number; amount: number; weighted: number }
	>();
	const byMonth = new Map<
		string,
		{ closed_won: number; commit: number; best_case: number; pipeline: number; weighted: number }
	>();
	const reachedAt = new Array<number>(ORDER.length).fill(0);
	const dims = ['Opportunity-Inhaber', 'Produkt', 'Region', 'Branche'];
	const breakdowns = dims.map(() => new Map<string, Group>());
	const aging = [0, 0, 0, 0, 0];
	for (const r of rows) {
		if (keep && !keep(r)) continue;
		const stage = String(r['Phase'] ?? '');
		const amount = num(r['Opportunity-Betrag']) ?? 0;
		const prob =
			typeof r['Wahrscheinlichkeit (%)'] === 'number' ? (r['Wahrscheinlichkeit (%)'] as number) : 0;
		const close = date(r['Schlusstermin']);
		const created = date(r['Erstelldatum']);
		const kind = stage === WON ? 'won' : stage === LOST ? 'lost' : 'open';
		kpi.deals++;
		kpi[kind]++;
		const weighted = kind === 'open' ? (amount * prob) / 100 : 0;
		if (kind === 'won') {
			kpi.won_amount += amount;
			if (close !== null && created !== null) cycles.push((close - created) / DAY);
		} else if (kind === 'lost') kpi.lost_amount += amount;
		else {
			kpi.open_amount += amount;
			kpi.weighted += weighted;
			if (close !== null && close < now) kpi.overdue++;
			if (created !== null) {
				const age = (now - created) / DAY;
				aging[age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : age <= 180 ? 3 : 4]!++;
			}
		}
		const s = byStage.get(stage) ?? { deals: 0, open: 0, amount: 0, weighted: 0 };
		s.deals++;
		if (kind === 'open') s.open++;
		s.amount += amount;
		s.weighted += weighted;
		byStage.set(stage, s);
		if (close !== null) {
			const d = new Date(close);
			const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
			const m = byMonth.get(month) ?? {
				closed_won: 0,
				commit: 0,
				best_case: 0,
				pipeline: 0,
				weighted: 0
			};
			if (kind === 'won') m.closed_won += amount;
			else if (kind === 'open') {
				const cat = r['Prognosekategorie'];
				if (cat === 'Commit') m.commit += amount;
				else if (cat === 'Best Case') m.best_case += amount;
				else m.pipeline += amount;
				m.weighted += weighted;
			}
			byMonth.set(month, m);
		}
		// Snapshot funnel: non-lost deals at or beyond each stage; won ones beyond all.
		if (kind !== 'lost') {
			const at = kind === 'won' ? ORDER.length - 1 : ORDER.indexOf(stage);
			for (let k = 0; k <= at; k++) reachedAt[k]!++;
		}
		for (let k = 0; k < dims.length; k++) {
			const key = String(r[dims[k]!] ?? '');
			const map = breakdowns[k]!;
			const g = map.get(key) ?? group();
			g.deals++;
			g[kind]++;
			if (kind === 'open') {
				g.open_amount += amount;
				g.weighted += weighted;
			} else if (kind === 'won') g.won_amount += amount;
			map.set(key, g);
		}
	}
	cycles.sort((a, b) => a - b);
	const closed = kpi.won + kpi.lost;
	const kpis = {
		...kpi,
		win_rate_count: closed ? kpi.won / closed : null,
		win_rate_value:
			kpi.won_amount + kpi.lost_amount ? kpi.won_amount / (kpi.won_amount + kpi.lost_amount) : null,
		median_cycle_days_won: cycles.length ? cycles[Math.floor(cycles.length / 2)]! : null,
		mean_cycle_days_won: cycles.length ? cycles.reduce((a, b) => a + b, 0) / cycles.length : null
	};
	const months = [...byMonth].sort(([a], [b]) => a.localeCompare(b));
	const funnel = ORDER.map((stage, k) => ({
		stage,
		reached: reachedAt[k]!,
		rate_next: k + 1 < ORDER.length && reachedAt[k] ? reachedAt[k + 1]! / reachedAt[k]! : null
	}));
	const tables = breakdowns.map((m) =>
		[...m]
			.map(([key, g]) => ({
				key,
				...g,
				win_rate: g.won + g.lost ? g.won / (g.won + g.lost) : null
			}))
			.sort((a, b) => b.deals - a.deals)
	);
	return {
		kpis,
		byStage,
		months,
		funnel,
		tables,
		aging,
		check: { deals: kpi.deals, won: kpi.won, weighted_pipeline: kpi.weighted }
	};
}

// ---------------------------------------------------------------------------------------------
// Survey

function surveyMetrics(rows: Obj[], i: number): Obj {
	const formula = i % 2 === 1 ? 'plain' : 'ulwick';
	const header = Object.keys(rows[0] ?? {});
	const pairs = header
		.filter((h) => h.startsWith('imp_'))
		.map((h) => [h, `sat_${h.slice(4)}`] as const);
	const valid = (v: unknown): v is number =>
		typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
	const out = pairs.map(([imp, sat]) => {
		let ni = 0,
			ti = 0,
			ns = 0,
			ts = 0;
		for (const r of rows) {
			const a = r[imp];
			const b = r[sat];
			if (valid(a)) {
				ni++;
				if (a >= 4) ti++;
			}
			if (valid(b)) {
				ns++;
				if (b >= 4) ts++;
			}
		}
		const importance = ni ? (10 * ti) / ni : null;
		const satisfaction = ns ? (10 * ts) / ns : null;
		const opportunity =
			importance === null || satisfaction === null
				? null
				: importance +
					(formula === 'ulwick'
						? Math.max(importance - satisfaction, 0)
						: importance - satisfaction);
		return { id: imp.slice(4), importance, satisfaction, opportunity };
	});
	out.sort((a, b) => (b.opportunity ?? -Infinity) - (a.opportunity ?? -Infinity));
	return {
		outcomes: out,
		check: {
			respondents: rows.length,
			outcomes: out.length,
			top: out[0]?.id ?? null,
			top_opportunity: out[0]?.opportunity ?? null
		}
	};
}

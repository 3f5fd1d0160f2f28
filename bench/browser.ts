/**
 * The browser row: the built site in headless Chromium, driven as a person would — set the file on
 * the page's file input, wait until the KPI tiles / score table and the charts are drawn, then click
 * 20 filter changes (pipeline: an owner bar, a region in the breakdown table; survey: the formula).
 *
 * Phases are taken from outside the product code:
 * - an init script wraps `Worker` and timestamps every request to and answer from the DuckDB worker
 *   (registerFileBuffer, each query with its SQL text), so each statement's time in the engine and
 *   the main-thread time between statements are known;
 * - a MutationObserver timestamps the first KPI tile / score table and the charts, and a frame
 *   later the paint;
 * - `performance.mark`/`measure` entries named `ol:*` are read when the product emits them.
 * Memory: the tab's renderer process peak resident set (VmHWM, which includes the DuckDB worker and
 * its wasm heap) and the page's JS heap (CDP Performance.getMetrics, sampled every 100 ms).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function chromiumPath(): string | undefined {
	return process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launch(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** One message to or from the DuckDB worker, as the init script records it. */
export interface WorkerMsg {
	dir: 'out' | 'in';
	id: number;
	type: string;
	t: number;
	sql?: string | null;
	stmt?: number;
	bytes?: number;
}

/** A logical statement: a RUN_QUERY, or CREATE_PREPARED … CLOSE_PREPARED. */
export interface BrowserQuery {
	sql: string;
	start: number;
	end: number;
	/** Time in the worker round trips (engine + Arrow serialisation + message passing). */
	engine_ms: number;
	/** Result bytes (Arrow IPC) sent back. */
	bytes: number;
}

export interface FilterTiming {
	what: string;
	/** Survey: click event → the new bootstrap intervals shown. */
	later_ms?: number;
	/** Click event → the DOM shows the new result. */
	dom_ms: number;
	/** Click event → a frame after it (painted). */
	paint_ms: number;
	/** Part of it spent in worker round trips. */
	engine_ms: number;
	queries: number;
	statements?: { ms: number; kb: number; sql: string }[];
}

export interface BrowserResult {
	rows: number | null;
	/** File chosen → charts painted. */
	total_ms: number;
	/** File chosen → first KPI tile / score table in the DOM. */
	first_result_ms: number;
	phases: Record<string, number>;
	queries: BrowserQuery[];
	filters: FilterTiming[];
	/** Peak JS heap of the page's main thread (sampled). */
	peak_heap_mb: number;
	/** Peak resident memory of the tab's renderer process (main thread + DuckDB worker + wasm). */
	peak_tab_mb: number;
	/** Renderer resident memory before the file was chosen. */
	base_tab_mb: number;
	marks: { name: string; start: number; duration: number }[];
	/** Alerts the page showed (role="alert"), e.g. storage failures. */
	alerts: string[];
	/** CPU profile summary of the main thread during the import (with --profile). */
	profile?: ProfileSummary;
	/** Survey: file chosen → bootstrap intervals shown (the page runs them in a worker). */
	intervals_ms?: number;
	/** Survey: the bootstrap's own time as the page reports it (ci-status text). */
	bootstrap_ms?: number;
	/** Survey: the same bootstrap bundled from src and run in a blank page of this Chromium. */
	bootstrap_blank_ms?: number;
	errors: string[];
}

/**
 * Everything the page records; installed before any page script runs. Plain JS in a string: a
 * function would be serialised with the helpers tsx adds (`__name`), which the page lacks.
 */
const INIT = String.raw`(() => {
	const rec = { msgs: [], workerAt: null, change: null, clicks: [], seen: {}, painted: {} };
	window.__ol = rec;
	const Orig = window.Worker;
	class Traced extends Orig {
		constructor(url, opts) {
			super(url, opts);
			this.addEventListener('message', (e) => {
				const d = e.data;
				if (!d || typeof d !== 'object' || typeof d.requestId !== 'number' || d.type === 'LOG') return;
				const data = d.data;
				rec.msgs.push({
					dir: 'in', id: d.requestId, type: d.type, t: performance.now(),
					stmt: d.type === 'PREPARED_STATEMENT_ID' ? data : undefined,
					bytes: data && typeof data === 'object' ? (data.byteLength || 0) : 0
				});
			});
		}
		postMessage(m, t) {
			if (m && typeof m === 'object' && typeof m.messageId === 'number') {
				if (rec.workerAt === null) rec.workerAt = performance.now();
				const d = Array.isArray(m.data) ? m.data : [];
				rec.msgs.push({
					dir: 'out', id: m.messageId, type: m.type, t: performance.now(),
					sql: typeof d[1] === 'string' && m.type !== 'REGISTER_FILE_BUFFER' ? d[1] : null,
					stmt: m.type === 'RUN_PREPARED' || m.type === 'CLOSE_PREPARED' ? d[1] : undefined,
					bytes: d[1] instanceof Uint8Array ? d[1].byteLength : 0
				});
			}
			return super.postMessage(m, t);
		}
	}
	window.Worker = Traced;
	document.addEventListener('change', (e) => { if (e.target && e.target.type === 'file') rec.change = e.timeStamp; }, true);
	document.addEventListener('click', (e) => rec.clicks.push(e.timeStamp), true);
	// First appearance of what a person waits for, and a frame later (painted).
	const WATCH = {
		kpi: '[data-testid="kpi-deals"][data-value]:not([data-value=""])',
		funnel: '[data-testid="funnel-chart"]',
		forecast: '[data-testid="forecast-bar"]',
		owners: '[data-testid="owner-bar"]',
		scores: '[data-testid="score-table"] tbody tr',
		landscape: '[data-testid="landscape-point"]',
		ci: '[data-testid="ci-status"][data-state="done"]'
	};
	const check = () => {
		const now = performance.now();
		for (const k of Object.keys(WATCH)) {
			if (rec.seen[k] === undefined && document.querySelector(WATCH[k])) {
				rec.seen[k] = now;
				requestAnimationFrame(() => setTimeout(() => { rec.painted[k] = performance.now(); }, 0));
			}
		}
	};
	new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Rec {
	msgs: WorkerMsg[];
	workerAt: number | null;
	change: number | null;
	clicks: number[];
	seen: Record<string, number>;
	painted: Record<string, number>;
}

/** Pair worker requests and answers into logical statements. */
export function statements(msgs: WorkerMsg[]): BrowserQuery[] {
	const answer = new Map<number, WorkerMsg>();
	for (const m of msgs) if (m.dir === 'in') answer.set(m.id, m);
	const out: BrowserQuery[] = [];
	const open = new Map<number, BrowserQuery>(); // statement id → query
	const pendingCreate: BrowserQuery[] = [];
	for (const m of msgs) {
		if (m.dir !== 'out') continue;
		const a = answer.get(m.id);
		const end = a?.t ?? m.t;
		const rt = end - m.t;
		if (m.type === 'RUN_QUERY') {
			out.push({ sql: oneLine(m.sql ?? ''), start: m.t, end, engine_ms: rt, bytes: a?.bytes ?? 0 });
		} else if (m.type === 'CREATE_PREPARED') {
			const q = { sql: oneLine(m.sql ?? ''), start: m.t, end, engine_ms: rt, bytes: 0 };
			out.push(q);
			if (a?.stmt !== undefined) open.set(a.stmt, q);
			else pendingCreate.push(q);
		} else if (m.type === 'RUN_PREPARED' || m.type === 'CLOSE_PREPARED') {
			const q = (m.stmt !== undefined ? open.get(m.stmt) : undefined) ?? out[out.length - 1];
			if (!q) continue;
			q.engine_ms += rt;
			q.end = end;
			q.bytes += a?.bytes ?? 0;
		} else if (m.type === 'REGISTER_FILE_BUFFER' || m.type === 'DROP_FILE') {
			out.push({
				sql: `[${m.type}${m.bytes ? ` ${(m.bytes / 1e6).toFixed(1)} MB` : ''}]`,
				start: m.t,
				end,
				engine_ms: rt,
				bytes: 0
			});
		}
	}
	return out;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

async function rendererPids(browser: Browser): Promise<number[]> {
	const s = await browser.newBrowserCDPSession();
	try {
		const info = (await s.send('SystemInfo.getProcessInfo')) as {
			processInfo: { type: string; id: number }[];
		};
		return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
	} finally {
		await s.detach();
	}
}

/** VmRSS and VmHWM of a process, in MB (0 when it is gone). */
function procMem(pid: number): { rss: number; hwm: number } {
	try {
		const s = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
		return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
	} catch {
		return { rss: 0, hwm: 0 };
	}
}

export interface ProfileSummary {
	total_ms: number;
	/** Self time by function, largest first. */
	top: { fn: string; url: string; self_ms: number; pct: number }[];
	/** Self time by script (file) bucket. */
	byUrl: { url: string; self_ms: number }[];
}

interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
		children?: number[];
	}[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

export function summariseProfile(p: CpuProfile, top = 20): ProfileSummary {
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const self = new Map<number, number>();
	for (let i = 0; i < p.samples.length; i++) {
		const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
		self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
	}
	const fns = new Map<string, { fn: string; url: string; self_ms: number }>();
	const urls = new Map<string, number>();
	let total = 0;
	for (const [id, ms] of self) {
		const n = byId.get(id)!;
		const fn = n.callFrame.functionName || '(anonymous)';
		const url = n.callFrame.url
			.replace(/^.*\/_app\/immutable\//, '')
			.replace(/^https?:\/\/[^/]+\//, '');
		const at = `${n.callFrame.lineNumber}:${n.callFrame.columnNumber ?? 0}`;
		const key = `${fn}@${url}:${at}`;
		const e = fns.get(key) ?? { fn, url: `${url}:${at}`, self_ms: 0 };
		e.self_ms += ms;
		fns.set(key, e);
		urls.set(url || fn, (urls.get(url || fn) ?? 0) + ms);
		total += ms;
	}
	return {
		total_ms: total,
		top: [...fns.values()]
			.sort((a, b) => b.self_ms - a.self_ms)
			.slice(0, top)
			.map((e) => ({ ...e, pct: (100 * e.self_ms) / total })),
		byUrl: [...urls]
			.map(([url, self_ms]) => ({ url, self_ms }))
			.sort((a, b) => b.self_ms - a.self_ms)
			.slice(0, 12)
	};
}

export interface BrowserOptions {
	baseUrl: string;
	kind: 'pipeline' | 'survey';
	file: string;
	/** Record a CPU profile of the page's main thread during the import. */
	profile?: boolean;
	/** Chrome trace of the import (all renderer threads) written here. */
	trace?: string;
	/** esbuild bundle exposing `__olBootstrap` (survey only). */
	bootstrapBundle?: string | null;
	timeoutMs?: number;
}

export async function runBrowser(o: BrowserOptions): Promise<BrowserResult> {
	const debug = (m: string) =>
		process.env.OL_BENCH_DEBUG && process.stderr.write(`    [browser] ${m}\n`);
	const browser = await launch();
	const errors: string[] = [];
	const alerts: string[] = [];
	try {
		const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
		const page = await context.newPage();
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('crash', () => errors.push('the tab crashed'));
		await page.addInitScript({ content: INIT });
		debug('goto');
		await page.goto(`${o.baseUrl}/${o.kind}`, { waitUntil: 'networkidle' });
		debug('cdp');
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		debug('pids');
		const pids = await rendererPids(browser);
		const base = Math.max(0, ...pids.map((p) => procMem(p).rss));
		let heapPeak = 0;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				try {
					const { metrics } = (await cdp.send('Performance.getMetrics')) as {
						metrics: { name: string; value: number }[];
					};
					const h = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
					heapPeak = Math.max(heapPeak, h);
				} catch {
					/* page gone */
				}
				await new Promise((r) => setTimeout(r, 100));
			}
		})();
		if (o.profile) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
			await cdp.send('Profiler.start');
		}
		if (o.trace) {
			await browser.startTracing(page, {
				path: o.trace,
				categories: [
					'devtools.timeline',
					'v8.execute',
					'disabled-by-default-devtools.timeline',
					'blink.user_timing'
				]
			});
		}

		const input = page
			.locator(o.kind === 'pipeline' ? '[data-testid="deals-file"]' : 'input[type=file]')
			.first();
		debug('setInputFiles');
		await input.setInputFiles(o.file);
		const done =
			o.kind === 'pipeline'
				? '["kpi", "funnel", "forecast", "owners"]'
				: '["scores", "landscape", "ci"]';
		// Polled from here: waitForFunction would eval in the page, which its CSP forbids. An alert is
		// noted, not fatal (e.g. "could not be kept for the next visit"); it fails the run only when
		// nothing new is drawn for a minute after it.
		const deadline = Date.now() + (o.timeoutMs ?? 300_000);
		let lastProgress = Date.now();
		let progress = -1;
		for (;;) {
			const state = (await page.evaluate(`(() => { const r = window.__ol;
				const alerts = [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()).filter(Boolean);
				return { alerts, seen: Object.keys(r.seen).length, done: ${done}.every((k) => r.painted[k] !== undefined) }; })()`)) as {
				alerts: string[];
				seen: number;
				done: boolean;
			};
			for (const a of state.alerts) if (!alerts.includes(a)) alerts.push(a);
			if (state.done) break;
			if (state.seen !== progress) [progress, lastProgress] = [state.seen, Date.now()];
			if (state.alerts.length && Date.now() - lastProgress > 60_000)
				throw new Error(`the page says: ${state.alerts.join(' | ')}`);
			if (errors.length) throw new Error(`page error: ${errors.join(' | ')}`);
			if (Date.now() > deadline)
				throw new Error(
					`timed out waiting for the result to be drawn${state.alerts.length ? ` (${state.alerts.join(' | ')})` : ''}`
				);
			await new Promise((r) => setTimeout(r, 50));
		}
		debug('drawn');
		let profile: ProfileSummary | undefined;
		if (o.profile) {
			const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
			profile = summariseProfile(p);
		}
		if (o.trace) await browser.stopTracing();
		const importRec = (await page.evaluate('window.__ol')) as Rec;
		const importMsgs = importRec.msgs.length;
		const importText = (await page.evaluate(
			`document.querySelector('[data-testid="ci-status"]')?.textContent ?? null`
		)) as string | null;

		debug('clicks');
		const filters = o.kind === 'pipeline' ? await pipelineClicks(page) : await surveyClicks(page);

		debug('sampler stop');
		sampling = false;
		await sampler;
		const rec = (await page.evaluate('window.__ol')) as Rec;
		const marks = (await page.evaluate(`performance.getEntries()
			.filter((e) => (e.entryType === 'mark' || e.entryType === 'measure') && e.name.startsWith('ol:'))
			.map((e) => ({ name: e.name, start: e.startTime, duration: e.duration }))`)) as BrowserResult['marks'];
		debug('peak');
		const peakTab = Math.max(0, ...(await rendererPids(browser)).map((p) => procMem(p).hwm));

		const queries = statements(rec.msgs.slice(0, importMsgs));
		const t0 = rec.change ?? 0;
		const keys =
			o.kind === 'pipeline' ? ['kpi', 'funnel', 'forecast', 'owners'] : ['scores', 'landscape'];
		const painted = Math.max(...keys.map((k) => rec.painted[k]!));
		const first = o.kind === 'pipeline' ? rec.seen.kpi! : rec.seen.scores!;
		const rows = await page.evaluate(
			o.kind === 'pipeline'
				? `Number(document.querySelector('[data-testid="kpi-deals"]')?.getAttribute('data-value'))`
				: `document.querySelectorAll('[data-testid="score-table"] tbody tr').length`
		);

		const result: BrowserResult = {
			rows: typeof rows === 'number' ? rows : null,
			total_ms: painted - t0,
			first_result_ms: first - t0,
			phases: importPhases(rec, queries, first, painted),
			queries,
			filters: filters
				.map((f) => ({ ...f, ...engineIn(rec.msgs, f.from, f.to) }))
				.map(({ from: _f, to: _t, ...f }) => f),
			peak_heap_mb: heapPeak / 1024 / 1024,
			peak_tab_mb: peakTab,
			base_tab_mb: base,
			marks,
			profile,
			alerts,
			errors
		};
		if (o.kind === 'survey') {
			result.intervals_ms = (rec.painted.ci ?? NaN) - t0;
			result.phases.intervals = result.intervals_ms;
			const text = (importText ?? '').replace(/,/g, '');
			const m = /in ([\d.]+) s/.exec(text);
			if (m) result.bootstrap_ms = Number(m[1]) * 1000;
			if (o.bootstrapBundle)
				result.bootstrap_blank_ms = await browserBootstrap(browser, o.bootstrapBundle, o.file);
		}
		return result;
	} finally {
		await browser.close();
	}
}

/**
 * Import phases from the worker log: read (file → bytes, until the worker starts), wasm start,
 * main-thread checks before the copy (decode + papaparse scan + slice), copy into the worker, the
 * read_csv, everything up to the first metric query, the metric queries, and render.
 */
function importPhases(
	rec: Rec,
	queries: BrowserQuery[],
	first: number,
	painted: number
): Record<string, number> {
	const t0 = rec.change ?? 0;
	const p: Record<string, number> = {};
	const reg = queries.find((q) => q.sql.startsWith('[REGISTER_FILE_BUFFER'));
	const read = queries.find((q) => /read_csv\(/.test(q.sql));
	// The first statement of the page's metrics: pipelineMetrics' aggregates over the deals, or the
	// survey's score query (readLabels / readMatrix before it belong to preparing the tables).
	const firstMetric = queries.findIndex((q) =>
		/^WITH d AS \(SELECT \* FROM "pipeline_all"|^WITH r AS \(/.test(q.sql)
	);
	const lastQ = queries[queries.length - 1];
	const setupEnd = reg
		? Math.max(
				...rec.msgs.filter((m) => m.dir === 'in' && m.t <= reg.start).map((m) => m.t),
				rec.workerAt ?? t0
			)
		: t0;
	if (rec.workerAt !== null && rec.workerAt >= t0) {
		p.read_file = rec.workerAt - t0;
		p.wasm_start = setupEnd - rec.workerAt;
	} else p.read_file = 0;
	if (reg) {
		p.js_checks = reg.start - Math.max(setupEnd, t0);
		p.copy_to_worker = reg.end - reg.start;
	}
	if (read) p.read_csv = read.engine_ms;
	if (read && firstMetric > 0) {
		const m0 = queries[firstMetric]!;
		p.load_rest = queries
			.filter(
				(q) =>
					q.start > read.end &&
					q.start < m0.start &&
					/_rejects|count\(\*\) FROM "(deals|survey)_raw"/.test(q.sql)
			)
			.reduce((s, q) => s + q.engine_ms, 0);
		const prep = queries.filter((q) => q.start > read.end && q.start < m0.start);
		p.typed = m0.start - read.end;
		p.typed_engine = prep.reduce((s, q) => s + q.engine_ms, 0);
		const metrics = queries.slice(firstMetric);
		p.metrics = (lastQ?.end ?? m0.start) - m0.start;
		p.metrics_engine = metrics.reduce((s, q) => s + q.engine_ms, 0);
		p.metrics_result_mb = metrics.reduce((s, q) => s + q.bytes, 0) / 1e6;
	}
	if (lastQ) p.render = painted - lastQ.end;
	p.first_result = first - t0;
	p.total = painted - t0;
	return p;
}

function engineIn(
	msgs: WorkerMsg[],
	from: number,
	to: number
): { engine_ms: number; queries: number; statements: { ms: number; kb: number; sql: string }[] } {
	const qs = statements(msgs.filter((m) => m.t >= from && m.t <= to));
	return {
		engine_ms: qs.reduce((s, q) => s + q.engine_ms, 0),
		queries: qs.length,
		statements: qs.map((q) => ({
			ms: Math.round(q.engine_ms),
			kb: Math.round(q.bytes / 1024),
			sql: q.sql.slice(0, 100)
		}))
	};
}

interface Click extends Omit<FilterTiming, 'engine_ms' | 'queries'> {
	from: number;
	to: number;
}

/**
 * One click and the wait for its effect, timed in the page: the click event's timestamp, the
 * mutation that makes `done` true, and a frame later; with `then`, also the mutation that makes
 * that true afterwards (survey: the bootstrap intervals).
 */
async function timedClick(
	page: Page,
	what: string,
	click: () => Promise<void>,
	done: string,
	then?: string
): Promise<Click> {
	// Not returned: evaluate would wait for the promise.
	await page.evaluate(`void (window.__olWait = new Promise((resolve) => {
		const ok = (c) => { try { return c(); } catch { return false; } };
		const first = () => (${done});
		const second = ${then ? `() => (${then})` : 'null'};
		let dom = null, paint = null;
		const finish = (later) => resolve({ dom, paint, later });
		const mo = new MutationObserver(() => {
			if (dom === null) {
				if (!ok(first)) return;
				dom = performance.now();
				requestAnimationFrame(() => setTimeout(() => {
					paint = performance.now();
					if (!second) { mo.disconnect(); finish(null); }
					else if (ok(second)) { mo.disconnect(); finish(performance.now()); }
				}, 0));
			} else if (second && paint !== null && ok(second)) {
				mo.disconnect();
				finish(performance.now());
			}
		});
		mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	}))`);
	const before = (await page.evaluate('window.__ol.clicks.length')) as number;
	if (process.env.OL_BENCH_DEBUG) process.stderr.write(`    [click] ${what}\n`);
	await click();
	const r = (await page.evaluate('window.__olWait')) as {
		dom: number;
		paint: number;
		later: number | null;
	};
	const t0 = (await page.evaluate(`window.__ol.clicks[${before}]`)) as number;
	return {
		what,
		dom_ms: r.dom - t0,
		paint_ms: r.paint - t0,
		...(r.later !== null ? { later_ms: r.later - t0 } : {}),
		from: t0,
		to: r.later ?? r.paint
	};
}

/** Owner bar on, a region on, owner off, region off — 20 changes. */
async function pipelineClicks(page: Page): Promise<Click[]> {
	const out: Click[] = [];
	const owner = await page.getByTestId('owner-bar').first().getAttribute('data-owner');
	if (!owner) throw new Error('no owner bar to click');
	const ownerSel = `[data-testid="owner-bar"][data-owner="${owner.replace(/"/g, '\\"')}"]`;
	await page.locator('label.dim select').selectOption('region');
	let region: string | null = null;
	const regionButton = (r: string) =>
		page.locator('[data-testid="breakdown"] tbody button', { hasText: r }).first();
	for (let i = 0; i < 20; i++) {
		const step = i % 4;
		if (step === 0 || step === 2) {
			const on = step === 0;
			out.push(
				await timedClick(
					page,
					`owner ${on ? 'on' : 'off'}`,
					() => page.locator(ownerSel).click(),
					`document.querySelector('${ownerSel.replace(/'/g, "\\'")}')?.getAttribute('aria-pressed') === '${on}'`
				)
			);
		} else {
			const on = step === 1;
			if (on)
				region =
					(
						await page.locator('[data-testid="breakdown"] tbody button').first().textContent()
					)?.trim() ?? null;
			if (!region) throw new Error('no region to click');
			const r = JSON.stringify(region);
			out.push(
				await timedClick(
					page,
					`region ${on ? 'on' : 'off'}`,
					() => regionButton(region!).click(),
					`[...document.querySelectorAll('[data-testid="breakdown"] tbody button')].find((b) => b.textContent.trim() === ${r})?.getAttribute('aria-pressed') === '${on}'`
				)
			);
		}
	}
	return out;
}

/**
 * Formula plain / ulwick, 20 changes; done when the results bar names the new formula (scores
 * redrawn), `later_ms` when the new bootstrap intervals are shown.
 */
async function surveyClicks(page: Page): Promise<Click[]> {
	const out: Click[] = [];
	for (let i = 0; i < 20; i++) {
		const f = i % 2 === 0 ? 'plain' : 'ulwick';
		const word = f === 'plain' ? 'Plain' : 'Ulwick';
		out.push(
			await timedClick(
				page,
				`formula ${f}`,
				() => page.locator(`input[name="formula"][value="${f}"]`).check(),
				`document.querySelector('[data-testid="results-bar"] strong')?.textContent.trim() === '${word}'`,
				`document.querySelector('[data-testid="ci-status"]')?.getAttribute('data-state') === 'done'`
			)
		);
	}
	return out;
}

/** The bootstrap on the same file's ratings, in a blank page of the same Chromium. */
async function browserBootstrap(browser: Browser, bundle: string, file: string): Promise<number> {
	const page = await browser.newPage();
	try {
		await page.addScriptTag({ content: bundle });
		const lines = readFileSync(file, 'utf8')
			.split('\n')
			.filter((l) => l.length > 0);
		const k = (lines[0]!.split(',').length - 4) / 2;
		const imp: string[] = Array.from({ length: k }, () => '');
		const sat: string[] = Array.from({ length: k }, () => '');
		const impParts: string[][] = imp.map(() => []);
		const satParts: string[][] = sat.map(() => []);
		for (const line of lines.slice(1)) {
			const c = line.split(',');
			for (let o = 0; o < k; o++) {
				impParts[o]!.push(/^[1-5]$/.test(c[4 + 2 * o]!) ? c[4 + 2 * o]! : '0');
				satParts[o]!.push(/^[1-5]$/.test(c[5 + 2 * o]!) ? c[5 + 2 * o]! : '0');
			}
		}
		const args = { imp: impParts.map((p) => p.join('')), sat: satParts.map((p) => p.join('')) };
		return (await page.evaluate(`window.__olBootstrap(${JSON.stringify(args)})`)) as number;
	} finally {
		await page.close();
	}
}

export const fileLabel = (f: string) => basename(f);
export type { CDPSession };

/**
 * Which survey layout a header row describes. Pure: header labels in, a layout (or the question
 * the user must answer) out. Never guesses silently: when two readings fit, it says so.
 */

export interface OutcomePair {
	/** Outcome key from the header (`imp_Q1` → `Q1`). */
	key: string;
	imp: number;
	sat: number;
}

export interface WideLayout {
	kind: 'wide';
	respondent: number | null;
	pairs: OutcomePair[];
	attributes: number[];
}

export interface LongLayout {
	kind: 'long';
	respondent: number;
	outcome: number;
	importance: number;
	satisfaction: number;
	attributes: number[];
}

export type Layout = WideLayout | LongLayout;

/** Several importance columns compete for one outcome: which variant (e.g. `pers` or `org`)? */
export interface VariantQuestion {
	kind: 'variant';
	variants: string[];
	/** Example columns per variant, for the question's wording. */
	examples: Record<string, string[]>;
}

export type Detection =
	| { status: 'ok'; layout: Layout; how: string }
	| { status: 'ask'; reason: string; candidates: Layout[]; variant?: VariantQuestion };

const SEP = String.raw`(?:\s*[-–_:.|/]\s*|\s+)`;
const IMP = String.raw`(?:imp|importance|wichtigkeit|bedeutung)`;
const SAT = String.raw`(?:sat|satisfaction|zufriedenheit)`;

/** Built-in wide patterns; each pair of regexes captures the outcome key in group 1. */
export const WIDE_PATTERNS: readonly { name: string; imp: RegExp; sat: RegExp }[] = [
	{
		name: 'prefix (imp_X / sat_X, Importance - X)',
		imp: new RegExp(`^${IMP}${SEP}(.+)$`, 'i'),
		sat: new RegExp(`^${SAT}${SEP}(.+)$`, 'i')
	},
	{
		name: 'suffix (X_imp / X_sat, X - Importance)',
		imp: new RegExp(`^(.+?)${SEP}${IMP}$`, 'i'),
		sat: new RegExp(`^(.+?)${SEP}${SAT}$`, 'i')
	},
	{
		name: 'bracketed (X [Importance] / X (Satisfaction))',
		imp: new RegExp(`^(.+?)\\s*[[(]${IMP}[\\])]$`, 'i'),
		sat: new RegExp(`^(.+?)\\s*[[(]${SAT}[\\])]$`, 'i')
	}
];

const RESPONDENT =
	/^(?:(?:respondent|response|resp|participant|teilnehmer(?:in)?|befragte[rn]?|user)[\s_-]*(?:id|nr|no|number|nummer|key)?|id|nr)$/i;
const OUTCOME =
	/^(?:outcome|outcome[\s_-]*(?:id|key|statement|text)|desired[\s_-]*outcome|statement|item|need|ergebnis|kriterium|aussage)$/i;
const IMPORTANCE = new RegExp(`^${IMP}(?:[\\s_-]*(?:rating|score|wert))?$`, 'i');
const SATISFACTION = new RegExp(`^${SAT}(?:[\\s_-]*(?:rating|score|wert))?$`, 'i');

const norm = (s: string) => s.replace(/\u00a0/g, ' ').trim();

/** findRespondent(['id', 'imp_Q1']) → 0. */
export function findRespondent(labels: readonly string[]): number | null {
	const i = labels.findIndex((l) => RESPONDENT.test(norm(l)));
	return i >= 0 ? i : null;
}

/** detectLong(['resp','outcome','importance','satisfaction','role']) → long layout with attributes [4]. */
export function detectLong(labels: readonly string[]): LongLayout | null {
	const find = (re: RegExp) => labels.findIndex((l) => re.test(norm(l)));
	const outcome = find(OUTCOME);
	const importance = find(IMPORTANCE);
	const satisfaction = find(SATISFACTION);
	const respondent = findRespondent(labels);
	if (outcome < 0 || importance < 0 || satisfaction < 0 || respondent === null) return null;
	const used = new Set([outcome, importance, satisfaction, respondent]);
	return {
		kind: 'long',
		respondent,
		outcome,
		importance,
		satisfaction,
		attributes: labels.map((_, i) => i).filter((i) => !used.has(i))
	};
}

interface Matches {
	imp: Map<string, number[]>;
	sat: Map<string, number>;
}

function match(labels: readonly string[], imp: RegExp, sat: RegExp): Matches {
	const m: Matches = { imp: new Map(), sat: new Map() };
	labels.forEach((raw, i) => {
		const l = norm(raw);
		const ki = imp.exec(l)?.[1];
		const ks = sat.exec(l)?.[1];
		if (ki) m.imp.set(ki.trim(), [...(m.imp.get(ki.trim()) ?? []), i]);
		else if (ks && !m.sat.has(ks.trim())) m.sat.set(ks.trim(), i);
	});
	return m;
}

/**
 * Pair importance and satisfaction columns by one pair of regexes (group 1 = outcome key).
 * Importance keys that only end in the satisfaction key (`pers_Q1` for `Q1`) are variants; when
 * more than one variant exists the caller must ask which. `variant` picks one.
 */
export function pairColumns(
	labels: readonly string[],
	imp: RegExp,
	sat: RegExp,
	variant?: string
): { pairs: OutcomePair[]; variants: Map<string, string[]> } {
	const m = match(labels, imp, sat);
	const pairs: OutcomePair[] = [];
	const variants = new Map<string, string[]>();
	for (const [key, s] of m.sat) {
		const exact = m.imp.get(key);
		if (exact?.length === 1) {
			pairs.push({ key, imp: exact[0]!, sat: s });
			continue;
		}
		const found: { v: string; i: number }[] = [];
		for (const [ik, cols] of m.imp) {
			for (const v of variantOf(ik, key)) for (const i of cols) found.push({ v, i });
		}
		for (const f of found) variants.set(f.v, [...(variants.get(f.v) ?? []), labels[f.i] ?? '']);
		const chosen = found.filter((f) => f.v === variant);
		if (chosen.length === 1) pairs.push({ key, imp: chosen[0]!.i, sat: s });
		else if (found.length === 1 && variant === undefined)
			pairs.push({ key, imp: found[0]!.i, sat: s });
	}
	return { pairs: pairs.sort((a, b) => a.sat - b.sat), variants };
}

/** variantOf('pers_Q1', 'Q1') → ['pers']; variantOf('Q1_org', 'Q1') → ['org']. */
function variantOf(impKey: string, satKey: string): string[] {
	const out: string[] = [];
	const lower = impKey.toLowerCase();
	const k = satKey.toLowerCase();
	const pre = new RegExp(`^(.+?)${SEP}${escape(k)}$`, 'i').exec(lower);
	const post = new RegExp(`^${escape(k)}${SEP}(.+)$`, 'i').exec(lower);
	if (pre?.[1]) out.push(pre[1]);
	if (post?.[1]) out.push(post[1]);
	return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The wide layout for given pairs: every column not in a pair (nor the respondent id) is an attribute. */
export function wideLayout(labels: readonly string[], pairs: OutcomePair[]): WideLayout {
	const respondent = findRespondent(labels);
	const used = new Set(pairs.flatMap((p) => [p.imp, p.sat]));
	if (respondent !== null) used.add(respondent);
	return {
		kind: 'wide',
		respondent,
		pairs,
		attributes: labels.map((_, i) => i).filter((i) => !used.has(i) && !looksLikeRating(labels[i]!))
	};
}

function looksLikeRating(label: string): boolean {
	return WIDE_PATTERNS.some((p) => p.imp.test(norm(label)) || p.sat.test(norm(label)));
}

/** Decide the layout from header labels, or say what to ask. */
export function detectLayout(labels: readonly string[], variant?: string): Detection {
	const long = detectLong(labels);
	const wides: { layout: WideLayout; how: string }[] = [];
	let question: VariantQuestion | undefined;
	for (const p of WIDE_PATTERNS) {
		const { pairs, variants } = pairColumns(labels, p.imp, p.sat, variant);
		if (variants.size > 1 && variant === undefined) {
			question = {
				kind: 'variant',
				variants: [...variants.keys()],
				examples: Object.fromEntries([...variants].map(([v, cols]) => [v, cols.slice(0, 3)]))
			};
		}
		if (pairs.length > 0) wides.push({ layout: wideLayout(labels, pairs), how: `wide, ${p.name}` });
	}
	if (question) {
		return {
			status: 'ask',
			reason: `Several importance columns fit one outcome (${question.variants.join(', ')}). Choose which importance to use.`,
			candidates: wides.map((w) => w.layout),
			variant: question
		};
	}
	const best = wides.sort((a, b) => b.layout.pairs.length - a.layout.pairs.length)[0];
	if (long && best) {
		return {
			status: 'ask',
			reason: 'The header fits both a long and a wide layout. Choose one.',
			candidates: [long, best.layout]
		};
	}
	if (long) return { status: 'ok', layout: long, how: 'long (one row per respondent × outcome)' };
	if (best) return { status: 'ok', layout: best.layout, how: best.how };
	return {
		status: 'ask',
		reason:
			'No importance/satisfaction columns were recognised. Give two patterns whose first group is the outcome, or pick the long-layout columns.',
		candidates: []
	};
}

/** User-given patterns: customLayout(labels, '^I_(.+)$', '^S_(.+)$'). Errors as values. */
export function customLayout(
	labels: readonly string[],
	impPattern: string,
	satPattern: string
): { ok: true; layout: WideLayout } | { ok: false; error: string } {
	let imp: RegExp, sat: RegExp;
	try {
		imp = new RegExp(impPattern, 'i');
		sat = new RegExp(satPattern, 'i');
	} catch (e) {
		return { ok: false, error: `Invalid pattern: ${e instanceof Error ? e.message : String(e)}` };
	}
	const { pairs } = pairColumns(labels, imp, sat);
	if (pairs.length === 0) {
		return {
			ok: false,
			error: 'The patterns matched no importance/satisfaction pair with the same first group.'
		};
	}
	return { ok: true, layout: wideLayout(labels, pairs) };
}

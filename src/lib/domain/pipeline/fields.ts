/**
 * Canonical deal fields, how CRM export headers map onto them, and which metrics each field enables.
 *
 * `status_kind` holds a deal's outcome as open / won / lost (Pipedrive's `Deal - Status`); it is
 * kept apart from `status`, the free-text state of the sales talks the seed data carries, and from
 * `is_won`/`is_closed` (Salesforce 0/1 flags). Any one of stage, status_kind or is_won + is_closed
 * tells won from lost. Pipedrive's `Won time` / `Lost time` are `won_date` / `lost_date`: the actual
 * end of a deal, which its `Expected close date` (→ close_date) is not.
 */

/** Strong synonyms: what real exports call exactly this field (`|`-separated, compared by matchKey). */
const STRONG = {
	id: 'Id|Opportunity ID|Opportunity-ID|OpportunityId|opportunity_id|Record ID|Deal - ID|Deal ID',
	name: 'Opportunity Name|Opportunity-Name|Deal Name|Deal - Title|Dealname|Verkaufschance',
	account:
		'Account Name|Accountname|Account|Associated Company|Deal - Organization|Company|Company Name|' +
		'Customer|Kunde|Firma|Unternehmen|Organization|Organisation',
	amount: 'Amount|Opportunity-Betrag|Betrag|Deal - Value|Deal Value|close_value|Opportunity Amount',
	currency: 'Currency|CurrencyIsoCode|Opportunity Currency|Amount Currency|Deal - Currency|Währung',
	probability:
		'Probability|Probability (%)|Wahrscheinlichkeit|Wahrscheinlichkeit (%)|Deal - Probability|' +
		'Win Probability',
	stage: 'StageName|Stage|Phase|Deal Stage|Deal - Stage|deal_stage|Sales Stage|Verkaufsphase',
	close_date:
		'CloseDate|Close Date|Schlusstermin|Deal - Expected close date|Expected Close Date|close_date',
	created_date:
		'CreatedDate|Created Date|Create Date|Erstelldatum|Deal - Deal created|engage_date|' +
		'Created|Created On|Erstellt am',
	owner:
		'Opportunity Owner|Opportunity-Inhaber|Deal owner|Deal - Owner|sales_agent|Owner|Inhaber|' +
		'Sales Rep|Vertriebsmitarbeiter',
	forecast_category: 'ForecastCategoryName|Prognosekategorie',
	is_closed: 'IsClosed|Is Closed|Closed|Geschlossen',
	is_won: 'IsWon|Is Won|Is Closed Won|Won|Gewonnen',
	status_kind: 'Deal - Status|Deal Status|Opportunity Status',
	won_date: 'Deal - Won time|Won Time|Won Date|Gewonnen am',
	lost_date: 'Deal - Lost time|Lost Time|Lost Date|Verloren am',
	budget: 'Budget|Kundenbudget|Customer Budget',
	competitor: 'Competitor|Competitors|Main Competitor(s)|Wettbewerber|Mitbewerber|Konkurrenz',
	lost_reason: 'Lost Reason|Deal - Lost reason|Loss Reason|Closed Lost Reason|Verlustgrund',
	next_step: 'NextStep|Next Step|Nächster Schritt',
	product: 'Product|Produkt|Product Name|Products|Produkte',
	region: 'Region|Territory|Sales Region|Gebiet|Vertriebsgebiet',
	industry: 'Industry|Branche|Sector|Sektor',
	expected_delivery_date: 'Liefertermin|Lieferdatum|Expected Delivery Date|Delivery Date',
	status: 'Status Gespräche|Gesprächsstatus|Sales Talk Status|Status der Verkaufsgespräche'
} satisfies Record<string, string>;

/** The canonical fields, in the order the UI lists them. */
export type Field = keyof typeof STRONG;
export const FIELDS = Object.keys(STRONG) as Field[];

/** Weak synonyms: generic or secondary names that lose to a strong one in the same file. */
const WEAK: Partial<Record<Field, string>> = {
	name: 'Name|Title|Titel',
	account: 'AccountId|Account ID',
	amount: 'Value|Wert|Revenue|Umsatz',
	owner: 'OwnerId|Owner ID',
	forecast_category: 'ForecastCategory',
	close_date: 'Closed Date|Date Closed|Closed On|Abschlussdatum',
	status_kind: 'Status',
	region: 'Country|Land'
};

/** Headers that look like a field but mean something else (HubSpot's `Date entered "<stage>"`…): never fuzzy. */
const NOT_FUZZY =
	/expectedrevenue|erwarteterumsatz|weighted|gewichtet|fiscal|laststage|lastmodified|^dateentered|^dateexited|^timein/;
const PREFIX = /^(opportunity|opportunities|opp|deal)/;

const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** matchKey('Nächster Schritt') → 'naechsterschritt'; matchKey('Probability (%)') → 'probability'. */
export function matchKey(text: string): string {
	const folded = text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => UMLAUT[c] ?? c);
	return folded.normalize('NFKD').replace(/[^a-z0-9]/g, '');
}

interface Synonym {
	field: Field;
	key: string;
	score: 4 | 3;
}

const SYNONYMS: Synonym[] = FIELDS.flatMap((field) => [
	...STRONG[field].split('|').map((s) => ({ field, key: matchKey(s), score: 4 as const })),
	...(WEAK[field] ?? '')
		.split('|')
		.flatMap((s) => (s ? [{ field, key: matchKey(s), score: 3 as const }] : []))
]);

/** Every synonym key with its field, for checks: no key may name two fields. */
export function synonymKeys(): { field: Field; key: string }[] {
	return SYNONYMS.map(({ field, key }) => ({ field, key }));
}

interface Match {
	field: Field;
	score: number;
}

/**
 * The one field a header names, scored 4 strong / 3 weak exact, 2 exact after dropping a
 * `Deal`/`Opportunity` prefix, 1 containing a synonym of ≥ 5 letters (the longest wins):
 * headerMatch('Amount (EUR)') → { field: 'amount', score: 1 }. Null when none or a tie.
 */
export function headerMatch(header: string): Match | null {
	const key = matchKey(header);
	if (key === '') return null;
	const exact = SYNONYMS.filter((s) => s.key === key);
	if (exact.length > 0) {
		const top = Math.max(...exact.map((s) => s.score));
		return single(
			exact.filter((s) => s.score === top),
			top
		);
	}
	if (NOT_FUZZY.test(key)) return null;
	const stripped = key.replace(PREFIX, '');
	const prefixed = SYNONYMS.filter((s) => stripped !== key && s.key === stripped);
	if (prefixed.length > 0) return single(prefixed, 2);
	const inside = SYNONYMS.filter((s) => s.key.length >= 5 && key.includes(s.key));
	const longest = Math.max(0, ...inside.map((s) => s.key.length));
	return single(
		inside.filter((s) => s.key.length === longest),
		1
	);
}

function single(found: Synonym[], score: number): Match | null {
	const fields = new Set(found.map((s) => s.field));
	const [field] = fields;
	return fields.size === 1 && field !== undefined ? { field, score } : null;
}

export type Mapping = Partial<Record<Field, number>>;

export interface AutoMapResult {
	mapping: Mapping;
	/** Two or more headers name the field equally well: ask, do not guess. */
	ambiguous: { field: Field; candidates: number[] }[];
	/** Headers neither mapped nor among an ambiguous field's candidates. */
	unmapped: number[];
}

/**
 * Map header positions to fields; a header names at most one field, the best-scoring header wins:
 * autoMap(['Opportunity-Name', 'Phase', 'Betrag', 'Betrag']) → name 0, stage 1, amount ambiguous [2, 3].
 */
export function autoMap(headers: readonly string[]): AutoMapResult {
	const matches = headers.map(headerMatch);
	const result: AutoMapResult = { mapping: {}, ambiguous: [], unmapped: [] };
	for (const field of FIELDS) {
		const scored = matches.flatMap((m, i) => (m?.field === field ? [{ i, score: m.score }] : []));
		const top = Math.max(0, ...scored.map((s) => s.score));
		const best = scored.filter((s) => s.score === top).map((s) => s.i);
		if (best.length === 1) result.mapping[field] = best[0];
		else if (best.length > 1) result.ambiguous.push({ field, candidates: best });
	}
	const used = new Set([
		...Object.values(result.mapping),
		...result.ambiguous.flatMap((a) => a.candidates)
	]);
	result.unmapped = headers.flatMap((_, i) => (used.has(i) ? [] : [i]));
	return result;
}

/** How a field's raw text becomes a value (text fields stay as written). */
export type FieldKind = 'text' | 'number' | 'probability' | 'date' | 'flag';
const KINDS: [FieldKind, readonly Field[]][] = [
	['number', ['amount', 'budget']],
	['probability', ['probability']],
	['date', ['close_date', 'created_date', 'won_date', 'lost_date', 'expected_delivery_date']],
	['flag', ['is_closed', 'is_won']]
];

/** fieldKind('amount') → 'number'; fieldKind('stage') → 'text'. */
export function fieldKind(field: Field): FieldKind {
	return KINDS.find(([, fields]) => fields.includes(field))?.[0] ?? 'text';
}

export type Metric =
	| 'funnel'
	| 'win_rate'
	| 'win_rate_value'
	| 'weighted_pipeline'
	| 'forecast'
	| 'forecast_category'
	| 'cycle_time'
	| 'aging';

export interface MetricRequirement {
	metric: Metric;
	/** Every group needs one of its fields mapped (an AND of ORs). */
	needs: readonly (readonly Field[])[];
	reason: string;
}

/** Won vs lost: a stage (via the dictionary), a deal status, or both flags. */
const OUTCOME: readonly (readonly Field[])[] = [
	['stage', 'status_kind', 'is_won'],
	['stage', 'status_kind', 'is_closed']
];
const OPEN: readonly Field[] = ['stage', 'status_kind', 'is_closed'];

export const METRIC_REQUIREMENTS: readonly MetricRequirement[] = [
	{
		metric: 'funnel',
		needs: [['stage']],
		reason: 'The funnel counts deals per stage: map a stage column.'
	},
	{
		metric: 'win_rate',
		needs: OUTCOME,
		reason:
			'Win rate needs won and lost deals: map a stage, a deal status, or the won and closed flags.'
	},
	{
		metric: 'win_rate_value',
		needs: [...OUTCOME, ['amount']],
		reason: 'Win rate by value also needs an amount.'
	},
	{
		metric: 'weighted_pipeline',
		needs: [['amount'], ['probability', 'stage'], OPEN],
		reason:
			'Weighted pipeline is Σ amount × probability of open deals: map an amount, and a probability or a stage.'
	},
	{
		metric: 'forecast',
		needs: [['close_date'], ['amount']],
		reason: 'The forecast sums amounts by close month: map a close date and an amount.'
	},
	{
		metric: 'forecast_category',
		needs: [['close_date'], ['amount'], ['forecast_category', 'stage']],
		reason: 'Forecast by category also needs a forecast category or a stage.'
	},
	{
		metric: 'cycle_time',
		needs: [['created_date'], ['close_date', 'won_date', 'lost_date']],
		reason: 'Cycle time runs from creation to close: map a created date and a close date.'
	},
	{
		metric: 'aging',
		needs: [['created_date'], OPEN],
		reason: 'Aging measures open deals since creation: map a created date and a stage or status.'
	}
];

/**
 * Metrics the mapping cannot compute, with why:
 * disabledMetrics({ stage: 0 }) → weighted_pipeline, forecast, … (no amount); not funnel or win_rate.
 */
export function disabledMetrics(
	mapping: Mapping
): { metric: Metric; reason: string; missing: Field[][] }[] {
	return METRIC_REQUIREMENTS.flatMap(({ metric, needs, reason }) => {
		const missing = needs.filter((group) => !group.some((f) => mapping[f] !== undefined));
		return missing.length > 0 ? [{ metric, reason, missing: missing.map((g) => [...g]) }] : [];
	});
}

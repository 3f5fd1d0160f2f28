import { describe, expect, it } from 'vitest';
import {
	autoMap,
	disabledMetrics,
	fieldKind,
	FIELDS,
	headerMatch,
	matchKey,
	synonymKeys,
	type Mapping
} from './fields';

describe('matchKey', () => {
	it('ignores case, punctuation, spaces and umlaut spelling', () => {
		expect(matchKey('Nächster Schritt')).toBe('naechsterschritt');
		expect(matchKey('Na\u0308chster Schritt')).toBe('naechsterschritt'); // decomposed ä
		expect(matchKey('Probability (%)')).toBe('probability');
		expect(matchKey('Deal - Expected close date')).toBe('dealexpectedclosedate');
	});
});

describe('synonyms', () => {
	it('no header text names two fields', () => {
		const owner = new Map<string, string>();
		for (const { field, key } of synonymKeys()) {
			expect(owner.get(key) ?? field, key).toBe(field);
			owner.set(key, field);
		}
	});
	it('every field has a synonym', () => {
		const named = new Set(synonymKeys().map((s) => s.field));
		expect(FIELDS.filter((f) => !named.has(f))).toEqual([]);
	});
});

/** Headers separated by `|`. */
const list = (headers: string) => headers.split('|');
/** The expected field per header position, `-` for none: 'id - name' → { id: 0, name: 2 }. */
const byPosition = (fields: string) =>
	Object.fromEntries(
		fields
			.split(' ')
			.map((f, i) => [f, i] as const)
			.filter(([f]) => f !== '-')
	);

describe('autoMap on real export headers', () => {
	it('Salesforce Data Export', () => {
		const r = autoMap(
			list(
				'Id|AccountId|Name|StageName|Amount|Probability|ExpectedRevenue|CloseDate|Type|NextStep|' +
					'LeadSource|IsClosed|IsWon|ForecastCategory|ForecastCategoryName|OwnerId|CreatedDate|' +
					'LastStageChangeDate|FiscalYear|FiscalQuarter'
			)
		);
		// ForecastCategoryName (strong) beats ForecastCategory (weak); ExpectedRevenue is
		// amount × probability, not the amount; LastStageChangeDate is no stage
		expect(r.mapping).toEqual(
			byPosition(
				'id account name stage amount probability - close_date - next_step - is_closed is_won - ' +
					'forecast_category owner created_date - - -'
			)
		);
		expect(r.ambiguous).toEqual([]);
		expect(r.unmapped).toEqual([6, 8, 10, 13, 17, 18, 19]);
	});
	it('Salesforce report, English', () => {
		const r = autoMap(
			list(
				'Opportunity Name|Account Name|Stage|Amount|Probability (%)|Close Date|Created Date|Age|' +
					'Forecast Category|Opportunity Owner|Next Step|Opportunity ID'
			)
		);
		expect(r.mapping).toEqual(
			byPosition(
				'name account stage amount probability close_date created_date - forecast_category owner next_step id'
			)
		);
		expect(r.unmapped).toEqual([7]);
	});
	it('Salesforce report, German, with the seed fields', () => {
		const r = autoMap(
			list(
				'Opportunity-Name|Accountname|Phase|Opportunity-Betrag|Wahrscheinlichkeit (%)|Schlusstermin|' +
					'Erstelldatum|Opportunity-Inhaber|Nächster Schritt|Prognosekategorie|Opportunity-ID|Budget|' +
					'Wettbewerber|Produkt|Region|Branche|Liefertermin|Status Gespräche|Verlustgrund'
			)
		);
		expect(r.mapping).toEqual(
			byPosition(
				'name account stage amount probability close_date created_date owner next_step ' +
					'forecast_category id budget competitor product region industry expected_delivery_date ' +
					'status lost_reason'
			)
		);
		expect(r.unmapped).toEqual([]);
	});
	it('HubSpot', () => {
		const r = autoMap(
			list(
				'Record ID|Deal Name|Deal Stage|Amount|Close Date|Create Date|Deal owner|Pipeline|' +
					'Associated Company|Date entered "Closed Won (Sales Pipeline)"'
			)
		);
		expect(r.mapping).toEqual(
			byPosition('id name stage amount close_date created_date owner - account -')
		);
		expect(r.unmapped).toEqual([7, 9]); // "Date entered …" must not become is_closed
	});
	it('Pipedrive: Deal - Status is the open/won/lost status_kind', () => {
		const r = autoMap(
			list(
				'Deal - ID|Deal - Title|Deal - Organization|Deal - Value|Deal - Currency|Deal - Stage|' +
					'Deal - Status|Deal - Owner|Deal - Deal created|Deal - Won time|Deal - Lost time|' +
					'Deal - Lost reason|Deal - Expected close date|Deal - Probability'
			)
		);
		expect(r.mapping).toEqual(
			byPosition(
				'id name account amount currency stage status_kind owner created_date won_date lost_date ' +
					'lost_reason close_date probability'
			)
		);
	});
	it('generic snake_case (CRM sales opportunities sample)', () => {
		const r = autoMap(
			list(
				'opportunity_id|sales_agent|product|account|deal_stage|engage_date|close_date|close_value'
			)
		);
		expect(r.mapping).toEqual(
			byPosition('id owner product account stage created_date close_date amount')
		);
	});
});

describe('autoMap rules', () => {
	it('two equal matches are ambiguous, not guessed', () => {
		expect(autoMap(['Betrag', 'Opportunity-Betrag'])).toEqual({
			mapping: {},
			ambiguous: [{ field: 'amount', candidates: [0, 1] }],
			unmapped: []
		});
		expect(autoMap(['Amount (EUR)', 'Amount (USD)']).ambiguous).toEqual([
			{ field: 'amount', candidates: [0, 1] }
		]);
	});
	it('exact beats prefixed beats contained; strong beats weak', () => {
		expect(autoMap(['Amount (EUR)', 'Amount']).mapping).toEqual({ amount: 1 });
		expect(autoMap(['Value', 'Amount'])).toMatchObject({ mapping: { amount: 1 }, unmapped: [0] });
		expect(headerMatch('Opp Owner')).toEqual({ field: 'owner', score: 2 });
		expect(headerMatch('Amount (EUR)')).toEqual({ field: 'amount', score: 1 });
		expect(headerMatch('Betrag')).toEqual({ field: 'amount', score: 4 });
		expect(headerMatch('Revenue')).toEqual({ field: 'amount', score: 3 });
	});
	it('case, spacing and punctuation do not matter', () => {
		expect(autoMap(['  close date ', 'STAGE_NAME', 'probability-%']).mapping).toEqual({
			close_date: 0,
			stage: 1,
			probability: 2
		});
	});
	it('a header maps to at most one field; blanks and unknowns stay unmapped', () => {
		// 'Is Closed Won' is an exact is_won synonym, though it contains 'isclosed'
		expect(autoMap(['Is Closed Won', '', 'Farbe'])).toEqual({
			mapping: { is_won: 0 },
			ambiguous: [],
			unmapped: [1, 2]
		});
	});
});

describe('fieldKind', () => {
	it('says how a field is read', () => {
		expect(FIELDS.map((f) => [f, fieldKind(f)]).filter(([, k]) => k !== 'text')).toEqual([
			['amount', 'number'],
			['probability', 'probability'],
			['close_date', 'date'],
			['created_date', 'date'],
			['is_closed', 'flag'],
			['is_won', 'flag'],
			['won_date', 'date'],
			['lost_date', 'date'],
			['budget', 'number'],
			['expected_delivery_date', 'date']
		]);
	});
});

describe('disabledMetrics', () => {
	const names = (m: Mapping) => disabledMetrics(m).map((d) => d.metric);
	it('a full German report enables everything', () => {
		const all: Mapping = { stage: 0, amount: 1, probability: 2, close_date: 3, created_date: 4 };
		expect(disabledMetrics(all)).toEqual([]);
	});
	it('a stage alone gives the funnel and the win rate by count', () => {
		expect(names({ stage: 0 })).toEqual([
			'win_rate_value',
			'weighted_pipeline',
			'forecast',
			'forecast_category',
			'cycle_time',
			'aging'
		]);
	});
	it('is_won alone cannot tell lost from open', () => {
		const [win] = disabledMetrics({ is_won: 0, amount: 1 }).filter((d) => d.metric === 'win_rate');
		expect(win?.missing).toEqual([['stage', 'status_kind', 'is_closed']]);
		expect(win?.reason).toMatch(/won and lost/);
		expect(names({ is_won: 0, is_closed: 1, amount: 2, probability: 3 })).toEqual([
			'funnel',
			'forecast',
			'forecast_category',
			'cycle_time',
			'aging'
		]);
	});
	it('Pipedrive cycle time can end at the won time', () => {
		expect(names({ created_date: 0, won_date: 1 })).not.toContain('cycle_time');
	});
});

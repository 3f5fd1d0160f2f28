/**
 * Text answers → ratings 1–5. Survey tools export the label the respondent saw ("Very important",
 * "Sehr zufrieden", "5 - Extremely important") instead of the number, and the same label sits at
 * different points of different 5-point scales, so a column is mapped as a whole: its distinct labels
 * pick the scale they come from.
 *
 * Scales known (each 5 points, 1 = lowest; synonyms on one point separated by |):
 *
 * English importance
 * - `en-importance-unipolar` (Vagias; SurveyMonkey): not at all important | not important at all ·
 *   slightly important | not so important | not very important | low importance · moderately
 *   important | somewhat important · very important · extremely important
 * - `en-importance-bipolar`: very unimportant | not at all important · unimportant | somewhat
 *   unimportant · neither important nor unimportant | neutral · important | somewhat important ·
 *   very important
 * - `en-importance-plain`: not important · slightly important · moderately important · important ·
 *   very important
 *
 * English satisfaction
 * - `en-satisfaction-bipolar` (Qualtrics default): very | extremely | completely dissatisfied ·
 *   dissatisfied | somewhat dissatisfied · neither satisfied nor dissatisfied | neutral · satisfied |
 *   somewhat satisfied · very | extremely | completely satisfied
 * - `en-satisfaction-unipolar` (Vagias; SurveyMonkey): not at all satisfied · slightly satisfied | not
 *   so satisfied | not very satisfied · moderately satisfied | somewhat satisfied · very satisfied ·
 *   extremely satisfied
 *
 * German importance
 * - `de-importance-unipolar` (the English unipolar scale translated, as ODI questionnaires do):
 *   überhaupt nicht wichtig | gar nicht wichtig · weniger wichtig | wenig wichtig | eher unwichtig ·
 *   mittelmäßig wichtig | teils/teils | einigermaßen wichtig · sehr wichtig · äußerst wichtig |
 *   extrem wichtig
 * - `de-importance-bipolar`: völlig unwichtig | sehr unwichtig | überhaupt nicht wichtig · unwichtig |
 *   eher unwichtig · teils/teils | weder noch | neutral · wichtig | eher wichtig · sehr wichtig
 * - `de-importance-rohrmann` (Rohrmann's unipolar wording): nicht wichtig · wenig wichtig ·
 *   mittelmäßig wichtig · ziemlich wichtig · sehr wichtig
 *
 * German satisfaction
 * - `de-satisfaction-bipolar`: sehr unzufrieden | völlig unzufrieden · unzufrieden | eher unzufrieden ·
 *   teils/teils | weder noch | neutral | weder zufrieden noch unzufrieden · zufrieden | eher zufrieden ·
 *   sehr zufrieden | völlig zufrieden
 * - `de-satisfaction-unipolar`: überhaupt nicht zufrieden | gar nicht zufrieden · wenig zufrieden |
 *   weniger zufrieden · mittelmäßig zufrieden · ziemlich zufrieden · sehr zufrieden
 * - `de-satisfaction-extreme` (the English unipolar scale translated): überhaupt nicht zufrieden ·
 *   weniger zufrieden · teils/teils · sehr zufrieden · äußerst zufrieden | extrem zufrieden
 *
 * Labels whose point differs between scales: "very important" (4 in unipolar, 5 in bipolar/plain),
 * "somewhat important" (3 / 4), "very satisfied" (5 bipolar / 4 unipolar), "somewhat satisfied"
 * (4 / 3), "sehr wichtig" (4 when the column also has "äußerst wichtig", else 5), "sehr zufrieden"
 * (4 only beside "äußerst/extrem zufrieden"). "Wichtig" alone is 4 (bipolar). A column settles its
 * scale by the scale covering most of its labels; when scales tie and disagree the label is mapped by
 * the first scale in the list above and also reported in `ambiguous`.
 */

/** Clean a label for matching: NBSP and other spaces → one space, trimmed, lower case, NFC, ß → ss. */
export function normalizeLabel(raw: string): string {
	return raw
		.normalize('NFC')
		.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/\s*\/\s*/g, '/')
		.replace(/[.!]+$/, '');
}

type Scale = { name: string; points: readonly (readonly string[])[] };

const SCALES: readonly Scale[] = [
	{
		name: 'en-importance-unipolar',
		points: [
			['not at all important', 'not important at all'],
			['slightly important', 'not so important', 'not very important', 'low importance'],
			['moderately important', 'somewhat important'],
			['very important'],
			['extremely important']
		]
	},
	{
		name: 'en-importance-bipolar',
		points: [
			['very unimportant', 'not at all important'],
			['unimportant', 'somewhat unimportant'],
			['neither important nor unimportant', 'neutral'],
			['important', 'somewhat important'],
			['very important']
		]
	},
	{
		name: 'en-importance-plain',
		points: [
			['not important'],
			['slightly important'],
			['moderately important'],
			['important'],
			['very important']
		]
	},
	{
		name: 'en-satisfaction-bipolar',
		points: [
			['very dissatisfied', 'extremely dissatisfied', 'completely dissatisfied'],
			['dissatisfied', 'somewhat dissatisfied'],
			['neither satisfied nor dissatisfied', 'neither dissatisfied nor satisfied', 'neutral'],
			['satisfied', 'somewhat satisfied'],
			['very satisfied', 'extremely satisfied', 'completely satisfied']
		]
	},
	{
		name: 'en-satisfaction-unipolar',
		points: [
			['not at all satisfied'],
			['slightly satisfied', 'not so satisfied', 'not very satisfied'],
			['moderately satisfied', 'somewhat satisfied'],
			['very satisfied'],
			['extremely satisfied']
		]
	},
	{
		name: 'de-importance-unipolar',
		points: [
			['überhaupt nicht wichtig', 'gar nicht wichtig'],
			['weniger wichtig', 'wenig wichtig', 'eher unwichtig'],
			['mittelmässig wichtig', 'teils/teils', 'einigermassen wichtig'],
			['sehr wichtig'],
			['äusserst wichtig', 'extrem wichtig']
		]
	},
	{
		name: 'de-importance-bipolar',
		points: [
			['völlig unwichtig', 'sehr unwichtig', 'überhaupt nicht wichtig'],
			['unwichtig', 'eher unwichtig'],
			['teils/teils', 'weder noch', 'neutral'],
			['wichtig', 'eher wichtig'],
			['sehr wichtig']
		]
	},
	{
		name: 'de-importance-rohrmann',
		points: [
			['nicht wichtig'],
			['wenig wichtig'],
			['mittelmässig wichtig'],
			['ziemlich wichtig'],
			['sehr wichtig']
		]
	},
	{
		name: 'de-satisfaction-bipolar',
		points: [
			['sehr unzufrieden', 'völlig unzufrieden'],
			['unzufrieden', 'eher unzufrieden'],
			['teils/teils', 'weder noch', 'neutral', 'weder zufrieden noch unzufrieden'],
			['zufrieden', 'eher zufrieden'],
			['sehr zufrieden', 'völlig zufrieden']
		]
	},
	{
		name: 'de-satisfaction-unipolar',
		points: [
			['überhaupt nicht zufrieden', 'gar nicht zufrieden'],
			['wenig zufrieden', 'weniger zufrieden'],
			['mittelmässig zufrieden'],
			['ziemlich zufrieden'],
			['sehr zufrieden']
		]
	},
	{
		name: 'de-satisfaction-extreme',
		points: [
			['überhaupt nicht zufrieden'],
			['weniger zufrieden'],
			['teils/teils'],
			['sehr zufrieden'],
			['äusserst zufrieden', 'extrem zufrieden']
		]
	}
];

/** Point (1–5) of each label in each scale. */
const SCALE_INDEX: readonly Map<string, number>[] = SCALES.map(
	(s) => new Map(s.points.flatMap((labels, i) => labels.map((l) => [l, i + 1] as const)))
);

/** Answers that mean "no rating": mapped to missing, never to a number. */
const NON_ANSWERS = new Set([
	"don't know",
	'dont know',
	'do not know',
	'not applicable',
	'n/a',
	'na',
	'prefer not to say',
	'prefer not to answer',
	'no answer',
	'no opinion',
	'weiss nicht',
	'keine angabe',
	'k.a',
	'k. a',
	'nicht zutreffend',
	'trifft nicht zu',
	'kann ich nicht beurteilen',
	'-',
	'—'
]);

/** "5 - Extremely important", "5 = …", "5. …", "5: …", "(5) …", "… (5)" → number and rest. */
function splitNumber(label: string): { number: number | null; text: string } {
	const lead = /^\(?([+-]?\d+(?:[.,]0+)?)\)?(?:\s*[-–—=:.)]\s*|\s+|$)(\D.*)?$/.exec(label);
	if (lead) return { number: Number(lead[1]!.replace(',', '.')), text: (lead[2] ?? '').trim() };
	const trail = /^(.*\D)\s*\((\d+)\)$/.exec(label);
	if (trail) return { number: Number(trail[2]), text: trail[1]!.trim() };
	return { number: null, text: label };
}

export interface LabelMapping {
	/** Raw distinct value → rating 1–5. */
	mapping: Map<string, number>;
	/** Raw values that could not be mapped: ask the user. */
	unknown: string[];
	/** Raw values meaning "no answer" ("Don't know", "Keine Angabe", "N/A"): missing, not unknown. */
	missing: string[];
	/** Raw values mapped by the default scale because the column did not settle which scale it uses. */
	ambiguous: string[];
	/** The scale that covers most labels (null when no text label was recognised). */
	scale: string | null;
}

/**
 * Map a column's distinct answers to 1–5, deciding the scale from all of them:
 * mapLabels(['Very important', 'Extremely important', 'Slightly important']) maps 'Very important' → 4,
 * but mapLabels(['Very important', 'Important', 'Unimportant']) → 5. Plain numbers 1–5 map to
 * themselves; a leading or trailing number ("5 - Extremely important", "Very important (4)") is used
 * when the text is unknown, settles a text that sits at that point on some scale, and otherwise makes
 * the value unknown (ask). Non-answers go to `missing`; empty values are ignored (they are missing).
 */
export function mapLabels(distinctValues: Iterable<string>): LabelMapping {
	const mapping = new Map<string, number>();
	const unknown: string[] = [];
	const missing: string[] = [];
	const ambiguous: string[] = [];
	const parsed: { raw: string; number: number | null; text: string }[] = [];
	const seen = new Set<string>();
	for (const raw of distinctValues) {
		if (seen.has(raw)) continue;
		seen.add(raw);
		const label = normalizeLabel(raw);
		if (label === '') continue;
		if (NON_ANSWERS.has(label)) {
			missing.push(raw);
			continue;
		}
		parsed.push({ raw, ...splitNumber(label) });
	}
	// Coverage: how many of the column's text labels each scale knows.
	const texts = new Set(parsed.map((p) => p.text).filter((t) => t !== ''));
	const coverage = SCALE_INDEX.map((index) => [...texts].filter((t) => index.has(t)).length);
	const top = Math.max(0, ...coverage);

	// A text's point by the best-covering scale; ambiguous when equally covering scales disagree.
	const valueOf = (text: string): { value: number; ambiguous: boolean } | null => {
		let best = -1;
		for (let s = 0; s < SCALES.length; s++)
			if (SCALE_INDEX[s]!.has(text) && (best < 0 || coverage[s]! > coverage[best]!)) best = s;
		if (best < 0) return null;
		const value = SCALE_INDEX[best]!.get(text)!;
		const ambiguous = SCALE_INDEX.some(
			(index, s) => coverage[s] === coverage[best] && index.has(text) && index.get(text) !== value
		);
		return { value, ambiguous };
	};
	for (const { raw, number, text } of parsed) {
		const known = text === '' ? null : valueOf(text);
		const numberOk = number !== null && Number.isInteger(number) && number >= 1 && number <= 5;
		if (known && number !== null) {
			// An explicit number settles an ambiguous text if some scale puts the text there.
			if (numberOk && SCALE_INDEX.some((index) => index.get(text) === number))
				mapping.set(raw, number);
			else unknown.push(raw);
		} else if (known) {
			mapping.set(raw, known.value);
			if (known.ambiguous) ambiguous.push(raw);
		} else if (numberOk) mapping.set(raw, number);
		else unknown.push(raw);
	}
	const scale = top > 0 ? SCALES[coverage.indexOf(top)]!.name : null;
	return { mapping, unknown, missing, ambiguous, scale };
}

/**
 * One label on its own (no column context; ambiguous labels take the first scale's point):
 * labelValue('Sehr zufrieden') → 5, labelValue('4 - Very important') → 4, labelValue('maybe') → null.
 */
export function labelValue(raw: string): number | null {
	return mapLabels([raw]).mapping.get(raw) ?? null;
}

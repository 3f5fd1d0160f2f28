/**
 * The segment bridge: a survey attribute and a pipeline column that share values (region,
 * industry, company size, product) let the two analyses be read side by side per segment.
 */

export interface Column {
	key: string;
	label: string;
	values: (string | null)[];
}

export interface BridgeSuggestion {
	survey: string;
	pipeline: string;
	surveyLabel: string;
	pipelineLabel: string;
	/** Values found on both sides (as the survey spells them). */
	shared: string[];
	/** shared / values on either side (Jaccard). */
	overlap: number;
}

/** segmentKey(' Süd ') → 'süd'. */
export function segmentKey(v: string): string {
	return v
		.replace(/\u00a0/g, ' ')
		.trim()
		.toLocaleLowerCase('de');
}

/**
 * Pairs whose value sets overlap in at least two values and a third of their union, best first.
 * suggestBridges([{key:'c2',label:'region',values:['Nord','Süd']}], [{key:'region',label:'Region',values:['Süd','nord','Ost']}])
 * → one suggestion, shared ['Nord','Süd'], overlap 2/3.
 */
export function suggestBridges(
	survey: readonly Column[],
	pipeline: readonly Column[]
): BridgeSuggestion[] {
	const out: BridgeSuggestion[] = [];
	for (const s of survey) {
		const sv = new Map(s.values.filter((v): v is string => !!v).map((v) => [segmentKey(v), v]));
		for (const p of pipeline) {
			const pv = new Set(p.values.filter((v): v is string => !!v).map(segmentKey));
			const shared = [...sv.keys()].filter((k) => pv.has(k));
			const union = new Set([...sv.keys(), ...pv]).size;
			const overlap = union ? shared.length / union : 0;
			if (shared.length >= 2 && overlap >= 1 / 3) {
				out.push({
					survey: s.key,
					pipeline: p.key,
					surveyLabel: s.label,
					pipelineLabel: p.label,
					shared: shared.map((k) => sv.get(k)!).sort((a, b) => a.localeCompare(b, 'de')),
					overlap
				});
			}
		}
	}
	return out.sort((a, b) => b.overlap - a.overlap || b.shared.length - a.shared.length);
}

export interface BridgeRow {
	segment: string;
	respondents: number;
	under_served: number;
	top_outcome: string | null;
	top_opportunity: number | null;
	deals: number;
	open_amount: number | null;
	weighted: number | null;
	win_rate: number | null;
}

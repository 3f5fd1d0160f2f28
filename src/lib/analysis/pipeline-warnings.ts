/** Data problems behind the metrics, each as one sentence that says what is left out and what to do. */
import type { Db } from '$lib/db/db';
import type { PipelineFilter } from '$lib/domain/pipeline/types';
import { dealWarningsQuery, type MetricContext } from '$lib/sql/pipeline';
import { rows, type PipelineMeta } from './pipeline-store';

type Counts = {
	no_kind: number;
	open_no_prob: number;
	stages_no_prob: string[] | null;
	open_no_close: number;
	no_amount: number;
	negative_cycle: number;
	future_created: number;
	currencies: string[] | null;
};

const deals = (n: number, what = '') => (n === 1 ? `1 ${what}deal` : `${n} ${what}deals`);
const open = (n: number) => deals(n, 'open ');
const has = (n: number) => (n === 1 ? 'has' : 'have');

export async function metricWarnings(
	db: Db,
	filters: readonly PipelineFilter[],
	meta: PipelineMeta,
	ctx: MetricContext
): Promise<string[]> {
	const [c] = await rows<Counts>(db, dealWarningsQuery(filters));
	if (!c) return [];
	const out: string[] = [];
	if (ctx.outcome && c.no_kind > 0) {
		out.push(
			`${deals(c.no_kind)} ${has(c.no_kind)} no stage or status that tells open, won or lost; they count only in the deal total.`
		);
	}
	if (ctx.weighted && c.open_no_prob > 0) {
		const stages = (c.stages_no_prob ?? []).join(', ');
		out.push(
			`${open(c.open_no_prob)} ${has(c.open_no_prob)} no probability (${stages}) and ${c.open_no_prob === 1 ? 'is' : 'are'} left out of the weighted pipeline: give the stage a probability.`
		);
	}
	if (ctx.closeDate && c.open_no_close > 0) {
		out.push(
			`${open(c.open_no_close)} ${has(c.open_no_close)} no close date and ${c.open_no_close === 1 ? 'is' : 'are'} not in the forecast.`
		);
	}
	if (ctx.amount && c.no_amount > 0) {
		out.push(
			`${deals(c.no_amount)} (open or won) ${has(c.no_amount)} no readable amount and ${c.no_amount === 1 ? 'is' : 'are'} left out of the amount sums.`
		);
	}
	if (c.negative_cycle > 0) {
		out.push(
			`${deals(c.negative_cycle, 'won ')} ${c.negative_cycle === 1 ? 'closes' : 'close'} before ${c.negative_cycle === 1 ? 'it was' : 'they were'} created and ${c.negative_cycle === 1 ? 'is' : 'are'} left out of the cycle time.`
		);
	}
	if (c.future_created > 0) {
		out.push(
			`${open(c.future_created)} ${c.future_created === 1 ? 'was' : 'were'} created after the reference date ${meta.asOf} and ${c.future_created === 1 ? 'is' : 'are'} not in the aging.`
		);
	}
	const currencies = c.currencies ?? [];
	if (ctx.amount && currencies.length > 1) {
		out.push(
			`Amounts are in ${currencies.length} currencies (${currencies.join(', ')}) and are added as they are: filter by one currency.`
		);
	}
	return [...out, ...historyWarnings(meta)];
}

/** The history is matched by deal id (unmatched history deals are reported when it is loaded). */
function historyWarnings(meta: PipelineMeta): string[] {
	if (meta.history === null || meta.fields.id !== undefined) return [];
	return ['The stage history cannot be matched to the deals: map the deals’ id column.'];
}

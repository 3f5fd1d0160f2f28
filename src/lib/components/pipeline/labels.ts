/**
 * Translated labels for pipeline ids (fields, breakdown dimensions) and locale-aware display of the
 * ISO dates the pipeline works with. English keeps the ISO text (what the tables have always shown);
 * German shows 15.01.2027 and „Januar 2027“. Raw values stay in data attributes.
 */
import { FIELDS } from '$lib/domain/pipeline/fields';
import { locale } from '$lib/i18n/locale.svelte';
import { t, type Vars } from '$lib/i18n/t';
import { monthLabel } from './format';

const FIELD_SET = new Set<string>(FIELDS);

/** A canonical field ('close_date') or breakdown/filter column ('age_bucket', 'l1_c2') for the eye. */
export function dimensionLabel(key: string): string {
	if (FIELD_SET.has(key)) return t(`pipeline.field.${key}`);
	if (key === 'age_bucket') return t('pipeline.filters.age_bucket');
	return key.replaceAll('_', ' ');
}

/**
 * A message split around one placeholder, so markup (a <strong>) can wrap the value wherever the
 * language puts it: around('pipeline.import.join', 'file') → ['Join ', ': its column'].
 */
export function around(key: string, name: string, vars?: Vars): [string, string] {
	const MARK = '\u0000';
	const [before = '', after = ''] = t(key, { ...vars, [name]: MARK }).split(MARK);
	return [before, after];
}

const dayFormat = new Map<string, Intl.DateTimeFormat>();

/** '2027-01-15' → '2027-01-15' (en) / '15.01.2027' (de); anything else unchanged. */
export function dayLabel(iso: string, loc: string = locale.current): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (loc === 'en' || !m) return iso;
	let f = dayFormat.get(loc);
	if (!f)
		dayFormat.set(
			loc,
			(f = new Intl.DateTimeFormat(loc, {
				day: '2-digit',
				month: '2-digit',
				year: 'numeric',
				timeZone: 'UTC'
			}))
		);
	return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** '2027-01' → '2027-01' (en) / 'Januar 2027' (de). */
export function isoMonthLabel(ym: string, loc: string = locale.current): string {
	return loc === 'en' ? ym : monthLabel(loc, true)(ym);
}

import { computeReport, listReports } from '$lib/server/reports';
import type { EntryGenerator, PageServerLoad } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => listReports().map((r) => ({ name: r.name }));

export const load: PageServerLoad = async ({ params }) => ({
	report: await computeReport(params.name)
});

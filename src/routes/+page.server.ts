import { listReports } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ reports: listReports() });

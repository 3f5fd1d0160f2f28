/**
 * Prebuilt reports: each folder `data/reports/<name>/` with a `report.json` (title, description,
 * files, formula, preset, asOf) and its files (`survey.csv`, `pipeline.csv`, `history.csv`, or
 * paths under `data/` given in `files`) is computed at build time on the Node engine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import * as v from 'valibot';
import { openNodeDb } from '$lib/db/node';
import { reportFromFiles, type ReportFiles } from '$lib/analysis/report';
import type { Report } from '$lib/domain/share/report';

const DATA = resolve('data');
const ROOT = join(DATA, 'reports');

const ConfigSchema = v.strictObject({
	title: v.string(),
	description: v.optional(v.string()),
	files: v.optional(
		v.strictObject({
			survey: v.optional(v.string()),
			deals: v.optional(v.string()),
			history: v.optional(v.string())
		})
	),
	formula: v.optional(v.picklist(['ulwick', 'plain'])),
	preset: v.optional(v.picklist(['salesforce', 'hubspot', 'seed'])),
	asOf: v.pipe(v.string(), v.isoDate())
});
export type ReportConfig = v.InferOutput<typeof ConfigSchema>;

export interface ReportEntry {
	name: string;
	title: string;
	description: string;
}

function config(name: string): ReportConfig {
	const path = join(ROOT, name, 'report.json');
	const r = v.safeParse(ConfigSchema, JSON.parse(readFileSync(path, 'utf8')));
	if (!r.success)
		throw new Error(
			`${path}: ${r.issues[0]?.message ?? 'invalid'} at ${v.getDotPath(r.issues[0]!) ?? 'top level'}`
		);
	return r.output;
}

export function listReports(): ReportEntry[] {
	if (!existsSync(ROOT)) return [];
	return readdirSync(ROOT, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'report.json')))
		.map((d) => {
			const c = config(d.name);
			return { name: d.name, title: c.title, description: c.description ?? '' };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

const DEFAULT_FILES = {
	survey: 'survey.csv',
	deals: 'pipeline.csv',
	history: 'history.csv'
} as const;

/** A file of the report: the path in report.json (must stay inside data/) or the default name. */
function read(name: string, kind: keyof typeof DEFAULT_FILES, given: string | undefined) {
	const path = resolve(ROOT, name, given ?? DEFAULT_FILES[kind]);
	if (!path.startsWith(DATA + sep))
		throw new Error(`data/reports/${name}: ${kind} file must be inside data/.`);
	if (!existsSync(path)) {
		if (given) throw new Error(`data/reports/${name}: ${kind} file ${given} does not exist.`);
		return undefined;
	}
	return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
}

export async function computeReport(name: string): Promise<Report> {
	const c = config(name);
	const files: ReportFiles = {
		survey: read(name, 'survey', c.files?.survey),
		deals: read(name, 'deals', c.files?.deals),
		history: read(name, 'history', c.files?.history)
	};
	const db = await openNodeDb();
	try {
		const r = await reportFromFiles(db, files, {
			title: c.title,
			formula: c.formula,
			preset: c.preset,
			asOf: c.asOf
		});
		if (!r.ok) throw new Error(`data/reports/${name}: ${r.error}`);
		return r.report;
	} finally {
		await db.close();
	}
}

/** The command line's options (one set for every command) and its usage text. */
import type { ParseArgsConfig } from 'node:util';

export const USAGE = `Usage:
  npm run cli -- survey FILE [--importance REGEX --satisfaction REGEX] [--formula ulwick|plain|mean|topbox]
                         [--ci] [--segment COLUMN|clusters] [--weights COLUMN] [--seed N]
                         [--exclude straightliners,incomplete,duplicates] [--min-answered SHARE]
                         [--missing available|complete] [--dictionary FILE] [--json] [--report R.json]
  npm run cli -- pipeline FILE [--history FILE] [--lookup FILE:KEY …] [--preset salesforce|hubspot|seed]
                           [--as-of YYYY-MM-DD] [--date-order dmy|mdy] [--json] [--report R.json]
  npm run cli -- report [--survey FILE] [--pipeline FILE [--history FILE] [--lookup FILE:KEY …]]
                         [--out R.json] [--title TEXT] [survey and pipeline options]
  npm run cli -- inspect FILE [--json]

Every command: [--engine native|wasm] (default: native DuckDB when @duckdb/node-api is installed,
else DuckDB-wasm, the browser's engine) [--verbose] (engine, time and peak memory on stderr).
--report / --out write the report file the site's Report page opens (aggregates only).`;

export const ARG_OPTIONS = {
	json: { type: 'boolean', default: false },
	formula: { type: 'string', default: 'ulwick' },
	importance: { type: 'string' },
	satisfaction: { type: 'string' },
	ci: { type: 'boolean', default: false },
	segment: { type: 'string' },
	weights: { type: 'string' },
	exclude: { type: 'string' },
	seed: { type: 'string' },
	missing: { type: 'string' },
	dictionary: { type: 'string' },
	'min-answered': { type: 'string' },
	history: { type: 'string' },
	lookup: { type: 'string', multiple: true },
	preset: { type: 'string' },
	'as-of': { type: 'string' },
	'date-order': { type: 'string' },
	engine: { type: 'string' },
	report: { type: 'string' },
	title: { type: 'string' },
	verbose: { type: 'boolean', short: 'v' },
	survey: { type: 'string' },
	pipeline: { type: 'string' },
	out: { type: 'string', short: 'o' },
	help: { type: 'boolean', short: 'h' }
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Options only the `report` command takes. */
export const REPORT_ONLY = ['survey', 'pipeline', 'out'] as const;

/**
 * Command line: the same import and SQL as the site, on native DuckDB when it is installed
 * (`@duckdb/node-api`) or on the site's own engine (DuckDB-wasm) — `--engine native|wasm`.
 *   npm run cli -- survey FILE [--importance RE --satisfaction RE] [--formula …] [--ci] [--segment COL] … [--json] [--report R.json]
 *   npm run cli -- pipeline FILE [--history FILE] [--lookup FILE:KEY …] [--preset …] [--as-of DATE] [--json] [--report R.json]
 *   npm run cli -- report [--survey FILE] [--pipeline FILE [--history FILE]] [--out R.json]
 *   npm run cli -- inspect FILE [--json]
 */
import { parseArgs } from 'node:util';
import { ARG_OPTIONS, REPORT_ONLY, USAGE } from './args';
import { cleanUpOnSignals } from './engine';
import { runInspectGuarded } from './inspect';
import { CliError, verbose } from './io';
import { runPipeline } from './pipeline';
import { runReport } from './report';
import { runSurvey } from './survey';

async function main(argv: string[]): Promise<number> {
	cleanUpOnSignals();
	const [command, ...rest] = argv;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: ARG_OPTIONS
	});
	if (values.help || !command) {
		console.log(USAGE);
		return command ? 0 : 2;
	}
	const started = performance.now();
	const { engine, report, title } = values;
	const common = { engine, verbose: values.verbose, title };
	if (command === 'report') {
		if (positionals.length) {
			throw new CliError(`report: name the files with --survey and --pipeline.\n${USAGE}`);
		}
		const out = await runReport({
			...values,
			...common,
			asOf: values['as-of'],
			dateOrder: values['date-order'],
			out: values.out ?? report
		});
		process.stdout.write(out);
		return done(values.verbose, started);
	}
	const extra = REPORT_ONLY.find((k) => values[k] !== undefined);
	if (extra) throw new CliError(`--${extra} belongs to the report command.\n${USAGE}`);
	const file = positionals[0];
	if (!file) throw new CliError(`${command}: give a FILE.\n${USAGE}`);
	if (command === 'survey') {
		process.stdout.write(await runSurvey(file, { ...values, ...common, report }));
		return done(values.verbose, started);
	}
	if (command === 'pipeline') {
		const { json, history, lookup, preset } = values;
		const opts = {
			...common,
			json,
			history,
			lookup,
			preset,
			report,
			asOf: values['as-of'],
			dateOrder: values['date-order']
		};
		process.stdout.write(await runPipeline(file, opts));
		return done(values.verbose, started);
	}
	if (command === 'inspect') {
		const opts = { json: values.json, engine, verbose: values.verbose };
		process.stdout.write(await runInspectGuarded(file, opts));
		return done(values.verbose, started);
	}
	throw new CliError(`Unknown command "${command}".\n${USAGE}`);
}

/** With --verbose: wall time and the process's peak memory on stderr. */
function done(on: boolean | undefined, started: number): number {
	const s = (performance.now() - started) / 1000;
	const rss = process.resourceUsage().maxRSS / 1024;
	verbose(on, `time: ${s.toFixed(1)} s · peak RSS: ${rss.toFixed(0)} MB`);
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(
			e instanceof CliError ? e.message : `Error: ${e instanceof Error ? e.message : String(e)}`
		);
		process.exit(1);
	}
);

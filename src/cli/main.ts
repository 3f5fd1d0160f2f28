/**
 * Command line: the same import and SQL as the site, on the Node engine.
 *   npm run cli -- survey FILE [--importance RE --satisfaction RE] [--formula …] [--ci] [--segment COL] … [--json]
 *   npm run cli -- pipeline FILE [--history FILE] [--lookup FILE:KEY …] [--preset …] [--as-of DATE] [--json]
 *   npm run cli -- inspect FILE [--json]
 */
import { parseArgs } from 'node:util';
import { runInspectGuarded } from './inspect';
import { CliError } from './io';
import { runPipeline } from './pipeline';
import { runSurvey } from './survey';

const USAGE = `Usage:
  npm run cli -- survey FILE [--importance REGEX --satisfaction REGEX] [--formula ulwick|plain|mean|topbox]
                         [--ci] [--segment COLUMN|clusters] [--weights COLUMN] [--seed N]
                         [--exclude straightliners,incomplete,duplicates] [--min-answered SHARE]
                         [--missing available|complete] [--dictionary FILE] [--json]
  npm run cli -- pipeline FILE [--history FILE] [--lookup FILE:KEY …] [--preset salesforce|hubspot|seed]
                           [--as-of YYYY-MM-DD] [--date-order dmy|mdy] [--json]
  npm run cli -- inspect FILE [--json]`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
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
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help || !command) {
		console.log(USAGE);
		return command ? 0 : 2;
	}
	const file = positionals[0];
	if (!file) throw new CliError(`${command}: give a FILE.\n${USAGE}`);
	if (command === 'survey') {
		process.stdout.write(await runSurvey(file, values));
		return 0;
	}
	if (command === 'pipeline') {
		const { json, history, lookup, preset } = values;
		const opts = {
			json,
			history,
			lookup,
			preset,
			asOf: values['as-of'],
			dateOrder: values['date-order']
		};
		process.stdout.write(await runPipeline(file, opts));
		return 0;
	}
	if (command === 'inspect') {
		process.stdout.write(await runInspectGuarded(file, { json: values.json }));
		return 0;
	}
	throw new CliError(`Unknown command "${command}".\n${USAGE}`);
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

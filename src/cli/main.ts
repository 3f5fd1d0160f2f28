/**
 * Command line: the same import and SQL as the site, on the Node engine.
 *   npm run cli -- survey FILE [--importance RE --satisfaction RE] [--formula ulwick|plain] [--json]
 */
import { parseArgs } from 'node:util';
import { CliError } from './io';
import { runSurvey } from './survey';

const USAGE = `Usage:
  npm run cli -- survey FILE [--importance REGEX --satisfaction REGEX] [--formula ulwick|plain] [--json]`;

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

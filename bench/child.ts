/**
 * One measurement in a fresh process, so each has its own heap and peak RSS:
 *   tsx bench/child.ts native|wasm-node|peer pipeline|survey FILE [--loadcsv] [--bootstrap]
 * Prints one line `RESULT <json>` (with `max_rss_mb`, the process's peak resident memory).
 */
import { runPipelineEngine, runSurveyEngine, type EngineName } from './engine';
import { runPeer } from './peer';

const [who, kind, file, ...flags] = process.argv.slice(2);
if (!who || !file || (kind !== 'pipeline' && kind !== 'survey')) {
	console.error(
		'usage: child.ts native|wasm-node|peer pipeline|survey FILE [--loadcsv] [--bootstrap]'
	);
	process.exit(2);
}
const opts = { loadcsv: flags.includes('--loadcsv'), bootstrap: flags.includes('--bootstrap') };
const result =
	who === 'peer'
		? await runPeer(kind, file)
		: kind === 'pipeline'
			? await runPipelineEngine(who as EngineName, file, opts)
			: await runSurveyEngine(who as EngineName, file, opts);
const max_rss_mb = process.resourceUsage().maxRSS / 1024;
console.log(`RESULT ${JSON.stringify({ ...result, max_rss_mb })}`);
process.exit(0);

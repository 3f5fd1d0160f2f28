/** Outcome statements share a wordy stem ("Minimize the time it takes to …"); charts show the rest. */

const VERB = /^(minimi[sz]e|maximi[sz]e|reduce|increase|decrease|improve|lower)\s+the\s+/i;
const FILLER = /^((?:\w+\s+){0,2}\w+)\s+(it takes|needed|required)\s+to\s+/i;

/** shortLabel('Minimize the time it takes to log a call') → 'Time to log a call'. */
export function shortLabel(label: string): string {
	if (!VERB.test(label)) return label;
	const rest = label.replace(VERB, '').replace(FILLER, '$1 to ');
	return rest.charAt(0).toUpperCase() + rest.slice(1);
}

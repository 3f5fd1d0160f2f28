/**
 * Survey-tool exports carry more than one header row. Qualtrics writes three (column ids, question
 * text, `{"ImportId":…}`); SurveyMonkey two (question, then sub-question or answer option, the
 * question written only above the first column of a matrix). This reads the first records, says
 * how many header rows there are, and gives every column a label the layout detection understands:
 * a matrix row under "How important is…" becomes `Importance - <statement>`, so outcome statements
 * come from the question text.
 */
import Papa from 'papaparse';
import { labelValue } from '$lib/domain/rating-labels';
import { decodeBytes } from './decode';
import { detectHeaderRows, guessDelimiter, splitSepLine } from './sniff';

export type SurveyTool = 'qualtrics' | 'surveymonkey' | 'plain';
export const SURVEY_TOOL_LABEL: Record<SurveyTool, string> = {
	qualtrics: 'Qualtrics export (3 header rows)',
	surveymonkey: 'SurveyMonkey export (2 header rows)',
	plain: 'one header row'
};

export type Side = 'importance' | 'satisfaction';

export interface SurveyColumn {
	/** First header row as written (Qualtrics: the column id). */
	id: string;
	/** Question text (SurveyMonkey: carried over from the matrix's first column). */
	question: string;
	/** Matrix row / sub-question (the outcome statement), when there is one. */
	sub: string | null;
	/** Which rating the question asks for, when its text says. */
	side: Side | null;
	/** What the layout detection and the UI see. */
	label: string;
}

export interface SurveyHeaders {
	tool: SurveyTool;
	headerRows: number;
}

/** NBSP (SurveyMonkey writes them) and runs of whitespace → one space, trimmed. */
export const cleanText = (s: string | undefined): string =>
	(s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();

const SM_PLACEHOLDER = /^(?:response|open-ended response|antwort|offene antwort)$/i;
const IMP = /\b(?:important|importance|wichtig|wichtigkeit|bedeutung)/i;
const SAT = /\b(?:satisf|dissatisf|zufrieden)/i;

/** sideOf('How important is each of these to you?') → 'importance'; both or neither → null. */
export function sideOf(question: string): Side | null {
	const i = IMP.test(question);
	const s = SAT.test(question);
	return i === s ? null : i ? 'importance' : 'satisfaction';
}

/**
 * Header rows from the first three records: Qualtrics by its `{"ImportId"` row; SurveyMonkey by
 * its "Respondent ID"/"Collector ID" columns, its "Response" placeholders in row 2, or a second row
 * that fills the first row's blanks with text that is neither a number nor a rating label.
 * detectSurveyHeaders([['Respondent ID', 'How important…', ''], ['', 'Speed', 'Cost'], ['1', '5', '4']])
 * → { tool: 'surveymonkey', headerRows: 2 }.
 */
export function detectSurveyHeaders(records: readonly string[][]): SurveyHeaders {
	if (detectHeaderRows(records as string[][]) === 3) return { tool: 'qualtrics', headerRows: 3 };
	const [r0 = [], r1] = records;
	if (!r1 || records.length < 3) return { tool: 'plain', headerRows: 1 };
	const first = r0.map((c) => cleanText(c).toLowerCase());
	const second = r1.map(cleanText);
	const blanks = first.map((c, i) => (i > 0 && c === '' ? i : -1)).filter((i) => i >= 0);
	const filled = blanks.filter((i) => second[i] !== '');
	const textual = second.every(
		(c) => c === '' || (!/^[+-]?\d+([.,]\d+)?$/.test(c) && labelValue(c) === null)
	);
	const smColumns = first.includes('respondent id') && first.includes('collector id');
	const placeholder = second.some((c) => SM_PLACEHOLDER.test(c));
	if (smColumns || (placeholder && textual) || (filled.length > 0 && textual))
		return { tool: 'surveymonkey', headerRows: 2 };
	return { tool: 'plain', headerRows: 1 };
}

function label(question: string, sub: string | null, side: Side | null, fallback: string): string {
	if (sub && side) return `${side === 'importance' ? 'Importance' : 'Satisfaction'} - ${sub}`;
	if (sub) return `${question} - ${sub}`;
	return question || fallback;
}

/**
 * Columns from the header records as read: Qualtrics splits the question text at its first " - "
 * ("How important…? - Minimize the time…"); SurveyMonkey carries a matrix's question to the right
 * over blank cells and takes the statement from row 2.
 */
export function surveyColumns(headers: readonly string[][], tool: SurveyTool): SurveyColumn[] {
	const [r0 = [], r1 = []] = headers;
	if (tool === 'plain') {
		return r0.map((raw) => {
			const id = cleanText(raw);
			return { id, question: id, sub: null, side: null, label: raw };
		});
	}
	let carried = '';
	return r0.map((raw, i) => {
		const id = cleanText(raw);
		const text = cleanText(r1[i]);
		if (tool === 'qualtrics') {
			const cut = text.indexOf(' - ');
			const question = cut > 0 ? text.slice(0, cut) : text;
			const sub = cut > 0 ? cleanText(text.slice(cut + 3)) || null : null;
			const side = sub ? sideOf(question) : null;
			return { id, question: question || id, sub, side, label: label(question, sub, side, id) };
		}
		if (id !== '') carried = id;
		const question = id !== '' ? id : carried;
		const sub = text !== '' && !SM_PLACEHOLDER.test(text) ? text : null;
		const side = sub ? sideOf(question) : null;
		return {
			id: question,
			question,
			sub,
			side,
			label: label(question, sub, side, `column ${i + 1}`)
		};
	});
}

/**
 * The first `count` records of a file (from its first 256 KB), parsed as the loader will: Excel's
 * `sep=` line honoured, the delimiter guessed, blank lines skipped.
 */
export function readFirstRecords(bytes: Uint8Array, count = 3): string[][] {
	const { text } = decodeBytes(bytes.subarray(0, 262144));
	const sep = splitSepLine(text);
	const delimiter = sep.delimiter ?? guessDelimiter(sep.rest);
	return Papa.parse<string[]>(sep.rest, { delimiter, preview: count, skipEmptyLines: true }).data;
}

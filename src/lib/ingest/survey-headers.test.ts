import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectSurveyHeaders, readFirstRecords, sideOf, surveyColumns } from './survey-headers';
import { detectLayout } from './survey-layout';

const fixture = (n: string) =>
	new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${n}`, import.meta.url)));

describe('survey export header rows', () => {
	it('reads a Qualtrics export: 3 header rows, statements from the question text', () => {
		const records = readFirstRecords(fixture('survey-qualtrics.csv'));
		expect(detectSurveyHeaders(records)).toEqual({ tool: 'qualtrics', headerRows: 3 });
		const cols = surveyColumns(records, 'qualtrics');
		expect(cols[7]).toMatchObject({ id: 'ResponseId', label: 'Response ID', side: null });
		expect(cols[9]!.label).toBe('What is your role?');
		expect(cols[10]).toMatchObject({
			id: 'Q2_1',
			side: 'importance',
			sub: 'Minimize the time it takes to update a deal after a meeting',
			label: 'Importance - Minimize the time it takes to update a deal after a meeting'
		});
		expect(cols[14]!.label).toBe(
			'Satisfaction - Minimize the time it takes to update a deal after a meeting'
		);
		// the synthesised labels pair up: 4 outcomes, respondent = Response ID, the rest attributes
		const d = detectLayout(cols.map((c) => c.label));
		if (d.status !== 'ok' || d.layout.kind !== 'wide') throw new Error('not wide');
		expect(d.layout.pairs.map((p) => [p.imp, p.sat])).toEqual([
			[10, 14],
			[11, 15],
			[12, 16],
			[13, 17]
		]);
		expect(d.layout.respondent).toBe(7);
		expect(d.layout.attributes).toContain(9);
		expect(d.layout.attributes).toContain(18);
	});

	it('reads a German SurveyMonkey export: 2 header rows, the question carried over a matrix', () => {
		const records = readFirstRecords(fixture('survey-surveymonkey.csv'));
		expect(detectSurveyHeaders(records)).toEqual({ tool: 'surveymonkey', headerRows: 2 });
		const cols = surveyColumns(records, 'surveymonkey');
		expect(cols[9]).toMatchObject({ label: 'Welche Rolle haben Sie?', sub: null }); // "Antwort"
		expect(cols[12]).toMatchObject({
			question: 'Wie wichtig ist Ihnen Folgendes?',
			side: 'importance',
			label: 'Importance - Die Zeit minimieren, die es dauert, die Prognose zu erstellen'
		});
		expect(cols[13]!.side).toBe('satisfaction');
		const d = detectLayout(cols.map((c) => c.label));
		if (d.status !== 'ok' || d.layout.kind !== 'wide') throw new Error('not wide');
		expect(d.layout.pairs).toHaveLength(3);
		expect(d.layout.respondent).toBe(0);
	});

	it('finds SurveyMonkey by its structure alone, and leaves plain files at one row', () => {
		const sm = [
			['id', 'How important is…', '', 'How satisfied…', ''],
			['', 'Speed', 'Cost', 'Speed', 'Cost'],
			['1', 'Very important', 'Extremely important', 'Very satisfied', 'Not at all satisfied']
		];
		expect(detectSurveyHeaders(sm).tool).toBe('surveymonkey');
		// second row is data (numbers) → plain
		expect(
			detectSurveyHeaders([
				['id', 'imp_A', ''],
				['1', '5', '4'],
				['2', '3', '']
			]).tool
		).toBe('plain');
		// second row is rating labels → data, not a header
		const labels = [
			['id', 'imp_A', ''],
			['', 'Very important', 'Slightly important'],
			['', '4', '5']
		];
		expect(detectSurveyHeaders(labels).headerRows).toBe(1);
		expect(detectSurveyHeaders([['a', 'b']]).headerRows).toBe(1);
	});

	it('tells importance from satisfaction questions in English and German', () => {
		expect(sideOf('How important is each of the following?')).toBe('importance');
		expect(sideOf('Wie zufrieden sind Sie?')).toBe('satisfaction');
		expect(sideOf('How dissatisfied are you?')).toBe('satisfaction');
		expect(sideOf('Wie wichtig ist Ihnen das?')).toBe('importance');
		expect(sideOf('What is your role?')).toBeNull();
		expect(sideOf('How important is it and how satisfied are you?')).toBeNull();
	});
});

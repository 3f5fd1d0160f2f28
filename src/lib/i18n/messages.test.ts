import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './messages';
import de from './de.json';
import { preferredLocale, setLocale } from './locale.svelte';
import { addMessages, t } from './t';

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [k, v] of Object.entries(tree)) {
		if (typeof v === 'string') out.set(prefix + k, v);
		else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
	}
	return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const EN = flatten(en as Tree);
const DE = flatten(de as Tree);

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

describe('messages', () => {
	it('has every English key in German and no German key without an English one', () => {
		expect([...DE.keys()].sort()).toEqual([...EN.keys()].sort());
		for (const [key, text] of DE) expect(text.trim(), key).not.toBe('');
	});

	it('keeps the same placeholders in both languages', () => {
		for (const [key, text] of EN)
			expect(placeholders(DE.get(key) ?? ''), key).toEqual(placeholders(text));
	});

	it('defines every key the code asks for', () => {
		const missing: string[] = [];
		for (const file of sources('src')) {
			const code = readFileSync(file, 'utf8');
			for (const m of code.matchAll(/\bt\(\s*'([a-z_]+\.[\w.]+)'|\bkey: '([a-z_]+\.[\w.]+)'/g)) {
				const key = m[1] ?? m[2] ?? '';
				if (!EN.has(key) && !EN.has(`${key}_one`) && !EN.has(`${key}_other`))
					missing.push(`${file}: ${key}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('translates, interpolates and pluralises', () => {
		expect(t('common.nav.overview')).toBe('Overview');
		expect(t('common.clear_all')).toBe('Clear all data');
		expect(t('pipeline.priorities.count', { count: 1, n: '1' })).toBe('1 open deal');
		expect(t('pipeline.priorities.count', { count: 848, n: '848' })).toBe('848 open deals');
		addMessages('de', de);
		setLocale('de', false);
		try {
			expect(t('common.nav.overview')).toBe('Übersicht');
			expect(t('load.title', { file: 'a.csv' })).toBe('a.csv wird geladen');
		} finally {
			setLocale('en', false);
		}
	});
});

describe('preferred language', () => {
	it('uses the stored choice first, then a German browser, else English', () => {
		expect(preferredLocale('de', ['en-US'])).toBe('de');
		expect(preferredLocale('en', ['de-DE'])).toBe('en');
		expect(preferredLocale(null, ['de-AT', 'en'])).toBe('de');
		expect(preferredLocale('fr', ['en-GB'])).toBe('en');
		expect(preferredLocale(null, [])).toBe('en');
	});
});

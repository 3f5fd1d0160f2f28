import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Layers import one way: domain ← (ingest, sql) ← db ← analysis ← state ← ui.
 * Each entry lists what a folder must NOT import.
 */
const layer = (files, forbidden, message) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [{ group: forbidden, message }],
				paths: files.some((f) => f.startsWith('src/lib/db'))
					? []
					: [{ name: '@duckdb/duckdb-wasm', message: 'Only src/lib/db may import DuckDB.' }]
			}
		]
	}
});

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['**/*.test.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		rules: {
			'svelte/no-at-html-tags': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	layer(
		['src/lib/domain/**'],
		['$lib/*', '!$lib/domain', '!$lib/domain/*', 'svelte', 'svelte/*', 'papaparse'],
		'domain is pure: it imports only other domain modules.'
	),
	layer(
		['src/lib/ingest/**', 'src/lib/sql/**'],
		['$lib/state/*', '$lib/analysis/*', '$lib/components/*', '$lib/charts/*', 'svelte', 'svelte/*'],
		'ingest and sql import only domain, sql helpers and db types.'
	),
	layer(
		['src/lib/db/**'],
		[
			'$lib/state/*',
			'$lib/analysis/*',
			'$lib/components/*',
			'$lib/charts/*',
			'$lib/ingest/*',
			'svelte',
			'svelte/*'
		],
		'db knows nothing above it.'
	),
	layer(
		['src/lib/analysis/**'],
		['$lib/state/*', '$lib/components/*', '$lib/charts/*', 'svelte', 'svelte/*'],
		'analysis runs SQL through a Db; it knows no UI.'
	),
	layer(
		['src/lib/state/**'],
		['$lib/components/*', '$lib/charts/*', '$lib/db/node', '$lib/db/node.ts'],
		'state must not import components or the Node engine.'
	),
	layer(
		['src/lib/charts/**'],
		['$lib/state/*', '$lib/db/*', '$lib/sql/*', '$lib/analysis/*', '$lib/ingest/*'],
		'chart marks draw what they are given; they never query.'
	),
	layer(
		['src/lib/i18n/**'],
		['$lib/state/*', '$lib/db/*', '$lib/sql/*', '$lib/analysis/*', '$lib/components/*'],
		'i18n holds words and the locale; it knows nothing of the data.'
	),
	layer(
		['src/routes/**', 'src/lib/components/**'],
		['$lib/db/node', '$lib/db/node.ts', '$lib/sql/*'],
		'UI goes through state; it never builds SQL or uses the Node engine.'
	),
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'bench/results/',
			'test-results/',
			'playwright-report/'
		]
	}
);

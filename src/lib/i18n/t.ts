/**
 * Translation. i18next resolves keys, interpolation ({{name}}) and plurals (key_one / key_other
 * via Intl.PluralRules). Reading the locale inside t() makes every template that calls it
 * re-render when the language changes.
 */
import i18next from 'i18next';
import { locale, setLocale, type Locale } from './locale.svelte';
import { deUrl, en } from './messages';

const i18n = i18next.createInstance();
void i18n.init({
	lng: 'en',
	fallbackLng: 'en',
	resources: { en: { translation: en } },
	// Svelte escapes text itself and the app never renders HTML from strings.
	interpolation: { escapeValue: false },
	initAsync: false,
	returnNull: false
});

export type Vars = Record<string, string | number>;

export function t(key: string, vars?: Vars): string {
	return i18n.t(key, { lng: locale.current, ...vars }) as string;
}

/** Add a language's messages (tests pass them directly; the browser fetches them). */
export function addMessages(lang: Locale, messages: object): void {
	i18n.addResourceBundle(lang, 'translation', messages, true, true);
}

/** Make sure a language's messages are there before switching to it. */
export async function loadMessages(lang: Locale): Promise<void> {
	if (lang === 'en' || i18n.hasResourceBundle(lang, 'translation')) return;
	const res = await fetch(deUrl);
	if (!res.ok) throw new Error(`The ${lang} messages could not be loaded (HTTP ${res.status}).`);
	addMessages(lang, (await res.json()) as object);
}

/** Load a language's messages, then switch the page to it and remember the choice. */
export async function useLocale(next: Locale, remember = true): Promise<void> {
	await loadMessages(next);
	setLocale(next, remember);
}

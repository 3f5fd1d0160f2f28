/**
 * Translation. Messages live in ./en and ./de, one JSON file per area; i18next resolves keys,
 * interpolation ({{name}}) and plurals (key_one / key_other via Intl.PluralRules). Reading the
 * locale inside t() makes every template that calls it re-render when the language changes.
 */
import i18next from 'i18next';
import { locale } from './locale.svelte';
import { de, en } from './messages';

const i18n = i18next.createInstance();
void i18n.init({
	lng: 'en',
	fallbackLng: 'en',
	resources: { en: { translation: en }, de: { translation: de } },
	// Svelte escapes text itself and the app never renders HTML from strings.
	interpolation: { escapeValue: false },
	initAsync: false,
	returnNull: false
});

export type Vars = Record<string, string | number>;

export function t(key: string, vars?: Vars): string {
	return i18n.t(key, { lng: locale.current, ...vars }) as string;
}

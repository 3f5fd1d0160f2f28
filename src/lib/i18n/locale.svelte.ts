/**
 * The UI language. English is what the prerendered pages carry; a stored choice (or a German
 * browser on the first visit) switches after hydration, so the server HTML and the first client
 * render always agree.
 */
export type Locale = 'en' | 'de';

export const LOCALES: { code: Locale; label: string }[] = [
	{ code: 'en', label: 'English' },
	{ code: 'de', label: 'Deutsch' }
];

const KEY = 'ol-locale';
let current = $state<Locale>('en');

export const locale = {
	/** Reading this in a template or $derived re-renders on a switch. */
	get current(): Locale {
		return current;
	}
};

export function isLocale(x: unknown): x is Locale {
	return x === 'en' || x === 'de';
}

/** The remembered choice, else the browser's first language when it is German. */
export function preferredLocale(stored: string | null, languages: readonly string[]): Locale {
	if (isLocale(stored)) return stored;
	return languages[0]?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Switch (the caller makes sure the messages are loaded: see useLocale in t.ts). */
export function setLocale(next: Locale, remember = true): void {
	current = next;
	if (typeof document !== 'undefined') document.documentElement.lang = next;
	if (!remember) return;
	try {
		localStorage.setItem(KEY, next);
	} catch {
		// Storage may be off (private mode); the choice then lasts for this page only.
	}
}

/** The language to start with after hydration: the remembered choice, else the browser's. */
export function startingLocale(): Locale {
	let stored: string | null = null;
	try {
		stored = localStorage.getItem(KEY);
	} catch {
		stored = null;
	}
	return preferredLocale(stored, navigator.languages ?? [navigator.language]);
}

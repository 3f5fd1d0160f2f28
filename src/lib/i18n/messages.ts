/**
 * The English messages ship with the code (the prerendered pages are English); German is a JSON
 * file fetched when first chosen, so English readers never download it. Keys are grouped by area:
 * survey.title lives under "survey" in both files. messages.test.ts checks that German has
 * exactly the English keys.
 */
import en from './en.json';
import deUrl from './de.json?url';

export { en, deUrl };
export type Messages = typeof en;

// Every page is prerendered to static HTML; data is only ever read in the browser.
export const prerender = true;
export const trailingSlash = 'never';

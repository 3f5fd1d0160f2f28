/**
 * Chart and table exports, browser only. A chart becomes a self-contained SVG built from the DOM:
 * its `<svg>` is cloned with the computed styles that matter inlined, CSS variables resolved to the
 * site's light palette (the file sits on white even when the page is dark), and the HTML legend
 * redrawn as SVG (`$lib/domain/export-svg` lays it out). The PNG is that SVG drawn on a canvas at 2×.
 * Works under the site's CSP: no eval, no inline script, images only from blob: URLs, system fonts.
 */
import { toCsv, type Cell } from '$lib/domain/csv-export';
import { CSV_BOM, exportFileName, isoDate, sourceNote } from '$lib/domain/export-file';
import {
	composeChartSvg,
	EXPORT_COLORS,
	estimateWidth,
	parseColor,
	type ExportLegendItem,
	type LegendShape,
	type Measure
} from '$lib/domain/export-svg';

export interface ChartExportOptions {
	/** The chart's title, first line of the file and base of its name. */
	title: string;
	/** The data file's name for the source note. */
	source?: string | null;
	/** The legend to draw; by default read from the HTML legend inside the frame. */
	legend?: ExportLegendItem[];
	/** Lines under the chart; by default the frame's `p.note` and `[data-export-note]` texts. */
	notes?: string[];
	/** A second heading line; by default the chart's `<figcaption>` when it differs from the title. */
	subtitle?: string;
	date?: Date;
}

export type ChartSvg = { svg: string; width: number; height: number };

// ---------------------------------------------------------------- light palette

let palette: Map<string, string> | null = null;

/** The custom properties of the top-level `:root` rules: the light theme, whatever the media say. */
function lightPalette(): Map<string, string> {
	if (palette?.size) return palette;
	const vars = new Map<string, string>();
	for (const sheet of Array.from(document.styleSheets)) {
		let rules: CSSRuleList;
		try {
			rules = sheet.cssRules;
		} catch {
			continue; // another origin's sheet: unreadable, and not ours
		}
		for (const rule of Array.from(rules)) {
			// Top level only: the dark and print variants live inside @media rules.
			if (!(rule instanceof CSSStyleRule)) continue;
			const selectors = rule.selectorText.split(',').map((s) => s.trim());
			if (!selectors.includes(':root') && !selectors.includes('html')) continue;
			for (let i = 0; i < rule.style.length; i++) {
				const name = rule.style.item(i);
				if (name.startsWith('--')) vars.set(name, rule.style.getPropertyValue(name).trim());
			}
		}
	}
	palette = vars;
	return vars;
}

/** Runs `fn` with the light palette set on `el`, so everything inside computes its light colours. */
function withLightPalette<T>(el: HTMLElement, fn: () => T): T {
	const vars = lightPalette();
	const set: [string, string][] = [
		...vars,
		['color', vars.has('--fg') ? 'var(--fg)' : EXPORT_COLORS.text],
		['color-scheme', 'light']
	];
	const saved = set.map(([k]) => [
		k,
		el.style.getPropertyValue(k),
		el.style.getPropertyPriority(k)
	]);
	for (const [k, v] of set) el.style.setProperty(k, v);
	try {
		return fn();
	} finally {
		for (const [k, v, prio] of saved) {
			if (v) el.style.setProperty(k!, v, prio);
			else el.style.removeProperty(k!);
		}
	}
}

// ---------------------------------------------------------------- styles

const PAINT = ['fill', 'stroke'] as const;
/** Property → its initial value; a property at its initial value is not written. */
const SHAPE: Record<string, string> = {
	'fill-rule': 'nonzero',
	'stroke-width': '1px',
	'stroke-dasharray': 'none',
	'stroke-dashoffset': '0px',
	'stroke-linecap': 'butt',
	'stroke-linejoin': 'miter',
	opacity: '1',
	'shape-rendering': 'auto',
	'paint-order': 'normal'
};
const TEXT: Record<string, string> = {
	...SHAPE,
	'font-size': '',
	'font-weight': '400',
	'font-style': 'normal',
	'text-anchor': 'start',
	'dominant-baseline': 'auto',
	'letter-spacing': 'normal',
	'font-variant-numeric': 'normal'
};
const SHAPES = new Set(['rect', 'circle', 'ellipse', 'line', 'path', 'polyline', 'polygon']);
const TEXTS = new Set(['text', 'tspan', 'textPath']);

/** The style attribute for one element, or null when it paints nothing and can go. */
function inlineStyle(el: Element, cs: CSSStyleDeclaration, rootFont: string): string | null {
	const tag = el.localName;
	const props = TEXTS.has(tag) ? TEXT : SHAPES.has(tag) ? SHAPE : null;
	if (!props) {
		// Containers: only what does not inherit.
		return cs.opacity !== '1' ? `opacity:${cs.opacity}` : '';
	}
	const out: string[] = [];
	let visible = TEXTS.has(tag);
	for (const p of PAINT) {
		const value = cs.getPropertyValue(p);
		const own = Number(cs.getPropertyValue(`${p}-opacity`) || 1);
		const c = parseColor(value);
		if (value === 'none' || (c && c.alpha * own === 0)) {
			out.push(`${p}:none`);
		} else if (c) {
			out.push(`${p}:${c.hex}`);
			if (c.alpha * own < 1) out.push(`${p}-opacity:${+(c.alpha * own).toFixed(3)}`);
			visible = true;
		} else {
			out.push(`${p}:${value}`); // url(#gradient) and the like
			visible = true;
		}
	}
	if (!visible) return null;
	for (const [p, initial] of Object.entries(props)) {
		const v = cs.getPropertyValue(p);
		if (v && v !== initial) out.push(`${p}:${v}`);
	}
	if (TEXTS.has(tag) && cs.fontFamily !== rootFont) out.push(`font-family:${cs.fontFamily}`);
	return out.join(';');
}

const DEFS = 'defs, clipPath, mask, linearGradient, radialGradient, pattern, marker, symbol';
const DROP_ATTR = /^(class|style|tabindex|role|focusable|aria-.*|data-.*|on.*)$/;

/** A deep copy of `svg` whose elements carry their computed look and nothing interactive. */
function styledClone(svg: SVGSVGElement, rootFont: string): SVGSVGElement {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const from = [svg, ...Array.from(svg.querySelectorAll('*'))];
	const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
	const drop: Element[] = [];
	from.forEach((el, i) => {
		const c = to[i];
		if (!c) return;
		// Definitions are referenced, not rendered: keep them as they are.
		if (el.closest(DEFS)) return;
		for (const a of Array.from(c.attributes)) if (DROP_ATTR.test(a.name)) c.removeAttribute(a.name);
		const cs = getComputedStyle(el);
		if (i > 0 && (cs.display === 'none' || cs.visibility === 'hidden')) return void drop.push(c);
		const style = inlineStyle(el, cs, rootFont);
		if (style === null) drop.push(c);
		else if (style) c.setAttribute('style', style);
	});
	for (const el of drop) el.remove();
	const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
	const dead: Node[] = [];
	while (comments.nextNode()) dead.push(comments.currentNode);
	for (const n of dead) n.parentNode?.removeChild(n);
	return copy;
}

// ---------------------------------------------------------------- finding the chart

type Box = { left: number; top: number; right: number; bottom: number };
const union = (a: Box, b: Box): Box => ({
	left: Math.min(a.left, b.left),
	top: Math.min(a.top, b.top),
	right: Math.max(a.right, b.right),
	bottom: Math.max(a.bottom, b.bottom)
});

/** The chart's svg layers inside the frame and the box they draw in (content past the edges included). */
function chartLayers(frame: HTMLElement): { svgs: SVGSVGElement[]; box: Box } | null {
	const container = frame.querySelector<HTMLElement>('[data-export-chart], .layercake-container');
	let svgs = container ? Array.from(container.querySelectorAll<SVGSVGElement>(':scope > svg')) : [];
	if (!svgs.length) {
		const area = (s: Element) => s.getBoundingClientRect().width * s.getBoundingClientRect().height;
		const all = Array.from(frame.querySelectorAll<SVGSVGElement>('svg')).filter(
			(s) => !s.closest('button') && !s.parentElement?.closest('svg')
		);
		const biggest = all.sort((a, b) => area(b) - area(a))[0];
		svgs = biggest ? [biggest] : [];
	}
	const first = svgs[0];
	if (!first) return null;
	let box: Box = (container ?? first).getBoundingClientRect();
	for (const svg of svgs) {
		const r = svg.getBoundingClientRect();
		box = union(box, r);
		try {
			if (!svg.viewBox.baseVal?.width) {
				const bb = svg.getBBox();
				box = union(box, {
					left: r.left + bb.x - 2,
					top: r.top + bb.y - 2,
					right: r.left + bb.x + bb.width + 2,
					bottom: r.top + bb.y + bb.height + 2
				});
			}
		} catch {
			// not rendered: the layer's own box will do
		}
	}
	return { svgs, box };
}

// ---------------------------------------------------------------- HTML legend and notes

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const shown = (el: Element) => el.getClientRects().length > 0;

/** withOpacity('rgb(1, 2, 3)', 0.5) → 'rgba(1, 2, 3, 0.5)'. */
function withOpacity(color: string, opacity: number): string {
	const c = parseColor(color);
	if (!c || opacity >= 1) return color;
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.hex.slice(i, i + 2), 16));
	return `rgba(${r}, ${g}, ${b}, ${c.alpha * opacity})`;
}

/** What a legend key looks like: a swatch (filled or outlined), a dot, a line, a tick or a whisker. */
function keyLook(el: HTMLElement): { shape: LegendShape; color: string } {
	const cs = getComputedStyle(el);
	const op = Number(cs.opacity) || 1;
	const side = (s: 'Top' | 'Right' | 'Bottom' | 'Left') =>
		parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0 &&
		cs.getPropertyValue(`border-${s.toLowerCase()}-style`) !== 'none';
	const dashed = /dash|dot/.test(cs.borderTopStyle) || /dash|dot/.test(cs.borderLeftStyle);
	const bg = parseColor(cs.backgroundColor);
	const filled = !!bg && bg.alpha > 0;
	const [top, right, bottom, left] = [side('Top'), side('Right'), side('Bottom'), side('Left')];
	if (!filled && top && right && bottom && left) {
		return { shape: dashed ? 'dash-box' : 'box', color: withOpacity(cs.borderTopColor, op) };
	}
	if (!filled && left && right && !top && !bottom) {
		return { shape: 'whisker', color: withOpacity(cs.borderLeftColor, op) };
	}
	if (top && !bottom) {
		const after = getComputedStyle(el, '::after');
		const dot = after.content !== 'none' && (parseColor(after.backgroundColor)?.alpha ?? 0) > 0;
		const shape: LegendShape = dashed ? 'dash' : dot ? 'dot-line' : 'line';
		return { shape, color: withOpacity(cs.borderTopColor, op) };
	}
	const r = el.getBoundingClientRect();
	const radius = parseFloat(cs.borderTopLeftRadius) || 0;
	const round = cs.borderTopLeftRadius.endsWith('%')
		? radius >= 50
		: radius >= Math.min(r.width, r.height) / 2;
	const shape: LegendShape = round ? 'circle' : r.height >= 2 * r.width ? 'tick' : 'rect';
	return { shape, color: withOpacity(filled ? cs.backgroundColor : cs.color, op) };
}

/** The HTML legends inside the frame (`ul.legend` or `[data-export-legend]`), as SVG legend items. */
function htmlLegend(frame: HTMLElement): ExportLegendItem[] {
	const items: ExportLegendItem[] = [];
	for (const list of Array.from(
		frame.querySelectorAll('ul.legend, ol.legend, [data-export-legend]')
	)) {
		if (list.closest('svg') || !shown(list)) continue;
		for (const li of Array.from(list.children)) {
			const label = text(li);
			if (!label || !shown(li)) continue;
			const key = Array.from(li.children).find((c) => !text(c)) as HTMLElement | undefined;
			items.push({ label, ...(key ? keyLook(key) : { shape: 'rect', color: 'currentColor' }) });
		}
	}
	return items;
}

/** The chart's own footnotes: `p.note` and `[data-export-note]` (hints like "Select a month" are left out). */
function htmlNotes(frame: HTMLElement): string[] {
	return Array.from(frame.querySelectorAll('p.note, [data-export-note]'))
		.filter((el) => !el.closest('svg') && shown(el))
		.map(text)
		.filter(Boolean);
}

// ---------------------------------------------------------------- public API

/** A text measurer with the page's own font, for laying out the title and the legend. */
function canvasMeasure(font: string): Measure {
	const ctx = document.createElement('canvas').getContext('2d');
	if (!ctx) return estimateWidth;
	return (t, size, bold = false) => {
		ctx.font = `${bold ? '700 ' : ''}${size}px ${font}`;
		return Math.ceil(ctx.measureText(t).width);
	};
}

/**
 * The chart inside `frame` as a standalone SVG file: white background, title, legend, chart,
 * notes and source note. Throws when the frame holds no chart.
 */
export function svgFromChart(frame: HTMLElement, o: ChartExportOptions): ChartSvg {
	const date = isoDate(o.date ?? new Date());
	return withLightPalette(frame, () => {
		const layers = chartLayers(frame);
		if (!layers) throw new Error('There is no chart to export here yet.');
		const font = getComputedStyle(layers.svgs[0]!).fontFamily || getComputedStyle(frame).fontFamily;
		const { box } = layers;
		const parts = layers.svgs.map((svg) => {
			const r = svg.getBoundingClientRect();
			const copy = styledClone(svg, font);
			const at = `translate(${+(r.left - box.left).toFixed(2)},${+(r.top - box.top).toFixed(2)})`;
			const vb = svg.getAttribute('viewBox');
			if (vb) {
				return `<g transform="${at}"><svg width="${r.width}" height="${r.height}" viewBox="${vb}">${serialize(copy)}</svg></g>`;
			}
			return `<g transform="${at}">${serialize(copy)}</g>`;
		});
		const caption = frame.querySelector('figcaption');
		const subtitle =
			o.subtitle ?? (caption && text(caption) !== o.title ? text(caption) : undefined);
		return composeChartSvg({
			chart: parts.join(''),
			chartWidth: box.right - box.left,
			chartHeight: box.bottom - box.top,
			title: o.title,
			subtitle,
			legend: o.legend ?? htmlLegend(frame),
			notes: o.notes ?? htmlNotes(frame),
			source: sourceNote(o.source, date),
			fontFamily: font,
			measure: canvasMeasure(font)
		});
	});
}

/** The children of a cloned svg as markup (the svg element itself is replaced by a group). */
function serialize(svg: SVGSVGElement): string {
	const s = new XMLSerializer();
	return Array.from(svg.childNodes)
		.map((n) => s.serializeToString(n))
		.join('');
}

/** Draws an SVG text on a canvas at `scale` × its size and returns the PNG. */
export async function pngFromSvg(
	svg: string,
	width: number,
	height: number,
	scale = 2
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('This browser cannot draw the image (no canvas).');
		ctx.fillStyle = EXPORT_COLORS.background;
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Offers a blob as a file download. */
export function download(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports the chart in `frame` as PNG or SVG and downloads it; returns the file name. */
export async function exportChart(
	frame: HTMLElement,
	kind: 'png' | 'svg',
	o: ChartExportOptions
): Promise<string> {
	const date = o.date ?? new Date();
	const { svg, width, height } = svgFromChart(frame, { ...o, date });
	const name = exportFileName(o.title, kind, isoDate(date));
	const blob =
		kind === 'svg'
			? new Blob([svg], { type: 'image/svg+xml;charset=utf-8' })
			: await pngFromSvg(svg, width, height, 2);
	download(blob, name);
	return name;
}

/**
 * Downloads a table as CSV, formula-safe (`toCsv`), with a BOM so Excel reads it as UTF-8;
 * returns the file name.
 */
export function downloadCsv(
	title: string,
	header: readonly string[],
	rows: readonly (readonly Cell[])[],
	date = new Date()
): string {
	const name = exportFileName(title, 'csv', isoDate(date));
	download(new Blob([CSV_BOM + toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), name);
	return name;
}

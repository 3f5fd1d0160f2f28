/**
 * Builds the text of an exported chart: a self-contained SVG on a white background with the chart's
 * title, its legend (drawn as SVG, whatever the page used), the chart itself and a source note.
 * Pure string building: the browser code in `$lib/state/export` supplies the chart's markup (with
 * its styles already inlined) and, optionally, a text measurer that knows the real font.
 */

/**
 * rect: a filled swatch; box / dash-box: an outlined swatch; circle: a dot; line, dash, dot-line:
 * a line (dashed, with a dot); tick: a short upright bar; whisker: an interval |—|.
 */
export type LegendShape =
	'rect' | 'box' | 'dash-box' | 'circle' | 'line' | 'dash' | 'dot-line' | 'tick' | 'whisker';
export type ExportLegendItem = { label: string; color: string; shape?: LegendShape };

/** A text's width in px at a font size; `estimateWidth` when no canvas is at hand. */
export type Measure = (text: string, fontSize: number, bold?: boolean) => number;

/** estimateWidth('abcd', 10) → 22: a generous average for system sans-serif fonts. */
export const estimateWidth: Measure = (text, fontSize, bold = false) =>
	Math.ceil(text.length * fontSize * (bold ? 0.6 : 0.55));

/** The exported file's colours: fixed, because it always sits on white. */
export const EXPORT_COLORS = { background: '#ffffff', text: '#1d2430', muted: '#5b6576' };

/** escapeXml('a < b & "c"') → 'a &lt; b &amp; &quot;c&quot;'. Drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
	return (
		s
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;')
	);
}

/**
 * A computed CSS colour as hex plus alpha, for renderers that know neither rgba() nor CSS 4 syntax.
 * parseColor('rgba(31, 111, 154, 0.1)') → { hex: '#1f6f9a', alpha: 0.1 };
 * parseColor('#fff') → { hex: '#ffffff', alpha: 1 }; parseColor('none') → null.
 */
export function parseColor(color: string): { hex: string; alpha: number } | null {
	const c = color.trim().toLowerCase();
	const hex2 = (n: number) =>
		Math.max(0, Math.min(255, Math.round(n)))
			.toString(16)
			.padStart(2, '0');
	const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])([0-9a-f])?$/.exec(c);
	if (short) {
		const [r, g, b, a] = short.slice(1).map((h) => (h === undefined ? undefined : h + h));
		return { hex: `#${r}${g}${b}`, alpha: a ? parseInt(a, 16) / 255 : 1 };
	}
	const long = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(c);
	if (long) return { hex: `#${long[1]}`, alpha: long[2] ? parseInt(long[2], 16) / 255 : 1 };
	const fn =
		/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(c);
	if (fn) {
		const [r, g, b] = [fn[1], fn[2], fn[3]].map(Number) as [number, number, number];
		const a = fn[4] === undefined ? 1 : Number(fn[4]) / (fn[5] ? 100 : 1);
		return { hex: `#${hex2(r)}${hex2(g)}${hex2(b)}`, alpha: Math.max(0, Math.min(1, a)) };
	}
	return null;
}

/**
 * Greedy word wrap to a width; a single over-long word gets a line of its own.
 * wrapText('aa bb cc', 12, 10, (t) => t.length * 2) → ['aa bb', 'cc'] (width 12 at 2 px per character).
 */
export function wrapText(
	text: string,
	maxWidth: number,
	fontSize: number,
	measure: Measure = estimateWidth,
	bold = false
): string[] {
	const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		const next = line ? `${line} ${w}` : w;
		if (line && measure(next, fontSize, bold) > maxWidth) {
			lines.push(line);
			line = w;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

/** Attributes that paint with a colour, split into hex and opacity when it has alpha. */
function paint(attr: 'fill' | 'stroke', color: string): string {
	const c = parseColor(color);
	if (!c) return `${attr}="${escapeXml(color)}"`;
	return c.alpha < 1
		? `${attr}="${c.hex}" ${attr}-opacity="${+c.alpha.toFixed(3)}"`
		: `${attr}="${c.hex}"`;
}

const KEY_WIDTH: Record<LegendShape, number> = {
	rect: 12,
	box: 12,
	'dash-box': 12,
	whisker: 16,
	circle: 10,
	line: 18,
	dash: 18,
	'dot-line': 18,
	tick: 3
};

/** One legend key drawn in a 14 px high row starting at (x, y). */
function legendKey(shape: LegendShape, color: string, x: number, y: number): string {
	const cy = y + 7;
	switch (shape) {
		case 'circle':
			return `<circle cx="${x + 5}" cy="${cy}" r="5" ${paint('fill', color)}/>`;
		case 'box':
		case 'dash-box': {
			const dash = shape === 'dash-box' ? ' stroke-dasharray="3 2"' : '';
			return `<rect x="${x + 0.6}" y="${y + 2.6}" width="10.8" height="8.8" rx="2" fill="none" stroke-width="1.2"${dash} ${paint('stroke', color)}/>`;
		}
		case 'whisker':
			return `<path d="M${x + 0.6} ${cy - 3.5}V${cy + 3.5}M${x + 15.4} ${cy - 3.5}V${cy + 3.5}M${x} ${cy}H${x + 16}" fill="none" stroke-width="1.2" ${paint('stroke', color)}/>`;
		case 'tick':
			return `<rect x="${x}" y="${y}" width="3" height="14" rx="1" ${paint('fill', color)}/>`;
		case 'line':
		case 'dash':
		case 'dot-line': {
			const dash = shape === 'dash' ? ' stroke-dasharray="4 3"' : '';
			const dot =
				shape === 'dot-line'
					? `<circle cx="${x + 9}" cy="${cy}" r="4" ${paint('fill', color)}/>`
					: '';
			return `<line x1="${x}" x2="${x + 18}" y1="${cy}" y2="${cy}" stroke-width="2"${dash} ${paint('stroke', color)}/>${dot}`;
		}
		default:
			return `<rect x="${x}" y="${y + 2}" width="12" height="10" rx="2" ${paint('fill', color)}/>`;
	}
}

/**
 * Lays the legend out in rows that wrap at `width`, as SVG markup relative to (0, 0).
 * legendSvg([{ label: 'Won', color: '#2a8c5a' }], 400).height → 18.
 */
export function legendSvg(
	items: readonly ExportLegendItem[],
	width: number,
	measure: Measure = estimateWidth
): { markup: string; height: number } {
	const SIZE = 12;
	const ROW = 18;
	const GAP = 16;
	let x = 0;
	let y = 0;
	const parts: string[] = [];
	for (const it of items) {
		const shape = it.shape ?? 'rect';
		const w = KEY_WIDTH[shape] + 6 + measure(it.label, SIZE);
		if (x > 0 && x + w > width) {
			x = 0;
			y += ROW;
		}
		parts.push(
			`<g>${legendKey(shape, it.color, x, y)}<text x="${x + KEY_WIDTH[shape] + 6}" y="${y + 11}" font-size="${SIZE}">${escapeXml(it.label)}</text></g>`
		);
		x += w + GAP;
	}
	return { markup: parts.join(''), height: items.length ? y + ROW : 0 };
}

export interface ChartSvgParts {
	/** The chart's SVG markup, in its own px coordinates with (0, 0) at its top-left corner. */
	chart: string;
	chartWidth: number;
	chartHeight: number;
	title: string;
	/** A second heading line, e.g. which funnel it is. */
	subtitle?: string;
	legend?: readonly ExportLegendItem[];
	/** Lines under the chart: its footnotes, a key to numbered marks. */
	notes?: readonly string[];
	/** The source note, see `sourceNote`. */
	source: string;
	fontFamily?: string;
	measure?: Measure;
}

const PAD = 16;
const MIN_WIDTH = 360;

/**
 * The exported SVG file: white background, title, subtitle, legend, chart, notes, source note.
 * composeChartSvg({ chart: '<rect …/>', chartWidth: 400, chartHeight: 200, title: 'Forecast',
 * source: 'Opportunity Lens · 2025-06-30' }).width → 432 (chart + 16 px each side).
 */
export function composeChartSvg(p: ChartSvgParts): { svg: string; width: number; height: number } {
	const measure = p.measure ?? estimateWidth;
	const cw = Math.ceil(p.chartWidth);
	const ch = Math.ceil(p.chartHeight);
	const width = Math.max(MIN_WIDTH, cw + 2 * PAD);
	const inner = width - 2 * PAD;
	const { text, muted, background } = EXPORT_COLORS;
	const out: string[] = [];
	let y = PAD;

	const lines = (
		t: string,
		size: number,
		lineHeight: number,
		attrs: string,
		bold = false
	): void => {
		for (const line of wrapText(t, inner, size, measure, bold)) {
			out.push(
				`<text x="${PAD}" y="${y + size}" font-size="${size}" ${attrs}>${escapeXml(line)}</text>`
			);
			y += lineHeight;
		}
	};

	if (p.title.trim()) lines(p.title, 16, 21, `font-weight="700" fill="${text}"`, true);
	if (p.subtitle?.trim()) lines(p.subtitle, 13, 18, `fill="${muted}"`);
	if (p.legend?.length) {
		y += 6;
		const lg = legendSvg(p.legend, inner, measure);
		out.push(
			`<g class="legend" transform="translate(${PAD},${y})" fill="${text}">${lg.markup}</g>`
		);
		y += lg.height;
	}
	y += 10;
	out.push(`<g class="chart" transform="translate(${PAD},${y})">${p.chart}</g>`);
	y += ch + 10;
	for (const n of p.notes ?? []) lines(n, 12, 16, `fill="${muted}"`);
	y += 4;
	lines(p.source, 11, 15, `fill="${muted}" class="source"`);
	const height = Math.ceil(y + PAD - 4);

	const font = escapeXml(
		p.fontFamily ?? 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
	);
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${font}" color="${text}">` +
		`<title>${escapeXml(p.title)}</title>` +
		`<desc>${escapeXml(p.source)}</desc>` +
		`<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="${background}"/>` +
		out.join('') +
		`</svg>`;
	return { svg, width, height };
}

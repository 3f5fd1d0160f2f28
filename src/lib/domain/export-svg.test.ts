import { describe, expect, it } from 'vitest';
import {
	composeChartSvg,
	escapeXml,
	estimateWidth,
	legendSvg,
	parseColor,
	wrapText,
	type Measure
} from './export-svg';

const twoPx: Measure = (t) => t.length * 2;

describe('escapeXml', () => {
	it('escapes markup and drops characters XML forbids', () => {
		expect(escapeXml('a < b & "c" \'d\' >')).toBe('a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt;');
		expect(escapeXml('x\u0000y\u0007z\tw\n')).toBe('xyz\tw\n');
		expect(escapeXml('</text><script>alert(1)</script>')).not.toContain('<');
	});
});

describe('parseColor', () => {
	it('reads hex and the rgb() forms getComputedStyle returns', () => {
		expect(parseColor('#fff')).toEqual({ hex: '#ffffff', alpha: 1 });
		expect(parseColor('#1F6F9A')).toEqual({ hex: '#1f6f9a', alpha: 1 });
		expect(parseColor('#1f6f9a80')?.alpha).toBeCloseTo(128 / 255, 6);
		expect(parseColor('rgb(31, 111, 154)')).toEqual({ hex: '#1f6f9a', alpha: 1 });
		expect(parseColor('rgba(31, 111, 154, 0.1)')).toEqual({ hex: '#1f6f9a', alpha: 0.1 });
		expect(parseColor('rgb(31 111 154 / 10%)')).toEqual({ hex: '#1f6f9a', alpha: 0.1 });
		expect(parseColor('rgba(0, 0, 0, 0)')).toEqual({ hex: '#000000', alpha: 0 });
	});
	it('returns null for what it cannot read', () => {
		expect(parseColor('none')).toBeNull();
		expect(parseColor('currentColor')).toBeNull();
		expect(parseColor('var(--fg)')).toBeNull();
		expect(parseColor('oklch(0.7 0.1 200)')).toBeNull();
	});
});

describe('wrapText', () => {
	it('wraps greedily by words', () => {
		expect(wrapText('aa bb cc', 12, 10, twoPx)).toEqual(['aa bb', 'cc']);
		expect(wrapText('  aa \n bb  ', 100, 10, twoPx)).toEqual(['aa bb']);
		expect(wrapText('averyveryverylongword b', 10, 10, twoPx)).toEqual([
			'averyveryverylongword',
			'b'
		]);
		expect(wrapText('', 10, 10, twoPx)).toEqual([]);
	});
	it('estimates widths from the font size', () => {
		expect(estimateWidth('abcd', 10)).toBe(22);
		expect(estimateWidth('abcd', 10, true)).toBe(24);
	});
});

describe('legendSvg', () => {
	const items = [
		{ label: 'Closed won', color: '#2a8c5a' },
		{ label: 'Weighted', color: 'rgb(212, 106, 18)', shape: 'dot-line' as const },
		{ label: 'Target', color: 'rgba(29, 36, 48, 0.5)', shape: 'dash' as const },
		{ label: 'Under-served', color: '#d1495b', shape: 'circle' as const },
		{ label: 'Median', color: '#1d2430', shape: 'tick' as const }
	];
	it('draws every item with its key and escaped label', () => {
		const { markup, height } = legendSvg(items, 2000, twoPx);
		expect(height).toBe(18);
		expect(markup.match(/<text /g)).toHaveLength(5);
		expect(markup).toContain('>Closed won</text>');
		expect(markup).toContain('<rect x="0" y="2" width="12" height="10" rx="2" fill="#2a8c5a"/>');
		expect(markup).toContain('stroke="#d46a12"');
		expect(markup).toContain('stroke-dasharray="4 3" stroke="#1d2430" stroke-opacity="0.5"');
		expect(markup).toContain('<circle cx="');
		expect(legendSvg([{ label: 'a<b', color: '#000' }], 100).markup).toContain('a&lt;b');
	});
	it('wraps to more rows when narrow, and is empty without items', () => {
		expect(legendSvg(items, 50, twoPx).height).toBe(5 * 18);
		expect(legendSvg(items, 80, twoPx).height).toBe(4 * 18);
		expect(legendSvg([], 80).height).toBe(0);
	});
});

describe('composeChartSvg', () => {
	const base = {
		chart: '<rect width="10" height="10" fill="#2a8c5a"/>',
		chartWidth: 400,
		chartHeight: 200,
		title: 'Forecast by close month',
		source: 'Opportunity Lens · deals.csv · 2025-06-30',
		measure: twoPx
	};
	it('puts title, legend, chart and source on a white background', () => {
		const { svg, width, height } = composeChartSvg({
			...base,
			subtitle: 'Snapshot',
			legend: [{ label: 'Closed won', color: '#2a8c5a' }],
			notes: ['n = won + lost']
		});
		expect(width).toBe(432);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="432"')).toBe(true);
		expect(svg).toContain(
			`<rect class="background" x="0" y="0" width="432" height="${height}" fill="#ffffff"/>`
		);
		expect(svg).toContain('font-weight="700" fill="#1d2430">Forecast by close month</text>');
		expect(svg).toContain('>Snapshot</text>');
		expect(svg).toContain('>Closed won</text>');
		expect(svg).toContain('>n = won + lost</text>');
		expect(svg).toContain('class="source">Opportunity Lens · deals.csv · 2025-06-30</text>');
		expect(svg).toContain(base.chart);
		expect(svg.endsWith('</svg>')).toBe(true);
		// title 21 + legend 6 + 18 + 10 + chart 200 + 10 + note 16 + 4 + source 15, padding 16 + 12
		expect(height).toBe(16 + 21 + 18 + 6 + 18 + 10 + 200 + 10 + 16 + 4 + 15 + 12);
	});
	it('keeps a minimum width, wraps long titles and escapes every text', () => {
		const { svg, width } = composeChartSvg({
			...base,
			chartWidth: 100,
			title: 'A <b>very</b> long title '.repeat(10),
			source: 'Opportunity Lens · "x&y".csv · 2025-06-30'
		});
		expect(width).toBe(360);
		expect(svg.match(/font-weight="700"/g)!.length).toBeGreaterThan(1);
		expect(svg).not.toContain('<b>');
		expect(svg).toContain('&quot;x&amp;y&quot;.csv');
	});
});

describe('legend keys for outlines and intervals', () => {
	it('draws outlined swatches and whiskers as strokes', () => {
		const { markup } = legendSvg(
			[
				{ label: 'Band uncertain', color: '#1d2430', shape: 'dash-box' },
				{ label: 'Outline', color: '#1d2430', shape: 'box' },
				{ label: '95% interval', color: 'rgba(29, 36, 48, 0.6)', shape: 'whisker' }
			],
			2000,
			twoPx
		);
		expect(markup).toContain(
			'fill="none" stroke-width="1.2" stroke-dasharray="3 2" stroke="#1d2430"'
		);
		expect(markup).toMatch(/<rect [^>]*fill="none" stroke-width="1.2" stroke="#1d2430"\/>/);
		expect(markup).toMatch(
			/<path d="M[^"]+V[^"]+M[^"]+V[^"]+M[^"]+H[^"]+" fill="none" stroke-width="1.2" stroke="#1d2430" stroke-opacity="0.6"\/>/
		);
	});
});

/**
 * A sequential yellow–orange–red ramp (ColorBrewer YlOrRd, 9 classes, by Cynthia Brewer),
 * interpolated linearly in RGB between its stops: a few lines instead of d3's colour modules.
 */
const YL_OR_RD = [
	'#ffffcc',
	'#ffeda0',
	'#fed976',
	'#feb24c',
	'#fd8d3c',
	'#fc4e2a',
	'#e31a1c',
	'#bd0026',
	'#800026'
].map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));

/** ylOrRd(0) → 'rgb(255, 255, 204)'; ylOrRd(1) → 'rgb(128, 0, 38)'; outside [0, 1] clamps. */
export function ylOrRd(t: number): string {
	const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (YL_OR_RD.length - 1);
	const i = Math.min(YL_OR_RD.length - 2, Math.floor(x));
	const f = x - i;
	const [a, b] = [YL_OR_RD[i]!, YL_OR_RD[i + 1]!];
	const [r, g, bl] = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
	return `rgb(${r}, ${g}, ${bl})`;
}

/** Band uncertainty: does an interval of opportunity scores straddle a band edge? */
import { band, type Band } from '../opportunity';

/**
 * The bands an interval [low, high] touches, lowest first, with the same edge rules as `band`
 * (12 and 15 are high, 10 is worth considering): bandsSpanned(11.2, 12.9) → ['worth', 'high'].
 */
export function bandsSpanned(low: number, high: number): Band[] {
	const order: Band[] = ['low', 'worth', 'high', 'extreme'];
	const a = order.indexOf(band(Math.min(low, high)));
	const b = order.indexOf(band(Math.max(low, high)));
	return order.slice(a, b + 1);
}

/**
 * True when the interval crosses a band edge (10, 12 or 15), i.e. its ends fall in different bands:
 * uncertainBand(11.2, 12.9) → true; uncertainBand(12, 15) → false (both high); uncertainBand(9.99, 10) → true.
 */
export function uncertainBand(low: number, high: number): boolean {
	return band(Math.min(low, high)) !== band(Math.max(low, high));
}

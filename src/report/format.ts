/**
 * Number formatting shared by the markdown, HTML and terminal renderers and by every sentence a section
 * writes: one formatter (formatNumber) so a figure in the text reads as the same figure in the tables.
 */
import type { Cell } from './types.js';

/** Integers below this print exactly (2^20 = 1048576 stays readable as a context length). */
export const EXACT_INTEGER_LIMIT = 1e7;

/**
 * Format a number with `digits` significant digits, trailing zeros dropped: integers with |v| < 10^7
 * exactly; exponent notation without '+' (3.31e13, 1.5e-7) for |v| ≥ 10^6 (or an integer ≥ 10^7) and
 * for 0 < |v| < 10^-3; NaN as 'NaN', infinities as ∞ / −∞.
 * @param v - the number.
 * @param digits - significant digits, an integer in [1, 17] (default 6, so 0.99997 does not print as 1).
 * @throws RangeError when digits is outside [1, 17].
 */
export function formatNumber(v: number, digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`formatNumber: digits must be an integer in [1, 17] (got ${digits})`);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < EXACT_INTEGER_LIMIT) return String(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) {
    const [mant, exp] = v.toExponential(digits - 1).split('e');
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    return `${m}e${exp.replace(/^\+/, '')}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/**
 * Format v so that the printed figure lies on the same side of `limit` as v itself (never "1.000"
 * beside a limit of 1 when v = 0.999967): formatNumber with at least `digits` significant digits, more
 * when rounding would reach or cross the limit.
 * @param v - the number.
 * @param limit - the threshold the figure is read against.
 * @param digits - least significant digits (default 6).
 */
export function formatVsLimit(v: number, limit: number, digits = 6): string {
  let d = digits;
  let s = formatNumber(v, d);
  const side = Math.sign(v - limit);
  while (d < 17 && Number.isFinite(v) && Math.sign(Number(s) - limit) !== side) s = formatNumber(v, ++d);
  return s;
}

/** Points a fit needs before its R² is read as a fit quality (two points are always fitted exactly). */
export const MIN_FIT_POINTS = 3;

/**
 * Format an R² as a fit quality: 'n/a (fewer than 3 points)' when the fit had fewer than
 * MIN_FIT_POINTS points (two points give R² = 1 whatever the law) or R² is NaN; otherwise 4 significant
 * digits that never round up to 1.
 * @param r2 - the coefficient of determination.
 * @param points - how many points were fitted.
 */
export function formatR2(r2: number, points: number): string {
  if (points < MIN_FIT_POINTS) return `n/a (fewer than ${MIN_FIT_POINTS} points)`;
  if (Number.isNaN(r2)) return 'n/a (no spread in the data)';
  return formatVsLimit(r2, 1, 4);
}

/** Format a table cell: numbers by formatNumber, null as "–", booleans as yes/no, strings as is. */
export function formatCell(v: Cell): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  return formatNumber(v);
}

/** Seconds as "12 s" or "3 min 5 s" (at least "1 s"; for plans and ETAs). */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'unknown';
  if (s < 59.5) return `${Math.max(1, Math.round(s))} s`;
  const m = Math.floor(Math.round(s) / 60);
  return `${m} min ${Math.round(s) - 60 * m} s`;
}

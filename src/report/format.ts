/** Number formatting shared by the markdown, HTML and terminal renderers. */
import type { Cell } from './types.js';

/** Format a cell: integers as is, other numbers with 6 significant digits (so 0.99997 does not print as 1; exponent when huge/tiny). */
export function formatCell(v: Cell): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(5);
  return String(Number(v.toPrecision(6)));
}

/**
 * Breakpoints of a readout MLP restricted to a 1-D input (alg-certify-position-keys): with ReLU and
 * identity activations the map h ↦ g(h) on [lo, hi] is piecewise linear, and its kinks are found layer
 * by layer: once every kink of layers < l is a point, each unit's pre-activation in layer l is linear
 * between consecutive points, so its zero crossings are computed exactly (up to rounding) by linear
 * interpolation. The minimum of y·g over any sub-interval is then at an endpoint or at one of the points.
 */
import { readoutForward } from '../model/readout.js';
import { vecMat } from '../core/matrix.js';
import { domainError } from '../core/errors.js';
import type { DenseLayer } from '../model/types.js';

/** Proof-note id (part of the exact certifier): proofs-notes/alg-certify-position-keys.md. */
export const READOUT_PIECES_ID = 'alg-certify-position-keys';

/** True when the readout takes a 1-D input and is piecewise linear (ReLU/identity activations only). */
export function isPiecewiseLinear1D(layers: readonly DenseLayer[]): boolean {
  return layers.length > 0 && layers[0].weight.rows === 1 && layers.every((l) => l.activation === 'relu' || l.activation === 'identity');
}

/** Pre-activations of layer `upTo` (0-based) at input h: the first upTo layers applied, then W h + b. */
function preActivations(layers: readonly DenseLayer[], upTo: number, h: number): Float64Array {
  let x: Float64Array = Float64Array.of(h);
  for (let l = 0; l <= upTo; l++) {
    const L = layers[l];
    const z = vecMat(x, L.weight);
    if (L.bias) for (let j = 0; j < z.length; j++) z[j] += L.bias[j];
    if (l === upTo) return z;
    if (L.activation === 'relu') for (let j = 0; j < z.length; j++) if (z[j] < 0) z[j] = 0;
    x = z;
  }
  throw new Error('unreachable');
}

/**
 * The sorted points lo = p_0 < … < p_K = hi containing every kink of the readout in (lo, hi), and g
 * at each point. Throws DomainError unless the readout is 1-D piecewise linear and lo ≤ hi are finite.
 */
export function readoutBreakpoints(layers: readonly DenseLayer[], lo: number, hi: number): { points: Float64Array; values: Float64Array } {
  if (!isPiecewiseLinear1D(layers))
    throw domainError(
      'readoutBreakpoints',
      'layers',
      'a 1-D input readout with relu/identity activations',
      layers.map((l) => l.activation),
    );
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw domainError('readoutBreakpoints', 'interval', 'finite with lo <= hi', [lo, hi]);
  let points: number[] = lo === hi ? [lo] : [lo, hi];
  for (let l = 0; l < layers.length; l++) {
    if (layers[l].activation !== 'relu') continue;
    const pre = points.map((p) => preActivations(layers, l, p));
    const added: number[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = pre[k];
      const b = pre[k + 1];
      for (let j = 0; j < a.length; j++) {
        if ((a[j] < 0 && b[j] > 0) || (a[j] > 0 && b[j] < 0)) {
          const p = points[k] + ((points[k + 1] - points[k]) * a[j]) / (a[j] - b[j]);
          if (p > points[k] && p < points[k + 1]) added.push(p);
        }
      }
    }
    if (added.length > 0) points = [...new Set([...points, ...added])].sort((x, y) => x - y);
  }
  const P = Float64Array.from(points);
  const V = Float64Array.from(points, (p) => readoutForward(layers, [p]));
  return { points: P, values: V };
}

/** Smallest index i with points[i] > x (points sorted increasingly). */
export function upperIndex(points: Float64Array, x: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

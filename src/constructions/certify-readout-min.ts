/**
 * A proven lower bound on min_{x ∈ [lo, hi]} y·F(x) for a network F with one input whose weights are
 * known only as enclosures (alg-certify-rounding, "Readout minimum"). Every evaluation is interval
 * arithmetic with outward rounding. On a cell [l, r] where every ReLU pre-activation has one sign at
 * both ends (checked layer by layer: once the earlier layers have a fixed pattern, a unit's
 * pre-activation is affine on the cell, so one sign at both ends means one sign on the whole cell), F is
 * affine there for every parameter value in the enclosures, so its minimum is at an end; other cells are
 * bisected (down to relative width 2^−44 or depth 64, within an evaluation budget) and finally bounded by
 * interval evaluation over the whole cell, which is always sound.
 */
import type { Activation } from '../model/activations.js';
import type { DenseLayer } from '../model/types.js';
import { activateDown, activateUp, down, mulHi, mulLo, OUTWARD, up } from './certify-rounding.js';

/** Proof-note id: proofs-notes/alg-certify-rounding.md. */
export const READOUT_MIN_ID = 'alg-certify-rounding';

/** A dense layer x ↦ σ(xᵀW + b) whose entries are known as enclosures [wLo, wHi], [bLo, bHi] (W rows×cols, row-major). */
export interface IntervalLayer {
  /** Input dimension. */
  readonly rows: number;
  /** Output dimension. */
  readonly cols: number;
  /** Lower ends of W's entries. */
  readonly wLo: Float64Array;
  /** Upper ends of W's entries. */
  readonly wHi: Float64Array;
  /** Lower ends of b (zeros for no bias). */
  readonly bLo: Float64Array;
  /** Upper ends of b. */
  readonly bHi: Float64Array;
  /** σ of the layer. */
  readonly activation: Activation;
}

/** A readout read from the file: its weights are exact, so each enclosure is one point. */
export function exactLayers(layers: readonly DenseLayer[]): IntervalLayer[] {
  return layers.map((l) => {
    const b = l.bias ?? new Float64Array(l.weight.cols);
    return { rows: l.weight.rows, cols: l.weight.cols, wLo: l.weight.data, wHi: l.weight.data, bLo: b, bHi: b, activation: l.activation };
  });
}

interface Evaluation {
  /** Pre-activation enclosures of every layer. */
  readonly preLo: Float64Array[];
  readonly preHi: Float64Array[];
  /** Enclosure of the scalar output. */
  readonly lo: number;
  readonly hi: number;
}

/** Outward-rounded forward pass on the input box [xlo, xhi] ⊂ R (the first layer must have one row). */
function evaluate(net: readonly IntervalLayer[], xlo: number, xhi: number): Evaluation {
  let lo = Float64Array.of(xlo);
  let hi = Float64Array.of(xhi);
  const preLo: Float64Array[] = [];
  const preHi: Float64Array[] = [];
  for (const L of net) {
    const zlo = Float64Array.from(L.bLo);
    const zhi = Float64Array.from(L.bHi);
    for (let i = 0; i < L.rows; i++) {
      const a = lo[i];
      const b = hi[i];
      if (a === 0 && b === 0) continue;
      for (let j = 0; j < L.cols; j++) {
        const wl = L.wLo[i * L.cols + j];
        const wh = L.wHi[i * L.cols + j];
        if (wl === 0 && wh === 0) continue;
        zlo[j] = down(zlo[j] + mulLo(a, b, wl, wh));
        zhi[j] = up(zhi[j] + mulHi(a, b, wl, wh));
      }
    }
    preLo.push(zlo);
    preHi.push(zhi);
    lo = zlo.map((x) => activateDown(L.activation, x, OUTWARD));
    hi = zhi.map((x) => activateUp(L.activation, x, OUTWARD));
  }
  return { preLo, preHi, lo: lo[0], hi: hi[0] };
}

/** True when every layer is ReLU or identity and no ReLU unit changes sign between the two evaluations. */
function affineBetween(net: readonly IntervalLayer[], a: Evaluation, b: Evaluation): boolean {
  for (let l = 0; l < net.length; l++) {
    const act = net[l].activation;
    if (act === 'identity') continue;
    if (act !== 'relu') return false;
    const alo = a.preLo[l];
    const ahi = a.preHi[l];
    const blo = b.preLo[l];
    const bhi = b.preHi[l];
    for (let j = 0; j < alo.length; j++) {
      const nonneg = alo[j] >= 0 && blo[j] >= 0;
      const nonpos = ahi[j] <= 0 && bhi[j] <= 0;
      if (!(nonneg || nonpos)) return false;
    }
  }
  return true;
}

/** Maximum number of network evaluations of one netMinLower call before cells are bounded directly. */
export const READOUT_MIN_BUDGET = 4096;

/**
 * A proven lower bound on min y·F(x) over x ∈ [lo, hi] (y = ±1), for the real network whose parameters
 * lie in the enclosures of `net`. `splits` are points where kinks are expected (the float64 breakpoints);
 * those inside (lo, hi) start the cells.
 */
export function netMinLower(net: readonly IntervalLayer[], lo: number, hi: number, y: 1 | -1, splits: ArrayLike<number> = []): number {
  const lower = (e: Evaluation) => (y === 1 ? e.lo : -e.hi);
  if (!(lo < hi)) return lower(evaluate(net, Math.min(lo, hi), Math.max(lo, hi)));
  const piecewiseLinear = net.every((l) => l.activation === 'relu' || l.activation === 'identity');
  let budget = READOUT_MIN_BUDGET;
  const cell = (l: number, r: number, eL: Evaluation, eR: Evaluation, depth: number): number => {
    if (affineBetween(net, eL, eR)) return Math.min(lower(eL), lower(eR));
    const m = l + (r - l) / 2;
    const small = !(r - l > 2 ** -44 * Math.max(Math.abs(l), Math.abs(r)));
    if (!piecewiseLinear || depth >= 64 || small || budget <= 0 || !(m > l && m < r)) return lower(evaluate(net, l, r));
    budget--;
    const eM = evaluate(net, m, m);
    return Math.min(cell(l, m, eL, eM, depth + 1), cell(m, r, eM, eR, depth + 1));
  };
  const points = [lo];
  for (let i = 0; i < splits.length; i++) if (splits[i] > lo && splits[i] < hi) points.push(splits[i]);
  points.push(hi);
  points.sort((a, b) => a - b);
  let best = Infinity;
  let prev = evaluate(net, lo, lo);
  for (let i = 1; i < points.length; i++) {
    if (!(points[i] > points[i - 1])) continue;
    const next = evaluate(net, points[i], points[i]);
    best = Math.min(best, cell(points[i - 1], points[i], prev, next, 0));
    prev = next;
  }
  return Number.isNaN(best) ? -Infinity : best;
}

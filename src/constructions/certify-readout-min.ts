/**
 * A proven lower bound on min_{x ∈ [lo, hi]} y·F(x) for a network F with one input whose weights are
 * known only as enclosures (alg-certify-rounding, "Readout minimum"). Every evaluation is interval
 * arithmetic with outward rounding. On a cell [l, r] where every ReLU pre-activation has one sign at
 * both ends (checked layer by layer: once the earlier layers have a fixed pattern, a unit's
 * pre-activation is affine on the cell, so one sign at both ends means one sign on the whole cell), F is
 * affine there for every parameter value in the enclosures, so its minimum is at an end; other cells are
 * bisected (down to relative width 2^−44 or depth 64, within an evaluation budget) and finally bounded by
 * interval evaluation over the whole cell, which is always sound. The cells are built once per network
 * (readoutMinimizer) and shared by every query range.
 */
import type { Activation } from '../model/activations.js';
import type { DenseLayer } from '../model/types.js';
import { OUTWARD, ROUNDING_OPS } from './certify-rounding.js';

// Bound once: the O(T) loops call these millions of times (a module-namespace getter per call under tsx).
const { activateDown, activateUp, down, mulHi, mulLo, up } = ROUNDING_OPS;

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

/** Maximum number of network evaluations spent bisecting the cells of one minimizer. */
export const READOUT_MIN_BUDGET = 4096;

/** An enclosure [lo, hi] of F over a set. */
type Range = readonly [number, number];
const hull = (a: Range, b: Range): Range => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];

/**
 * A minimizer for one network over the global input range [gLo, gHi]: the float64 breakpoints `splits`
 * (and tiny cells of half-width 2^−44·scale around each) cut the range into cells; each cell is checked
 * once for affinity (or bisected, or bounded by one interval evaluation), so that a query on any
 * sub-range [lo, hi] costs two point evaluations and a scan of the cells in between. `range(lo, hi)`
 * returns an enclosure of {F(x) : x ∈ [lo, hi]} (for every parameter value in the enclosures); the lower
 * bound of y·F is range[0] for y = +1 and −range[1] for y = −1.
 */
export function readoutMinimizer(net: readonly IntervalLayer[], gLo: number, gHi: number, splits: ArrayLike<number> = []): { range(lo: number, hi: number): Range } {
  const piecewiseLinear = net.every((l) => l.activation === 'relu' || l.activation === 'identity');
  const evalRange = (l: number, r: number): Range => {
    const e = evaluate(net, l, r);
    return [e.lo, e.hi];
  };
  const scale = Math.max(Math.abs(gLo), Math.abs(gHi), gHi - gLo);
  const delta = 2 ** -44 * scale;
  const pts = [gLo];
  for (let i = 0; i < splits.length; i++) {
    const p = splits[i];
    if (!(p > gLo && p < gHi)) continue;
    if (p - delta > gLo && p - delta < p) pts.push(p - delta);
    pts.push(p);
    if (p + delta < gHi && p + delta > p) pts.push(p + delta);
  }
  pts.push(gHi);
  pts.sort((a, b) => a - b);
  const P = pts.filter((x, i) => i === 0 || x > pts[i - 1]);
  const E = P.map((x) => evaluate(net, x, x));
  let budget = READOUT_MIN_BUDGET;
  // Enclosure of F over [l, r] given the end evaluations: affine → the hull of the ends; else bisect.
  const over = (l: number, r: number, eL: Evaluation, eR: Evaluation, depth: number): Range => {
    if (affineBetween(net, eL, eR)) return [Math.min(eL.lo, eR.lo), Math.max(eL.hi, eR.hi)];
    const m = l + (r - l) / 2;
    const small = !(r - l > 2 ** -44 * Math.max(Math.abs(l), Math.abs(r), scale));
    if (!piecewiseLinear || depth >= 64 || small || budget <= 0 || !(m > l && m < r)) return evalRange(l, r);
    budget--;
    const eM = evaluate(net, m, m);
    return hull(over(l, m, eL, eM, depth + 1), over(m, r, eM, eR, depth + 1));
  };
  const affine: boolean[] = [];
  const cell: Range[] = [];
  for (let i = 0; i + 1 < P.length; i++) {
    affine.push(affineBetween(net, E[i], E[i + 1]));
    cell.push(over(P[i], P[i + 1], E[i], E[i + 1], 0));
  }
  /** Index of the cell containing x: the largest i with P[i] ≤ x (clamped to the cells). */
  const cellOf = (x: number) => {
    let a = 0;
    let b = P.length - 1;
    while (b - a > 1) {
      const m = (a + b) >>> 1;
      if (P[m] <= x) a = m;
      else b = m;
    }
    return a;
  };
  const point = (x: number): Range => evalRange(x, x);
  return {
    range(lo: number, hi: number): Range {
      if (!(lo <= hi) || lo < gLo || hi > gHi || P.length < 2) return evalRange(Math.min(lo, hi), Math.max(lo, hi));
      const i0 = cellOf(lo);
      const i1 = cellOf(hi);
      if (i0 === i1) return affine[i0] ? hull(point(lo), point(hi)) : cell[i0];
      let r: Range = affine[i0] ? hull(point(lo), [E[i0 + 1].lo, E[i0 + 1].hi]) : cell[i0];
      for (let i = i0 + 1; i < i1; i++) r = hull(r, cell[i]);
      const last: Range = hi === P[i1] ? [E[i1].lo, E[i1].hi] : affine[i1] ? hull([E[i1].lo, E[i1].hi], point(hi)) : cell[i1];
      return hull(r, last);
    },
  };
}

/**
 * A proven lower bound on min y·F(x) over x ∈ [lo, hi] (y = ±1), for the real network whose parameters
 * lie in the enclosures of `net`. `splits` are points where kinks are expected (the float64 breakpoints).
 */
export function netMinLower(net: readonly IntervalLayer[], lo: number, hi: number, y: 1 | -1, splits: ArrayLike<number> = []): number {
  const [a, b] = lo < hi ? readoutMinimizer(net, lo, hi, splits).range(lo, hi) : evalRange1(net, Math.min(lo, hi), Math.max(lo, hi));
  const v = y === 1 ? a : -b;
  return Number.isNaN(v) ? -Infinity : v;
}

function evalRange1(net: readonly IntervalLayer[], lo: number, hi: number): Range {
  const e = evaluate(net, lo, hi);
  return [e.lo, e.hi];
}

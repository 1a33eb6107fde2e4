/**
 * Values of the interval pieces (src/constructions/interval-layers.ts, alg-certify-interval), written
 * against that file's surviving mutants. Each piece is checked for soundness (every reachable value lies
 * in the box) and tightness against an independent evaluation:
 * - matVecBox: the exact min/max of a linear map over a box is at a corner (all 2^m enumerated; the
 *   small dyadic weights make float64 exact, so NEAREST must hit it exactly, OUTWARD within 1e−12);
 *   zero weights must ignore even unbounded coordinates;
 * - softmaxWeightBounds: the leave-one-out bounds are attained at the corners (s_u at one end, the others
 *   at the opposite end), computed here by a plain softmax; never negative, never NaN (scores 800 apart,
 *   underflowing exponentials);
 * - knapsackBound: the box∩simplex LP optimum by enumerating every vertex (written here), NEAREST equal
 *   within 1e−12, OUTWARD on the safe side; the bare simplex (upper ends +∞) gives max/min φ;
 * - headBox / layerBoxes: against the reference head and layer (src/model/head.ts, layer.ts) on the
 *   corners of the row boxes (soundness) and on point rows (width ≤ 1e−12; a NEAREST layer reproduces an
 *   exactly cancelling value 1e16 − 1e16 + 0.5 that outward rounding cannot);
 *   the ℓ2-ball projection Π_R against c·v with c = R/‖v‖ (tightness) and |·| ≤ R.
 */
import { describe, expect, test } from 'vitest';
import { headBox, knapsackBound, layerBoxes, matVecBox, softmaxWeightBounds, valueBoxes, type RowBoxes } from '../../../src/constructions/interval-layers.js';
import { NEAREST, OUTWARD } from '../../../src/constructions/certify-rounding.js';
import { fromRows } from '../../../src/core/matrix.js';
import { headForward } from '../../../src/model/head.js';
import { layerForward } from '../../../src/model/layer.js';
import type { Activation } from '../../../src/model/activations.js';
import type { LayerHead, SelfAttentionLayer } from '../../../src/model/types.js';

/** Absolute slack allowed to outward rounding on values of order 1 (a few hundred ulps). */
const ROUND_TOL = 1e-12;
/** Relative tolerance of the softmax corner comparisons (two float64 evaluations of the same formula). */
const REL_TOL = 1e-12;

const f64 = (xs: readonly number[]) => Float64Array.from(xs);

/** Every corner of the box [lo, hi] (m ≤ 12). */
function corners(lo: ArrayLike<number>, hi: ArrayLike<number>): Float64Array[] {
  const m = lo.length;
  const out: Float64Array[] = [];
  for (let mask = 0; mask < 2 ** m; mask++) out.push(Float64Array.from({ length: m }, (_, j) => ((mask >>> j) & 1 ? hi[j] : lo[j])));
  return out;
}

describe('matVecBox: the range of W x (or xᵀW) over a box', () => {
  const W = fromRows([
    [2, -1, 0],
    [0.5, 3, -4],
  ]);
  test('W x (not transposed): NEAREST is the exact corner min/max, OUTWARD encloses it within ROUND_TOL', () => {
    const lo = f64([-1, 0.5, 2]);
    const hi = f64([1, 2, 3]);
    const vals = corners(lo, hi).map((x) => [0, 1].map((i) => x[0] * W.data[i * 3] + x[1] * W.data[i * 3 + 1] + x[2] * W.data[i * 3 + 2]));
    const near = matVecBox(W, lo, hi, false, null, NEAREST);
    const out = matVecBox(W, lo, hi, false);
    expect(near.lo.length).toBe(2);
    for (let i = 0; i < 2; i++) {
      const min = Math.min(...vals.map((v) => v[i]));
      const max = Math.max(...vals.map((v) => v[i]));
      expect(near.lo[i]).toBe(min);
      expect(near.hi[i]).toBe(max);
      expect(out.lo[i]).toBeLessThan(min);
      expect(out.lo[i]).toBeGreaterThan(min - ROUND_TOL);
      expect(out.hi[i]).toBeGreaterThan(max);
      expect(out.hi[i]).toBeLessThan(max + ROUND_TOL);
    }
  });

  test('xᵀW + b (transposed, with bias): exact corner range', () => {
    const lo = f64([-2, 1]);
    const hi = f64([3, 1.5]);
    const bias = f64([10, -1, 0.25]);
    const vals = corners(lo, hi).map((x) => [0, 1, 2].map((j) => bias[j] + x[0] * W.data[j] + x[1] * W.data[3 + j]));
    const near = matVecBox(W, lo, hi, true, bias, NEAREST);
    const out = matVecBox(W, lo, hi, true, bias, OUTWARD);
    expect(near.lo.length).toBe(3);
    for (let j = 0; j < 3; j++) {
      const min = Math.min(...vals.map((v) => v[j]));
      const max = Math.max(...vals.map((v) => v[j]));
      expect(near.lo[j]).toBe(min);
      expect(near.hi[j]).toBe(max);
      expect(out.lo[j]).toBeLessThanOrEqual(min);
      expect(out.lo[j]).toBeGreaterThan(min - ROUND_TOL);
      expect(out.hi[j]).toBeGreaterThanOrEqual(max);
      expect(out.hi[j]).toBeLessThan(max + ROUND_TOL);
    }
  });

  test('a zero weight ignores its coordinate, even an unbounded one; an all-zero W returns the bias exactly', () => {
    const Z = fromRows([[0, 1]]);
    const r = matVecBox(Z, f64([-Infinity, 2]), f64([Infinity, 3]), false, null, NEAREST);
    expect([r.lo[0], r.hi[0]]).toEqual([2, 3]);
    const o = matVecBox(Z, f64([-Infinity, 2]), f64([Infinity, 3]), false);
    expect(o.lo[0]).toBeLessThanOrEqual(2);
    expect(o.lo[0]).toBeGreaterThan(2 - ROUND_TOL);
    expect(o.hi[0]).toBeLessThan(3 + ROUND_TOL);
    const zero = matVecBox(fromRows([[0, 0]]), f64([-1, -1]), f64([1, 1]), false, f64([0.3]), OUTWARD);
    expect([zero.lo[0], zero.hi[0]]).toEqual([0.3, 0.3]);
  });
});

/** Plain softmax (shifted by the max). */
function softmax(s: ArrayLike<number>): number[] {
  const M = Math.max(...Array.from(s));
  const e = Array.from(s, (x) => Math.exp(x - M));
  const Z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / Z);
}

describe('softmaxWeightBounds: attained at the corners of the score box', () => {
  const boxes: [number[], number[]][] = [
    [
      [0, -1, 2],
      [1, 0.5, 2.5],
    ],
    [
      [-3, 0.25, 1, -0.5],
      [-1, 2, 1, 3],
    ],
    [
      [5, 5.5, 4, 6, 3],
      [7, 6, 4.5, 9, 8],
    ],
  ];
  for (const [slo, shi] of boxes) {
    test(`n = ${slo.length}: alo_u = a_u(s_u = lo_u, others hi), ahi_u = min(1, a_u(s_u = hi_u, others lo))`, () => {
      const n = slo.length;
      for (const R of [NEAREST, OUTWARD]) {
        const { alo, ahi } = softmaxWeightBounds(f64(slo), f64(shi), R);
        for (let u = 0; u < n; u++) {
          const low = softmax(slo.map((x, w) => (w === u ? x : shi[w])))[u];
          const high = Math.min(1, softmax(shi.map((x, w) => (w === u ? x : slo[w])))[u]);
          expect(alo[u]).toBeLessThanOrEqual(low * (1 + REL_TOL));
          expect(alo[u]).toBeGreaterThanOrEqual(low * (1 - REL_TOL));
          expect(ahi[u]).toBeGreaterThanOrEqual(high * (1 - REL_TOL));
          expect(ahi[u]).toBeLessThanOrEqual(high * (1 + REL_TOL));
        }
        // Soundness at every corner.
        for (const s of corners(slo, shi)) {
          const a = softmax(s);
          for (let u = 0; u < n; u++) {
            expect(a[u]).toBeGreaterThanOrEqual(alo[u] * (1 - REL_TOL));
            expect(a[u]).toBeLessThanOrEqual(ahi[u] * (1 + REL_TOL));
          }
        }
      }
    });
  }

  test('OUTWARD is on the safe side of NEAREST', () => {
    const [slo, shi] = boxes[1];
    const o = softmaxWeightBounds(f64(slo), f64(shi), OUTWARD);
    const m = softmaxWeightBounds(f64(slo), f64(shi), NEAREST);
    for (let u = 0; u < slo.length; u++) {
      expect(o.alo[u]).toBeLessThan(m.alo[u]);
      expect(o.ahi[u]).toBeGreaterThan(m.ahi[u]);
    }
  });

  test('scores 800 apart (exp overflows unshifted): finite bounds around softmax', () => {
    const s = f64([0, 800, 10]);
    for (const R of [NEAREST, OUTWARD]) {
      const { alo, ahi } = softmaxWeightBounds(s, s, R);
      const a = softmax(s);
      for (let u = 0; u < 3; u++) {
        expect(Number.isFinite(alo[u]) && Number.isFinite(ahi[u])).toBe(true);
        expect(alo[u]).toBeLessThanOrEqual(a[u]);
        expect(ahi[u]).toBeGreaterThanOrEqual(a[u]);
      }
      expect(alo[1]).toBeGreaterThan(1 - 1e-12);
      expect(ahi[0]).toBeLessThan(1e-300);
    }
  });

  test('an underflowing weight has lower bound exactly 0 (never negative); nothing known gives upper bound 1', () => {
    for (const R of [NEAREST, OUTWARD]) {
      const { alo, ahi } = softmaxWeightBounds(f64([0, -2000]), f64([0, -1990]), R);
      expect(alo[1]).toBe(0);
      expect(alo[0]).toBeGreaterThan(1 - 1e-12);
      expect(ahi[1]).toBeGreaterThanOrEqual(0);
      expect(ahi[1]).toBeLessThan(1e-300);
    }
    // NEAREST with every exponential but the top one underflowing to 0: e^{hi_1 − M} = 0 and Σ_{w≠1} e^{lo_w − M} = 0,
    // so the quotient is 0/0; the bound falls back to the trivial a_1 ≤ 1.
    const { alo, ahi } = softmaxWeightBounds(f64([-2000, -2000]), f64([0, -1500]), NEAREST);
    expect(ahi[1]).toBe(1);
    expect(ahi[0]).toBe(1);
    expect(alo[1]).toBe(0);
    for (const x of [...alo, ...ahi]) expect(x >= 0 && x <= 1).toBe(true);
  });
});

/** max (or min) of Σ a_u φ_u over {a ∈ [alo, ahi], Σ a = 1} by enumerating vertices (n ≤ 6). */
function lpOptimum(alo: number[], ahi: number[], phi: number[], maximize: boolean): number {
  const n = alo.length;
  let best = maximize ? -Infinity : Infinity;
  for (let f = 0; f < n; f++) {
    for (let mask = 0; mask < 2 ** (n - 1); mask++) {
      let rest = 0;
      let val = 0;
      for (let u = 0, bit = 0; u < n; u++) {
        if (u === f) continue;
        const a = (mask >>> bit++) & 1 ? ahi[u] : alo[u];
        rest += a;
        val += a * phi[u];
      }
      const af = 1 - rest;
      if (af < alo[f] - 1e-15 || af > ahi[f] + 1e-15) continue;
      val += af * phi[f];
      best = maximize ? Math.max(best, val) : Math.min(best, val);
    }
  }
  return best;
}

describe('knapsackBound: the box∩simplex LP optimum (weak duality at the greedy multiplier)', () => {
  const cases: { alo: number[]; ahi: number[]; phi: number[] }[] = [
    // capacity of the best φ too small: the mass spills to the 2nd and 3rd best
    { alo: [0.1, 0.05, 0.2, 0.1], ahi: [0.3, 0.25, 0.5, 0.6], phi: [2, -1, 0.5, 3] },
    { alo: [0, 0, 0, 0, 0], ahi: [0.15, 0.3, 0.2, 0.4, 0.35], phi: [-0.7, 1.5, 4, -2, 0.25] },
    { alo: [0.2, 0.3, 0.1], ahi: [0.7, 0.4, 0.9], phi: [1, 5, -3] },
    // point weights summing to 1 (no mass left to place)
    { alo: [0.25, 0.75], ahi: [0.25, 0.75], phi: [4, -8] },
    // Σ alo = 1 with room above: the only feasible point is alo
    { alo: [0.5, 0.25, 0.25], ahi: [0.75, 0.5, 1], phi: [3, -1, 7] },
  ];
  for (const [i, c] of cases.entries()) {
    test(`case ${i}: NEAREST = LP optimum within 1e−12, OUTWARD on the safe side within ROUND_TOL`, () => {
      for (const maximize of [true, false]) {
        const opt = lpOptimum(c.alo, c.ahi, c.phi, maximize);
        const near = knapsackBound(f64(c.alo), f64(c.ahi), f64(c.phi), maximize, NEAREST);
        const out = knapsackBound(f64(c.alo), f64(c.ahi), f64(c.phi), maximize);
        expect(Math.abs(near - opt)).toBeLessThan(1e-12);
        if (maximize) {
          expect(out).toBeGreaterThanOrEqual(opt);
          expect(out).toBeLessThan(opt + ROUND_TOL);
        } else {
          expect(out).toBeLessThanOrEqual(opt);
          expect(out).toBeGreaterThan(opt - ROUND_TOL);
        }
      }
    });
  }

  test('the bare simplex (upper ends +∞, lower 0): max φ and min φ', () => {
    const alo = f64([0, 0, 0]);
    const ahi = f64([Infinity, Infinity, Infinity]);
    const phi = f64([1, 2.5, -0.5]);
    expect(knapsackBound(alo, ahi, phi, true, NEAREST)).toBe(2.5);
    expect(knapsackBound(alo, ahi, phi, false, NEAREST)).toBe(-0.5);
  });
});

/** Rows as a box of half-width r around centers c. */
const boxAround = (c: number[][], r: number): RowBoxes => ({ lo: c.map((x) => f64(x.map((v) => v - r))), hi: c.map((x) => f64(x.map((v) => v + r))) });
const pointRows = (c: number[][]): RowBoxes => ({ lo: c.map((x) => f64(x)), hi: c.map((x) => f64(x)) });

const ROWS = [
  [0.5, -1, 0.25],
  [1, 0.75, -0.5],
  [-0.25, 0.5, 1.5],
];
function makeHead(act: Activation, wC = true): LayerHead {
  return {
    wQK: fromRows([
      [0.8, -0.3, 0.5],
      [0.2, 1.1, -0.7],
      [-0.4, 0.6, 0.9],
    ]),
    wV: fromRows([
      [1, -0.5],
      [0.3, 0.8],
      [-1.2, 0.4],
    ]),
    activation: act,
    wC: wC
      ? fromRows([
          [0.6, -0.2, 1],
          [-0.9, 0.5, 0.3],
        ])
      : fromRows([
          [0, 0, 0],
          [0, 0, 0],
        ]),
  };
}

/** Sample points of a row box: every row at its center or at one of a few corners, all combinations of a subset. */
function samples(X: RowBoxes): number[][][] {
  const n = X.lo.length;
  const perRow = X.lo.map((lo, u) => corners(lo, X.hi[u]).filter((_, i) => i % 3 === 0));
  const out: number[][][] = [];
  const idx = new Array(n).fill(0);
  for (;;) {
    out.push(idx.map((i, u) => Array.from(perRow[u][i])));
    let u = 0;
    while (u < n && ++idx[u] === perRow[u].length) idx[u++] = 0;
    if (u === n) break;
  }
  return out;
}

describe('headBox: one head’s output box', () => {
  for (const act of ['identity', 'tanh', 'relu'] as const) {
    test(`${act}: point rows give the reference output (OUTWARD width ≤ ROUND_TOL, NEAREST lo = hi)`, () => {
      const X = pointRows(ROWS);
      const head = makeHead(act);
      for (let t = 0; t < 3; t++) {
        const ref = headForward(head, fromRows(ROWS), ROWS[t]);
        const out = headBox(head, X, t);
        const near = headBox(head, X, t, valueBoxes(head, X, NEAREST), NEAREST);
        expect(out.lo.length).toBe(2);
        for (let m = 0; m < 2; m++) {
          expect(out.lo[m]).toBeLessThanOrEqual(ref[m]);
          expect(out.hi[m]).toBeGreaterThanOrEqual(ref[m]);
          expect(out.hi[m] - out.lo[m]).toBeLessThan(ROUND_TOL);
          expect(near.hi[m] - near.lo[m]).toBeLessThan(ROUND_TOL);
          expect(Math.abs(near.lo[m] - ref[m])).toBeLessThan(ROUND_TOL);
        }
      }
    });

    test(`${act}: a box of rows encloses the reference output at sampled corners`, () => {
      const X = boxAround(ROWS, 0.2);
      const head = makeHead(act);
      for (const t of [0, 2]) {
        const out = headBox(head, X, t);
        const near = headBox(head, X, t, valueBoxes(head, X, NEAREST), NEAREST);
        for (const rows of samples(X)) {
          const ref = headForward(head, fromRows(rows), rows[t]);
          for (let m = 0; m < 2; m++) {
            expect(ref[m]).toBeGreaterThanOrEqual(out.lo[m]);
            expect(ref[m]).toBeLessThanOrEqual(out.hi[m]);
            expect(ref[m]).toBeGreaterThanOrEqual(near.lo[m] - ROUND_TOL);
            expect(ref[m]).toBeLessThanOrEqual(near.hi[m] + ROUND_TOL);
          }
        }
      }
    });
  }
});

describe('layerBoxes: rows after one self-attention layer', () => {
  test('two heads, residual, no projection: point rows give the reference layer (NEAREST width ≤ ROUND_TOL)', () => {
    const layer: SelfAttentionLayer = { heads: [makeHead('tanh'), makeHead('identity')], residual: true, projectionRadius: null };
    const X = pointRows(ROWS);
    const ref = layerForward(layer, fromRows(ROWS));
    const out = layerBoxes(layer, X);
    const near = layerBoxes(layer, X, NEAREST);
    for (let t = 0; t < 3; t++) {
      for (let j = 0; j < 3; j++) {
        const r = ref.data[t * 3 + j];
        expect(out.lo[t][j]).toBeLessThanOrEqual(r);
        expect(out.hi[t][j]).toBeGreaterThanOrEqual(r);
        expect(out.hi[t][j] - out.lo[t][j]).toBeLessThan(ROUND_TOL);
        expect(near.hi[t][j] - near.lo[t][j]).toBeLessThan(ROUND_TOL);
        expect(Math.abs(near.lo[t][j] - r)).toBeLessThan(ROUND_TOL);
      }
    }
  });

  test('NEAREST values stay NEAREST: a cancelling value 1e16 − 1e16 + 0.5 is exact, its OUTWARD box is not', () => {
    // W_QK = 0 (uniform weights 1/4 over 4 equal rows), W_V sums the coordinates: every value is exactly
    // 0.5 in float64 (and in the reference layer), while outward rounding of 1e16 − 1e16 leaves a box
    // several units wide. A NEAREST layer must reproduce 0.5·W_C exactly.
    const x = [1e16, -1e16, 0.5];
    const head: LayerHead = {
      wQK: fromRows([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]),
      wV: fromRows([[1], [1], [1]]),
      activation: 'identity',
      wC: fromRows([[2, -1, 0.5]]),
    };
    const layer: SelfAttentionLayer = { heads: [head], residual: false, projectionRadius: null };
    const rows = [x, x, x, x];
    const ref = layerForward(layer, fromRows(rows));
    expect(Array.from(ref.data.subarray(0, 3))).toEqual([1, -0.5, 0.25]);
    const near = layerBoxes(layer, pointRows(rows), NEAREST);
    for (let t = 0; t < 4; t++) {
      expect(Array.from(near.lo[t])).toEqual([1, -0.5, 0.25]);
      expect(Array.from(near.hi[t])).toEqual([1, -0.5, 0.25]);
    }
    const out = layerBoxes(layer, pointRows(rows));
    expect(out.hi[0][0] - out.lo[0][0]).toBeGreaterThan(1);
  });

  test('boxes of rows, projection R = 1: the reference layer at sampled corners is enclosed, |·| ≤ R', () => {
    const layer: SelfAttentionLayer = { heads: [makeHead('identity')], residual: true, projectionRadius: 1 };
    const X = boxAround(ROWS, 0.15);
    const out = layerBoxes(layer, X);
    for (const rows of samples(X)) {
      const ref = layerForward(layer, fromRows(rows));
      for (let t = 0; t < 3; t++) {
        for (let j = 0; j < 3; j++) {
          expect(ref.data[t * 3 + j]).toBeGreaterThanOrEqual(out.lo[t][j]);
          expect(ref.data[t * 3 + j]).toBeLessThanOrEqual(out.hi[t][j]);
        }
      }
    }
    for (const row of [...out.lo, ...out.hi]) for (const x of row) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  });

  // Π_R alone (no heads): a point v maps to the hull of v and c·v, c = min(1, R/‖v‖), clipped to [−R, R].
  const project = (rows: number[][], R: number) => layerBoxes({ heads: [], residual: true, projectionRadius: R }, pointRows(rows));
  test('Π_R of a point with ‖v‖ > R: the end nearer 0 is c·v (c = R/‖v‖), the other end v clipped to ±R', () => {
    // v = (0.6, −0.8), ‖v‖ = 1, R = 0.5: Π_R v = (0.3, −0.4); box [0.3, 0.5] × [−0.5, −0.4].
    for (const R of [OUTWARD, NEAREST]) {
      const out = layerBoxes({ heads: [], residual: true, projectionRadius: 0.5 }, pointRows([[0.6, -0.8]]), R);
      expect(out.lo[0][0]).toBeLessThanOrEqual(0.3);
      expect(out.lo[0][0]).toBeGreaterThan(0.3 - ROUND_TOL);
      expect(out.hi[0][0]).toBe(0.5);
      expect(out.lo[0][1]).toBe(-0.5);
      expect(out.hi[0][1]).toBeGreaterThanOrEqual(-0.4);
      expect(out.hi[0][1]).toBeLessThan(-0.4 + ROUND_TOL);
    }
    // v = (3, 4), R = 2: Π_R v = (1.2, 1.6); ends clipped at 2.
    const big = project([[3, 4]], 2);
    expect(big.lo[0][0]).toBeLessThanOrEqual(1.2);
    expect(big.lo[0][0]).toBeGreaterThan(1.2 - ROUND_TOL);
    expect(big.lo[0][1]).toBeGreaterThan(1.6 - ROUND_TOL);
    expect(big.hi[0][0]).toBe(2);
    expect(big.hi[0][1]).toBe(2);
    // negative coordinates: v = (−3, −4): Π_R v = (−1.2, −1.6).
    const neg = project([[-3, -4]], 2);
    expect(neg.hi[0][0]).toBeGreaterThanOrEqual(-1.2);
    expect(neg.hi[0][0]).toBeLessThan(-1.2 + ROUND_TOL);
    expect(neg.hi[0][1]).toBeLessThan(-1.6 + ROUND_TOL);
    expect(neg.lo[0][0]).toBe(-2);
  });

  test('Π_R of a point inside the ball is the point (NEAREST exactly, OUTWARD within ROUND_TOL)', () => {
    const near = layerBoxes({ heads: [], residual: true, projectionRadius: 1 }, pointRows([[0.1, -0.2, 0.3]]), NEAREST);
    expect(Array.from(near.lo[0])).toEqual([0.1, -0.2, 0.3]);
    expect(Array.from(near.hi[0])).toEqual([0.1, -0.2, 0.3]);
    const out = project([[0.1, -0.2, 0.3]], 1);
    for (let j = 0; j < 3; j++) expect(out.hi[0][j] - out.lo[0][j]).toBeLessThan(ROUND_TOL);
  });

  test('Π_R of a box: every corner’s projection is inside (the radius bound uses the largest |end|)', () => {
    const X: RowBoxes = { lo: [f64([0.2, -0.9])], hi: [f64([0.9, -0.1])] };
    const layer: SelfAttentionLayer = { heads: [], residual: true, projectionRadius: 0.5 };
    const out = layerBoxes(layer, X);
    for (const v of corners(X.lo[0], X.hi[0])) {
      const ref = layerForward(layer, fromRows([Array.from(v)]));
      for (let j = 0; j < 2; j++) {
        expect(ref.data[j]).toBeGreaterThanOrEqual(out.lo[0][j]);
        expect(ref.data[j]).toBeLessThanOrEqual(out.hi[0][j]);
      }
    }
  });

  test('no residual, no heads: every row is 0', () => {
    const out = layerBoxes({ heads: [], residual: false, projectionRadius: null }, pointRows(ROWS));
    for (const row of [...out.lo, ...out.hi]) expect(Array.from(row)).toEqual([0, 0, 0]);
  });
});

/**
 * readout-pieces.ts (alg-certify-position-keys): the breakpoints of a 1-D piecewise-linear readout against
 * an independent search. For a 3-layer ReLU readout (1 → 4 relu → 3 relu → 1 identity, with an identity
 * hidden layer variant) on [lo, hi]:
 * - the interior points are exactly the zero crossings of the ReLU units' pre-activations, found here by
 *   a fine scan plus bisection with this file's own forward pass (not the module's preActivations);
 *   crossings of identity layers (the output's own zero crossings included) are not points;
 * - values[i] = readoutForward at points[i], and g is linear between consecutive points (checked at 1/3, 2/3);
 * - lo = hi gives the single point lo; the guards (not 1-D, a non-PL activation, empty layers, NaN/∞/lo > hi)
 *   throw DomainErrors whose message names the offending activations or interval;
 * - isPiecewiseLinear1D on each way of failing it.
 * Targets preActivations (layer cut, ReLU), the crossing test and the guards.
 */
import { describe, expect, test } from 'vitest';
import { isPiecewiseLinear1D, readoutBreakpoints } from '../../../src/constructions/readout-pieces.js';
import { readoutForward } from '../../../src/model/readout.js';
import { fromData } from '../../../src/core/matrix.js';
import type { DenseLayer } from '../../../src/model/types.js';
import type { Activation } from '../../../src/model/activations.js';

/** Agreement of a found breakpoint with the bisected crossing. */
const POINT_TOL = 1e-9;
/** Linearity of g between consecutive points (values of size ~10). */
const LINEAR_TOL = 1e-9;

function layer(rows: number, cols: number, w: number[], b: number[] | null, activation: Activation): DenseLayer {
  return { weight: fromData(rows, cols, Float64Array.from(w)), bias: b === null ? null : Float64Array.from(b), activation };
}

/** 1 → 4 (relu) → 3 (relu) → 1 (identity); generic weights, so every crossing is a sign change. */
const NET: DenseLayer[] = [
  layer(1, 4, [1, -1.3, 0.7, 2.1], [-1.1, 0.45, 0.2, -5.3], 'relu'),
  layer(4, 3, [0.9, -1.2, 0.4, -0.8, 1.1, 0.3, 1.3, 0.2, -0.9, 0.5, -0.6, 1.7], [-0.35, 0.8, -1.9], 'relu'),
  layer(3, 1, [1.5, -2.2, 0.9], [-0.4], 'identity'),
];
/** The same with an identity hidden layer in the middle (its crossings are no kinks). */
const NET_ID: DenseLayer[] = [NET[0], { ...NET[1], activation: 'identity' }, NET[2]];

/** This file's own forward pass up to the pre-activations of layer `upTo`. */
function pre(layers: DenseLayer[], upTo: number, h: number): number[] {
  let x = [h];
  for (let l = 0; ; l++) {
    const L = layers[l];
    const z: number[] = [];
    for (let j = 0; j < L.weight.cols; j++) {
      let s = L.bias ? L.bias[j] : 0;
      for (let i = 0; i < L.weight.rows; i++) s += x[i] * L.weight.data[i * L.weight.cols + j];
      z.push(s);
    }
    if (l === upTo) return z;
    x = L.activation === 'relu' ? z.map((v) => Math.max(0, v)) : z;
  }
}

/** Zero crossings in (lo, hi) of every ReLU unit's pre-activation: scan with `steps` cells, then bisection. */
function crossings(layers: DenseLayer[], lo: number, hi: number, steps = 4000): number[] {
  const out: number[] = [];
  for (let l = 0; l < layers.length; l++) {
    if (layers[l].activation !== 'relu') continue;
    const units = layers[l].weight.cols;
    for (let u = 0; u < units; u++) {
      const f = (h: number) => pre(layers, l, h)[u];
      for (let k = 0; k < steps; k++) {
        let a = lo + ((hi - lo) * k) / steps;
        let b = lo + ((hi - lo) * (k + 1)) / steps;
        if (Math.sign(f(a)) * Math.sign(f(b)) >= 0) continue;
        for (let it = 0; it < 80; it++) {
          const m = (a + b) / 2;
          if (Math.sign(f(m)) === Math.sign(f(a))) a = m;
          else b = m;
        }
        out.push((a + b) / 2);
      }
    }
  }
  return out.sort((x, y) => x - y);
}

function checkBreakpoints(layers: DenseLayer[], lo: number, hi: number): number {
  const { points, values } = readoutBreakpoints(layers, lo, hi);
  const expected = crossings(layers, lo, hi);
  expect(points[0]).toBe(lo);
  expect(points[points.length - 1]).toBe(hi);
  const interior = Array.from(points.subarray(1, points.length - 1));
  expect(interior.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(interior[i] - expected[i])).toBeLessThanOrEqual(POINT_TOL);
  for (let i = 0; i < points.length; i++) {
    expect(values[i]).toBe(readoutForward(layers, [points[i]]));
    if (i + 1 < points.length) {
      expect(points[i + 1]).toBeGreaterThan(points[i]);
      for (const f of [1 / 3, 2 / 3]) {
        const h = points[i] + f * (points[i + 1] - points[i]);
        const lin = values[i] + f * (values[i + 1] - values[i]);
        expect(Math.abs(readoutForward(layers, [h]) - lin)).toBeLessThanOrEqual(LINEAR_TOL);
      }
    }
  }
  return expected.length;
}

describe('readoutBreakpoints = the ReLU units’ zero crossings, g linear in between', () => {
  test('1 → 4 relu → 3 relu → 1 on [−3, 5]', () => {
    // Layer 2's crossings need layer 1 through its ReLU: both layers contribute.
    expect(checkBreakpoints(NET, -3, 5)).toBeGreaterThanOrEqual(6);
    // and the output itself crosses zero in the interval (no point is added there).
    const g = (h: number) => readoutForward(NET, [h]);
    let signChanges = 0;
    for (let k = 0; k < 800; k++) if (Math.sign(g(-3 + k / 100)) !== Math.sign(g(-3 + (k + 1) / 100))) signChanges++;
    expect(signChanges).toBeGreaterThan(0);
  });

  test('an identity hidden layer: only the first layer’s crossings', () => {
    checkBreakpoints(NET_ID, -3, 5);
  });

  test('a sub-interval [0.3, 1.9]', () => {
    checkBreakpoints(NET, 0.3, 1.9);
  });

  test('kinks exactly at hi (pre-activation 0 there) add no interior point', () => {
    // w·1.3 + c = 0 exactly for (4, −5.2) and (−4, 5.2); from lo = −0.693 the interpolation
    // lo + Δ·a/(a − 0) rounds to 1.2999999999999998 < hi, so only the strict sign test keeps it out.
    const net = [layer(1, 2, [4, -4], [-5.2, 5.2], 'relu'), layer(2, 1, [1, 0.5], [0], 'identity')];
    expect(pre(net, 0, 1.3)).toEqual([0, 0]);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: a chosen endpoint (found by a scan), not −ln 2
    const lo = -0.693;
    const { points } = readoutBreakpoints(net, lo, 1.3);
    expect(Array.from(points)).toEqual([lo, 1.3]);
  });

  test('a crossing within one ulp of hi never yields a point beyond hi', () => {
    // pre(h) = h − 1.2999999999999998: 2^−52 at hi = 1.3, and the interpolated crossing rounds to 1.3000000000000003 > hi.
    const net = [layer(1, 1, [1], [-1.2999999999999998], 'relu'), layer(1, 1, [2], [0], 'identity')];
    const { points, values } = readoutBreakpoints(net, -0.6546, 1.3);
    expect(points[0]).toBe(-0.6546);
    expect(points[points.length - 1]).toBe(1.3);
    for (const p of points) expect(p).toBeLessThanOrEqual(1.3);
    expect(values[values.length - 1]).toBe(readoutForward(net, [1.3]));
  });

  test('units of one sign on all of [lo, hi], vanishing to within an ulp at hi, add no point', () => {
    // pre = −h + 1.3000000000000003 > 0 and h − 1.3000000000000003 < 0 on the whole interval (±2^−52 at
    // hi): no crossing, though the interpolation lo + Δ·a/(a − b) would land at 1.2999999999999998 < hi.
    const net = [layer(1, 2, [-1, 1], [1.3000000000000003, -1.3000000000000003], 'relu'), layer(2, 1, [1, -0.5], [0], 'identity')];
    const lo = -0.6628999999999999; // = −0.7 + 371·10⁻⁴ in float64, found by a scan
    for (const u of [0, 1]) {
      const a = pre(net, 0, lo)[u];
      const b = pre(net, 0, 1.3)[u];
      expect(Math.sign(a)).toBe(Math.sign(b));
      const p = lo + ((1.3 - lo) * a) / (a - b);
      expect(p > lo && p < 1.3).toBe(true);
    }
    expect(Array.from(readoutBreakpoints(net, lo, 1.3).points)).toEqual([lo, 1.3]);
  });

  test('a ReLU layer after an identity hidden layer (negative identity outputs are not clamped)', () => {
    const net = [
      layer(1, 2, [1, -1], [0.2, 0.9], 'relu'),
      layer(2, 2, [1, -1, -2, 0.5], [-0.6, 0.3], 'identity'),
      layer(2, 2, [1, 0.7, 0.8, -1.1], [0.25, -0.1], 'relu'),
      layer(2, 1, [1.2, -0.9], [0.05], 'identity'),
    ];
    expect(checkBreakpoints(net, -3, 3)).toBeGreaterThanOrEqual(3);
  });

  test('lo = hi: the single point', () => {
    const { points, values } = readoutBreakpoints(NET, 0.75, 0.75);
    expect(Array.from(points)).toEqual([0.75]);
    expect(Array.from(values)).toEqual([readoutForward(NET, [0.75])]);
  });
});

describe('guards', () => {
  const tanhNet = [NET[0], { ...NET[1], activation: 'tanh' as Activation }, NET[2]];
  test('isPiecewiseLinear1D', () => {
    expect(isPiecewiseLinear1D(NET)).toBe(true);
    expect(isPiecewiseLinear1D(NET_ID)).toBe(true);
    expect(isPiecewiseLinear1D([])).toBe(false);
    expect(isPiecewiseLinear1D([layer(2, 1, [1, 1], null, 'relu')])).toBe(false);
    expect(isPiecewiseLinear1D(tanhNet)).toBe(false);
    expect(isPiecewiseLinear1D([layer(1, 1, [1], null, 'tanh')])).toBe(false);
  });
  test('readoutBreakpoints refuses a non-PL readout and names its activations', () => {
    expect(() => readoutBreakpoints(tanhNet, 0, 1)).toThrow(/readoutBreakpoints: layers must be a 1-D input readout with relu\/identity activations \(got \["relu","tanh","identity"\]\)/);
    expect(() => readoutBreakpoints([], 0, 1)).toThrow(/readoutBreakpoints: layers must be/);
  });
  test('readoutBreakpoints refuses a bad interval and names it', () => {
    expect(() => readoutBreakpoints(NET, 2, 1)).toThrow(/readoutBreakpoints: interval must be finite with lo <= hi \(got \[2,1\]\)/);
    expect(() => readoutBreakpoints(NET, Number.NaN, 1)).toThrow(/interval must be finite/);
    expect(() => readoutBreakpoints(NET, 0, Infinity)).toThrow(/interval must be finite/);
    expect(() => readoutBreakpoints(NET, -Infinity, 0)).toThrow(/interval must be finite/);
  });
});

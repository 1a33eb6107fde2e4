/**
 * The readout minimum (alg-certify-rounding, "Readout minimum"; src/constructions/certify-readout-min.ts)
 * against brute force over the readout input. For 1 → H → 1 ReLU readouts the true range of F over
 * [lo, hi] is the min/max of F at lo, hi and the analytic kinks −b1_j / w1_j inside (an independent oracle,
 * evaluated here by hand); `range(lo, hi)` must enclose it (soundness, exact where the weights are dyadic)
 * and exceed it by at most a named tolerance (tightness), with and without the float kinks as splits,
 * on sub-range queries that start or end at splits, lie in one cell, lie outside [gLo, gHi] or are
 * inverted. It targets the mutant classes that only change the answer: the affinity test
 * (affineBetween), the tiny cells around each split and the bisection budget (a many-kink readout whose
 * splits are shuffled), the bisection stop rules (ReLU/identity only; non-piecewise-linear readouts are
 * bounded by one interval evaluation, the documented fallback checked against a hand-written natural
 * interval extension), the cell lookup and the query fallbacks, netMinLower's sign and NaN rules, and
 * the exactness of zero terms (a zero input or weight adds no outward rounding).
 */
import { describe, expect, test } from 'vitest';
import { fc } from '../../helpers/fc-test.js';
import { exactLayers, netMinLower, READOUT_MIN_BUDGET, readoutMinimizer, type IntervalLayer } from '../../../src/constructions/certify-readout-min.js';
import { fromData } from '../../../src/core/matrix.js';
import type { DenseLayer } from '../../../src/model/types.js';

/** Relative tolerance of tightness: outward rounding and the 2^−44 tiny cells cost far less. */
const TIGHT_REL = 1e-9;

/** A 1 → H → 1 readout: F(x) = Σ_j w2_j relu(w1_j x + b1_j) + b2 (the last layer identity). */
interface Relu1D {
  readonly w1: readonly number[];
  readonly b1: readonly number[];
  readonly w2: readonly number[];
  readonly b2: number;
}

function denseOf(r: Relu1D, hidden: 'relu' | 'tanh' = 'relu', out: 'identity' | 'tanh' = 'identity'): DenseLayer[] {
  const H = r.w1.length;
  return [
    { weight: fromData(1, H, Float64Array.from(r.w1)), bias: Float64Array.from(r.b1), activation: hidden },
    { weight: fromData(H, 1, Float64Array.from(r.w2)), bias: Float64Array.of(r.b2), activation: out },
  ];
}

/** The oracle: F by hand. */
function F(r: Relu1D, x: number): number {
  let s = r.b2;
  for (let j = 0; j < r.w1.length; j++) s += r.w2[j] * Math.max(0, r.w1[j] * x + r.b1[j]);
  return s;
}

/** The analytic kinks of F (units with w1_j ≠ 0 and w2_j ≠ 0). */
function kinks(r: Relu1D): number[] {
  const out: number[] = [];
  for (let j = 0; j < r.w1.length; j++) if (r.w1[j] !== 0 && r.w2[j] !== 0) out.push(-r.b1[j] / r.w1[j]);
  return out;
}

/** The float kinks of every unit with w1_j ≠ 0 (where its pre-activation changes sign): the splits. */
function splitsOf(r: Relu1D): number[] {
  const out: number[] = [];
  for (let j = 0; j < r.w1.length; j++) if (r.w1[j] !== 0) out.push(-r.b1[j] / r.w1[j]);
  return out.sort((a, b) => a - b);
}

/** The true range of F over [lo, hi]: F is linear between kinks, so its extremes are at the ends or kinks. */
function trueRange(r: Relu1D, lo: number, hi: number): [number, number] {
  const xs = [lo, hi, ...kinks(r).filter((k) => k > lo && k < hi)];
  const v = xs.map((x) => F(r, x));
  return [Math.min(...v), Math.max(...v)];
}

/** A scale for absolute tolerances: Σ_j |w2_j|(|w1_j| M + |b1_j|) + |b2| + 1, M = max |x|. */
function fScale(r: Relu1D, M: number): number {
  let s = 1 + Math.abs(r.b2);
  for (let j = 0; j < r.w1.length; j++) s += Math.abs(r.w2[j]) * (Math.abs(r.w1[j]) * M + Math.abs(r.b1[j]));
  return s;
}

/** Sound: the enclosure holds the true range (up to `slackAbs`, 0 when the oracle is exact). Tight: within tol of it. */
function expectEncloses(got: readonly [number, number], want: readonly [number, number], tol: number, slackAbs = 0, what = ''): void {
  expect(got[0], `${what} lower ${got[0]} above true min ${want[0]}`).toBeLessThanOrEqual(want[0] + slackAbs);
  expect(got[1], `${what} upper ${got[1]} below true max ${want[1]}`).toBeGreaterThanOrEqual(want[1] - slackAbs);
  expect(got[0], `${what} lower ${got[0]} too far below ${want[0]}`).toBeGreaterThanOrEqual(want[0] - tol);
  expect(got[1], `${what} upper ${got[1]} too far above ${want[1]}`).toBeLessThanOrEqual(want[1] + tol);
}

// |x| and −|x|: the kink sits at 0, where the pre-activations are exactly 0 (no rounding), so the cells on
// both sides of the split 0 are affine and the extreme 0 is reached only through a cell's end value.
const absV: Relu1D = { w1: [1, -1], b1: [0, 0], w2: [1, 1], b2: 0 };
const absA: Relu1D = { w1: [1, -1], b1: [0, 0], w2: [-1, -1], b2: 0 };
// The clamp relu(x) − relu(x − 1): its natural interval extension on [−1, 2] is [−2, 2] against the true [0, 1].
const clamp: Relu1D = { w1: [1, 1], b1: [0, -1], w2: [1, -1], b2: 0 };

describe('readoutMinimizer: exact cases', () => {
  test('|x| and −|x| on [−2, 3] with splits −1, 0, 1: every query is enclosed exactly where F is dyadic, tight within 1e−9', () => {
    const queries: [number, number][] = [
      [-2, 3],
      [-1.5, 2],
      [-2, 0], // ends at a split
      [0, 3], // starts at a split
      [-1, 1],
      [-0.75, 0.5],
      [0.25, 0.5], // inside one cell: the cell's end values are not in the range
      [-1.75, -1.25],
      [1.5, 2.5],
      [3, 3], // the global end itself
      [-2, -2],
      [0, 0],
      [1, 1],
    ];
    for (const r of [absV, absA]) {
      const m = readoutMinimizer(exactLayers(denseOf(r)), -2, 3, [-1, 0, 1]);
      for (const [lo, hi] of queries) expectEncloses(m.range(lo, hi), trueRange(r, lo, hi), TIGHT_REL * fScale(r, 3), 0, `[${lo}, ${hi}]`);
    }
  });

  test('without splits, the kink is found by bisection: the clamp on [−1, 2] is tight (its interval extension is not)', () => {
    const m = readoutMinimizer(exactLayers(denseOf(clamp)), -1, 2);
    // One cell [−1, 2], not affine: every query inside it gets the cell's (tight) enclosure [0, 1].
    for (const [lo, hi] of [
      [-1, 2],
      [-0.5, 1.5],
      [0.5, 2],
      [-1, 0.5],
    ] as [number, number][])
      expectEncloses(m.range(lo, hi), [0, 1], TIGHT_REL * fScale(clamp, 2), 0, `[${lo}, ${hi}]`);
    // On a single-cell minimizer (P = [gLo, gHi]) too: [gLo, gHi] is not left to the interval evaluation.
    const one = readoutMinimizer(exactLayers(denseOf(clamp)), 0.5, 1.5);
    expectEncloses(one.range(0.5, 1.5), [0.5, 1], 1e-9, 0);
  });

  test('queries outside [gLo, gHi] or inverted fall back to one interval evaluation and stay sound', () => {
    // |x| on [1, 3]: no kink inside, but the query [−1, 2] reaches the kink at 0.
    const m = readoutMinimizer(exactLayers(denseOf(absV)), 1, 3, [2]);
    expectEncloses(m.range(-1, 2), [0, 2], 4 + 1e-9, 0, 'below gLo');
    // |x − 4| on [1, 3] queried on [2, 5]: the kink 4 lies beyond gHi.
    const shifted: Relu1D = { w1: [1, -1], b1: [-4, 4], w2: [1, 1], b2: 0 };
    const s = readoutMinimizer(exactLayers(denseOf(shifted)), 1, 3, [2]);
    expectEncloses(s.range(2, 5), [0, 2], 10, 0, 'above gHi');
    // |x − 2| with the split 2, queried inverted: range(2.5, 1.2) encloses F over [1.2, 2.5].
    const mid: Relu1D = { w1: [1, -1], b1: [-2, 2], w2: [1, 1], b2: 0 };
    const i = readoutMinimizer(exactLayers(denseOf(mid)), 1, 3, [2]);
    expectEncloses(i.range(2.5, 1.2), [0, 0.8], 5, 0, 'inverted');
    // A query starting exactly at gLo is answered from the cells (tight), not by the fallback.
    const c = readoutMinimizer(exactLayers(denseOf(clamp)), -1, 2, [0, 1]);
    expectEncloses(c.range(-1, 2), [0, 1], 1e-9, 0, 'from gLo');
    expectEncloses(c.range(-1, 0.5), [0, 0.5], 1e-9, 0, 'from gLo, inside');
  });

  test('splits that miss a kink below the first split: the cell [gLo, first] is still bisected', () => {
    // |x| on [−2, 2] with the split 1 only: the kink 0 lies in the first cell.
    const m = readoutMinimizer(exactLayers(denseOf(absV)), -2, 2, [1]);
    expectEncloses(m.range(-2, 2), [0, 2], 1e-9, 0);
    // Inside the first cell [−2, 1 − δ] (not affine) a query gets that cell's enclosure [0, 2].
    expectEncloses(m.range(-1, 0.5), [0, 2], 1e-9, 0);
  });

  test('zero inputs and zero weights are exact: a value reached only through zeros is enclosed as a point', () => {
    // F(x) = 2x + 0.75 at x = 0: the zero input adds nothing (no outward rounding of 0.75).
    const affine = exactLayers([{ weight: fromData(1, 1, Float64Array.of(2)), bias: Float64Array.of(0.75), activation: 'identity' }]);
    expect(readoutMinimizer(affine, -1, 1).range(0, 0)).toEqual([0.75, 0.75]);
    // F(x) = 5 relu(−x) + 0.75 at x = 1: the inactive unit's 0 feeds a weight 5 and adds nothing.
    const inactive = exactLayers(denseOf({ w1: [-1], b1: [0], w2: [5], b2: 0.75 }));
    expect(readoutMinimizer(inactive, 0.5, 2).range(1, 1)).toEqual([0.75, 0.75]);
    // All weights zero: F ≡ b2 exactly on every query, also over whole cells.
    const constant = exactLayers(denseOf({ w1: [0, 0], b1: [0.5, -0.25], w2: [0, 0], b2: 0.375 }));
    const m = readoutMinimizer(constant, -3, 4, [1]);
    for (const [lo, hi] of [
      [-3, 4],
      [2, 2],
      [-1, 1],
    ])
      expect(m.range(lo, hi)).toEqual([0.375, 0.375]);
  });
});

describe('readoutMinimizer: a pre-activation exactly 0 at a cell end', () => {
  test('counts as both signs: −relu(±x) on [0, 3] and [−3, 0] keep their exact extreme 0 (no bisection toward 0)', () => {
    // At x = 0 the unit's pre-activation is exactly 0 (zero input, no rounding), at the other end it has
    // one sign, so F is affine on the cell; its maximum 0 is the end value, enclosed exactly.
    const negRelu = (w: number) => exactLayers(denseOf({ w1: [w], b1: [0], w2: [-1], b2: 0 }));
    // −relu(x) on [0, 3] (zero at the left end, then positive) and −relu(−x) on [−3, 0] (zero at the right end).
    const left = readoutMinimizer(negRelu(1), 0, 3).range(0, 3);
    expect(left[1]).toBe(0);
    expectEncloses(left, [-3, 0], 1e-12);
    const right = readoutMinimizer(negRelu(-1), -3, 0).range(-3, 0);
    expect(right[1]).toBe(0);
    expectEncloses(right, [-3, 0], 1e-12);
    // −relu(−x) on [0, 3] and −relu(x) on [−3, 0]: the unit is ≤ 0 throughout (0 at one end), F ≡ 0 exactly.
    expect(readoutMinimizer(negRelu(-1), 0, 3).range(0, 3)).toEqual([0, 0]);
    expect(readoutMinimizer(negRelu(1), -3, 0).range(-3, 0)).toEqual([0, 0]);
  });
});

describe('readoutMinimizer: interval weights', () => {
  test('a weight known as [0, 1] or [−1, 0] is not dropped: F(x) = w·x over x ∈ [1, 2] spans [0, 2] or [−2, 0]', () => {
    for (const [wl, wh, want] of [
      [0, 1, [0, 2]],
      [-1, 0, [-2, 0]],
    ] as [number, number, [number, number]][]) {
      const net: IntervalLayer[] = [{ rows: 1, cols: 1, wLo: Float64Array.of(wl), wHi: Float64Array.of(wh), bLo: Float64Array.of(0), bHi: Float64Array.of(0), activation: 'identity' }];
      expectEncloses(readoutMinimizer(net, 1, 2).range(1, 2), want, 1e-12, 0, `[${wl}, ${wh}]`);
      expectEncloses(readoutMinimizer(net, 1, 2).range(1.5, 1.5), [Math.min(wl, wh) * 1.5, Math.max(wl, wh) * 1.5], 1e-12, 0, `[${wl}, ${wh}] point`);
    }
  });
});

describe('readoutMinimizer: non-piecewise-linear readouts (the interval-evaluation fallback)', () => {
  // Hand-written natural interval extension of tanh(x) − tanh(2x) (both units increasing in x).
  const tt: Relu1D = { w1: [1, 2], b1: [0, 0], w2: [1, -1], b2: 0 };
  const tanhNet = exactLayers(denseOf(tt, 'tanh'));
  const g = (x: number) => Math.tanh(x) - Math.tanh(2 * x);
  /** The true range of g on [lo, hi] by a 20001-point scan (g is smooth; the error is far below the checks' margins). */
  const scan = (lo: number, hi: number): [number, number] => {
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = 0; i <= 20000; i++) {
      const v = g(lo + ((hi - lo) * i) / 20000);
      mn = Math.min(mn, v);
      mx = Math.max(mx, v);
    }
    return [mn, mx];
  };
  const FALLBACK_TOL = 1e-12;

  test('tanh(x) − tanh(2x) on [0.1, 3], [0, 2], [−2, 0]: the range is the natural interval extension (sound, not bisected)', () => {
    for (const [lo, hi] of [
      [0.1, 3],
      [0, 2],
      [-2, 0],
    ]) {
      const natural: [number, number] = [Math.tanh(lo) - Math.tanh(2 * hi), Math.tanh(hi) - Math.tanh(2 * lo)];
      const got = readoutMinimizer(tanhNet, lo, hi).range(lo, hi);
      expectEncloses(got, natural, FALLBACK_TOL, 0, `[${lo}, ${hi}]`);
      const [mn, mx] = scan(lo, hi);
      expect(got[0]).toBeLessThanOrEqual(mn);
      expect(got[1]).toBeGreaterThanOrEqual(mx);
    }
  });

  test('relu then tanh: tanh(relu(x) − relu(x − 1)) on [−1, 2] is tanh of the clamp’s interval extension [−2, 2]... per layer: [tanh(−1), tanh(2)]', () => {
    const net = exactLayers(denseOf(clamp, 'relu', 'tanh'));
    const got = readoutMinimizer(net, -1, 2).range(-1, 2);
    // Layer 1: relu([−1, 2]) = [0, 2], relu([−2, 1]) = [0, 1]; layer 2: [0 − 1, 2 − 0] = [−1, 2]; tanh of it.
    expectEncloses(got, [Math.tanh(-1), Math.tanh(2)], FALLBACK_TOL, 0);
  });
});

describe('readoutMinimizer: random ReLU readouts against the analytic range', () => {
  // Weights in halves (dyadic), so kinks −b1/w1 are mostly not dyadic: the float splits sit within an
  // ulp of the real kinks, where outward rounding straddles 0 (the case the tiny cells are for).
  const half = (lo: number, hi: number) => fc.integer({ min: lo * 2, max: hi * 2 }).map((k) => k / 2);
  const arb = fc
    .record({
      H: fc.integer({ min: 1, max: 6 }),
      scale: fc.constantFrom(2 ** -20, 1 / 1024, 1, 100),
      shift: fc.constantFrom(-1, 0, 1),
      w1: fc.array(
        half(-3, 3).filter((w) => w !== 0),
        { minLength: 6, maxLength: 6 },
      ),
      b1: fc.array(half(-3, 3), { minLength: 6, maxLength: 6 }),
      w2: fc.array(half(-3, 3), { minLength: 6, maxLength: 6 }),
      b2: half(-2, 2),
      fr: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 4, maxLength: 4 }),
    })
    .map(({ H, scale, shift, w1, b1, w2, b2, fr }) => {
      // x = scale·(t + shift·2), t ∈ [−1.41, 1.37]: kinks of t scaled into x (b1 scaled by the same factor).
      // The ends are no ratio of halves, so no kink sits on gLo or gHi (where no tiny cell is cut).
      const r: Relu1D = { w1: w1.slice(0, H), b1: b1.slice(0, H).map((b) => b * scale), w2: w2.slice(0, H), b2 };
      const gLo = scale * (-1.41 + 2 * shift);
      const gHi = scale * (1.37 + 2 * shift);
      // (Clamped to gHi: a query beyond gHi by an ulp would take the interval-evaluation fallback.)
      const at = (f: number) => Math.min(gHi, gLo + f * (gHi - gLo));
      const qs = fr.map(([a, b]) => [at(Math.min(a, b)), at(Math.max(a, b))] as [number, number]);
      return { r, gLo, gHi, qs };
    });
  const cases = fc.sample(arb, { seed: 7311, numRuns: 120 });

  test('120 readouts (scales 2^−20, 2^−10, 1, 100; ranges left of, around and right of 0, random sub-ranges): sound and tight, with and without splits', () => {
    for (const { r, gLo, gHi, qs } of cases) {
      const net = exactLayers(denseOf(r));
      const tol = TIGHT_REL * fScale(r, Math.max(Math.abs(gLo), Math.abs(gHi)));
      // The oracle evaluates F at float kinks: allow it one rounding-level slack.
      const slack = 1e-13 * fScale(r, Math.max(Math.abs(gLo), Math.abs(gHi)));
      const splits = splitsOf(r);
      const withSplits = readoutMinimizer(net, gLo, gHi, splits);
      for (const [lo, hi] of [[gLo, gHi] as [number, number], ...qs]) expectEncloses(withSplits.range(lo, hi), trueRange(r, lo, hi), tol, slack, `${JSON.stringify(r)} on [${lo}, ${hi}]`);
      // Without splits the one cell [gLo, gHi] is bisected: tight over the whole cell, and every
      // sub-range query gets a sound enclosure within the cell's.
      const bare = readoutMinimizer(net, gLo, gHi);
      const whole = trueRange(r, gLo, gHi);
      for (const [lo, hi] of [[gLo, gHi] as [number, number], ...qs]) {
        const got = bare.range(lo, hi);
        const want = trueRange(r, lo, hi);
        expect(got[0]).toBeLessThanOrEqual(want[0] + slack);
        expect(got[1]).toBeGreaterThanOrEqual(want[1] - slack);
        expect(got[0]).toBeGreaterThanOrEqual(whole[0] - tol);
        expect(got[1]).toBeLessThanOrEqual(whole[1] + tol);
      }
      // Queries that end or start at a split.
      for (const p of splits.filter((k) => k > gLo && k < gHi)) {
        expectEncloses(withSplits.range(gLo, p), trueRange(r, gLo, p), tol, slack, `to split ${p}`);
        expectEncloses(withSplits.range(p, gHi), trueRange(r, p, gHi), tol, slack, `from split ${p}`);
      }
    }
  });
});

describe('readoutMinimizer: many kinks, the tiny cells and the budget', () => {
  // 120 units relu(3x − k), k = −300..300 in steps of 5, on [−110, 110]: kinks k/3 (rarely dyadic),
  // output weights alternating ±1 and ±0.5 so F rises and falls. Without the tiny cells around each split,
  // resolving each kink by bisection costs ~2·37 evaluations, 120 kinks ~ 8,900 > READOUT_MIN_BUDGET.
  const H = 120;
  const r: Relu1D = {
    w1: Array.from({ length: H }, () => 3),
    b1: Array.from({ length: H }, (_, j) => -(-300 + 5 * j)),
    w2: Array.from({ length: H }, (_, j) => (j % 2 === 0 ? 1 : -0.5) * (j % 3 === 0 ? -1 : 1)),
    b2: 0.25,
  };
  const gLo = -110;
  const gHi = 110;
  const tol = TIGHT_REL * fScale(r, gHi);
  const slack = 1e-13 * fScale(r, gHi);
  const splits = splitsOf(r);
  // Shuffled (a fixed permutation): the minimizer sorts its splits.
  const shuffled = splits
    .map((p, i) => [p, (i * 37) % H] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([p]) => p);

  test('shuffled float kinks as splits: every cell between consecutive kinks, and the whole range, is tight', () => {
    expect(READOUT_MIN_BUDGET).toBe(4096);
    const m = readoutMinimizer(exactLayers(denseOf(r)), gLo, gHi, shuffled);
    const sorted = [gLo, ...splits.filter((p) => p > gLo && p < gHi).sort((a, b) => a - b), gHi];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const lo = sorted[i] + (sorted[i + 1] - sorted[i]) * 0.01;
      const hi = sorted[i + 1] - (sorted[i + 1] - sorted[i]) * 0.01;
      expectEncloses(m.range(lo, hi), trueRange(r, lo, hi), tol, slack, `cell ${i}`);
    }
    expectEncloses(m.range(gLo, gHi), trueRange(r, gLo, gHi), tol, slack, 'whole');
  });

  test('the budget is finite: without the splits the same readout exhausts it, and the whole range is left loose (still sound)', () => {
    const m = readoutMinimizer(exactLayers(denseOf(r)), gLo, gHi);
    const got = m.range(gLo, gHi);
    const want = trueRange(r, gLo, gHi);
    expect(got[0]).toBeLessThanOrEqual(want[0] + slack);
    expect(got[1]).toBeGreaterThanOrEqual(want[1] - slack);
    // 120 unsplit kinks need ~ 120·2·44 bisection steps > READOUT_MIN_BUDGET: some cell is bounded by one
    // interval evaluation, far looser than the true range (an unbounded budget would make it tight).
    expect(got[0] < want[0] - 1 || got[1] > want[1] + 1).toBe(true);
  });

  test('a range starting at 0 (scale = gHi − gLo, not 0): the tiny cells still absorb 119 kinks on [0, 220]', () => {
    const r0: Relu1D = { ...r, b1: Array.from({ length: H }, (_, j) => -(5 * j + 1)) };
    const sp = splitsOf(r0).reverse();
    const m = readoutMinimizer(exactLayers(denseOf(r0)), 0, 220, sp);
    const sorted = [0, ...splitsOf(r0).filter((p) => p > 0 && p < 220), 220];
    const tol0 = TIGHT_REL * fScale(r0, 220);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const lo = sorted[i] + (sorted[i + 1] - sorted[i]) * 0.01;
      const hi = sorted[i + 1] - (sorted[i + 1] - sorted[i]) * 0.01;
      expectEncloses(m.range(lo, hi), trueRange(r0, lo, hi), tol0, 1e-13 * fScale(r0, 220), `cell ${i}`);
    }
  });
});

describe('readoutMinimizer: splits outside [gLo, gHi], a one-point range, a deeper readout', () => {
  test('a split beyond gHi is ignored: the point query at gHi stays the point value', () => {
    // Kinks at −9.5 + 0.77 j (25, in range, split) and 20 + 97.3 j (10, beyond gHi, unsplit); split 1000 too.
    const inK = Array.from({ length: 25 }, (_, j) => -9.5 + j * 0.77);
    const all = [...inK, ...Array.from({ length: 10 }, (_, j) => 20 + j * 97.3)];
    const rr: Relu1D = { w1: all.map(() => 3), b1: all.map((k) => -3 * k), w2: all.map((_, j) => (j % 2 ? 1 : -0.75)), b2: 0.5 };
    const m = readoutMinimizer(exactLayers(denseOf(rr)), -10, 10, [...splitsOf(rr).filter((p) => p < 10), 1000, -1000]);
    const tol = TIGHT_REL * fScale(rr, 10);
    expectEncloses(m.range(10, 10), [F(rr, 10), F(rr, 10)], tol, 1e-12);
    expectEncloses(m.range(-10, 10), trueRange(rr, -10, 10), tol, 1e-12);
  });

  test('gLo = gHi: the one point is answered by a point evaluation', () => {
    const m = readoutMinimizer(exactLayers(denseOf(clamp)), 0.5, 0.5, [0.5]);
    expectEncloses(m.range(0.5, 0.5), [0.5, 0.5], 1e-12);
  });

  test('1 → 2 → 2 → 1 (a 2 × 2 hidden matrix): enclosures hold a dense sample and are within its Lipschitz gap', () => {
    // F(x) = relu(u1) − 2 relu(u2) + 0.25, u = relu(x − 0.5, −x + 0.25)·[[1, −1], [0.5, 2]] + (−0.25, 0.1).
    const net = exactLayers([
      { weight: fromData(1, 2, Float64Array.of(1, -1)), bias: Float64Array.of(-0.5, 0.25), activation: 'relu' },
      { weight: fromData(2, 2, Float64Array.of(1, -1, 0.5, 2)), bias: Float64Array.of(-0.25, 0.1), activation: 'relu' },
      { weight: fromData(2, 1, Float64Array.of(1, -2)), bias: Float64Array.of(0.25), activation: 'identity' },
    ]);
    const f = (x: number) => {
      const h1 = Math.max(0, x - 0.5);
      const h2 = Math.max(0, -x + 0.25);
      const u1 = Math.max(0, h1 * 1 + h2 * 0.5 - 0.25);
      const u2 = Math.max(0, h1 * -1 + h2 * 2 + 0.1);
      return u1 - 2 * u2 + 0.25;
    };
    const L = 2 * 2 + 1 * 1.5; // |∂F/∂x| ≤ Σ paths |w|: a bound on the slope
    const N = 4000;
    for (const [lo, hi] of [
      [-2, 2],
      [-1, 0.3],
      [0.2, 1.7],
    ]) {
      const got = readoutMinimizer(net, -2, 2).range(lo, hi);
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = 0; i <= N; i++) {
        const v = f(lo + ((hi - lo) * i) / N);
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      expect(got[0]).toBeLessThanOrEqual(mn);
      expect(got[1]).toBeGreaterThanOrEqual(mx);
      if (lo === -2 && hi === 2) {
        expect(got[0]).toBeGreaterThanOrEqual(mn - L * ((hi - lo) / N) - 1e-9);
        expect(got[1]).toBeLessThanOrEqual(mx + L * ((hi - lo) / N) + 1e-9);
      }
    }
  });
});

describe('netMinLower', () => {
  const net = exactLayers(denseOf(absV));
  const clampNet = exactLayers(denseOf(clamp));

  test('y = +1 gives the lower end, y = −1 minus the upper end (|x| on [−2, 3]: 0 and −3), tight', () => {
    const lo = netMinLower(net, -2, 3, 1, [0]);
    expect(lo).toBeLessThanOrEqual(0);
    expect(lo).toBeGreaterThanOrEqual(-1e-9);
    const hi = netMinLower(net, -2, 3, -1, [0]);
    expect(hi).toBeLessThanOrEqual(-3);
    expect(hi).toBeGreaterThanOrEqual(-3 - 1e-9);
    // The clamp without splits: bisected, so tight (its interval extension would give −2).
    expect(netMinLower(clampNet, -1, 2, 1)).toBeGreaterThanOrEqual(-1e-9);
    expect(netMinLower(clampNet, -1, 2, -1)).toBeGreaterThanOrEqual(-1 - 1e-9);
  });

  test('lo ≥ hi: one interval evaluation over [min, max] (sound for the swapped range), a point when equal', () => {
    // |x| over [−2, 3] given as (3, −2): the interval extension relu([−2,3]) + relu([−3,2]) = [0, 5].
    const swapped = netMinLower(net, 3, -2, 1);
    expect(swapped).toBeLessThanOrEqual(0);
    expect(swapped).toBeGreaterThanOrEqual(-1e-12);
    expect(netMinLower(net, 3, -2, -1)).toBeLessThanOrEqual(-5);
    expect(netMinLower(net, 3, -2, -1)).toBeGreaterThanOrEqual(-5 - 1e-12);
    const at = netMinLower(net, 2.5, 2.5, 1);
    expect(at).toBeLessThanOrEqual(2.5);
    expect(at).toBeGreaterThanOrEqual(2.5 - 1e-12);
  });

  test('a NaN enclosure counts as −Infinity (never certified)', () => {
    // x·1e308 twice overflows to +Infinity in both units; their difference is NaN.
    const nan = exactLayers([
      { weight: fromData(1, 2, Float64Array.of(1e308, 1e308)), bias: null, activation: 'identity' },
      { weight: fromData(2, 1, Float64Array.of(1, -1)), bias: null, activation: 'identity' },
    ]);
    expect(netMinLower(nan, 2, 10, 1)).toBe(-Infinity);
    expect(netMinLower(nan, 2, 10, -1)).toBe(-Infinity);
  });
});

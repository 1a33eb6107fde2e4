/**
 * Where the readout minimum (alg-certify-rounding, "Readout minimum"; src/constructions/certify-readout-min.ts)
 * puts its cells, checked through what the doc comment promises: the float64 splits strictly inside
 * [gLo, gHi] and the tiny cells of half-width δ = 2^−44·scale around each (scale = max(|gLo|, |gHi|, gHi − gLo))
 * cut the range; a cell on which F is affine answers a query inside it with the hull of the two point
 * evaluations (exact); the cell lookup puts a query end that equals a split in the cell that starts there;
 * other cells are bisected down to relative width 2^−44 within READOUT_MIN_BUDGET evaluations.
 *  - A kink δ/4 past a split (the real kink of a float breakpoint): queries beyond p + δ, or ending at p,
 *    are exact; a kink δ/4 before the split: a query starting at p is exact. (Targets the tiny cell p + δ,
 *    δ itself for gLo = −gHi, the lookup `P[m] ≤ x` and the query end `hi = P[i1]`.)
 *  - Splits at the ends or outside [gLo, gHi] cut nothing: every answer is bit-for-bit that without them.
 *  - 110 kinks without splits: the 2^−44 stop leaves the budget enough for an exact minimum; a stop
 *    that bisects deeper (never small, `≥`, or relative to min(|l|, |r|)) runs out and is loose.
 * Oracles are F by hand (dyadic weights, so the point values are exact).
 */
import { describe, expect, test } from 'vitest';
import { READOUT_MIN_BUDGET, readoutMinimizer, type IntervalLayer } from '../../../src/constructions/certify-readout-min.js';

/** Relative tolerance of tightness on values of size c (outward rounding of a few operations costs ~1e−15). */
const TIGHT_REL = 1e-12;

/** F(x) = Σ_j w2_j relu(w1_j x + b1_j) + b2 as exact interval layers. */
function net(w1: readonly number[], b1: readonly number[], w2: readonly number[], b2 = 0): IntervalLayer[] {
  const W1 = Float64Array.from(w1);
  const B1 = Float64Array.from(b1);
  const W2 = Float64Array.from(w2);
  const B2 = Float64Array.of(b2);
  return [
    { rows: 1, cols: w1.length, wLo: W1, wHi: W1, bLo: B1, bHi: B1, activation: 'relu' },
    { rows: w1.length, cols: 1, wLo: W2, wHi: W2, bLo: B2, bHi: B2, activation: 'identity' },
  ];
}

/** c·|x − k| = c·relu(x − k) + c·relu(k − x). */
const vee = (k: number, c: number) => net([1, -1], [-k, k], [c, c]);

describe('the tiny cells around a split', () => {
  // [gLo, gHi] = [−4, 4]: scale = 4, δ = 2^−42 (and gHi + gLo = 0). The split p = 1/2; c = 2^20.
  const [gLo, gHi] = [-4, 4];
  const delta = 2 ** -42;
  const p = 0.5;
  const c = 2 ** 20;
  // A point evaluation rounds the O(1) pre-activation x − k outward by an ulp or two (ulp(1/2) = 2^−53),
  // then scales by c: within c·2^−50 = 2^−30 of the exact value, far below F(p) = 2^−24 (the misplaced
  // answers are ≤ 0, the value at the kink).
  const POINT_ABS = c * 2 ** -50;

  test('a kink δ/4 past the split: a query inside (p + δ, gHi), where F is affine, is the hull of its ends', () => {
    const k = p + delta / 4; // exact: 1/2 + 2^−44
    const mz = readoutMinimizer(vee(k, c), gLo, gHi, [p]);
    // F(1) = c(1/2 − 2^−44), F(3) = c(5/2 − 2^−44), exact in float64. The kink's value F(k) = 0 lies in [p, p + δ] only.
    const [lo, hi] = mz.range(1, 3);
    expect(lo).toBeLessThanOrEqual(c * (1 - k));
    expect(lo).toBeGreaterThanOrEqual(c * (1 - k) - POINT_ABS);
    expect(hi).toBeGreaterThanOrEqual(c * (3 - k));
    expect(hi).toBeLessThanOrEqual(c * (3 - k) + TIGHT_REL * c);
  });

  test('the same kink: a query that ends exactly at the split p is the hull of F(lo) and F(p) = c·2^−44', () => {
    const k = p + delta / 4;
    const mz = readoutMinimizer(vee(k, c), gLo, gHi, [p]);
    const Fp = c * 2 ** -44; // 2^−24, exact
    const [lo, hi] = mz.range(-3, p);
    expect(lo).toBeLessThanOrEqual(Fp);
    expect(lo).toBeGreaterThanOrEqual(Fp - POINT_ABS);
    expect(hi).toBeGreaterThanOrEqual(c * (k + 3));
    expect(hi).toBeLessThanOrEqual(c * (k + 3) + TIGHT_REL * c);
  });

  test('a kink δ/4 before the split: a query that starts exactly at p is the hull of F(p) = c·2^−44·3 and F(hi)', () => {
    const k = p - delta / 4; // exact: 1/2 − 2^−44
    const mz = readoutMinimizer(vee(k, c), gLo, gHi, [p]);
    const Fp = c * 2 ** -44; // c(p − k) = 2^−24
    const [lo, hi] = mz.range(p, 3);
    expect(lo).toBeLessThanOrEqual(Fp);
    expect(lo).toBeGreaterThanOrEqual(Fp - POINT_ABS);
    expect(hi).toBeGreaterThanOrEqual(c * (3 - k));
    expect(hi).toBeLessThanOrEqual(c * (3 - k) + TIGHT_REL * c);
  });
});

describe('splits at the ends or outside [gLo, gHi] cut nothing', () => {
  // Kinks at −0.7 (a V, the minimum), −0.3, 0.45 and 0.8: every region is bisected, so any extra point
  // would move the bisection's leaves and with them the low bits of the enclosures.
  const F = net([1, -1, 1, 1, -1], [0.7, -0.7, 0.3, -0.45, 0.8], [3, 3, -1, 2, 1.5], 0.25);
  const [gLo, gHi] = [-1, 1];
  const delta = 2 ** -43; // 2^−44·scale, scale = 2
  const queries: [number, number][] = [
    [-1, 1],
    [-1, -0.5],
    [-1, -1 + 1e-14],
    [-0.9, 0.9],
    [0.5, 1],
    [1 - 1e-14, 1],
    [-0.75, -0.65],
  ];
  const plain = readoutMinimizer(F, gLo, gHi);
  const cases: [string, number[]][] = [
    ['at gLo', [gLo]],
    ['at gHi', [gHi]],
    ['δ/2 below gLo and above gHi', [gLo - delta / 2, gHi + delta / 2]],
    ['far outside', [-1e9, -2, 2, 1e9]],
  ];
  for (const [name, splits] of cases) {
    test(`splits ${name}: every answer equals the one without splits`, () => {
      const withSplits = readoutMinimizer(F, gLo, gHi, splits);
      for (const [lo, hi] of queries) expect(withSplits.range(lo, hi)).toEqual(plain.range(lo, hi));
    });
  }
});

describe('the bisection stop and the budget', () => {
  // F(x) = Σ_{i<110} ±2 relu(x − k_i), k_i = 7.4 + 7.3 i, signs alternating (+ first): F = 0 for x ≤ k_0,
  // non-decreasing (slope 2 between k_{2j} and k_{2j+1}, flat after), so min over [−1000, 1000] is 0 and
  // F(1000) = 2·Σ_j (k_{2j+1} − k_{2j}) = 2·55·7.3. Without splits all 110 kinks are bisected in one cell
  // down to width 2^−44·2000: that costs 4059 of the READOUT_MIN_BUDGET = 4096 evaluations (measured; about
  // 37 per kink), so the answer is exact to rounding; a stop that bisects deeper runs out before the last
  // kinks and bounds them by an interval evaluation over a wide cell (lower end ≈ −10^3 or below).
  const N = 110;
  const ks = Array.from({ length: N }, (_, i) => 7.4 + 7.3 * i);
  const F = net(
    ks.map(() => 1),
    ks.map((k) => -k),
    ks.map((_, i) => (i % 2 ? -2 : 2)),
  );
  // A bisection leaf of width w = 2000·2^−44 is bounded by an interval evaluation: each of the 110 units
  // widens by w, times |w2| = 2, so a leaf overshoots F by ≤ 220·w ≈ 2.5e−8 (plus rounding).
  const BISECT_ABS = 220 * 2000 * 2 ** -44 + 1e-9;
  const Fx = (x: number) => ks.reduce((s, k, i) => s + (i % 2 ? -2 : 2) * Math.max(0, x - k), 0);

  test('110 kinks fit in the budget: the enclosure of F over [−1000, 1000] is exact to rounding at both ends', () => {
    expect(READOUT_MIN_BUDGET).toBe(4096);
    const mz = readoutMinimizer(F, -1000, 1000);
    const [lo, hi] = mz.range(-1000, 1000);
    expect(lo).toBeLessThanOrEqual(0);
    expect(lo).toBeGreaterThanOrEqual(-BISECT_ABS);
    const top = 2 * 55 * 7.3;
    expect(Math.abs(Fx(1000) - top)).toBeLessThanOrEqual(1e-9);
    expect(hi).toBeGreaterThanOrEqual(Fx(1000) - 1e-9);
    // The maximum sits past the last kinks, which are bisected last: tight only if the budget lasted.
    expect(hi).toBeLessThanOrEqual(top + BISECT_ABS);
  });
});

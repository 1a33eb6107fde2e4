/**
 * The inversions of src/bounds/compression-tail.ts (thm-sparse-compression-certificate §2–§4) against a
 * second, independent evaluation written from the note, and the tail's exact edges:
 * - bernoulliKl against kl(q‖p) = q ln(q/p) + (1−q) ln((1−q)/(1−p)) with the 0 ln 0 = 0 edges q = 0, q = 1
 *   (targets the mutants of its two conditionals and its arithmetic);
 * - klInversion: kl(q‖ε) = c at the returned ε to the bisection's tolerance, ε in (q, 1), and the k = m edge
 *   (targets the loop, the bisection's midpoint and its decision);
 * - hoeffdingBound, occamRealizable at m ≠ 1, 2 (targets `/ -> *` mutants);
 * - binomialTailInversion: for k ≥ 1 the returned p has P[Bin(m, p) ≤ k] just below δ' and a point a relative
 *   1e−9 lower is above δ', with the binomial CDF summed directly from ln C(m, j) (independent of the
 *   module's saddle-point terms); for k = 0 the closed form 1 − δ'^{1/m}, never below it, also where it is
 *   subnormal (targets the `+ Number.MIN_VALUE` rounding-up);
 * - binomialLogCdf at k = m (exactly 0 = ln 1) and at p where (m+1)p is an integer (the mode's ratio is 1,
 *   where the geometric rest bound divides by 1 − r);
 * - stirlingError's n ≥ 16 series against the Stirling series written out term by term with two more terms
 *   (targets sign mutants of its two innermost coefficients, whose effect is below the ln n! test's tolerance).
 */
import { describe, expect, test } from 'vitest';
import { BINOMIAL_TAIL_REL_TOL, bernoulliKl, binomialLogCdf, binomialTailInversion, hoeffdingBound, klInversion, occamRealizable, stirlingError } from '../../../src/bounds/compression-tail.js';

/** Float64 rounding allowance for formulas of a few operations (relative). */
const FLOAT_REL = 1e-14;
/** Accuracy of the direct CDF sum below at m ≤ 300 (relative; each term carries ~m ulps of ln C). */
const DIRECT_CDF_REL = 1e-11;

/** kl(q‖p) written from its definition (0 ln 0 = 0). */
function klRef(q: number, p: number): number {
  let s = 0;
  if (q > 0) s += q * Math.log(q / p);
  if (q < 1) s += (1 - q) * Math.log((1 - q) / (1 - p));
  return s;
}

/** P[Bin(m, p) ≤ k] by direct summation of C(m, j) p^j (1−p)^{m−j}, ln C(m, j) from a running sum of logs. */
function cdfDirect(k: number, m: number, p: number): number {
  let lnC = 0;
  let s = 0;
  for (let j = 0; j <= k; j++) {
    if (j > 0) lnC += Math.log((m - j + 1) / j);
    s += Math.exp(lnC + j * Math.log(p) + (m - j) * Math.log(1 - p));
  }
  return s;
}

describe('bernoulliKl', () => {
  test('matches the definition, including the edges q = 0 and q = 1', () => {
    for (const q of [0.01, 0.2, 0.5, 0.73, 0.99])
      for (const p of [0.001, 0.05, 0.3, 0.6, 0.999]) {
        const want = klRef(q, p);
        expect(Math.abs(bernoulliKl(q, p) - want), `kl(${q}||${p})`).toBeLessThanOrEqual(FLOAT_REL * Math.max(1, want));
      }
    // kl(0‖p) = −ln(1 − p), kl(1‖p) = −ln p: finite, not NaN (0 ln 0 = 0).
    for (const p of [0.01, 0.4, 0.9]) {
      expect(Math.abs(bernoulliKl(0, p) + Math.log1p(-p))).toBeLessThanOrEqual(FLOAT_REL);
      expect(Math.abs(bernoulliKl(1, p) + Math.log(p))).toBeLessThanOrEqual(FLOAT_REL * 5);
    }
    expect(bernoulliKl(0.3, 0.3)).toBe(0);
  });
});

describe('klInversion, hoeffdingBound, occamRealizable', () => {
  const cases: [number, number, number][] = [
    [0, 100, Math.log(0.05)],
    [3, 50, Math.log(0.01)],
    [17, 200, Math.log(0.05) - 9],
    [40, 41, Math.log(0.2)],
  ];
  test.each(cases)("k = %i, m = %i: kl(k/m‖ε) = ln(1/δ')/m at the returned ε", (k, m, logDelta) => {
    const q = k / m;
    const c = -logDelta / m;
    const eps = klInversion(k, m, logDelta);
    expect(eps).toBeGreaterThan(q);
    expect(eps).toBeLessThan(1);
    // The bisection returns a point where kl > c(1 + tol) ... and it is the last such point: a hair below is feasible.
    expect(klRef(q, eps)).toBeGreaterThanOrEqual(c * (1 + BINOMIAL_TAIL_REL_TOL) * (1 - FLOAT_REL));
    expect(klRef(q, eps)).toBeLessThanOrEqual(c * (1 + 2 * BINOMIAL_TAIL_REL_TOL));
    // §3: the Chernoff form is ≤ Hoeffding's q + √(c/2) (Pinsker), and ≥ the exact ε̄.
    const hoeff = hoeffdingBound(k, m, logDelta);
    expect(Math.abs(hoeff - (q + Math.sqrt(c / 2)))).toBeLessThanOrEqual(FLOAT_REL);
    expect(eps).toBeLessThanOrEqual(hoeff);
    expect(eps).toBeGreaterThanOrEqual(binomialTailInversion(k, m, logDelta));
  });

  test('k = m gives 1', () => {
    expect(klInversion(7, 7, Math.log(0.05))).toBe(1);
    expect(binomialTailInversion(7, 7, Math.log(0.05))).toBe(1);
  });

  test('hoeffdingBound and occamRealizable by hand', () => {
    // 3/40 + √(ln 20 / 80) and ln 20 / 40.
    expect(Math.abs(hoeffdingBound(3, 40, -Math.log(20)) - (0.075 + Math.sqrt(Math.log(20) / 80)))).toBeLessThanOrEqual(FLOAT_REL);
    expect(Math.abs(occamRealizable(40, -Math.log(20)) - Math.log(20) / 40)).toBeLessThanOrEqual(FLOAT_REL);
    // Occam ≥ 1 − δ'^{1/m} = the exact realizable ε̄ (1 − e^{−c} ≤ c).
    expect(occamRealizable(40, -Math.log(20))).toBeGreaterThan(binomialTailInversion(0, 40, -Math.log(20)));
  });
});

describe('binomialTailInversion', () => {
  const cases: [number, number, number][] = [
    [1, 10, 0.05],
    [5, 60, 0.01],
    [12, 300, 1e-6],
    [49, 100, 0.3],
  ];
  test.each(cases)("k = %i, m = %i, δ' = %d: P[Bin(m, ε̄) ≤ k] = δ' at the returned ε̄", (k, m, d) => {
    const eps = binomialTailInversion(k, m, Math.log(d));
    expect(eps).toBeGreaterThan(k / m);
    expect(eps).toBeLessThan(1);
    // At ε̄ the tail is below δ' (sound: ε̄ is not below the sup) but only by the decision tolerance ...
    const at = cdfDirect(k, m, eps);
    expect(at).toBeLessThanOrEqual(d * (1 + DIRECT_CDF_REL));
    expect(at).toBeGreaterThanOrEqual(d * (1 - 2 * BINOMIAL_TAIL_REL_TOL - DIRECT_CDF_REL));
    // ... and a relative 1e−7 lower the tail is above δ' (the bisection went all the way).
    expect(cdfDirect(k, m, eps * (1 - 1e-7))).toBeGreaterThan(d);
  });

  test("k = 0: the closed form 1 − δ'^{1/m}, rounded up, also when it is subnormal", () => {
    for (const [m, d] of [
      [1, 0.05],
      [37, 0.05],
      [1000, 1e-9],
    ] as const) {
      const want = 1 - d ** (1 / m);
      const got = binomialTailInversion(0, m, Math.log(d));
      expect(got).toBeGreaterThanOrEqual(want * (1 - FLOAT_REL));
      expect(got).toBeLessThanOrEqual(want * (1 + FLOAT_REL));
    }
    // ln δ' = −1e−320 (δ' just below 1): the root 1 − e^{−x} = x − x²/2 < x is subnormal; the returned value
    // must not be below it, so it is at least x itself (x is a multiple of Number.MIN_VALUE).
    const x = 1e-320;
    expect(binomialTailInversion(0, 1, -x)).toBeGreaterThanOrEqual(x);
    expect(binomialTailInversion(0, 1, -x)).toBeLessThanOrEqual(x + 4 * Number.MIN_VALUE);
  });
});

describe('binomialLogCdf edges', () => {
  test('k = m is exactly ln 1 = 0', () => {
    for (const m of [1, 2, 9, 40, 333]) for (const p of [1e-3, 0.1, 1 / 3, 0.5, 0.77, 0.999]) expect(binomialLogCdf(m, m, p), `m = ${m}, p = ${p}`).toBe(0);
  });

  test('(m+1)p an integer (the mode sits on a ratio of 1): finite and equal to the direct sum', () => {
    const cases: [number, number][] = [
      [5, 1 / 3],
      [20, 2 / 3],
      [9, 0.5],
      [29, 0.1],
      [99, 0.3],
      [11, 0.25],
    ];
    for (const [m, p] of cases)
      for (let k = 0; k < m; k++) {
        const got = binomialLogCdf(k, m, p);
        const want = Math.log(cdfDirect(k, m, p));
        expect(Number.isFinite(got), `m = ${m}, p = ${p}, k = ${k}`).toBe(true);
        expect(Math.abs(got - want), `m = ${m}, p = ${p}, k = ${k}`).toBeLessThanOrEqual(DIRECT_CDF_REL);
      }
  });
});

describe('stirlingError series branch', () => {
  test('n ≥ 16: Σ B_2k / (2k(2k−1) n^{2k−1}) term by term', () => {
    // Stirling's series for ln n! − (n+½)ln n + n − ½ ln 2π: 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹
    // − 691/360360n¹¹ + 1/156n¹³ (Bernoulli numbers B_2..B_14); alternating with falling terms at n ≥ 16.
    const coef = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];
    for (const n of [16, 17, 20, 31, 64, 1000]) {
      const series = (terms: number) => {
        let s = 0;
        for (let i = terms - 1; i >= 0; i--) s += coef[i] / n ** (2 * i + 1);
        return s;
      };
      // The module keeps the first five terms: equal to those to rounding ...
      expect(Math.abs(stirlingError(n) - series(5)), `n = ${n}`).toBeLessThanOrEqual(4 * Number.EPSILON * series(5));
      // ... and within the first omitted term (≈ 1.1e−16 at n = 16) of the longer series.
      expect(Math.abs(stirlingError(n) - series(7)), `n = ${n}`).toBeLessThanOrEqual(Math.abs(coef[5]) / n ** 11 + 4 * Number.EPSILON * series(5));
    }
  });
});

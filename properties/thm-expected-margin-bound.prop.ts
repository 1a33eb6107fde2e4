/**
 * thm-expected-margin-bound (proofs-notes/thm-expected-margin-bound.md): the expected-Rademacher form
 * (2/γ)R + √((ln(1/δ) + ln(1/w))/(2m)) recomputed, never above the empirical form, monotone; and an EXACT
 * attack on its confidence term: for a one-function class (𝔑_m = 0, loss in {0,1}) the statement says
 * P[p − p̂ > √(ln(1/δ)/(2m))] ≤ δ, X ~ Bin(m, p); the binomial tail is computed exactly and maximized over p.
 * Mutant: the factor 1/2 (EXPECTED_CONFIDENCE_FACTOR → 1/2) is rejected.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { marginGap, EXPECTED_MARGIN_BOUND_ID } from '../src/bounds/margin-bound.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';

/** ln of the binomial pmf C(m, j) p^j (1−p)^{m−j}, by a running sum of logs (exact up to rounding). */
function logPmfs(m: number, p: number): Float64Array {
  const out = new Float64Array(m + 1);
  let lc = 0;
  for (let j = 0; j <= m; j++) {
    if (j > 0) lc += Math.log((m - j + 1) / j);
    out[j] = lc + (j === 0 ? 0 : j * Math.log(p)) + (m - j === 0 ? 0 : (m - j) * Math.log1p(-p));
  }
  return out;
}

/** P[p − X/m > t] for X ~ Bin(m, p): the event the confidence term must control. */
function lowerTail(m: number, p: number, t: number): number {
  const lp = logPmfs(m, p);
  let s = 0;
  for (let j = 0; j <= m; j++) if (p - j / m > t) s += Math.exp(lp[j]);
  return s;
}

/** Worst tail/δ over p for the confidence term factor·√(ln(1/δ)/(2m)) (the R term is 0 for one function). */
function worstRatio(m: number, delta: number, factor: number, seed: number): number {
  const t = marginGap({ rademacher: 0, margin: 1, delta, sampleSize: m, form: 'expected', expectedConfidenceFactor: factor });
  const ratio = (x: Float64Array) => {
    const p = 1 / (1 + Math.exp(-x[0]));
    return lowerTail(m, p, t) / delta;
  };
  const starts = [-3, -1, 0, 1, 3].map((v) => Float64Array.of(v));
  return adversarialSearch(ratio, starts, seed, 150, 0.5).ratio;
}

const arb = fc.record({
  rademacher: fc.double({ min: 0, max: 10, noNaN: true }),
  margin: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  delta: fc.double({ min: 1e-9, max: 0.999, noNaN: true }),
  sampleSize: fc.integer({ min: 1, max: 1e9 }),
  unionLogInverseWeight: fc.double({ min: 0, max: 50, noNaN: true }),
});

describe(EXPECTED_MARGIN_BOUND_ID, () => {
  test.prop([arb], { seed: 13001, numRuns: 300 })('formula, never above the empirical form, monotone', (p) => {
    const g = marginGap({ ...p, form: 'expected' });
    expect(g).toBeCloseTo((2 / p.margin) * p.rademacher + Math.sqrt((Math.log(1 / p.delta) + p.unionLogInverseWeight) / (2 * p.sampleSize)), 10);
    expect(g).toBeLessThanOrEqual(marginGap(p));
    expect(marginGap({ ...p, form: 'expected', sampleSize: p.sampleSize + 1 })).toBeLessThanOrEqual(g);
    expect(marginGap({ ...p, form: 'expected', margin: p.margin * 2 })).toBeLessThanOrEqual(g);
  });

  test.prop([fc.constantFrom(10, 37, 100, 400), fc.constantFrom(0.01, 0.05, 0.3), fc.integer({ min: 1, max: 1e6 })], { seed: 13002, numRuns: 12 })(
    'exact binomial attack on the confidence term: tail ≤ δ',
    (m, delta, seed) => {
      expect(worstRatio(m, delta, 1, seed)).toBeLessThanOrEqual(1);
    },
  );

  test('mutant: the factor 1/2 makes the tail exceed δ', () => {
    const worst = Math.max(...[10, 37, 100, 400].map((m, i) => worstRatio(m, 0.05, 0.5, 13100 + i)));
    expect(worst).toBeGreaterThan(1);
  });
});

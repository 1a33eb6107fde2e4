/**
 * thm-margin-bound (proofs-notes/thm-margin-bound.md): gap = (2/γ)R̂ + 3√(ln(2/δ)/(2m)) exactly as
 * stated (recomputed independently), non-increasing in γ, in δ and in m, non-decreasing in R̂; bad
 * inputs rejected with the standard message.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { marginGap, MARGIN_BOUND_ID } from '../src/bounds/margin-bound.js';

const arb = fc.record({
  rademacher: fc.double({ min: 0, max: 10, noNaN: true }),
  margin: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  delta: fc.double({ min: 1e-9, max: 0.999, noNaN: true }),
  sampleSize: fc.integer({ min: 1, max: 1e9 }),
});

describe(MARGIN_BOUND_ID, () => {
  test.prop([arb], { seed: 8001, numRuns: 300 })('formula and monotonicity', (p) => {
    const g = marginGap(p);
    expect(g).toBeCloseTo((2 / p.margin) * p.rademacher + 3 * Math.sqrt(Math.log(2 / p.delta) / (2 * p.sampleSize)), 10);
    expect(marginGap({ ...p, margin: p.margin * 2 })).toBeLessThanOrEqual(g);
    expect(marginGap({ ...p, delta: Math.min(0.9995, p.delta * 1.5) })).toBeLessThanOrEqual(g);
    expect(marginGap({ ...p, sampleSize: p.sampleSize + 1 })).toBeLessThanOrEqual(g);
    expect(marginGap({ ...p, rademacher: p.rademacher + 1 })).toBeGreaterThan(g);
  });

  test('bad inputs', () => {
    expect(() => marginGap({ rademacher: 1, margin: 1, delta: 1.5, sampleSize: 10 })).toThrow('marginGap: delta must be in (0, 1) (got 1.5)');
    expect(() => marginGap({ rademacher: 1, margin: NaN, delta: 0.5, sampleSize: 10 })).toThrow(/margin must be a finite number > 0 \(got NaN\)/);
    expect(() => marginGap({ rademacher: 1, margin: 1, delta: 0.5, sampleSize: 0 })).toThrow(/sampleSize must be an integer >= 1/);
  });
});

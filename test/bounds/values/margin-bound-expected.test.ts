/**
 * marginGap's expected form (src/bounds/margin-bound.ts, thm-expected-margin-bound): (2/γ)R + √(ln(1/δ)/(2m)),
 * by hand at γ ≠ 1 (targets `2 / γ -> 2 · γ` in that form; the empirical form is checked elsewhere).
 */
import { describe, expect, test } from 'vitest';
import { marginGap } from '../../../src/bounds/margin-bound.js';

/** Rounding allowance (relative). */
const REL = 1e-14;

describe('marginGap, expected form', () => {
  test('(2/γ)R + √(ln(1/δ)/(2m)) at γ = 0.5 and γ = 4', () => {
    for (const g of [0.5, 4]) {
      const want = (2 / g) * 0.3 + Math.sqrt(Math.log(20) / 2000);
      const got = marginGap({ rademacher: 0.3, margin: g, delta: 0.05, sampleSize: 1000, form: 'expected' });
      expect(Math.abs(got - want), `γ = ${g}`).toBeLessThanOrEqual(REL * want);
    }
  });
});

/**
 * scales.ts (lem-sparse-head-scales): W_I = Σ_j e^{r_j − R} recomputed from supportScores (s, resp.
 * 2^s − 1) and the level count N + 1 (s + 1, resp. 2^s); the (T, s) guard of the temperatures
 * (s > T, non-integer T) and the leak guard of outputScale (λ = −0.1, 1, NaN refused; 0 and 0.99 accepted,
 * γ_out = γ(1 + η_γ)/(1 − λ)).
 */
import { describe, expect, test } from 'vitest';
import { baseLogTemperature, levelCount, MARGIN_SLACK, outputScale, supportScores, supportWeightSum, temperature } from '../../../src/constructions/scales.js';

/** Σ of ≤ 2^5 exponentials of integer multiples of ln 2. */
const TOL = 1e-12;

describe('support weight sum and level count', () => {
  for (const s of [1, 3, 5]) {
    for (const family of ['symmetric', 'general'] as const) {
      test(`${family}, s = ${s}`, () => {
        const R = temperature(9, s, 'onehot');
        const r = supportScores(s, R, family);
        let W = 0;
        for (const x of r) W += Math.exp(x - R);
        expect(Math.abs(supportWeightSum(s, family) - W)).toBeLessThanOrEqual(TOL * W);
        // levels: the values n(z) = Σ_j w_j z_j takes, 0..W_I, all integers
        expect(levelCount(s, family)).toBe(Math.round(W) + 1);
      });
    }
  }
});

describe('guards', () => {
  test('s > T and a non-integer T', () => {
    expect(() => baseLogTemperature(3, 4)).toThrow(/baseLogTemperature: sparsity must be at most T = 3 \(got 4\)/);
    expect(() => temperature(2.5, 1, 'compact')).toThrow(/baseLogTemperature: contextLength/);
    expect(() => temperature(4, 0, 'onehot')).toThrow(/baseLogTemperature: sparsity/);
    expect(baseLogTemperature(4, 4)).toBe(Math.log(2));
  });
  test('outputScale: the leak must be in [0, 1)', () => {
    for (const leak of [-0.1, 1, 1.5, Number.NaN]) expect(() => outputScale(1, leak, false)).toThrow(/outputScale: leak must be in \[0, 1\)/);
    expect(outputScale(2, 0, false)).toBe(2 * (1 + MARGIN_SLACK));
    expect(outputScale(2, 0.99, false)).toBeCloseTo((2 * (1 + MARGIN_SLACK)) / 0.01, 6);
  });
});

/**
 * alg-sample-size-inversion (proofs-notes/alg-sample-size-inversion.md): for non-increasing gap
 * functions the answer m* satisfies gap(m*) ≤ target < gap(m* − 1); checked on synthetic gaps (with
 * plateaus) and on the real bound (requiredSampleSize), and Infinity is returned when unreachable.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { invertSampleSize, SAMPLE_SIZE_ID } from '../src/bounds/sample-size.js';
import { requiredSampleSize, computeBound, type SampleSizeRequest } from '../src/bounds/api.js';

describe(SAMPLE_SIZE_ID, () => {
  test.prop([fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 1e-4, max: 10, noNaN: true })], {
    seed: 8101,
    numRuns: 300,
  })('synthetic non-increasing gaps (with plateaus): least m', (A, p, plateau, target) => {
    const gap = (m: number) => A / Math.pow(Math.ceil(m / plateau), p);
    const m = invertSampleSize(gap, target);
    if (m === Infinity) expect(gap(2 ** 50)).toBeGreaterThan(target);
    else {
      expect(gap(m)).toBeLessThanOrEqual(target);
      if (m > 1) expect(gap(m - 1)).toBeGreaterThan(target);
    }
  });

  test.prop(
    [
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.double({ min: 0.1, max: 2, noNaN: true }),
      fc.integer({ min: 2, max: 5000 }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 1e-4, max: 10, noNaN: true }),
    ],
    { seed: 8103, numRuns: 300 },
  )('non-monotone gaps (periodic bumps): the answer is still verified at m − 1; the doubling-only mutant is not', (A, p, period, bump, target) => {
    // A decreasing trend times a sawtooth of relative height `bump`: gap rises inside each period.
    const gap = (m: number) => (A / Math.pow(m, p)) * (1 + bump * ((m % period) / period));
    const m = invertSampleSize(gap, target);
    const doublingOnly = (g: (m: number) => number, t: number) => {
      let hi = 1;
      while (g(hi) > t && hi < 2 ** 50) hi *= 2;
      return hi;
    };
    if (m === Infinity) return;
    expect(gap(m)).toBeLessThanOrEqual(target);
    if (m > 1) expect(gap(m - 1)).toBeGreaterThan(target);
    // The check rejects the doubling-only mutant: on a non-increasing gap (the trend alone) its answer
    // fails gap(m − 1) > target whenever the crossing lies strictly inside (hi/2, hi].
    const trend = (x: number) => A / Math.pow(x, p);
    const exact = invertSampleSize(trend, target);
    const mutant = doublingOnly(trend, target);
    if (exact !== Infinity && mutant !== exact) expect(mutant > 1 && trend(mutant - 1) > target).toBe(false);
  });

  test.prop([fc.double({ min: 0.3, max: 3, noNaN: true })], { seed: 8102, numRuns: 3 })('real bound: gap(m*) ≤ target < gap(m* − 1)', (target) => {
    const req: SampleSizeRequest = {
      model: 'scalar',
      contextLength: 1024,
      width: 16,
      inputNorm: 1,
      normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
      activationLipschitz: 1,
      margin: 1,
      delta: 0.05,
      valueActivation: 'identity',
    };
    const m = requiredSampleSize(req, target);
    expect(Number.isFinite(m)).toBe(true);
    expect(computeBound({ ...req, sampleSize: m }).generalizationGap).toBeLessThanOrEqual(target);
    if (m > 1) expect(computeBound({ ...req, sampleSize: m - 1 }).generalizationGap).toBeGreaterThan(target);
  });
});

/**
 * lem-dudley-discrete (proofs-notes/lem-dudley-discrete.md): for linear classes on small samples, the
 * EXACT empirical Rademacher complexity R̂ = (a/m)·E_σ‖Σ σ_i x_i‖₂ (average over all 2^m sign vectors)
 * never exceeds the chaining bound computed from the mistake-bound cover; tightness ratios recorded
 * in the note. Also: the bound never exceeds the trivial F, is monotone in F, and is 0 for F = 0.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { dudleyRademacher, DUDLEY_ID } from '../src/bounds/dudley.js';
import { linearLogCovering } from '../src/bounds/linear-cover.js';
import { createRng } from '../src/core/rng.js';
import { exactLinearRademacher } from '../src/testing/rademacher-lower.js';

describe(DUDLEY_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true })], {
    seed: 7601,
    numRuns: 60,
  })('exact linear Rademacher ≤ chaining bound from the linear cover', (seed, m, d, a, b) => {
    const rng = createRng(seed);
    const pts = Array.from({ length: m }, () => {
      const v = Float64Array.from({ length: d }, () => rng.normal());
      const n = Math.hypot(...v) || 1;
      return v.map((x) => (x * b) / n);
    });
    const exact = exactLinearRademacher(pts, a);
    const bound = dudleyRademacher((eps) => linearLogCovering({ weightNorm: a, pointNorm: b, points: m, eps }), a * b, m).value;
    expect(exact).toBeLessThanOrEqual(bound * (1 + 1e-12));
    expect(bound).toBeLessThanOrEqual(a * b);
  });

  test.prop([fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 3, noNaN: true }), fc.integer({ min: 1, max: 1e6 })], { seed: 7602, numRuns: 100 })(
    'monotone in the range F for a fixed cover function',
    (F, r, m) => {
      const cov = (eps: number) => Math.max(0, 100 / (eps * eps) - 1);
      expect(dudleyRademacher(cov, F, m).value).toBeLessThanOrEqual(dudleyRademacher(cov, F * r, m).value * (1 + 1e-12));
    },
  );

  test('F = 0 gives 0', () => {
    expect(dudleyRademacher(() => 1, 0, 10).value).toBe(0);
  });
});

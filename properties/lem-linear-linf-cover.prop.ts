/**
 * lem-linear-linf-cover (proofs-notes/lem-linear-linf-cover.md). The executable encoder of the cover
 * (runMistakeBoundCover) on random and adversarial instances: it stops after ≤ M = ⌈a²b²/ε²⌉ − 1
 * updates with max_i |⟨ŵ − w*, x_i⟩| ≤ ε, and the centre is decoded from the (index, sign) sequence
 * alone. Adversarial search maximizes updates/M (orthogonal points reach it); the mutant κ = 1/2 fails.
 * Packing lower estimate: a greedy 2ε-separated set of class members never exceeds the cover.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { runMistakeBoundCover, mistakeBound, linearLogCovering, matrixLogCovering, LINEAR_COVER_ID, MISTAKE_BOUND_CONSTANT } from '../src/bounds/linear-cover.js';
import { createRng } from '../src/core/rng.js';
import { normalizeTo, decode, linearCoverWorstRatio } from '../src/bounds/checks/lem-linear-linf-cover.js';

describe(LINEAR_COVER_ID, () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.double({ min: 0.1, max: 3, noNaN: true }),
      fc.double({ min: 0.1, max: 3, noNaN: true }),
      fc.double({ min: 0.05, max: 2, noNaN: true }),
    ],
    { seed: 7201, numRuns: 200 },
  )('random instances: ≤ M updates, error ≤ ε, centre decoded from the sequence', (seed, n, d, a, b, eps) => {
    const rng = createRng(seed);
    const pts = Array.from({ length: n }, () =>
      normalizeTo(
        Float64Array.from({ length: d }, () => rng.normal()),
        b * rng.float() + 1e-9,
      ),
    );
    const w = normalizeTo(
      Float64Array.from({ length: d }, () => rng.normal()),
      a,
    );
    const run = runMistakeBoundCover(pts, w, eps, b);
    expect(run.updates.length).toBeLessThanOrEqual(mistakeBound(a, b, eps));
    expect(run.maxError).toBeLessThanOrEqual(eps);
    const dec = decode(pts, run.updates, eps, b);
    expect(Array.from(dec)).toEqual(Array.from(run.centre));
    expect(linearLogCovering({ weightNorm: a, pointNorm: b, points: n, eps })).toBeCloseTo(mistakeBound(a, b, eps) * Math.log(2 * n + 1), 9);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7202, numRuns: 1 })('adversarial search (~1,000 evaluations): updates/M ≤ 1, and > 0.5 (the count is nearly attained)', (seed) => {
    const r = linearCoverWorstRatio(MISTAKE_BOUND_CONSTANT, seed, 1000);
    expect(r).toBeLessThanOrEqual(1);
    expect(r).toBeGreaterThan(0.5);
  });

  test('mutation: κ = 1/2 (M halved) is exceeded by the searched instances', () => {
    expect(linearCoverWorstRatio(MISTAKE_BOUND_CONSTANT / 2, 7203, 300)).toBeGreaterThan(1);
  });

  test.prop([fc.integer(), fc.integer({ min: 2, max: 6 }), fc.double({ min: 0.15, max: 0.6, noNaN: true })], { seed: 7204, numRuns: 20 })(
    'packing lower estimate: a greedy 2ε-separated set of class members is never larger than the cover',
    (seed, n, eps) => {
      const rng = createRng(seed);
      const d = 3;
      const pts = Array.from({ length: n }, () =>
        normalizeTo(
          Float64Array.from({ length: d }, () => rng.normal()),
          1,
        ),
      );
      const packed: Float64Array[] = [];
      for (let t = 0; t < 400; t++) {
        const w = normalizeTo(
          Float64Array.from({ length: d }, () => rng.normal()),
          Math.sqrt(rng.float()),
        );
        const vals = pts.map((x) => x.reduce((s, xi, j) => s + xi * w[j], 0));
        if (packed.every((p) => p.some((v, i) => Math.abs(v - vals[i]) > 2 * eps))) packed.push(Float64Array.from(vals));
      }
      expect(Math.log(packed.length)).toBeLessThanOrEqual(linearLogCovering({ weightNorm: 1, pointNorm: 1, points: n, eps }) + 1e-12);
    },
  );

  test('matrix (lifted) cover equals the scalar cover on n·p points at radius ε/√p', () => {
    expect(matrixLogCovering({ weightNorm: 2, pointNorm: 1, points: 10, outputDim: 4, eps: 0.5 })).toBe(linearLogCovering({ weightNorm: 2, pointNorm: 1, points: 40, eps: 0.25 }));
  });
});

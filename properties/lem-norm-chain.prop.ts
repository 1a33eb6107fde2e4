/**
 * lem-norm-chain (proofs-notes/lem-norm-chain.md): for every real matrix A,
 *   max_i ‖A_{i,:}‖₂ ≤ ‖A‖₂ ≤ ‖A‖_F ≤ ‖A‖_{2,1} (columns) and ‖A‖_F ≤ ‖Aᵀ‖_{2,1} (rows),
 *   ‖A‖_{2,1} ≤ √cols · ‖A‖_F;
 * the spectral norm (ml-matrix SVD) agrees with an independent power iteration; and an adversarial
 * local search for the worst ratio ‖A‖₂/‖A‖_F and ‖A‖_F/‖A‖_{2,1} stays ≤ 1 while reaching it.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbMatrix, arbSeed } from './arbitraries/index.js';
import { powerIterationSpectralNorm } from './support/power-iteration.js';
import { spectralNorm, frobeniusNorm, groupNormColumns, groupNormRows, maxRowNorm, maxColumnNorm, NORM_CHAIN_ID } from '../src/core/norms.js';
import { fromData, transpose, type Matrix } from '../src/core/matrix.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_INEQUALITY, REL_TOL_ITERATIVE, close } from '../src/core/tolerances.js';

/** a ≤ b up to the inequality slack (relative, plus a tiny absolute term for subnormal inputs). */
function leq(a: number, b: number): boolean {
  return a <= b * (1 + REL_TOL_INEQUALITY) + 1e-300;
}

const MATRICES = arbMatrix({ rows: { min: 1, max: 7 }, cols: { min: 1, max: 7 }, scale: 1e3 });

describe(`${NORM_CHAIN_ID}: the chain of norms`, () => {
  test.prop([MATRICES], { seed: 2101, numRuns: 300 })('max row ≤ spectral ≤ Frobenius ≤ group (2,1), both conventions', (a) => {
    const spec = spectralNorm(a);
    const frob = frobeniusNorm(a);
    expect(leq(maxRowNorm(a), spec)).toBe(true);
    expect(leq(maxColumnNorm(a), spec)).toBe(true);
    expect(leq(spec, frob)).toBe(true);
    expect(leq(frob, groupNormColumns(a))).toBe(true);
    expect(leq(frob, groupNormRows(a))).toBe(true);
    expect(leq(groupNormColumns(a), Math.sqrt(a.cols) * frob)).toBe(true);
    expect(leq(groupNormRows(a), Math.sqrt(a.rows) * frob)).toBe(true);
  });

  test.prop([MATRICES], { seed: 2102, numRuns: 200 })('the rows convention is the columns convention of Aᵀ; norms are transpose-invariant where they should be', (a) => {
    const at = transpose(a);
    expect(groupNormRows(a)).toBe(groupNormColumns(at));
    expect(close(spectralNorm(a), spectralNorm(at), 1e-12, 0)).toBe(true);
    expect(close(frobeniusNorm(a), frobeniusNorm(at), 1e-14, 0)).toBe(true);
  });

  test.prop([MATRICES, arbSeed()], { seed: 2103, numRuns: 200 })('spectral norm (SVD) agrees with an independent power iteration', (a, seed) => {
    const svd = spectralNorm(a);
    const power = powerIterationSpectralNorm(a, seed);
    // 1e-300 absolute: both results are rounded to the subnormal grid (spacing 5e-324) for subnormal A.
    expect(close(svd, power, REL_TOL_ITERATIVE, 1e-300), `svd ${svd} vs power ${power}`).toBe(true);
  });
});

/**
 * Hill climbing on the entries of a rows×cols matrix to maximise ratio(A); returns the best ratio found.
 * Each step perturbs one entry by a Gaussian step and keeps the move when the ratio does not decrease.
 */
function maximiseRatio(rows: number, cols: number, seed: number, ratio: (a: Matrix) => number, steps = 1500): number {
  const rng = createRng(seed);
  let data = Float64Array.from({ length: rows * cols }, () => rng.normal());
  let best = ratio(fromData(rows, cols, data));
  let step = 1;
  for (let i = 0; i < steps; i++) {
    const next = Float64Array.from(data);
    const k = rng.int(0, next.length - 1);
    next[k] += step * rng.normal();
    if (rng.bit()) next[rng.int(0, next.length - 1)] *= 0.5; // shrinking moves reach sparse/rank-one extremes
    const r = ratio(fromData(rows, cols, next));
    if (r >= best) {
      best = r;
      data = next;
    } else step = Math.max(1e-3, step * 0.999);
  }
  return best;
}

describe(`${NORM_CHAIN_ID}: adversarial search for the worst ratio`, () => {
  test.prop([fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), arbSeed()], { seed: 2201, numRuns: 6 })(
    '‖A‖₂/‖A‖_F never exceeds 1 and the search gets close to 1 (rank one attains it)',
    (rows, cols, seed) => {
      const best = maximiseRatio(rows, cols, seed, (a) => spectralNorm(a) / frobeniusNorm(a));
      expect(best).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
      expect(best).toBeGreaterThan(0.99);
    },
  );
  test.prop([fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), arbSeed()], { seed: 2202, numRuns: 6 })(
    '‖A‖_F/‖A‖_{2,1} never exceeds 1 and the search gets close to 1 (one non-zero column attains it)',
    (rows, cols, seed) => {
      const best = maximiseRatio(rows, cols, seed, (a) => frobeniusNorm(a) / groupNormColumns(a));
      expect(best).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
      expect(best).toBeGreaterThan(0.99);
    },
  );
});

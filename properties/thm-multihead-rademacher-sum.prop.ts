/**
 * thm-multihead-rademacher-sum (proofs-notes/thm-multihead-rademacher-sum.md):
 * - exact sub-additivity on finite classes: R̂(Σ_h F_h) ≤ Σ_h R̂(F_h) (all 2^m signs), random and adversarial;
 *   the mutant max_h R̂(F_h) is exceeded (F_1 = F_2 = {±v});
 * - the chain takes the sum route only for a linear readout, and then reports H × the one-head bound.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { MULTIHEAD_SUM_ID, multiheadSumApplies } from '../src/bounds/multihead-sum.js';
import { computeBound, architectureFromRequest } from '../src/bounds/api.js';
import { adversarialSearch, randomStarts } from '../src/bounds/checks/adversarial-search.js';
import { createRng } from '../src/core/rng.js';

/** Exact (1/m) E_σ max_{a∈A} ⟨σ, a⟩. */
function exactR(A: readonly Float64Array[], m: number): number {
  let t = 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    let best = -Infinity;
    for (const a of A) {
      let s = 0;
      for (let i = 0; i < m; i++) s += (mask & (1 << i) ? 1 : -1) * a[i];
      best = Math.max(best, s);
    }
    t += best;
  }
  return t / (1 << m) / m;
}

/** The Minkowski sum of finite classes (all sums f_1 + … + f_H). */
function sumClass(classes: readonly (readonly Float64Array[])[], m: number): Float64Array[] {
  let acc: Float64Array[] = [new Float64Array(m)];
  for (const F of classes) acc = acc.flatMap((s) => F.map((f) => s.map((x, i) => x + f[i])));
  return acc;
}

function classesFrom(x: Float64Array, H: number, size: number, m: number): Float64Array[][] {
  return Array.from({ length: H }, (_, h) => Array.from({ length: size }, (_, j) => x.slice((h * size + j) * m, (h * size + j + 1) * m)));
}

const WORKED = {
  model: 'multihead' as const,
  contextLength: 1024,
  width: 64,
  sampleSize: 1e7,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
  activationLipschitz: 1,
  margin: 1,
  delta: 0.05,
};

describe(MULTIHEAD_SUM_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })], { seed: 19001, numRuns: 60 })(
    'exact: R̂(Σ_h F_h) ≤ Σ_h R̂(F_h)',
    (seed, H, size, m) => {
      const rng = createRng(seed);
      const cls = classesFrom(
        Float64Array.from({ length: H * size * m }, () => rng.normal()),
        H,
        size,
        m,
      );
      expect(exactR(sumClass(cls, m), m)).toBeLessThanOrEqual(cls.reduce((s, F) => s + exactR(F, m), 0) + 1e-12);
    },
  );

  test('adversarial search ≤ 1; the mutant max_h R̂(F_h) is exceeded', () => {
    const [H, size, m] = [2, 3, 6];
    const ratio = (x: Float64Array) => {
      const cls = classesFrom(x, H, size, m);
      return exactR(sumClass(cls, m), m) / cls.reduce((s, F) => s + exactR(F, m), 0);
    };
    const res = adversarialSearch(ratio, randomStarts(19002, 3, H * size * m, 1), 19003, 300);
    expect(res.ratio).toBeLessThanOrEqual(1 + 1e-12);
    const v = Float64Array.of(1, -1, 1, 1);
    const F = [v, v.map((x) => -x)];
    expect(exactR(sumClass([F, F], 4), 4)).toBeGreaterThan(Math.max(exactR(F, 4), exactR(F, 4)));
  });

  test('the route: linear readout only; H × the one-head bound', () => {
    for (const H of [2, 4]) {
      const multi = computeBound({ ...WORKED, heads: H, valueActivation: 'identity' });
      const one = computeBound({ ...WORKED, model: 'scalar', valueActivation: 'identity' });
      expect(multi.trace.some((t) => t.id === MULTIHEAD_SUM_ID)).toBe(true);
      expect(multi.rademacher).toBeCloseTo(H * one.rademacher, 12);
      const off = computeBound({ ...WORKED, heads: H, valueActivation: 'identity', disabledTightenings: ['multiheadRademacherSum'] });
      expect(off.rademacher).toBeGreaterThan(multi.rademacher);
    }
    const arch = architectureFromRequest({ ...WORKED, heads: 3 });
    expect(multiheadSumApplies(arch)).toBe(true);
    const relu = { ...arch, readout: [{ ...arch.readout[0], identity: false, outputDim: 4 }, arch.readout[0]] };
    expect(multiheadSumApplies(relu)).toBe(false);
    expect(multiheadSumApplies(architectureFromRequest({ ...WORKED, model: 'transformer', heads: 3, layers: 1 }))).toBe(false);
  });
});

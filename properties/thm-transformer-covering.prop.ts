/**
 * thm-transformer-covering (proofs-notes/thm-transformer-covering.md).
 * 1. One layer's error accounting against layerForward: for any centre weights of the layer, on the
 *    same input, max_t ‖y_t − ŷ_t‖ ≤ Σ_h [‖W_C‖L_σ‖W_V‖ B c e_s + ‖W_C‖L_σ e_v + e_C] (measured part
 *    errors on the centre's own points; projection and residual included).
 * 2. The log-T law for L = 2: ln N(ε) at T = 2^20 over 2^10 ≤ the ratio of ln(2m(T+1)²+1) terms;
 *    the naive route grows at least like T.
 * 3. ln N and the gap are non-decreasing in L and in H.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { TRANSFORMER_COVERING_ID, architectureCover } from '../src/bounds/transformer-covering.js';
import { architectureFromRequest, computeBound, type BoundRequest } from '../src/bounds/api.js';
import { splitParts, compositeLogCover } from '../src/bounds/cover-parts.js';
import { naiveSoftmaxConstant } from '../src/bounds/baselines.js';
import type { Activation } from '../src/model/activations.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_INEQUALITY } from '../src/core/tolerances.js';
import { layerAccountingRatio, layerAccountingDim } from '../src/bounds/checks/thm-transformer-covering.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';

const base: BoundRequest = {
  model: 'transformer',
  contextLength: 64,
  width: 8,
  sampleSize: 1000,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 2, qkGroup21: 2, readout: 1 },
  activationLipschitz: 1,
  margin: 0.5,
  delta: 0.05,
  layers: 2,
  heads: 1,
};

describe(TRANSFORMER_COVERING_ID, () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom<Activation>('identity', 'relu', 'tanh'),
      fc.boolean(),
      fc.double({ min: 1e-3, max: 1, noNaN: true }),
    ],
    { seed: 7901, numRuns: 100 },
  )('one layer: output error ≤ Σ_h accounted part errors (reference layerForward, random centres)', (seed, T, d, k, H, act, residual, scale) => {
    const rng = createRng(seed);
    const n = layerAccountingDim(T, d, k, H);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const half = H * (d * d + 2 * d * k);
    for (let i = half; i < 2 * half; i++) x[i] = x[i - half] + scale * rng.normal(); // centres near the truth
    expect(layerAccountingRatio(x, T, d, k, H, act, residual)).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7903, numRuns: 1 })('one layer, adversarial centres and inputs (~1,000 evaluations): ratio ≤ 1', (seed) => {
    const rng = createRng(seed);
    const [T, d, k, H] = [2, 2, 1, 1];
    const r = adversarialSearch((x) => layerAccountingRatio(x, T, d, k, H, 'identity', true), [Float64Array.from({ length: layerAccountingDim(T, d, k, H) }, () => rng.normal())], seed, 1000, 0.2);
    expect(r.ratio).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test('log-T law for L = 2 at T = 2^10 vs 2^20; naive route polynomial', () => {
    const at = (T: number, c: number) => {
      const cover = architectureCover(architectureFromRequest({ ...base, contextLength: T }), base.sampleSize, c);
      return compositeLogCover(splitParts(cover.parts), cover.rangeBound / 4, cover.rangeBound);
    };
    const m = base.sampleSize;
    const logRatio = Math.log(2 * m * (2 ** 20 + 1) ** 2 + 1) / Math.log(2 * m * (2 ** 10 + 1) ** 2 + 1);
    const r = at(2 ** 20, 1) / at(2 ** 10, 1);
    expect(r).toBeGreaterThan(1);
    expect(r).toBeLessThanOrEqual(logRatio * (1 + 1e-3));
    expect(at(2 ** 20, naiveSoftmaxConstant(2 ** 20)) / at(2 ** 10, naiveSoftmaxConstant(2 ** 10))).toBeGreaterThan(2 ** 10);
  });

  test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })], { seed: 7902, numRuns: 6 })('non-decreasing in L and in H', (L, H) => {
    const g = (l: number, h: number) => {
      const cover = architectureCover(architectureFromRequest({ ...base, layers: l, heads: h }), base.sampleSize, 1);
      return compositeLogCover(splitParts(cover.parts), 0.01, cover.rangeBound);
    };
    expect(g(L, H)).toBeLessThanOrEqual(g(L + 1, H));
    expect(g(L, H)).toBeLessThanOrEqual(g(L, H + 1));
    expect(computeBound({ ...base, layers: L, heads: H }).rademacher).toBeLessThanOrEqual(computeBound({ ...base, layers: L + 1, heads: H }).rademacher * (1 + 1e-12));
  });
});

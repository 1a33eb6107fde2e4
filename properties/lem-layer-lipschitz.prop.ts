/**
 * lem-layer-lipschitz (proofs-notes/lem-layer-lipschitz.md), against the float64 reference
 * layerForward: for inputs X, X' with rows of norm ≤ B,
 *   max_t ‖y_t − y'_t‖ ≤ ([res] + Σ_h ‖W_C‖ L_σ ‖W_V‖ (1 + 2cB²‖W_QK‖)) · max_u ‖x_u − x'_u‖.
 * Random layers (residual, projection, 1-3 heads, every activation) and adversarial input pairs.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { layerLipschitz, LAYER_LIPSCHITZ_ID, QUERY_KEY_MOVE_FACTOR } from '../src/bounds/layer-lipschitz.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../src/bounds/softmax-step.js';
import { layerForward } from '../src/model/layer.js';
import { fromData, type Matrix } from '../src/core/matrix.js';
import { spectralNorm, l2 } from '../src/core/norms.js';
import { createRng } from '../src/core/rng.js';
import type { Activation } from '../src/model/activations.js';
import type { SelfAttentionLayer } from '../src/model/types.js';
import { REL_TOL_INEQUALITY, ABS_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { adversarialSearch } from './support/bounds-search.js';

function bounded(x: ArrayLike<number>, rows: number, d: number, B: number): Matrix {
  const X = fromData(rows, d, Float64Array.from(x));
  for (let r = 0; r < rows; r++) {
    const row = X.data.subarray(r * d, (r + 1) * d);
    const n = l2(row);
    if (n > B) for (let j = 0; j < d; j++) row[j] *= B / n;
  }
  return X;
}

function maxRowDiff(A: Matrix, Bm: Matrix): number {
  let m = 0;
  for (let r = 0; r < A.rows; r++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += (A.data[r * A.cols + j] - Bm.data[r * A.cols + j]) ** 2;
    m = Math.max(m, Math.sqrt(s));
  }
  return m;
}

function randomLayer(seed: number, d: number, heads: number, k: number, act: Activation, residual: boolean, R: number | null, scale: number): SelfAttentionLayer {
  const rng = createRng(seed);
  const mat = (r: number, c: number) => fromData(r, c, Float64Array.from({ length: r * c }, () => scale * rng.normal()));
  return { heads: Array.from({ length: heads }, () => ({ wQK: mat(d, d), wV: mat(d, k), wC: mat(k, d), activation: act })), residual, projectionRadius: R };
}

function lipOf(layer: SelfAttentionLayer, B: number, c: number, moveFactor: number): number {
  return layerLipschitz({ rowNorm: B, residual: layer.residual, heads: layer.heads.map((h) => ({ qkSpectral: spectralNorm(h.wQK), valueSpectral: spectralNorm(h.wV), outputSpectral: spectralNorm(h.wC), activationLipschitz: 1 })) }, c, moveFactor);
}

/** Worst ratio over adversarial input pairs for one random layer. */
export function layerWorstRatio(seed: number, budget: number, moveFactor = QUERY_KEY_MOVE_FACTOR, c = SOFTMAX_LINF_L1_CONSTANT): number {
  const T = 2, d = 2, B = 1;
  const layer = randomLayer(seed, d, 1, 1, 'identity', false, null, 1.5);
  const L = lipOf(layer, B, c, moveFactor);
  const rows = T + 1;
  const ratio = (x: Float64Array) => {
    const X = bounded(x.subarray(0, rows * d), rows, d, B);
    const X2 = bounded(x.subarray(rows * d), rows, d, B);
    const dx = maxRowDiff(X, X2);
    return dx > 0 ? maxRowDiff(layerForward(layer, X), layerForward(layer, X2)) / (L * dx) : NaN;
  };
  const rng = createRng(seed + 1);
  const starts = [0, 1, 2].map(() => {
    const base = Float64Array.from({ length: rows * d }, () => rng.normal());
    return Float64Array.from([...base, ...base.map((v) => v + 0.01 * rng.normal())]);
  });
  return adversarialSearch(ratio, starts, seed, budget, 0.2).ratio;
}

const ACTS: Activation[] = ['identity', 'relu', 'tanh'];

describe(LAYER_LIPSCHITZ_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...ACTS), fc.boolean(), fc.boolean(), fc.double({ min: 0.3, max: 2, noNaN: true }), fc.double({ min: 1e-4, max: 1, noNaN: true })], { seed: 7401, numRuns: 150 })(
    'random layers and input pairs: max-row output change ≤ Lip · max-row input change',
    (seed, T, d, heads, k, act, residual, project, B, pert) => {
      const rng = createRng(seed);
      const layer = randomLayer(seed + 17, d, heads, k, act, residual, project ? B : null, 1);
      const rows = T + 1;
      const X = bounded(Float64Array.from({ length: rows * d }, () => rng.normal()), rows, d, B);
      const X2 = bounded(X.data.map((v) => v + pert * rng.normal()), rows, d, B);
      const dx = maxRowDiff(X, X2);
      const dy = maxRowDiff(layerForward(layer, X), layerForward(layer, X2));
      expect(dy).toBeLessThanOrEqual(lipOf(layer, B, SOFTMAX_LINF_L1_CONSTANT, QUERY_KEY_MOVE_FACTOR) * dx * (1 + REL_TOL_INEQUALITY) + ABS_TOL_FLOAT64);
    },
  );

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7402, numRuns: 1 })('adversarial input pairs (~1,000 evaluations): worst ratio ≤ 1', (seed) => {
    expect(layerWorstRatio(seed, 1000)).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });
});

/** Checkers of lem-layer-lipschitz shared by its property file and bench/bounds-adversarial.ts (no vitest import). */
import { layerLipschitz, QUERY_KEY_MOVE_FACTOR } from '../layer-lipschitz.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../softmax-step.js';
import { layerForward } from '../../model/layer.js';
import { fromData, type Matrix } from '../../core/matrix.js';
import { spectralNorm } from '../../core/norms.js';
import { createRng } from '../../core/rng.js';
import type { Activation } from '../../model/activations.js';
import type { SelfAttentionLayer } from '../../model/types.js';
import { rowsInBall } from './rows-in-ball.js';
import { adversarialSearch } from './adversarial-search.js';

export function maxRowDiff(A: Matrix, Bm: Matrix): number {
  let m = 0;
  for (let r = 0; r < A.rows; r++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += (A.data[r * A.cols + j] - Bm.data[r * A.cols + j]) ** 2;
    m = Math.max(m, Math.sqrt(s));
  }
  return m;
}

export function randomLayer(seed: number, d: number, heads: number, k: number, act: Activation, residual: boolean, R: number | null, scale: number): SelfAttentionLayer {
  const rng = createRng(seed);
  const mat = (r: number, c: number) =>
    fromData(
      r,
      c,
      Float64Array.from({ length: r * c }, () => scale * rng.normal()),
    );
  return { heads: Array.from({ length: heads }, () => ({ wQK: mat(d, d), wV: mat(d, k), wC: mat(k, d), activation: act })), residual, projectionRadius: R };
}

export function lipOf(layer: SelfAttentionLayer, B: number, c: number, moveFactor: number): number {
  return layerLipschitz(
    {
      rowNorm: B,
      residual: layer.residual,
      heads: layer.heads.map((h) => ({ qkSpectral: spectralNorm(h.wQK), valueSpectral: spectralNorm(h.wV), outputSpectral: spectralNorm(h.wC), activationLipschitz: 1 })),
    },
    c,
    moveFactor,
  );
}

/** Worst ratio over adversarial input pairs for one random layer. */
export function layerWorstRatio(seed: number, budget: number, moveFactor = QUERY_KEY_MOVE_FACTOR, c = SOFTMAX_LINF_L1_CONSTANT): number {
  const T = 2,
    d = 2,
    B = 1;
  const layer = randomLayer(seed, d, 1, 1, 'identity', false, null, 1.5);
  const L = lipOf(layer, B, c, moveFactor);
  const rows = T + 1;
  const ratio = (x: Float64Array) => {
    const X = rowsInBall(x.subarray(0, rows * d), rows, d, B);
    const X2 = rowsInBall(x.subarray(rows * d), rows, d, B);
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

/**
 * The structured near-tight instance of lem-layer-lipschitz: d = 2, T = 1, one head, no residual,
 * identity σ, W_V = W_C = I, W_QK = Q·[[0,1],[1,0]], rows x_0 = e_1, x_1 = −e_1 (attention 1/2 for every
 * query), and X' = X rotated by ±angle (x_0 towards +e_2, x_1 towards −e_2): both scores move by 2QΔ
 * in opposite directions. Returns actual/(Lip·Δ) with the given move factor (2 proven; 1 is the mutant).
 */
export function layerStructuredRatio(moveFactor: number, Q: number, angle: number): number {
  const I2 = fromData(2, 2, Float64Array.from([1, 0, 0, 1]));
  const layer: SelfAttentionLayer = { heads: [{ wQK: fromData(2, 2, Float64Array.from([0, Q, Q, 0])), wV: I2, wC: I2, activation: 'identity' }], residual: false, projectionRadius: null };
  const X = fromData(2, 2, Float64Array.from([1, 0, -1, 0]));
  const X2 = fromData(2, 2, Float64Array.from([Math.cos(angle), Math.sin(angle), -Math.cos(angle), -Math.sin(angle)]));
  const L = lipOf(layer, 1, SOFTMAX_LINF_L1_CONSTANT, moveFactor);
  return maxRowDiff(layerForward(layer, X), layerForward(layer, X2)) / (L * maxRowDiff(X, X2));
}

/**
 * The self-attention layer of def-reference-model, y_t = Π_R([x_t if residual] + Σ_h f_head^h(X, x_t)ᵀ W_C^h),
 * against a naive evaluation (softmax by hand), and Π_R(v) = v · min(1, R/‖v‖₂) at its boundary: it is a
 * no-op when ‖v‖ ≤ R, including ‖v‖ = R and R = +∞ with an infinite entry (‖v‖ = ∞ ≤ R: a `>=` test
 * would scale by ∞/∞ = NaN). Targets layer.ts:15 (`n > radius` -> `n >= radius`).
 */
import { describe, expect, test } from 'vitest';
import { fromData } from '../../../src/core/matrix.js';
import { layerForward, projectToBallInPlace } from '../../../src/model/layer.js';
import type { SelfAttentionLayer } from '../../../src/model/types.js';

const TOL = 1e-14;

describe('projectToBallInPlace', () => {
  test('no-op when ‖v‖ <= R (R = ‖v‖ and R = +∞ included); scales onto the sphere otherwise', () => {
    const v = Float64Array.of(3, 4);
    projectToBallInPlace(v, 5);
    expect([...v]).toEqual([3, 4]);
    const inf = Float64Array.of(Number.POSITIVE_INFINITY, 1);
    projectToBallInPlace(inf, Number.POSITIVE_INFINITY);
    expect([...inf]).toEqual([Number.POSITIVE_INFINITY, 1]);
    const big = Float64Array.of(6, 8);
    projectToBallInPlace(big, 5);
    expect([...big]).toEqual([3, 4]);
    const same = Float64Array.of(-1, 2);
    projectToBallInPlace(same, null);
    expect([...same]).toEqual([-1, 2]);
  });
});

describe('layerForward', () => {
  test('residual + one head, then Π_R, against a naive evaluation', () => {
    // d = 2, k = 1, T + 1 = 2 rows.
    const X = [
      [1, 0],
      [0, 2],
    ];
    const wQK = [
      [1, 0],
      [0, 1],
    ];
    const wV = [1, -1]; // d×1
    const wC = [2, 0.5]; // 1×d
    const R = 2;
    const layer: SelfAttentionLayer = {
      heads: [{ wQK: fromData(2, 2, Float64Array.from(wQK.flat())), wV: fromData(2, 1, Float64Array.from(wV)), wC: fromData(1, 2, Float64Array.from(wC)), activation: 'tanh' }],
      residual: true,
      projectionRadius: R,
    };
    const Y = layerForward(layer, fromData(2, 2, Float64Array.from(X.flat())));
    for (let t = 0; t < 2; t++) {
      const q = [0, 1].map((i) => wQK[i][0] * X[t][0] + wQK[i][1] * X[t][1]);
      const s = X.map((xu) => xu[0] * q[0] + xu[1] * q[1]);
      const e = s.map(Math.exp);
      const a = e.map((x) => x / (e[0] + e[1]));
      const mixed = [0, 1].map((j) => a[0] * X[0][j] + a[1] * X[1][j]);
      const out = Math.tanh(mixed[0] * wV[0] + mixed[1] * wV[1]);
      let y = [X[t][0] + out * wC[0], X[t][1] + out * wC[1]];
      const n = Math.hypot(y[0], y[1]);
      if (n > R) y = y.map((x) => (x * R) / n);
      for (let j = 0; j < 2; j++) expect(Math.abs(Y.data[t * 2 + j] - y[j]), `y[${t}][${j}]`).toBeLessThan(TOL);
    }
  });
});

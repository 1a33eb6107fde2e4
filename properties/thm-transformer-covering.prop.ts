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
import { test, fc } from '@fast-check/vitest';
import { TRANSFORMER_COVERING_ID, architectureCover } from '../src/bounds/transformer-covering.js';
import { architectureFromRequest, computeBound, type BoundRequest } from '../src/bounds/api.js';
import { splitParts, compositeLogCover } from '../src/bounds/cover-parts.js';
import { naiveSoftmaxConstant } from '../src/bounds/baselines.js';
import { layerForward } from '../src/model/layer.js';
import { headForwardTrace } from '../src/model/head.js';
import { applyActivationInPlace, type Activation } from '../src/model/activations.js';
import { fromData, vecMat, row, type Matrix } from '../src/core/matrix.js';
import { spectralNorm, l2 } from '../src/core/norms.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_INEQUALITY } from '../src/core/tolerances.js';
import type { LayerHead, SelfAttentionLayer } from '../src/model/types.js';

const base: BoundRequest = { model: 'transformer', contextLength: 64, width: 8, sampleSize: 1000, inputNorm: 1, normBounds: { valueSpectral: 1, valueGroup21: 2, qkGroup21: 2, readout: 1 }, activationLipschitz: 1, margin: 0.5, delta: 0.05, layers: 2, heads: 1 };

describe(TRANSFORMER_COVERING_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom<Activation>('identity', 'relu', 'tanh'), fc.boolean(), fc.double({ min: 1e-3, max: 1, noNaN: true })], { seed: 7901, numRuns: 100 })(
    'one layer: output error ≤ Σ_h accounted part errors (reference layerForward)',
    (seed, T, d, k, H, act, residual, scale) => {
      const rng = createRng(seed);
      const B = 1;
      const mat = (r: number, c: number) => fromData(r, c, Float64Array.from({ length: r * c }, () => rng.normal()));
      const pert = (M: Matrix) => fromData(M.rows, M.cols, M.data.map((v) => v + scale * rng.normal()));
      const heads: LayerHead[] = Array.from({ length: H }, () => ({ wQK: mat(d, d), wV: mat(d, k), wC: mat(k, d), activation: act }));
      const centres: LayerHead[] = heads.map((h) => ({ ...h, wQK: pert(h.wQK), wV: pert(h.wV), wC: pert(h.wC) }));
      const L: SelfAttentionLayer = { heads, residual, projectionRadius: B };
      const Lc: SelfAttentionLayer = { heads: centres, residual, projectionRadius: B };
      const X = fromData(T + 1, d, Float64Array.from({ length: (T + 1) * d }, () => rng.normal()));
      for (let r = 0; r <= T; r++) {
        const rw = X.data.subarray(r * d, (r + 1) * d);
        const n = l2(rw);
        if (n > B) rw.forEach((v, j) => (rw[j] = (v * B) / n));
      }
      const Y = layerForward(L, X), Yc = layerForward(Lc, X);
      let actual = 0;
      for (let t = 0; t <= T; t++) actual = Math.max(actual, l2(row(Y, t).map((v, j) => v - Yc.data[t * d + j])));
      let bound = 0;
      heads.forEach((h, j) => {
        let es = 0, ev = 0, eC = 0;
        for (let t = 0; t <= T; t++) {
          const z = row(X, t);
          const tr = headForwardTrace(h, X, z), cr = headForwardTrace(centres[j], X, z);
          for (let u = 0; u <= T; u++) es = Math.max(es, Math.abs(tr.scores[u] - cr.scores[u]));
          const a = vecMat(cr.mixed, h.wV), b = vecMat(cr.mixed, centres[j].wV);
          ev = Math.max(ev, l2(a.map((v, i) => v - b[i])));
          const hc = Float64Array.from(b);
          applyActivationInPlace(act, hc);
          const p = vecMat(hc, h.wC), q = vecMat(hc, centres[j].wC);
          eC = Math.max(eC, l2(p.map((v, i) => v - q[i])));
        }
        const SC = spectralNorm(h.wC), SV = spectralNorm(h.wV);
        bound += SC * SV * B * 1 * es + SC * ev + eC;
      });
      expect(actual).toBeLessThanOrEqual(bound * (1 + REL_TOL_INEQUALITY) + 1e-12);
    },
  );

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

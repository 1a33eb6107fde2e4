/**
 * thm-multihead-covering (proofs-notes/thm-multihead-covering.md): the errors of summed heads add.
 * Against the reference: for H [CLS] heads summed and read by w, any centres, |f − f̂| ≤ Σ_j (part
 * errors of head j, weighted as in thm-head-covering) + readout error. Also: ln N is non-decreasing in
 * H and the H-head cover at ε equals the 1-head parts replicated H times (no cross-head terms).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { MULTIHEAD_COVERING_ID } from '../src/bounds/multihead-covering.js';
import { architectureFromRequest, computeBound, type BoundRequest } from '../src/bounds/api.js';
import { architectureCover } from '../src/bounds/transformer-covering.js';
import { splitParts, compositeLogCover } from '../src/bounds/cover-parts.js';
import { headForwardTrace } from '../src/model/head.js';
import { fromData, vecMat, type Matrix } from '../src/core/matrix.js';
import { spectralNorm, l2 } from '../src/core/norms.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_INEQUALITY } from '../src/core/tolerances.js';

const base: BoundRequest = {
  model: 'multihead',
  contextLength: 256,
  width: 8,
  sampleSize: 4096,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 2, qkGroup21: 2, readout: 1 },
  activationLipschitz: 1,
  margin: 0.5,
  delta: 0.05,
};

describe(MULTIHEAD_COVERING_ID, () => {
  test.prop(
    [fc.integer(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 1e-3, max: 1, noNaN: true })],
    { seed: 7801, numRuns: 100 },
  )('error accounting for summed heads (identity σ, reference head): |f − f̂| ≤ Σ_j accounted errors', (seed, T, d, k, H, scale) => {
    const rng = createRng(seed);
    const mat = (r: number, c: number) =>
      fromData(
        r,
        c,
        Float64Array.from({ length: r * c }, () => rng.normal()),
      );
    const pert = (M: Matrix) =>
      fromData(
        M.rows,
        M.cols,
        M.data.map((v) => v + scale * rng.normal()),
      );
    const heads = Array.from({ length: H }, () => ({ wQK: mat(d, d), wV: mat(d, k), activation: 'identity' as const }));
    const centres = heads.map((h) => ({ ...h, wQK: pert(h.wQK), wV: pert(h.wV) }));
    const w = Float64Array.from({ length: k }, () => rng.normal());
    const wc = w.map((v) => v + scale * rng.normal());
    const X = fromData(
      T + 1,
      d,
      Float64Array.from({ length: (T + 1) * d }, () => rng.normal()),
    );
    for (let r = 0; r <= T; r++) {
      const row = X.data.subarray(r * d, (r + 1) * d);
      const n = l2(row);
      if (n > 1) row.forEach((v, j) => (row[j] = v / n));
    }
    const z = X.data.subarray(0, d);
    const sumOut = (hs: typeof heads) => hs.map((h) => headForwardTrace(h, X, z)).reduce((acc, t) => acc.map((v, j) => v + t.output[j]), new Float64Array(k));
    const pooledTrue = sumOut(heads);
    const pooledCentre = sumOut(centres);
    const f = pooledTrue.reduce((s, v, j) => s + v * w[j], 0);
    const fh = pooledCentre.reduce((s, v, j) => s + v * wc[j], 0);
    let bound = 0;
    const mu0 = l2(w);
    heads.forEach((h, j) => {
      const tr = headForwardTrace(h, X, z);
      const cr = headForwardTrace(centres[j], X, z);
      let es = 0;
      for (let u = 0; u <= T; u++) es = Math.max(es, Math.abs(tr.scores[u] - cr.scores[u]));
      const a = vecMat(cr.mixed, h.wV),
        b = vecMat(cr.mixed, centres[j].wV);
      bound += mu0 * spectralNorm(h.wV) * 1 * es + mu0 * l2(a.map((v, i) => v - b[i]));
    });
    bound += Math.abs(pooledCentre.reduce((s, v, j) => s + v * (w[j] - wc[j]), 0));
    expect(Math.abs(f - fh)).toBeLessThanOrEqual(bound * (1 + REL_TOL_INEQUALITY) + 1e-12);
  });

  test.prop([fc.integer({ min: 1, max: 7 })], { seed: 7802, numRuns: 7 })('ln N non-decreasing in H; parts are the 1-head parts with multiplicity H', (H) => {
    const cov = (h: number) => {
      const c = architectureCover(architectureFromRequest({ ...base, heads: h }), base.sampleSize, 1);
      return { c, v: compositeLogCover(splitParts(c.parts), 0.05, c.rangeBound) };
    };
    const a = cov(H),
      b = cov(H + 1);
    expect(a.v).toBeLessThanOrEqual(b.v);
    expect(a.c.parts.filter((p) => p.label.startsWith('cls head')).every((p) => p.multiplicity === H)).toBe(true);
    expect(a.c.rangeBound).toBeCloseTo(H * 1, 12);
    expect(computeBound({ ...base, heads: H }).generalizationGap).toBeLessThanOrEqual(computeBound({ ...base, heads: H + 1 }).generalizationGap * (1 + 1e-12));
  });
});

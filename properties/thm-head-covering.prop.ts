/**
 * thm-head-covering (proofs-notes/thm-head-covering.md).
 * 1. Error accounting of the cover, against the reference head: for ANY centre weights
 *    (ŵ, Ŵ_V, Ŵ_QK) and samples, |f − f̂| ≤ μ₀L_σB_V B c·e_s + μ₀L_σ·e_v + e_w, where e_s, e_v, e_w
 *    are the measured part errors on the centre's own points (this is what makes the product cover
 *    an ε-cover). Random and adversarial (~1,000 evaluations).
 * 2. Lower estimate of R̂ by local search over weights within the budgets ≤ the bound (small T, m).
 * 3. The log-T law: ln N at T = 2^20 over T = 2^10 ≤ the ratio of ln(2m(T+1)+1), while the naive
 *    baseline's cover grows at least like T.
 * 4. Monotone in each norm budget, in T and in 1/δ; non-increasing in m.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { HEAD_COVERING_ID } from '../src/bounds/head-covering.js';
import { computeBound, architectureFromRequest, type BoundRequest } from '../src/bounds/api.js';
import { architectureCover } from '../src/bounds/transformer-covering.js';
import { splitParts, compositeLogCover } from '../src/bounds/cover-parts.js';
import { naiveSoftmaxConstant } from '../src/bounds/baselines.js';
import { headForwardTrace } from '../src/model/head.js';
import type { Activation } from '../src/model/activations.js';
import { fromData } from '../src/core/matrix.js';
import { frobeniusNorm } from '../src/core/norms.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_INEQUALITY } from '../src/core/tolerances.js';
import { rowsInBall } from '../src/bounds/checks/rows-in-ball.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';
import { accountingRatio, accountingRatioLinf, unpackHead } from '../src/bounds/checks/thm-head-covering.js';

const base: BoundRequest = {
  model: 'scalar',
  contextLength: 64,
  width: 8,
  sampleSize: 1000,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 2, qkGroup21: 2, readout: 1 },
  activationLipschitz: 1,
  margin: 0.5,
  delta: 0.05,
};

describe(HEAD_COVERING_ID, () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom<Activation>('identity', 'relu', 'tanh'),
      fc.double({ min: 1e-3, max: 1, noNaN: true }),
    ],
    { seed: 7701, numRuns: 120 },
  )('error accounting: |f − f̂| ≤ weighted measured part errors (random centres)', (seed, T, d, k, m, act, scale) => {
    const rng = createRng(seed);
    const B = 1;
    const n = 2 * (k + d * k + d * d);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    for (let i = n / 2; i < n; i++) x[i] = x[i - n / 2] + scale * rng.normal();
    const { t, c } = unpackHead(x, d, k);
    const Xs = Array.from({ length: m }, () =>
      rowsInBall(
        Float64Array.from({ length: (T + 1) * d }, () => rng.normal()),
        T + 1,
        d,
        B,
      ),
    );
    expect(accountingRatio(Xs, act, B, t, c)).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
    expect(accountingRatioLinf(Xs, act, B, t, c)).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7702, numRuns: 1 })('error accounting, adversarial centres and inputs (~1,000 evaluations per route): ratio ≤ 1', (seed) => {
    const T = 1,
      d = 2,
      k = 1,
      m = 2,
      B = 1;
    const rng = createRng(seed);
    const n = 2 * (k + d * k + d * d) + m * (T + 1) * d;
    const r = adversarialSearch(
      (x) => {
        const { t, c, rest } = unpackHead(x, d, k);
        const Xs = Array.from({ length: m }, (_, i) => rowsInBall(Float64Array.from(rest.subarray(i * (T + 1) * d, (i + 1) * (T + 1) * d)), T + 1, d, B));
        return accountingRatio(Xs, 'identity', B, t, c);
      },
      [Float64Array.from({ length: n }, () => rng.normal())],
      seed,
      1000,
      0.2,
    );
    expect(r.ratio).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
    const rl = adversarialSearch(
      (x) => {
        const { t, c, rest } = unpackHead(x, d, 2);
        const Xs = Array.from({ length: m }, (_, i) => rowsInBall(Float64Array.from(rest.subarray(i * (T + 1) * d, (i + 1) * (T + 1) * d)), T + 1, d, B));
        return accountingRatioLinf(Xs, 'relu', B, t, c);
      },
      [Float64Array.from({ length: 2 * (2 + d * 2 + d * d) + m * (T + 1) * d }, () => rng.normal())],
      seed + 1,
      1000,
      0.2,
    );
    expect(rl.ratio).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test.prop([fc.integer()], { seed: 7703, numRuns: 3 })('lower estimate of R̂ (local search over weights in the budgets) ≤ the bound', (seed) => {
    const T = 3,
      d = 2,
      m = 8,
      B = 1;
    const req: BoundRequest = { ...base, contextLength: T, width: d, sampleSize: m, valueDim: 1, normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 } };
    const bound = computeBound(req).rademacher;
    const rng = createRng(seed);
    const Xs = Array.from({ length: m }, () =>
      rowsInBall(
        Float64Array.from({ length: (T + 1) * d }, () => rng.normal()),
        T + 1,
        d,
        B,
      ),
    );
    let est = 0;
    const draws = 4;
    for (let s = 0; s < draws; s++) {
      const sig = Array.from({ length: m }, () => (rng.bit() ? 1 : -1));
      const obj = (x: Float64Array) => {
        const wV = fromData(d, 1, Float64Array.from(x.subarray(0, d)));
        const wQK = fromData(d, d, Float64Array.from(x.subarray(d, d + d * d)));
        const fv = frobeniusNorm(wV),
          fq = frobeniusNorm(wQK);
        if (fv > 1) wV.data.forEach((v, i) => (wV.data[i] = v / fv));
        if (fq > 1) wQK.data.forEach((v, i) => (wQK.data[i] = v / fq));
        let sum = 0;
        for (let i = 0; i < m; i++) sum += sig[i] * headForwardTrace({ wQK, wV, activation: 'identity' }, Xs[i], Xs[i].data.subarray(0, d)).output[0];
        return sum / m;
      };
      est += adversarialSearch(obj, [Float64Array.from({ length: d + d * d }, () => rng.normal())], seed + s, 150, 0.3).ratio / draws;
    }
    expect(est).toBeLessThanOrEqual(bound);
  });

  test.prop([fc.integer(), fc.constantFrom(2, 4, 8)], { seed: 7705, numRuns: 6 })('packing lower estimate: greedy 2ε-separated heads within the budgets never exceed the cover', (seed, div) => {
    const T = 2,
      d = 2,
      k = 2,
      m = 3,
      B = 1;
    const req: BoundRequest = { ...base, contextLength: T, width: d, sampleSize: m, valueDim: k, normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 } };
    const cover = architectureCover(architectureFromRequest(req), m, 1);
    const eps = cover.rangeBound / div;
    const lnN = compositeLogCover(splitParts(cover.parts), eps, cover.rangeBound);
    const rng = createRng(seed);
    const Xs = Array.from({ length: m }, () =>
      rowsInBall(
        Float64Array.from({ length: (T + 1) * d }, () => rng.normal()),
        T + 1,
        d,
        B,
      ),
    );
    const unit = (n: number, r: number) => {
      const v = Float64Array.from({ length: n }, () => rng.normal());
      const s = Math.hypot(...v);
      return v.map((x) => (x * r) / s);
    };
    const packed: number[][] = [];
    for (let t = 0; t < 300; t++) {
      const wQK = fromData(d, d, unit(d * d, Math.sqrt(rng.float())));
      const wV = fromData(d, k, unit(d * k, Math.sqrt(rng.float()))); // ‖W_V‖₂ ≤ ‖W_V‖_F ≤ 1
      const w = unit(k, Math.sqrt(rng.float()));
      const vals = Xs.map((X) => headForwardTrace({ wQK, wV, activation: 'relu' }, X, X.data.subarray(0, d)).output.reduce((acc, v, j) => acc + v * w[j], 0));
      if (packed.every((p) => p.some((v, i) => Math.abs(v - vals[i]) > 2 * eps))) packed.push(vals);
    }
    expect(Math.log(packed.length)).toBeLessThanOrEqual(lnN + 1e-12);
  });

  test('log-T law: ln N(ε) at T = 2^20 vs 2^10 follows the log, the naive route grows polynomially', () => {
    const at = (T: number, c: number) => {
      const arch = architectureFromRequest({ ...base, contextLength: T });
      const cover = architectureCover(arch, base.sampleSize, c);
      return compositeLogCover(splitParts(cover.parts), cover.rangeBound / 4, cover.rangeBound);
    };
    const m = base.sampleSize;
    const logRatio = Math.log(2 * m * (2 ** 20 + 1) + 1) / Math.log(2 * m * (2 ** 10 + 1) + 1);
    const r = at(2 ** 20, 1) / at(2 ** 10, 1);
    expect(r).toBeGreaterThan(1);
    expect(r).toBeLessThanOrEqual(logRatio * (1 + 1e-3));
    const naive = at(2 ** 20, naiveSoftmaxConstant(2 ** 20)) / at(2 ** 10, naiveSoftmaxConstant(2 ** 10));
    expect(naive).toBeGreaterThan(2 ** 10);
  });

  const knobs = ['valueSpectral', 'valueGroup21', 'qkGroup21', 'readout'] as const;
  test.prop([fc.constantFrom(...knobs), fc.double({ min: 1.01, max: 4, noNaN: true }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 24 })], { seed: 7704, numRuns: 40 })(
    'monotone: non-decreasing in each budget, in T, in 1/δ; non-increasing in m',
    (knob, r, log2T, log2m) => {
      const q: BoundRequest = { ...base, contextLength: 2 ** log2T, sampleSize: 2 ** log2m };
      const g = (x: BoundRequest) => computeBound(x).generalizationGap;
      const g0 = g(q);
      const tol = (v: number) => v * (1 + 1e-9);
      expect(g0).toBeLessThanOrEqual(tol(g({ ...q, normBounds: { ...q.normBounds, [knob]: q.normBounds[knob] * r } })));
      expect(g0).toBeLessThanOrEqual(tol(g({ ...q, contextLength: q.contextLength * 2 })));
      expect(g0).toBeLessThanOrEqual(tol(g({ ...q, delta: q.delta / r })));
      expect(g({ ...q, sampleSize: q.sampleSize * 2 })).toBeLessThanOrEqual(tol(g0));
    },
  );
});

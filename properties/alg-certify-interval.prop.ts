/**
 * alg-certify-interval: soundness of the interval certifier. On random small models (T ≤ 12, no
 * self-attention layers, 1–3 [CLS] heads of any output dimension, any activations and readout depth)
 * its bound never exceeds the true minimum margin found by exhaustive evaluation through the reference
 * model, also under an adversarial local search that perturbs the weights to push bound − truth up; it
 * is never above the exact certifier on position-key models; with self-attention layers (rows as boxes)
 * it stays below the exhaustive minimum too. Its pieces (interval-layers.ts) are checked directly:
 * softmaxWeightBounds encloses softmax(s) for every s in the score box (and is attained at the corners),
 * and knapsackBound equals the box∩simplex LP optimum found by enumerating every vertex; a bound shrunk
 * by 10 % lets a sample escape.
 * Note: proofs-notes/alg-certify-interval.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { certifyInterval } from '../src/constructions/certify-interval.js';
import { certifyExact } from '../src/constructions/certify-exact.js';
import { construct } from '../src/constructions/api.js';
import { flipTableBit, flipReadoutSign } from '../src/constructions/mutations.js';
import { softmaxWeightBounds, knapsackBound } from '../src/constructions/interval-layers.js';
import { softmax } from '../src/core/softmax.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { fromData } from '../src/core/matrix.js';
import type { Model } from '../src/model/types.js';
import { forward } from '../src/model/forward.js';
import { targetLabel } from '../src/model/target.js';
import { arbModel, arbModelShape } from './arbitraries/index.js';
import { exhaustiveMinMargin, positionKeyModel } from './support/constructions.js';

const MODELS = { contextLength: { min: 1, max: 12 }, width: { min: 1, max: 5 }, layers: 0, clsHeads: { min: 1, max: 3 }, target: 'always' as const };
const slack = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

/** The model with every weight of the heads and readout perturbed by step·N(0,1). */
function perturb(model: Model, seed: number, step: number): Model {
  const rng = createRng(seed);
  const jiggle = (m: { rows: number; cols: number; data: Float64Array }) =>
    fromData(
      m.rows,
      m.cols,
      m.data.map((x) => x + step * rng.normal()),
    );
  return {
    ...model,
    clsHeads: model.clsHeads.map((h) => ({ ...h, wQK: jiggle(h.wQK), wV: jiggle(h.wV) })),
    readout: model.readout.map((l) => ({ ...l, weight: jiggle(l.weight) })),
  };
}

/** Index of the first a ∈ samples with a_u outside [alo_u, ahi_u] (relative tolerance), or −1. */
function firstEscape(samples: readonly Float64Array[], alo: Float64Array, ahi: Float64Array): number {
  return samples.findIndex((a) => a.some((x, u) => x < alo[u] * (1 - REL_TOL_FLOAT64) || x > ahi[u] * (1 + REL_TOL_FLOAT64)));
}

/**
 * Every vertex of {a ∈ [alo, ahi] : Σ a = 1} (n ≤ 6): all coordinates but one (f) at a bound, a_f = 1 − Σ
 * the others, kept when a_f ∈ [alo_f, ahi_f] (up to absTol). The LP optimum over the polytope is at one.
 */
function boxSimplexVertices(alo: Float64Array, ahi: Float64Array, absTol: number): Float64Array[] {
  const n = alo.length;
  const out: Float64Array[] = [];
  for (let f = 0; f < n; f++) {
    for (let mask = 0; mask < 2 ** (n - 1); mask++) {
      const a = new Float64Array(n);
      let rest = 0;
      for (let u = 0, bit = 0; u < n; u++) {
        if (u === f) continue;
        a[u] = (mask >>> bit++) & 1 ? ahi[u] : alo[u];
        rest += a[u];
      }
      a[f] = 1 - rest;
      if (a[f] >= alo[f] - absTol && a[f] <= ahi[f] + absTol) out.push(a);
    }
  }
  return out;
}

const dotPhi = (a: Float64Array, phi: Float64Array) => a.reduce((acc, x, u) => acc + x * phi[u], 0);

/** Score boxes [slo, slo + width] with scores in [−10, 15] and fractions t ∈ [0, 1]^n for sample points. */
const arbScoreBox = fc.integer({ min: 1, max: 6 }).chain((n) => {
  const vec = (min: number, max: number) => fc.array(fc.double({ min, max, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v));
  return fc.record({
    slo: vec(-10, 10),
    width: vec(0, 5),
    ts: fc.array(vec(0, 1), { minLength: 1, maxLength: 6 }),
    phi: vec(-5, 5),
    mix: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }),
  });
});

describe('alg-certify-interval', () => {
  test.prop([arbModel(MODELS)], { seed: 4601, numRuns: 60 })('bound <= exhaustive true minimum margin', (model) => {
    const cert = certifyInterval(model, model.target!);
    const ex = exhaustiveMinMargin(model, model.target!);
    expect(cert.minMargin).toBeLessThanOrEqual(ex.min + slack(ex.min));
    expect(cert.method).toBe('interval');
    // The reported worst input is real: its reference margin is what the certificate says, and >= the truth.
    const bits = Uint8Array.from(cert.worstInput, (ch) => (ch === '1' ? 1 : 0));
    expect(cert.worstInputMargin).toBe(targetLabel(model.target!, bits) * forward(model, bits));
    expect(cert.worstInputMargin).toBeGreaterThanOrEqual(ex.min);
  });

  test.prop([arbModel({ ...MODELS, contextLength: { min: 1, max: 7 } }), fc.integer()], { seed: 4602, numRuns: 8 })('adversarial local search cannot push the bound above the truth', (start, seed) => {
    // Hill-climb on gap = bound − truth (sound means gap ≤ 0 always); keep the best perturbation.
    let model = start;
    let gap = certifyInterval(model, model.target!).minMargin - exhaustiveMinMargin(model, model.target!).min;
    for (let it = 0; it < 25; it++) {
      const cand = perturb(model, seed + it, 0.3);
      const g = certifyInterval(cand, cand.target!).minMargin - exhaustiveMinMargin(cand, cand.target!).min;
      expect(g).toBeLessThanOrEqual(slack(g) + 1e-9);
      if (g > gap) {
        gap = g;
        model = cand;
      }
    }
  });

  test.prop([arbModelShape({ contextLength: { min: 1, max: 9 }, width: { min: 1, max: 5 }, layers: 0, clsHeads: 1 }), fc.double({ min: -2, max: 2, noNaN: true })], { seed: 4603, numRuns: 40 })(
    'never above the exact certifier on position-key models',
    (shape, c) => {
      const model = positionKeyModel(shape, c);
      const a = certifyInterval(model, model.target!).minMargin;
      const b = certifyExact(model, model.target!).minMargin;
      expect(a).toBeLessThanOrEqual(b + slack(b));
    },
  );

  test.prop([fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 1000 })], { seed: 4604, numRuns: 10 })('certifies the one-hot symmetric construction at small T (not vacuous)', (T, seed) => {
    const c = construct({ fn: 'parity', contextLength: T, sparsity: 1, seed, codes: 'onehot', margin: 1 });
    const cert = certifyInterval(c.model, c.target);
    expect(cert.minMargin).toBeLessThanOrEqual(1 + 1e-6 + 1e-9);
    expect(cert.minMargin).toBeGreaterThan(0);
  });

  test.prop([fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 1000 })], { seed: 4606, numRuns: 8 })('mutants are rejected: flipped table bit, flipped readout sign', (T, seed) => {
    const c = construct({ fn: 'parity', contextLength: T, sparsity: 1, seed, codes: 'onehot', margin: 1 });
    expect(certifyInterval(c.model, c.target).certified).toBe(true);
    expect(certifyInterval(c.model, flipTableBit(c.target, seed % 2)).certified).toBe(false);
    expect(certifyInterval(flipReadoutSign(c.model), c.target).certified).toBe(false);
  });

  test.prop([arbModel({ contextLength: { min: 1, max: 8 }, width: { min: 1, max: 4 }, layers: { min: 1, max: 2 }, clsHeads: { min: 0, max: 2 }, target: 'always', weightScale: 0.7 })], {
    seed: 4605,
    numRuns: 40,
  })('with self-attention layers (boxes through every layer, residual, Π_R): bound <= exhaustive true minimum', (model) => {
    const cert = certifyInterval(model, model.target!);
    const ex = exhaustiveMinMargin(model, model.target!);
    expect(cert.minMargin).toBeLessThanOrEqual(ex.min + slack(ex.min));
  });

  test.prop([arbScoreBox], { seed: 4607, numRuns: 200 })('softmaxWeightBounds encloses softmax(s) on the score box, tight at the corners (a 10 % shrink escapes)', ({ slo, width, ts }) => {
    const n = slo.length;
    const shi = slo.map((x, u) => x + width[u]);
    const { alo, ahi } = softmaxWeightBounds(slo, shi);
    // Random scores in the box, and the 2n corners where a_u is extreme (s_u at one end, the rest at the other).
    const samples = ts.map((t) => softmax(slo.map((x, u) => x + t[u] * (shi[u] - x))));
    for (let u = 0; u < n; u++) {
      samples.push(softmax(slo.map((x, w) => (w === u ? shi[w] : x)))); // a_u = ahi_u
      samples.push(softmax(shi.map((x, w) => (w === u ? slo[w] : x)))); // a_u = alo_u
    }
    expect(firstEscape(samples, alo, ahi)).toBe(-1);
    // Mutation: ahi shrunk by 10 % — the corner that attains ahi_0 escapes.
    expect(
      firstEscape(
        samples,
        alo,
        ahi.map((x) => 0.9 * x),
      ),
    ).toBeGreaterThanOrEqual(0);
  });

  test.prop([arbScoreBox, fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 })], { seed: 4608, numRuns: 150 })(
    'knapsackBound equals the box∩simplex LP optimum over every vertex, bounds every sample (a 10 % shrink escapes)',
    ({ slo, width, ts, phi, mix }, aroundPoint, seed) => {
      const n = slo.length;
      let alo: Float64Array;
      let ahi: Float64Array;
      let samples: Float64Array[];
      if (!aroundPoint) {
        // The boxes headBox feeds it: softmax weight bounds, with softmax samples inside them.
        const shi = slo.map((x, u) => x + width[u]);
        ({ alo, ahi } = softmaxWeightBounds(slo, shi));
        samples = ts.map((t) => softmax(slo.map((x, u) => x + t[u] * (shi[u] - x))));
      } else {
        // Any feasible box: around a point a* of the simplex (a* = softmax(slo)), widths from ts[0] and width.
        const star = softmax(slo);
        alo = star.map((x, u) => x * (1 - ts[0][u]));
        ahi = star.map((x, u) => x + width[u] / 5);
        samples = [star];
      }
      const absTol = 1e-12;
      const vertices = boxSimplexVertices(alo, ahi, absTol);
      expect(vertices.length).toBeGreaterThan(0);
      // Random convex combinations of vertices are points of the polytope too.
      const rng = createRng(seed);
      for (let r = 0; r < 3; r++) {
        const a = new Float64Array(n);
        let total = 0;
        for (const w of mix) {
          const v = vertices[rng.int(0, vertices.length - 1)];
          for (let u = 0; u < n; u++) a[u] += w * v[u];
          total += w;
        }
        if (total > 0) samples.push(a.map((x) => x / total));
      }
      samples.push(...vertices);
      const values = samples.map((a) => dotPhi(a, phi));
      const lpMax = Math.max(...vertices.map((a) => dotPhi(a, phi)));
      const lpMin = Math.min(...vertices.map((a) => dotPhi(a, phi)));
      const tol = 1e-9 * (1 + phi.reduce((acc, x) => acc + Math.abs(x), 0));
      const up = knapsackBound(alo, ahi, phi, true);
      const down = knapsackBound(alo, ahi, phi, false);
      // Exact: the greedy equals the LP optimum; sound: no sample beyond it.
      expect(Math.abs(up - lpMax)).toBeLessThanOrEqual(tol);
      expect(Math.abs(down - lpMin)).toBeLessThanOrEqual(tol);
      const escapes = (hi: number, lo: number) => values.some((v) => v > hi + tol || v < lo - tol);
      expect(escapes(up, down)).toBe(false);
      // Mutation: the upper bound shrunk by 10 % of the range — the optimal vertex escapes.
      if (lpMax - lpMin > 100 * tol) expect(escapes(up - 0.1 * (up - down), down)).toBe(true);
    },
  );
});

/**
 * alg-certify-interval: soundness of the interval certifier. On random small models (T ≤ 12, no
 * self-attention layers, 1–3 [CLS] heads of any output dimension, any activations and readout depth)
 * its bound never exceeds the true minimum margin found by exhaustive evaluation through the reference
 * model, also under an adversarial local search that perturbs the weights to push bound − truth up; it
 * is never above the exact certifier on position-key models; with self-attention layers (rows as boxes)
 * it stays below the exhaustive minimum too.
 * Note: proofs-notes/alg-certify-interval.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { certifyInterval } from '../src/constructions/certify-interval.js';
import { certifyExact } from '../src/constructions/certify-exact.js';
import { construct } from '../src/constructions/api.js';
import { flipTableBit, flipReadoutSign } from '../src/constructions/mutations.js';
import { createRng } from '../src/core/rng.js';
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
  const jiggle = (m: { rows: number; cols: number; data: Float64Array }) => fromData(m.rows, m.cols, m.data.map((x) => x + step * rng.normal()));
  return {
    ...model,
    clsHeads: model.clsHeads.map((h) => ({ ...h, wQK: jiggle(h.wQK), wV: jiggle(h.wV) })),
    readout: model.readout.map((l) => ({ ...l, weight: jiggle(l.weight) })),
  };
}

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

  test.prop([arbModel({ contextLength: { min: 1, max: 8 }, width: { min: 1, max: 4 }, layers: { min: 1, max: 2 }, clsHeads: { min: 0, max: 2 }, target: 'always', weightScale: 0.7 })], { seed: 4605, numRuns: 40 })(
    'with self-attention layers (boxes through every layer, residual, Π_R): bound <= exhaustive true minimum',
    (model) => {
      const cert = certifyInterval(model, model.target!);
      const ex = exhaustiveMinMargin(model, model.target!);
      expect(cert.minMargin).toBeLessThanOrEqual(ex.min + slack(ex.min));
    },
  );
});

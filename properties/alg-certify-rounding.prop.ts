/**
 * alg-certify-rounding: both certifiers' `certifiedLowerBound` is a lower bound on the exact
 * real-arithmetic minimum margin of the model file (its float64 values read as real numbers), checked
 * against a brute force in rigorous BigInt arithmetic (properties/support/exact-real.ts: exact sums and
 * products at 2^−256, softmax and tanh through a Taylor series with a bounded tail), which encloses the
 * real minimum in [minLo, minHi] (layers included: Π_R through an outward BigInt square root). The check
 * is `certifiedLowerBound ≤ minLo` (sufficient); the oracle itself is checked against the float64 reference. Mutant: the
 * certificate with its slack dropped (the float64 `minMargin` taken as the bound) is caught on the
 * readouts (g + B) − B, where float64 rounding lifts the estimate above the real minimum (minMargin > minHi)
 * for some offsets B. The outward-rounding
 * primitives are checked on their own: up/down step at least one float outward.
 * Note: proofs-notes/alg-certify-rounding.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { certifyExact } from '../src/constructions/certify-exact.js';
import { certifyInterval } from '../src/constructions/certify-interval.js';
import { construct } from '../src/constructions/api.js';
import { down, nextDown, nextUp, up } from '../src/constructions/certify-rounding.js';
import { fromData } from '../src/core/matrix.js';
import type { Model } from '../src/model/types.js';
import { arbModel, arbModelShape } from './arbitraries/index.js';
import { exhaustiveMinMargin, positionKeyModel } from './support/constructions.js';
import { exactMinMargin } from './support/exact-real.js';

/** The model with head 0 split into two identical halves (same W_QK, W_V/2 each: the same real function). */
function splitHead(model: Model): Model {
  const h = model.clsHeads[0];
  const half = {
    ...h,
    wV: fromData(
      h.wV.rows,
      h.wV.cols,
      h.wV.data.map((x) => x / 2),
    ),
  };
  return { ...model, clsHeads: [half, half] };
}

describe('alg-certify-rounding', () => {
  test('issue 12 repro (T = 12, s = 4, compact codes, seed 5): both bounds <= the real minimum, which lies above the float64 reference minimum', () => {
    const c = construct({ fn: 'table:0110100110010111', contextLength: 12, sparsity: 4, codes: 'compact', seed: 5 });
    const real = exactMinMargin(c.model, c.target);
    const exact = certifyExact(c.model, c.target);
    const interval = certifyInterval(c.model, c.target);
    expect(exact.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
    expect(interval.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
    expect(exact.slack).toBeGreaterThan(0);
    expect(exact.certifiedLowerBound).toBeGreaterThan(1); // still certifies the requested margin 1
    // The real minimum is in [1.0000009999998747, 1.0000009999998751] (input 000001100001); the float64
    // reference's minimum 1.0000009999998587 (issue 12) is below it by 1.6e-14, the estimate 1.000000999999873 by 2e-15.
    expect(real.minLo).toBeGreaterThan(1.0000009999998587);
  });

  test('adversarial readouts (g + B) − B: the slack-dropped mutant overshoots the real minimum, the certified bound never does', () => {
    // (g(h) + B) − B is g(h) in real arithmetic; in float64 g + B rounds to a multiple of ulp(B), so the
    // float64 minimum lands above the real one for some offsets B.
    const c = construct({ fn: 'parity', contextLength: 6, sparsity: 2, codes: 'compact', seed: 1 });
    const pad = (B: number): Model => ({
      ...c.model,
      readout: [
        ...c.model.readout,
        { weight: fromData(1, 1, Float64Array.of(1)), bias: Float64Array.of(B), activation: 'identity' },
        { weight: fromData(1, 1, Float64Array.of(1)), bias: Float64Array.of(-B), activation: 'identity' },
      ],
    });
    // The interval certifier is loose on the construction (its estimate stays far below the truth), so its
    // mutant is checked where it is exact: the same model with W_V = 0 (head output σ(0) = 0 on every input).
    const h = c.model.clsHeads[0];
    const mute = (m: Model): Model => ({ ...m, clsHeads: [{ ...h, wV: fromData(h.wV.rows, h.wV.cols, new Float64Array(h.wV.data.length)) }] });
    let exactCaught = 0;
    let intervalCaught = 0;
    for (let i = 0; i < 8; i++) {
      const model = pad(2 ** 20 * (1 + i / 7));
      for (const [m, which] of [
        [model, 'construction'],
        [mute(model), 'muted'],
      ] as const) {
        const real = exactMinMargin(m, c.target);
        const exact = certifyExact(m, c.target);
        const interval = certifyInterval(m, c.target);
        expect(exact.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
        expect(interval.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
        if (which === 'construction' && exact.minMargin > real.minHi) exactCaught++;
        if (which === 'muted' && interval.minMargin > real.minHi) intervalCaught++;
      }
    }
    expect(exactCaught).toBeGreaterThan(0);
    expect(intervalCaught).toBeGreaterThan(0);
  });

  test.prop([arbModel({ contextLength: { min: 1, max: 7 }, width: { min: 1, max: 4 }, layers: 0, clsHeads: { min: 1, max: 3 }, target: 'always' })], { seed: 4701, numRuns: 25 })(
    'interval certifier: certifiedLowerBound <= exact real minimum (any heads, k, activations)',
    (model) => {
      const real = exactMinMargin(model, model.target!);
      // The oracle is the reference semantics: it agrees with the float64 forward pass to rounding.
      const float = exhaustiveMinMargin(model, model.target!).min;
      expect(Math.abs(real.minLo - float)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(float)));
      const cert = certifyInterval(model, model.target!);
      expect(cert.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
      expect(cert.certifiedLowerBound).toBeLessThanOrEqual(cert.minMargin);
    },
  );

  test.prop([arbModel({ contextLength: { min: 1, max: 4 }, width: { min: 1, max: 3 }, layers: { min: 1, max: 2 }, clsHeads: { min: 0, max: 2 }, target: 'always', weightScale: 0.7 })], {
    seed: 4704,
    numRuns: 15,
  })('interval certifier with self-attention layers (boxes, residual, Π_R): certifiedLowerBound <= exact real minimum', (model) => {
    const real = exactMinMargin(model, model.target!);
    const float = exhaustiveMinMargin(model, model.target!).min;
    expect(Math.abs(real.minLo - float)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(float)));
    const cert = certifyInterval(model, model.target!);
    expect(cert.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
  });

  test.prop([arbModelShape({ contextLength: { min: 1, max: 8 }, width: { min: 1, max: 5 }, layers: 0, clsHeads: 1 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.boolean()], {
    seed: 4702,
    numRuns: 25,
  })('exact certifier (one head, or split into identical halves): certifiedLowerBound <= exact real minimum, and tight when attained', (shape, c, split) => {
    const base = positionKeyModel(shape, c);
    const model = split ? splitHead(base) : base;
    const real = exactMinMargin(model, model.target!);
    const cert = certifyExact(model, model.target!);
    expect(cert.certifiedLowerBound).toBeLessThanOrEqual(real.minLo);
    if (cert.attained) expect(real.minHi - cert.certifiedLowerBound).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(real.minHi)));
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })], { seed: 4703, numRuns: 2000 })('up/down move at least one float outward', (x) => {
    expect(up(x)).toBeGreaterThanOrEqual(nextUp(x));
    expect(down(x)).toBeLessThanOrEqual(nextDown(x));
    expect(nextUp(x)).toBeGreaterThan(x);
    expect(nextDown(x)).toBeLessThan(x);
  });
});

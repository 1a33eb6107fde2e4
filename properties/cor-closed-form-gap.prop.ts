/**
 * cor-closed-form-gap (proofs-notes/cor-closed-form-gap.md): the mathjs tree, evaluated, equals an
 * independent float64 evaluation of the same closed form and the report's mathjs-free closedFormValue,
 * its LaTeX is non-empty, and it upper-bounds
 * the numeric gap of the report (for every model kind).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { closedFormGap, closedFormValue, CLOSED_FORM_ID } from '../src/bounds/closed-form.js';
import { partAlpha, partBeta } from '../src/bounds/cover-parts.js';
import { architectureFromRequest, computeBound, type BoundRequest } from '../src/bounds/api.js';
import { architectureCover } from '../src/bounds/transformer-covering.js';

const arbReq = fc.record({
  model: fc.constantFrom('head', 'scalar', 'multihead', 'transformer' as const),
  contextLength: fc.integer({ min: 1, max: 2 ** 20 }),
  width: fc.integer({ min: 1, max: 64 }),
  sampleSize: fc.integer({ min: 1, max: 1e9 }),
  inputNorm: fc.double({ min: 0.1, max: 4, noNaN: true }),
  normBounds: fc.record({
    valueSpectral: fc.double({ min: 0.1, max: 4, noNaN: true }),
    valueGroup21: fc.double({ min: 0.1, max: 4, noNaN: true }),
    qkGroup21: fc.double({ min: 0.1, max: 4, noNaN: true }),
    readout: fc.double({ min: 0.1, max: 4, noNaN: true }),
  }),
  activationLipschitz: fc.constant(1),
  heads: fc.integer({ min: 1, max: 4 }),
  layers: fc.integer({ min: 1, max: 3 }),
  margin: fc.double({ min: 0.01, max: 4, noNaN: true }),
  delta: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
}) as fc.Arbitrary<BoundRequest>;

describe(CLOSED_FORM_ID, () => {
  test.prop([arbReq], { seed: 8301, numRuns: 20 })('tree value = independent evaluation ≥ numeric gap', (req) => {
    const cover = architectureCover(architectureFromRequest(req), req.sampleSize, 1);
    const cf = closedFormGap({ parts: cover.parts, rangeBound: cover.rangeBound, sampleSize: req.sampleSize, margin: req.margin, delta: req.delta });
    let g = 0;
    for (const p of cover.parts) g += Math.cbrt(partAlpha(p)) * Math.pow(partBeta(p), 2 / 3);
    const K = g ** 3;
    const F = cover.rangeBound,
      m = req.sampleSize;
    const M = Math.min(60, Math.max(1, Math.ceil(Math.log2((F * Math.LN2 * Math.sqrt(m)) / (6 * Math.sqrt(K))))));
    const js = (2 / req.margin) * (F * 2 ** -M + 6 * M * Math.sqrt(K / m)) + 3 * Math.sqrt(Math.log(2 / req.delta) / (2 * m));
    expect(Math.abs(cf.value - js)).toBeLessThanOrEqual(1e-9 * js);
    // The mathjs-free value the report uses is the same number.
    const plain = closedFormValue({ parts: cover.parts, rangeBound: cover.rangeBound, sampleSize: req.sampleSize, margin: req.margin, delta: req.delta });
    expect(Math.abs(plain - cf.value)).toBeLessThanOrEqual(1e-9 * cf.value);
    expect(computeBound(req).trace.find((t) => t.id === CLOSED_FORM_ID)!.value).toBe(plain);
    expect(cf.latex.length).toBeGreaterThan(20);
    expect(computeBound(req).generalizationGap).toBeLessThanOrEqual(cf.value * (1 + 1e-9));
  });
});

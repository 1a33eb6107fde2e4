/**
 * Example-based tests of the bounds API (src/bounds/api.ts): the worked example of the notes at
 * T = 2^10 and 2^20 with its baselines, the report's shape, bad input, boundFromModel on a model built
 * in memory, and the sample-size inversion.
 */
import { describe, expect, test } from 'vitest';
import { computeBound, boundFromModel, requiredSampleSize, architectureFromModel } from '../../src/bounds/api.js';
import { SOFTMAX_LINF_L1_CONSTANT, PAPER_SOFTMAX_LINF_L1_CONSTANT } from '../../src/bounds/softmax-step.js';
import { fromData } from '../../src/core/matrix.js';
import { createRng } from '../../src/core/rng.js';
import { parse } from 'mathjs';
import type { Model } from '../../src/model/types.js';
import { architectureCover } from '../../src/bounds/transformer-covering.js';
import { forwardTrace } from '../../src/model/forward.js';
import { maxRowNorm } from '../../src/core/norms.js';

import { WORKED } from './fixtures.js';

describe('bounds API', () => {
  test('worked example: T = 2^10 vs 2^20 follows the log law; the naive baseline does not', () => {
    const a = computeBound(WORKED);
    const b = computeBound({ ...WORKED, contextLength: 2 ** 20 });
    expect(a.vacuous).toBe(false);
    expect(b.generalizationGap).toBeGreaterThan(a.generalizationGap);
    const covA = a.logCovering[2].value,
      covB = b.logCovering[2].value;
    const m = WORKED.sampleSize;
    expect(covB / covA).toBeLessThanOrEqual(Math.log(2 * m * (2 ** 20 + 1) + 1) / Math.log(2 * m * (2 ** 10 + 1) + 1) + 1e-9);
    expect((b.baselines.naiveSoftmaxT.logCoveringAtHalfRange as number) / (a.baselines.naiveSoftmaxT.logCoveringAtHalfRange as number)).toBeGreaterThan(2 ** 10);
    expect(b.baselines.naiveSoftmaxT.value).toBeGreaterThanOrEqual(a.baselines.naiveSoftmaxT.value);
    expect(b.baselines.parameterCounting.value).toBeCloseTo(a.baselines.parameterCounting.value, 12);
  });

  test('report shape: keys, ε grid halving from F/2, trace ids, LaTeX = closed form', () => {
    const req = { ...WORKED, model: 'transformer' as const, layers: 2, heads: 2, valueActivation: undefined };
    const r = computeBound(req, { latex: true });
    expect(Object.keys(r).sort()).toEqual(['baselines', 'generalizationGap', 'latex', 'logCovering', 'rademacher', 'statement', 'total', 'trace', 'vacuous']);
    expect(r.statement).toMatch(/fixed before the data/);
    // LaTeX only when asked for; the numbers do not depend on it.
    const plain = computeBound(req);
    expect('latex' in plain).toBe(false);
    expect(plain.trace).toEqual(r.trace);
    for (let i = 1; i < r.logCovering.length; i++) {
      expect(r.logCovering[i].eps).toBeCloseTo(r.logCovering[i - 1].eps / 2, 12);
      expect(r.logCovering[i].value).toBeGreaterThanOrEqual(r.logCovering[i - 1].value);
    }
    const ids = new Set(r.trace.map((t) => t.id));
    for (const id of [
      'lem-softmax-linf-l1',
      'lem-layer-lipschitz',
      'lem-linear-linf-cover',
      'lem-epsilon-split',
      'thm-transformer-covering',
      'lem-dudley-pairs',
      'thm-expected-margin-bound',
      'cor-closed-form-gap',
    ])
      expect(ids.has(id)).toBe(true);
    // The first chain (every tightening off) names the cited steps.
    const first = new Set(computeBound({ ...req, disabledTightenings: ['all'] }).trace.map((t) => t.id));
    for (const id of ['lem-dudley-discrete', 'thm-margin-bound']) expect(first.has(id)).toBe(true);
    const cf = r.trace.find((t) => t.id === 'cor-closed-form-gap')!;
    expect(cf.value).toBeGreaterThanOrEqual(r.generalizationGap);
    expect(typeof r.latex).toBe('string');
    expect(r.latex!.length).toBeGreaterThan(50);
    expect(() => parse('1 + 1')).not.toThrow();
  });

  test('softmax constants: ours 1, the paper 2', () => {
    expect(SOFTMAX_LINF_L1_CONSTANT).toBe(1);
    expect(PAPER_SOFTMAX_LINF_L1_CONSTANT).toBe(2);
  });

  test('bad input: typed errors naming the field', () => {
    expect(() => computeBound({ ...WORKED, delta: 1.5 })).toThrow('computeBound: delta must be in (0, 1) (got 1.5)');
    expect(() => computeBound({ ...WORKED, normBounds: { ...WORKED.normBounds, valueSpectral: NaN } })).toThrow('computeBound: normBounds.valueSpectral must be a finite number > 0 (got NaN)');
    expect(() => computeBound({ ...WORKED, normBounds: { ...WORKED.normBounds, readout: -1 } })).toThrow('computeBound: normBounds.readout must be a finite number > 0 (got -1)');
    expect(() => computeBound({ ...WORKED, sampleSize: 0 })).toThrow('computeBound: sampleSize must be an integer >= 1 (got 0)');
    expect(() => computeBound({ ...WORKED, contextLength: 0 })).toThrow('computeBound: contextLength must be an integer >= 1 (got 0)');
    expect(() => computeBound({ ...WORKED, model: 'rnn' as never })).toThrow('computeBound: model must be one of head|scalar|multihead|transformer (got "rnn")');
    expect(() => requiredSampleSize({ ...WORKED, sampleSize: undefined }, 0)).toThrow('requiredSampleSize: targetGap must be a finite number > 0 (got 0)');
  });

  test('requiredSampleSize: finite for a reachable target, Infinity when the confidence term alone exceeds it', () => {
    const { sampleSize: _m, ...noM } = WORKED;
    expect(() => requiredSampleSize(WORKED, 0.5)).toThrow(/^requiredSampleSize: unknown field sampleSize/);
    const m = requiredSampleSize(noM, 0.5);
    expect(computeBound({ ...WORKED, sampleSize: m }).generalizationGap).toBeLessThanOrEqual(0.5);
    expect(computeBound({ ...WORKED, sampleSize: m - 1 }).generalizationGap).toBeGreaterThan(0.5);
    expect(requiredSampleSize(noM, 1e-9)).toBe(Infinity);
  });

  test('boundFromModel: kind from the structure; identity heads give the dimension-free route; layers without Π_R', () => {
    const rng = createRng(5);
    const d = 6,
      T = 32;
    const mat = (r: number, c: number) =>
      fromData(
        r,
        c,
        Float64Array.from({ length: r * c }, () => 0.2 * rng.normal()),
      );
    const model: Model = {
      contextLength: T,
      width: d,
      embedding: { token: mat(2, d), position: [{ kind: 'sign-hash', scale: 0.1, seed: 3, column: 0, width: d }], cls: Float64Array.from({ length: d }, () => 0.1) },
      layers: [],
      clsHeads: [{ wQK: mat(d, d), wV: mat(d, 3), activation: 'identity' }],
      readout: [{ weight: mat(3, 1), bias: null, activation: 'identity' }],
    };
    const r = boundFromModel(model, { sampleSize: 1000, margin: 0.1, delta: 0.05 });
    expect(architectureFromModel(model).kind).toBe('scalar');
    expect(r.trace.some((t) => t.id === 'thm-head-covering')).toBe(true);
    expect(Number.isFinite(r.generalizationGap)).toBe(true);
    const layered: Model = { ...model, layers: [{ heads: [{ wQK: mat(d, d), wV: mat(d, 2), wC: mat(2, d), activation: 'relu' }], residual: true, projectionRadius: null }] };
    // No projection: the centre-side row bounds dominate the true hidden rows on any input.
    const cover = architectureCover(architectureFromModel(layered), 1000, 1);
    for (let trial = 0; trial < 20; trial++) {
      const bits = Array.from({ length: T }, () => rng.bit());
      const tr = forwardTrace(layered, bits);
      tr.hidden.forEach((H, l) => expect(maxRowNorm(H)).toBeLessThanOrEqual(cover.rowBounds[l] * (1 + 1e-12)));
    }
    expect(Number.isFinite(boundFromModel(layered, { sampleSize: 1000, margin: 0.1, delta: 0.05 }).generalizationGap)).toBe(true);
    const withR: Model = { ...layered, layers: [{ ...layered.layers[0], projectionRadius: 1 }], clsHeads: [model.clsHeads[0], model.clsHeads[0]] };
    expect(architectureFromModel(withR).kind).toBe('transformer');
    expect(boundFromModel(withR, { sampleSize: 1000, margin: 0.1, delta: 0.05 }).trace.some((t) => t.id === 'thm-transformer-covering')).toBe(true);
  });
});

/**
 * bound-architecture.ts (con-general-sparse-head, "Bound on the constructed weights"):
 * - sparseHeadArchitecture against bounds/api.ts architectureFromModel (norms measured by SVD on the
 *   weights, bias rows appended) on built heads AND on variants of them that a construction could have:
 *   relu [CLS] head, no output bias, no first-layer bias, identity/relu swapped readout activations
 *   (so each flag, `bias` and `identity`, is read from the model, not assumed);
 * - the shape guard: layers ≠ 0, two [CLS] heads, three readout layers, a model without meta;
 * - constructionSampleSize against its contract: gap(m*) ≤ target, gap(m* / (1 + 10⁻³) − 1) > target
 *   (at most 0.1 % overshoot) for a target reached at small m (bisection down to adjacent integers) and
 *   at large m; m* = 1 when gap(1) ≤ target (also when gap(1) = target exactly); Infinity beyond 2^52.
 */
import { describe, expect, test } from 'vitest';
import { constructionSampleSize, sparseHeadArchitecture } from '../../../src/constructions/bound-architecture.js';
import { buildSparseHead } from '../../../src/constructions/sparse-head.js';
import { makeTarget } from '../../../src/constructions/targets.js';
import { architectureFromModel, boundForArchitectureGap } from '../../../src/bounds/api.js';
import type { Model } from '../../../src/model/types.js';

/** SVD-measured norms against closed forms. */
const REL = 1e-9;

function head(codes: 'onehot' | 'compact'): Model {
  const target = makeTarget({ fn: 'table:01101001', contextLength: 6, sparsity: 3, support: [2, 5, 6] });
  return buildSparseHead(target, 6, { family: 'general', codes, margin: 0.8 }).model;
}

function expectSameArchitecture(model: Model): void {
  const a = sparseHeadArchitecture(model);
  const b = architectureFromModel(model);
  const near = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(y)));
  expect(a.kind).toBe(b.kind);
  expect(a.width).toBe(b.width);
  near(a.inputRowNorm, b.inputRowNorm);
  expect(a.clsHeads.length).toBe(1);
  const [ha, hb] = [a.clsHeads[0], b.clsHeads[0]];
  for (const k of ['qkFrobenius', 'qkSpectral', 'valueFrobenius', 'valueSpectral'] as const) near(ha[k], hb[k]);
  expect(ha.identity).toBe(hb.identity);
  for (let l = 0; l < 2; l++) {
    const [ra, rb] = [a.readout[l], b.readout[l]];
    for (const k of ['frobenius', 'spectral', 'rowGroup21'] as const) near(ra[k] as number, rb[k] as number);
    expect([ra.inputDim, ra.outputDim, ra.bias, ra.identity, ra.lipschitz]).toEqual([rb.inputDim, rb.outputDim, rb.bias, rb.identity, rb.lipschitz]);
  }
}

describe('sparseHeadArchitecture = architectureFromModel', () => {
  for (const codes of ['onehot', 'compact'] as const) {
    test(`built head, ${codes} codes`, () => expectSameArchitecture(head(codes)));
  }
  test('variants: relu head, readout biases dropped, activations swapped', () => {
    const m = head('onehot');
    const [l1, l2] = m.readout;
    expectSameArchitecture({ ...m, clsHeads: [{ ...m.clsHeads[0], activation: 'relu' }] });
    expectSameArchitecture({ ...m, readout: [l1, { ...l2, bias: null }] });
    expectSameArchitecture({ ...m, readout: [{ ...l1, bias: null }, l2] });
    expectSameArchitecture({
      ...m,
      readout: [
        { ...l1, activation: 'identity' },
        { ...l2, activation: 'relu' },
      ],
    });
  });
});

describe('sparseHeadArchitecture refuses other shapes', () => {
  const m = head('onehot');
  test.each([
    ['a self-attention layer', { ...m, layers: [{ heads: [], residual: true, projectionRadius: null }] }],
    ['two [CLS] heads', { ...m, clsHeads: [m.clsHeads[0], m.clsHeads[0]] }],
    ['three readout layers', { ...m, readout: [...m.readout, m.readout[1]] }],
    ['three readout layers, no meta', { ...m, meta: undefined, readout: [...m.readout, m.readout[1]] }],
  ])('%s', (_name, bad) => {
    expect(() => sparseHeadArchitecture(bad as Model)).toThrow(/sparseHeadArchitecture: model must be a construction \(no layers, one \[CLS\] head, 2 readout layers\)/);
  });
});

describe('constructionSampleSize meets its contract', () => {
  const m = head('onehot');
  const arch = sparseHeadArchitecture(m);
  const margin = 0.8;
  const delta = 0.05;
  const gap = (n: number) => boundForArchitectureGap(arch, n, margin, delta);
  test('a target reached at small m and one at large m', () => {
    for (const n0 of [6, 5e7]) {
      const target = gap(n0);
      const ms = constructionSampleSize(m, { margin, delta, targetGap: target });
      expect(gap(ms)).toBeLessThanOrEqual(target);
      const below = Math.floor(ms / (1 + 1e-3)) - 1;
      if (below >= 1) expect(gap(below)).toBeGreaterThan(target);
      expect(ms).toBeLessThanOrEqual(n0 * (1 + 1e-3) + 1);
    }
  });
  test('below 1000 the 0.1 % overshoot is under one unit: m* is the least m with gap(m) ≤ target', () => {
    for (const n0 of [6, 11]) {
      const target = gap(n0);
      let least = 1;
      while (gap(least) > target) least++;
      expect(least).toBe(n0); // the gap is strictly decreasing here
      expect(constructionSampleSize(m, { margin, delta, targetGap: target })).toBe(n0);
    }
  });
  test('target = gap(2^20): the doubling stops at hi = 2^20, the least passing m, so m* = 2^20', () => {
    // Bisection only moves hi to passing mids, and every m < 2^20 fails (gap(2^20 − 1) > target).
    const target = gap(2 ** 20);
    expect(gap(2 ** 20 - 1)).toBeGreaterThan(target);
    expect(constructionSampleSize(m, { margin, delta, targetGap: target })).toBe(2 ** 20);
  });
  test('m* = 1 when gap(1) ≤ target, including gap(1) = target', () => {
    expect(constructionSampleSize(m, { margin, delta, targetGap: gap(1) })).toBe(1);
    expect(constructionSampleSize(m, { margin, delta, targetGap: 2 * gap(1) })).toBe(1);
  });
  test('Infinity when even m = 2^52 does not reach the target (just below gap(2^52))', () => {
    expect(constructionSampleSize(m, { margin, delta, targetGap: 0.99 * gap(2 ** 52) })).toBe(Infinity);
  });
});

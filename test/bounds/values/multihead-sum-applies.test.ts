/**
 * multihead-sum.ts (thm-multihead-rademacher-sum): the sum rule applies exactly to classes that are a sum of
 * [CLS] heads read by one linear map (no layers, ONE bias-free identity stage with one output, ≥ 2 heads);
 * each condition is broken alone here. singleHeadClasses keeps kind 'head' (generic query) and gives 'scalar'
 * otherwise, one head per class with its count; the sum is Σ count·R̂. The property file checks the bound's
 * validity on classes where it applies, which an over-broad applicability test does not break.
 */
import { describe, expect, test } from 'vitest';
import type { Architecture, HeadBudget, ReadoutBudget } from '../../../src/bounds/architecture.js';
import { multiheadSumApplies, singleHeadClasses, sumOfHeadRademacher } from '../../../src/bounds/multihead-sum.js';

const H: HeadBudget = {
  qkFrobenius: 1,
  qkSpectral: 1,
  valueFrobenius: 1,
  valueSpectral: 1,
  valueDim: 2,
  activationLipschitz: 1,
  identity: true,
  outputFrobenius: 1,
  outputSpectral: 1,
  count: 2,
};
const W: ReadoutBudget = { frobenius: 1, spectral: 1, inputDim: 2, outputDim: 1, lipschitz: 1, bias: false, identity: true };
const base: Architecture = { kind: 'multihead', contextLength: 4, width: 3, inputRowNorm: 1, layers: [], clsHeads: [H], readout: [W] };

describe('multiheadSumApplies', () => {
  test('applies to H ≥ 2 heads (one entry of count 2, or two entries) read by one bias-free identity output', () => {
    expect(multiheadSumApplies(base)).toBe(true);
    expect(
      multiheadSumApplies({
        ...base,
        clsHeads: [
          { ...H, count: 1 },
          { ...H, count: 1 },
        ],
      }),
    ).toBe(true);
  });
  test('each condition broken alone: a layer, two stages, a non-identity stage, a bias, two outputs, one head', () => {
    expect(multiheadSumApplies({ ...base, layers: [{ heads: [H], residual: true, projectionRadius: 1 }] })).toBe(false);
    expect(multiheadSumApplies({ ...base, readout: [W, W] })).toBe(false);
    expect(multiheadSumApplies({ ...base, readout: [{ ...W, identity: false }] })).toBe(false);
    expect(multiheadSumApplies({ ...base, readout: [{ ...W, bias: true }] })).toBe(false);
    expect(multiheadSumApplies({ ...base, readout: [{ ...W, outputDim: 2 }] })).toBe(false);
    expect(multiheadSumApplies({ ...base, clsHeads: [{ ...H, count: 1 }] })).toBe(false);
  });
});

describe('singleHeadClasses / sumOfHeadRademacher', () => {
  test("kind 'head' stays 'head', any other kind becomes 'scalar'; each class has one head and keeps the count", () => {
    const two: HeadBudget[] = [H, { ...H, count: 3, valueSpectral: 2 }];
    const head = singleHeadClasses({ ...base, kind: 'head', clsHeads: two });
    expect(head.map((c) => c.architecture.kind)).toEqual(['head', 'head']);
    for (const kind of ['multihead', 'scalar', 'transformer'] as const) {
      const cls = singleHeadClasses({ ...base, kind, clsHeads: two });
      expect(cls.map((c) => c.architecture.kind)).toEqual(['scalar', 'scalar']);
      expect(cls.map((c) => c.count)).toEqual([2, 3]);
      expect(cls[1].architecture.clsHeads).toEqual([{ ...H, count: 1, valueSpectral: 2 }]);
    }
  });
  test('Σ count·R̂', () => {
    expect(
      sumOfHeadRademacher([
        { count: 2, rademacher: 0.25 },
        { count: 3, rademacher: 0.5 },
      ]),
    ).toBe(2);
    expect(sumOfHeadRademacher([])).toBe(0);
  });
});

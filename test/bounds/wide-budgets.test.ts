/**
 * computeBound over budgets far outside the usual range (0.25 .. 1e6 for every norm and B_X, up to six
 * layers): every answer is either a DomainError (the calculus cannot evaluate the class in float64: the CLI
 * exits 2, the service answers 422) or a report whose every number is finite, so that its JSON holds no
 * null. Before this test, a baseline's overflow (the ℓ1/Maurey softmax price e^S) threw for a quarter of
 * such requests although the bound itself evaluated, and the multiset count's Stirling form gave ln N = −∞.
 */
import { describe, expect } from 'vitest';
import { test } from '../helpers/fc-test.js';
import { arbBoundRequest } from '../../src/testing/arb-request.js';
import { computeBound } from '../../src/bounds/api.js';
import { DomainError } from '../../src/core/errors.js';

/** Paths of the numbers in `o` that are not finite. */
function nonFinite(o: unknown, path = ''): string[] {
  if (typeof o === 'number') return Number.isFinite(o) ? [] : [`${path} = ${o}`];
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

const WIDE = { min: 0.25, max: 1e6 };

describe('computeBound on wide budgets', () => {
  test.prop([arbBoundRequest({ budget: WIDE, inputNorm: WIDE, layers: { min: 1, max: 6 } })], { seed: 24101, numRuns: 400 })(
    'a DomainError or a report of finite numbers only, never another error, NaN or ±Infinity',
    (req) => {
      let report: ReturnType<typeof computeBound>;
      try {
        report = computeBound(req);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        return;
      }
      expect(nonFinite(report)).toEqual([]);
      expect(report.vacuous).toBe(!(report.total < 1));
    },
  );

  test('a class whose ℓ1/Maurey price e^S overflows gets its bound, without that baseline (it threw before)', () => {
    // S = B_X²·‖W_QK‖₂ = 490² · 7885 ≈ 1.9e9, so e^S is +∞ in float64; the main chain does not use e^S.
    const req = {
      ...{ model: 'scalar', contextLength: 4090, width: 63, sampleSize: 8, inputNorm: 490.28, activationLipschitz: 0.75, valueDim: 5, margin: 3.56, delta: 0.001 },
      normBounds: { valueSpectral: 0.25, valueGroup21: 0.38, qkGroup21: 0.4, readout: 2.53, qkSpectral: 7885 },
    };
    const r = computeBound(req);
    expect(nonFinite(r)).toEqual([]);
    expect(r.baselines.l1Maurey).toBeUndefined();
    expect(Object.keys(r.baselines).sort()).toEqual(['naiveSoftmaxT', 'parameterCounting']);
    // The same class with a small score bound keeps the baseline.
    expect(computeBound({ ...req, inputNorm: 1, normBounds: { ...req.normBounds, qkSpectral: 1 } }).baselines.l1Maurey).toBeDefined();
  });

  test('a class whose ℓ1/Maurey constant K overflows (e^S finite) gets its bound, without that baseline', () => {
    const req = {
      ...{ model: 'scalar', contextLength: 3417, width: 48, sampleSize: 14368, inputNorm: 34.55, activationLipschitz: 1.936, valueDim: 8, margin: 0.01294, delta: 0.00116 },
      normBounds: { valueSpectral: 161.8, valueGroup21: 52.36, qkGroup21: 32.56, readout: 28355.8, qkSpectral: 0.3364 },
    };
    const r = computeBound(req);
    expect(nonFinite(r)).toEqual([]);
    expect(r.baselines.l1Maurey).toBeUndefined();
  });

  test("the baseline's ln N at F/2 is the cover's, positive below the range (README example)", () => {
    const r = computeBound({
      model: 'scalar',
      contextLength: 1024,
      width: 4,
      sampleSize: 1e7,
      inputNorm: 1,
      normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
      activationLipschitz: 1,
      valueActivation: 'identity',
      margin: 1,
      delta: 0.05,
    });
    const e = r.baselines.l1Maurey as unknown as { logCoveringAtHalfRange: number; smoothConstant: number; value: number };
    expect(e.logCoveringAtHalfRange).toBeGreaterThan(0);
    expect(e.smoothConstant).toBeGreaterThan(0);
    expect(e.value).toBeCloseTo(0.229, 3);
  });
});

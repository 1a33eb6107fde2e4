/**
 * Extreme but valid requests (subnormal budgets and margins, huge norms) give a bound that is a number
 * or +Infinity (vacuous), never NaN: the mistake-bound and Maurey counts compute a·b/ε before squaring,
 * where squaring a tiny budget alone underflowed to 0/0 (found by the explorer's tests).
 */
import { expect, test } from 'vitest';
import { computeBound } from '../../src/bounds/api.js';
import { mistakeBound } from '../../src/bounds/linear-cover.js';
import { maureyLogCovering } from '../../src/bounds/maurey-cover.js';

const EXPLORER_REPRO = {
  model: 'scalar',
  contextLength: 2,
  width: 100000,
  sampleSize: 9007199254740991,
  inputNorm: 9.267562980262497e-188,
  normBounds: { valueSpectral: 9.99999999999999e299, valueGroup21: 1, qkGroup21: 1e10, readout: 5e-324 },
  activationLipschitz: 1,
  margin: 5e-324,
  delta: 0.5,
} as const;

test('the explorer repro (B_w = γ = 5e-324) gives a vacuous bound, not NaN', () => {
  const r = computeBound(EXPLORER_REPRO);
  expect(Number.isNaN(r.generalizationGap)).toBe(false);
  expect(Number.isNaN(r.rademacher)).toBe(false);
  expect(r.vacuous).toBe(true);
  const tame = computeBound({ ...EXPLORER_REPRO, margin: 1 });
  expect(Number.isFinite(tame.generalizationGap)).toBe(true);
});

test('the counts agree with the squared form where that form is exact, and stay defined where it underflows', () => {
  expect(mistakeBound(3, 2, 1)).toBe(35); // ⌈36⌉ − 1
  expect(mistakeBound(1e-200, 1e-200, 1e-200)).toBe(0); // (ab/ε)² = 1e-400 → 0 updates; the squared form was 0/0
  expect(maureyLogCovering({ groupBudget: 1e-200, pointNorm: 1, eps: 1e-200, inputDim: 4, outputDim: 1 })).toBe(0);
  expect(maureyLogCovering({ groupBudget: 2, pointNorm: 1, eps: 1, inputDim: 4, outputDim: 1 })).toBeCloseTo(4 * Math.log(8), 12);
});

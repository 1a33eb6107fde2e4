/**
 * lem-softmax-linf-l1 (proofs-notes/lem-softmax-linf-l1.md): ‖softmax(u) − softmax(v)‖₁ ≤ 1·‖u − v‖_∞,
 * on random pairs and on adversarially searched pairs; the constant 1 is tight (the search reaches
 * ratio > 0.99) and the mutant c = 1/2 is rejected. The paper's 2 holds with room.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { softmaxStep, SOFTMAX_STEP_ID, SOFTMAX_LINF_L1_CONSTANT, PAPER_SOFTMAX_LINF_L1_CONSTANT } from '../src/bounds/softmax-step.js';
import { REL_TOL_INEQUALITY, ABS_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { softmaxWorstRatio } from '../src/bounds/checks/lem-softmax-linf-l1.js';
const vec = (n: number) => fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: n, maxLength: n });

describe(SOFTMAX_STEP_ID, () => {
  test.prop([fc.integer({ min: 1, max: 24 }).chain((n) => fc.tuple(vec(n), vec(n)))], { seed: 7101, numRuns: 300 })('random pairs: ‖Δsoftmax‖₁ ≤ ‖Δu‖∞', ([u, v]) => {
    const { actual, bound } = softmaxStep(u, v);
    expect(actual).toBeLessThanOrEqual(bound * (1 + REL_TOL_INEQUALITY) + ABS_TOL_FLOAT64);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 8 })], { seed: 7102, numRuns: 2 })(
    'adversarial search (~1,000 evaluations): worst ratio ≤ 1 and > 0.99 (tight)',
    (seed, n) => {
      const r = softmaxWorstRatio(SOFTMAX_LINF_L1_CONSTANT, n, seed, 500);
      expect(r).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
      expect(r).toBeGreaterThan(0.99);
    },
  );

  test('mutation: the constant 1/2 is rejected by the same search', () => {
    expect(softmaxWorstRatio(SOFTMAX_LINF_L1_CONSTANT / 2, 4, 7103, 500)).toBeGreaterThan(1.9);
  });

  test("the paper's constant 2 holds with a factor-2 margin", () => {
    expect(softmaxWorstRatio(PAPER_SOFTMAX_LINF_L1_CONSTANT, 4, 7104, 300)).toBeLessThanOrEqual(0.5 + 1e-9);
  });
});

/**
 * thm-budget-grid-union (proofs-notes/thm-budget-grid-union.md): the weights sum to at most 1 over ℤ and
 * over any product grid (the union bound's premise), the rounding puts every measured norm inside its
 * cell (budget ≥ norm, within a factor ρ; margin ≤ γ, within ρ), adversarially at exact grid points and
 * across 600 orders of magnitude; the grid-union bound of a model is at least the fixed-class bound of
 * the same model; and each checker rejects its mutant (rounding down, unnormalized weights).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { BUDGET_GRID_ID, BUDGET_GRID_RATIO, gridCell, gridIndexDown, gridIndexUp, gridWeight } from '../src/bounds/budget-grid.js';
import { architectureFromModel, boundForArchitecture, gridUnionBound } from '../src/bounds/api.js';
import { arbModel } from './arbitraries/index.js';

const rho = BUDGET_GRID_RATIO;

/** Σ_{k=−K}^{K} w(k) by direct summation. */
function partialSum(w: (k: number) => number, K: number): number {
  let s = 0;
  for (let k = -K; k <= K; k++) s += w(k);
  return s;
}

/** A budget value: exact grid points ρ^k (the rounding's edge cases), their float neighbours, or anything. */
const arbBudget = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }).map((k) => rho ** k),
  fc.integer({ min: -2000, max: 2000 }).map((k) => rho ** k * (1 + 2 ** -52)),
  fc.integer({ min: -2000, max: 2000 }).map((k) => rho ** k * (1 - 2 ** -53)),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
);

/** The mutant checkers must reject: rounding down where the theorem rounds up. */
const roundsDown = (b: number) => gridIndexDown(b);
/** The mutant weight without the 2/3 normalization. */
const unnormalized = (k: number) => 1 / ((Math.abs(k) + 1) * (Math.abs(k) + 2));

/** The rounding checker: budget ρ^k contains b and is within ρ of it. */
function roundsUpWithinRatio(index: (b: number) => number, b: number): boolean {
  const k = index(b);
  return rho ** k >= b && rho ** (k - 1) < b;
}

describe(BUDGET_GRID_ID, () => {
  test.prop([fc.integer({ min: 0, max: 5000 })], { seed: 12001, numRuns: 200 })('Σ_{|k|≤K} w(k) = 1 − 4/(3(K+2)) < 1, and the mutant weight exceeds 1', (K) => {
    const s = partialSum(gridWeight, K);
    expect(s).toBeCloseTo(1 - 4 / (3 * (K + 2)), 10);
    expect(s).toBeLessThan(1);
    if (K >= 6) expect(partialSum(unnormalized, K)).toBeGreaterThan(1);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 })], { seed: 12002, numRuns: 50 })('the weights of a product grid sum to at most 1', (radii) => {
    // Σ over the box Π_j [−K_j, K_j] of Π_j w(k_j) = Π_j Σ_{|k|≤K_j} w(k) ≤ 1: enumerate the box.
    let total = 0;
    const rec = (j: number, w: number): void => {
      if (j === radii.length) {
        total += w;
        return;
      }
      for (let k = -radii[j]; k <= radii[j]; k++) rec(j + 1, w * gridWeight(k));
    };
    rec(0, 1);
    expect(total).toBeLessThanOrEqual(1);
    expect(total).toBeCloseTo(
      radii.reduce((p, K) => p * partialSum(gridWeight, K), 1),
      10,
    );
  });

  test.prop([arbBudget], { seed: 12003, numRuns: 2000 })('rounding up contains the norm within a factor ρ; the round-down mutant fails the same check', (b) => {
    expect(roundsUpWithinRatio((x) => gridIndexUp(x), b)).toBe(true);
    const kd = gridIndexDown(b);
    expect(rho ** kd <= b && rho ** (kd + 1) > b).toBe(true);
  });

  test('the round-down mutant is rejected by the rounding checker (a budget below the norm leaves the model outside its cell)', () => {
    const b = rho ** 7 * 1.01;
    expect(roundsUpWithinRatio(roundsDown, b)).toBe(false);
  });

  test.prop([arbModel({ contextLength: { min: 1, max: 5 }, width: { min: 1, max: 4 } }), fc.double({ min: 1e-3, max: 10, noNaN: true })], { seed: 12004, numRuns: 40 })(
    "a model's cell contains it, and the grid-union bound is at least the fixed-class bound",
    (model, margin) => {
      const arch = architectureFromModel(model);
      const cell = gridCell(arch, margin);
      for (const s of cell.slots) {
        if (s.slot === 'margin') expect(s.gridValue <= s.measured && s.gridValue * rho > s.measured).toBe(true);
        else if (s.measured > 0) expect(s.gridValue >= s.measured && s.gridValue < s.measured * rho).toBe(true);
        expect(s.logInverseWeight).toBeCloseTo(-Math.log(gridWeight(s.index)), 12);
      }
      expect(cell.logInverseWeight).toBeGreaterThan(0);
      const opts = { sampleSize: 1000, margin, delta: 0.05 };
      const union = gridUnionBound(arch, opts);
      const fixed = boundForArchitecture(arch, opts);
      expect(union.generalizationGap).toBeGreaterThanOrEqual(fixed.generalizationGap * (1 - 1e-12));
      expect(union.budgetGrid?.logInverseWeight).toBe(cell.logInverseWeight);
      expect(union.statement).toMatch(/simultaneously over every cell/);
      expect(fixed.statement).toMatch(/fixed before the data/);
    },
  );
});

/**
 * epsilon-split.ts (lem-epsilon-split) on inputs checked by hand:
 * - the guards of splitGamma: mismatched or empty arrays, α < 0 / NaN / ±Infinity, β ≤ 0 / NaN / Infinity are
 *   errors naming the function and the index; α = 0 is allowed;
 * - closedFormShares = α^{1/3}β^{2/3}/γ by hand, uniform 1/P when every α is 0;
 * - smoothSplitCost: parts with α = 0 are skipped even with no share, a non-positive radius costs +Infinity;
 * - minimizeOnSimplex's documented schedule: `sweeps` passes over the P(P−1)/2 pairs, each `iterations`
 *   golden-section steps (2 + iterations + 2 evaluations of f per pair, counted; a pair with no mass to
 *   exchange is skipped), the start honoured, and a
 *   move kept only when it does not raise f (a start already optimal stays with iterations = 0).
 * The property file checks optimality; these pin the guards and the schedule.
 */
import { describe, expect, test } from 'vitest';
import { closedFormShares, minimizeOnSimplex, numericShares, smoothSplitCost, splitGamma } from '../../../src/bounds/epsilon-split.js';

/** Relative tolerance of a second evaluation of the closed form. */
const REL = 1e-14;

describe('splitGamma guards', () => {
  test('arrays must be non-empty and of equal length', () => {
    expect(() => splitGamma([], [])).toThrow(/^splitGamma: alphas\/betas must be non-empty arrays of equal length \(got "0\/0"\)$/);
    expect(() => splitGamma([1, 2], [1])).toThrow(/^splitGamma: alphas\/betas must be non-empty arrays of equal length \(got "2\/1"\)$/);
    expect(() => splitGamma([1], [1, 2])).toThrow(/got "1\/2"/);
  });
  test('α must be finite and ≥ 0 (0 allowed); β finite and > 0', () => {
    for (const a of [-1, Number.NaN, Infinity, -Infinity]) expect(() => splitGamma([1, a], [1, 1])).toThrow(/^splitGamma: alphas\[1\] must be a finite number >= 0/);
    for (const b of [0, -1, Number.NaN, Infinity]) expect(() => splitGamma([1, 1], [1, b])).toThrow(/^splitGamma: betas\[1\] must be a finite number > 0/);
    expect(splitGamma([0, 8], [1, 1])).toBe(2);
    // γ = 8^{1/3}·1 + 27^{1/3}·8^{2/3} = 2 + 3·4 = 14.
    expect(splitGamma([8, 27], [1, 8])).toBeCloseTo(14, 13);
  });
});

describe('closedFormShares', () => {
  test('θ_i = α_i^{1/3}β_i^{2/3}/γ', () => {
    const th = closedFormShares([8, 27, 0], [1, 8, 2]);
    expect(th).toHaveLength(3);
    expect(Math.abs(th[0] - 2 / 14)).toBeLessThanOrEqual(REL);
    expect(Math.abs(th[1] - 12 / 14)).toBeLessThanOrEqual(REL);
    expect(th[2]).toBe(0);
  });
  test('every α = 0 (γ = 0): uniform shares 1/P', () => {
    expect(Array.from(closedFormShares([0, 0, 0, 0], [1, 2, 3, 4]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(closedFormShares([0], [5]))).toEqual([1]);
  });
});

describe('smoothSplitCost', () => {
  test('Σ α_i/ε_i² with ε_i = θ_i ε/β_i', () => {
    // ε_1 = 0.5·2/1 = 1, ε_2 = 0.5·2/4 = 0.25: 3/1 + 2/0.0625 = 35.
    expect(smoothSplitCost([3, 2], [1, 4], [0.5, 0.5], 2)).toBe(35);
  });
  test('α = 0 parts are skipped even with no share; a zero or negative share of a part with α > 0 is +Infinity', () => {
    expect(smoothSplitCost([0, 1], [1, 1], [0, 1], 1)).toBe(1);
    expect(smoothSplitCost([0, 1], [1, 1], [-0.5, 1], 1)).toBe(1);
    expect(smoothSplitCost([1, 1], [1, 1], [0, 1], 1)).toBe(Infinity);
    expect(smoothSplitCost([1, 1], [1, 1], [-0.5, 1.5], 1)).toBe(Infinity);
  });
});

describe('minimizeOnSimplex: the documented schedule', () => {
  const counting = (f: (th: Float64Array) => number) => {
    let calls = 0;
    return {
      f: (th: Float64Array) => {
        calls++;
        return f(th);
      },
      calls: () => calls,
    };
  };
  const quad = (target: number[]) => (th: Float64Array) => th.reduce((s, v, i) => s + (v - target[i]) ** 2, 0);

  test('evaluations: sweeps · P(P−1)/2 pairs · (2 + iterations + 2)', () => {
    for (const [dim, sweeps, iterations] of [
      [2, 1, 5],
      [3, 2, 7],
      [4, 3, 0],
      [5, 1, 48],
    ]) {
      const c = counting(quad([0.4, 0.3, 0.2, 0.1, 0].slice(0, dim)));
      minimizeOnSimplex(c.f, dim, { sweeps, iterations });
      expect(c.calls()).toBe(sweeps * ((dim * (dim - 1)) / 2) * (2 + iterations + 2));
    }
    // Defaults: 8 sweeps of 48 iterations.
    const c = counting(quad([0.7, 0.3]));
    minimizeOnSimplex(c.f, 2);
    expect(c.calls()).toBe(8 * 1 * (2 + 48 + 2));
  });
  test('a pair with no mass to exchange (θ_i = θ_j = 0) is skipped: no evaluations for it', () => {
    // Start (1, 0, 0) is the optimum of f: pairs (0, 1), (0, 2) are searched and rejected, pair (1, 2) skipped.
    const c = counting(quad([1, 0, 0]));
    const th = minimizeOnSimplex(c.f, 3, { start: [1, 0, 0], sweeps: 1, iterations: 6 });
    expect(Array.from(th)).toEqual([1, 0, 0]);
    expect(c.calls()).toBe(2 * (2 + 6 + 2));
  });
  test('zero sweeps return the start (given, else uniform)', () => {
    expect(Array.from(minimizeOnSimplex(quad([1, 0, 0]), 3, { sweeps: 0, start: [0.5, 0.25, 0.25] }))).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(minimizeOnSimplex(quad([1, 0]), 2, { sweeps: 0 }))).toEqual([0.5, 0.5]);
  });
  test('the start is used: from an optimal start with iterations = 0 nothing moves (the midpoint would raise f)', () => {
    // iterations = 0: the only candidate is the bracket midpoint, θ_0 = θ_1 = 0.5, worse than the start.
    const th = minimizeOnSimplex(quad([0.9, 0.1]), 2, { start: [0.9, 0.1], sweeps: 1, iterations: 0 });
    expect(Array.from(th)).toEqual([0.9, 0.1]);
    // From the uniform start the same midpoint is no worse: kept (0.5, 0.5).
    expect(Array.from(minimizeOnSimplex(quad([0.5, 0.5]), 2, { sweeps: 1, iterations: 0 }))).toEqual([0.5, 0.5]);
  });
  test('a move that leaves f equal is taken (kept when it does not raise f): flat objective, iterations = 0', () => {
    // f ≡ 1: the midpoint of the bracket [−θ_0, θ_1] = [−0.75, 0.25] is t = −0.25, a tie with the start; kept.
    expect(Array.from(minimizeOnSimplex(() => 1, 2, { start: [0.75, 0.25], sweeps: 1, iterations: 0 }))).toEqual([0.5, 0.5]);
  });
  test('numericShares reaches the closed form on a two-part instance', () => {
    const th = numericShares([8, 27], [1, 8]);
    expect(Math.abs(th[0] - 2 / 14)).toBeLessThan(1e-6);
    expect(Math.abs(th[1] - 12 / 14)).toBeLessThan(1e-6);
  });
});

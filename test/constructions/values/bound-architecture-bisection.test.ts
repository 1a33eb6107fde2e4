/**
 * constructionSampleSize's search (bound-architecture.ts doc: doubling from 1, then bisection in log
 * space until hi/lo ≤ 1 + 10⁻³, return ⌈hi⌉; the overshoot over the least m is at most 0.1 %):
 * - the stopping rule bounds the work: from a bracket with hi/lo = 2, halving ln(hi/lo) until it is
 *   ≤ ln(1.001) takes at most ⌈log₂(ln 2 / ln 1.001)⌉ + 1 = 11 bisection steps (one more for the rounding of
 *   the integer midpoints), so with hi = 2^k after k doublings the gap is evaluated at most
 *   1 + k + 1 + 11 times (the bounds/api.ts function is wrapped to count); bisecting on to adjacent
 *   integers would take about log₂(hi) steps (≈ 26 at m ≈ 5·10⁷);
 * - the value: the documented search written out here (geometric integer midpoint round(√(lo·hi)),
 *   keep gap(lo) > target ≥ gap(hi), stop when hi/lo ≤ 1.001 or hi − lo ≤ 1) gives the returned m, which
 *   for targets gap(n0) with n0 = 6985, 7982 is n0 + 2, not the least m = n0 (found by running the
 *   written-out search; the least m is checked by scanning).
 * Targets the mutants of the stopping test hi/lo > 1 + 10⁻³ (→ true, hi·lo, 1 − 10⁻³).
 */
import { describe, expect, test, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));

vi.mock(import('../../../src/bounds/api.js'), async (importOriginal) => {
  const mod = await importOriginal();
  return {
    ...mod,
    boundForArchitectureGap: (...a: Parameters<typeof mod.boundForArchitectureGap>) => {
      calls.n++;
      return mod.boundForArchitectureGap(...a);
    },
  };
});

import { constructionSampleSize, sparseHeadArchitecture } from '../../../src/constructions/bound-architecture.js';
import { buildSparseHead } from '../../../src/constructions/sparse-head.js';
import { makeTarget } from '../../../src/constructions/targets.js';
import { boundForArchitectureGap } from '../../../src/bounds/api.js';

const PRECISION = 1e-3;
/** Bisection steps from hi/lo = 2 down to ≤ 1 + 10⁻³: ⌈log₂(ln 2 / ln 1.001)⌉ = 10, plus one for integer midpoints. */
const MAX_BISECTION_STEPS = Math.ceil(Math.log2(Math.LN2 / Math.log1p(PRECISION))) + 1;

const target = makeTarget({ fn: 'table:01101001', contextLength: 6, sparsity: 3, support: [2, 5, 6] });
const model = buildSparseHead(target, 6, { family: 'general', codes: 'onehot', margin: 0.8 }).model;
const arch = sparseHeadArchitecture(model);
const margin = 0.8;
const delta = 0.05;
const gap = (n: number) => boundForArchitectureGap(arch, n, margin, delta);

/** The documented search, written out: returns the result and the number of gap evaluations. */
function documentedSearch(targetGap: number): { m: number; evals: number } {
  let evals = 1;
  if (gap(1) <= targetGap) return { m: 1, evals };
  let hi = 2;
  evals++;
  while (gap(hi) > targetGap) {
    hi *= 2;
    evals++;
  }
  let lo = hi / 2;
  while (hi / lo > 1 + PRECISION && hi - lo > 1) {
    const mid = Math.round(Math.sqrt(lo * hi));
    evals++;
    if (gap(mid) > targetGap) lo = mid;
    else hi = mid;
  }
  return { m: Math.ceil(hi), evals };
}

describe('constructionSampleSize stops at the documented 0.1 % precision', () => {
  test('work: at most 1 + k + 1 + 11 gap evaluations when the doubling stops at 2^k', () => {
    for (const n0 of [5e7, 123457, 6985]) {
      const t = gap(n0);
      calls.n = 0;
      const ms = constructionSampleSize(model, { margin, delta, targetGap: t });
      const evals = calls.n;
      const k = Math.ceil(Math.log2(n0));
      expect(evals).toBeLessThanOrEqual(1 + k + 1 + MAX_BISECTION_STEPS);
      expect(gap(ms)).toBeLessThanOrEqual(t);
      expect(ms).toBeLessThanOrEqual(n0 * (1 + PRECISION) + 1);
    }
  });
  test('value: the written-out search, which overshoots the least m by 2 for n0 = 6985, 7982', () => {
    for (const n0 of [6985, 7982]) {
      const t = gap(n0);
      let least = n0 - 20;
      while (gap(least) > t) least++;
      expect(least).toBe(n0); // the gap is strictly decreasing around n0
      const expected = documentedSearch(t);
      expect(expected.m).toBe(n0 + 2);
      calls.n = 0;
      expect(constructionSampleSize(model, { margin, delta, targetGap: t })).toBe(expected.m);
      expect(calls.n).toBe(expected.evals);
    }
  });
});

/**
 * compact-codes.ts (con-compact-position-codes): compactQuery against its definition, recomputed here from
 * signHash: G = P_Iᵀ P_I, λ_min(G) by the 2×2 closed form (s = 2) and ⟨p_{i_j}, q⟩ = r_j on the support,
 * q in the span of the support codes; a seed whose λ_min(G) < 1/2 (T = 2, I = {1,2}, seed 998, found by a
 * scan) returns an empty q with that λ_min; compactCodeDimension refuses s > T.
 */
import { describe, expect, test } from 'vitest';
import { compactCodeDimension, compactQuery } from '../../../src/constructions/compact-codes.js';
import { supportScores, temperature } from '../../../src/constructions/scales.js';
import { signHash } from '../../../src/model/position-codes.js';

/** Entries of G are sums of D terms ±1/D; the eigen-solver and the closed form agree far below this. */
const EIG_TOL = 1e-12;
/** ⟨p, q⟩ = r_j through a solve of a well-conditioned (λ_min ≥ 1/2) s×s system, r ~ 10. */
const SOLVE_TOL = 1e-10;

function code(seed: number, pos: number, D: number): number[] {
  return Array.from({ length: D }, (_, k) => signHash(seed, pos - 1, k) / Math.sqrt(D));
}
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
function lambdaMin2(p1: number[], p2: number[]): number {
  const a = dot(p1, p1);
  const b = dot(p1, p2);
  const c = dot(p2, p2);
  return (a + c) / 2 - Math.sqrt(((a - c) / 2) ** 2 + b * b);
}

describe('compactQuery', () => {
  for (const [T, support, seed, family] of [
    [9, [2, 7], 3, 'general'],
    [5, [5, 1], 11, 'symmetric'],
  ] as const) {
    test(`T = ${T}, I = ${support}, seed ${seed}: λ_min and ⟨p_i, q⟩ = r`, () => {
      const s = support.length;
      const D = compactCodeDimension(T, s, family);
      const r = supportScores(s, temperature(T, s, 'compact'), family);
      const { q, gramMin } = compactQuery([...support], r, D, seed);
      const p = support.map((i) => code(seed, i, D));
      expect(Math.abs(gramMin - lambdaMin2(p[0], p[1]))).toBeLessThanOrEqual(EIG_TOL);
      expect(q.length).toBe(D);
      for (let j = 0; j < s; j++) expect(Math.abs(dot(p[j], q) - r[j])).toBeLessThanOrEqual(SOLVE_TOL);
    });
  }

  test('a failing seed (λ_min < 1/2): empty q, and the λ_min itself', () => {
    const D = compactCodeDimension(2, 2, 'symmetric');
    const r = supportScores(2, temperature(2, 2, 'compact'), 'symmetric');
    const res = compactQuery([1, 2], r, D, 998);
    const lam = lambdaMin2(code(998, 1, D), code(998, 2, D));
    expect(lam).toBeLessThan(0.5);
    expect(res.q.length).toBe(0);
    expect(Math.abs(res.gramMin - lam)).toBeLessThanOrEqual(EIG_TOL);
  });

  test('compactCodeDimension refuses s > T', () => {
    expect(() => compactCodeDimension(3, 4, 'general')).toThrow(/compactCodeDimension: sparsity must be at most T = 3 \(got 4\)/);
  });
});

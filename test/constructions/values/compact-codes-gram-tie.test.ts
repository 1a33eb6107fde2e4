/**
 * compactQuery's acceptance threshold λ_min(G) ≥ 1/2 (con-compact-position-codes) at an exact tie.
 * With D = 4 the code entries are ±1/√4 = ±1/2 exactly, so G = P_Iᵀ P_I for two positions is
 * [[1, c], [c, 1]] with c = (1/4)·Σ_k h_{0k} h_{1k} computed without rounding, and λ_min(G) = 1 − |c|.
 * For every seed in 0..39 whose two codes agree in 3 or 1 of the 4 coordinates (|c| = 1/2, found here from
 * signHash, by hand), λ_min(G) = 1/2 exactly: such a seed must be accepted (q of length D, ⟨p_j, q⟩ = r_j),
 * and its reported λ_min within a few ulps of 1/2. Seeds with |c| = 1 (G singular) must be refused with
 * an empty q. Targets the `gramMin >= 1/2` → `>` mutant (which refuses the tie).
 */
import { describe, expect, test } from 'vitest';
import { compactQuery, GRAM_MIN_EIGENVALUE } from '../../../src/constructions/compact-codes.js';
import { signHash } from '../../../src/model/position-codes.js';

/** The eigen-solver's error on this 2×2 matrix with entries ≤ 1 (a few ulps of 1). */
const EIG_ABS_TOL = 4 * Number.EPSILON;
/** ⟨p_j, q⟩ = r_j up to the rounding of the 2×2 solve. */
const SCORE_ABS_TOL = 1e-12;
const D = 4;

describe('compactQuery accepts λ_min(G) = 1/2 exactly', () => {
  test('seeds 0..39, support {1, 2}, D = 4', () => {
    const r = new Float64Array([2.5, 1.75]);
    let ties = 0;
    let singular = 0;
    for (let seed = 0; seed < 40; seed++) {
      let agree = 0;
      for (let k = 0; k < D; k++) agree += signHash(seed, 0, k) * signHash(seed, 1, k);
      const c = agree / D; // exact: agree ∈ {−4, −2, 0, 2, 4}
      const lambdaMin = 1 - Math.abs(c);
      const { q, gramMin } = compactQuery([1, 2], r, D, seed);
      expect(Math.abs(gramMin - lambdaMin)).toBeLessThanOrEqual(EIG_ABS_TOL);
      if (lambdaMin === GRAM_MIN_EIGENVALUE) {
        ties++;
        expect(q.length).toBe(D);
        for (let j = 0; j < 2; j++) {
          let score = 0;
          for (let k = 0; k < D; k++) score += (signHash(seed, j, k) / 2) * q[k];
          expect(Math.abs(score - r[j])).toBeLessThanOrEqual(SCORE_ABS_TOL);
        }
      } else if (lambdaMin === 0) {
        singular++;
        expect(q.length).toBe(0);
      } else expect(q.length).toBe(D);
    }
    expect(ties).toBeGreaterThanOrEqual(5);
    expect(singular).toBeGreaterThanOrEqual(1);
  });
});

/**
 * Compact position codes (con-compact-position-codes): sign-hash codes p_t ∈ {±1/√D}^D (the model's
 * `sign-hash` block, generated on demand, never materialized), the code dimension
 *   D = max(⌈9 (‖r‖₂²/R²) ln(8T)⌉, 16 s(s − 1), 1),
 * and the query q = P_I G⁻¹ r that puts exactly r_j on the support. Whether a seed's codes are good
 * (λ_min(G) ≥ 1/2 and leak λ_off ≤ 1/2) is checked on the actual codes; correctness never rests on the
 * probability argument, which only says a random seed passes with probability ≥ 1/2.
 */
import { Matrix as MlMatrix, EigenvalueDecomposition, solve } from 'ml-matrix';
import { signHash } from '../model/position-codes.js';
import { domainError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';
import { temperature, supportScores, type Family } from './scales.js';

/** Proof-note id of the compact codes: proofs-notes/con-compact-position-codes.md. */
export const COMPACT_CODES_ID = 'con-compact-position-codes';

/** Accepted codes need λ_min(G) ≥ this (then ‖q‖₂² = rᵀG⁻¹r ≤ 2‖r‖₂²). */
export const GRAM_MIN_EIGENVALUE = 0.5;

/**
 * D, the compact code dimension (con-compact-position-codes): the larger of the Hoeffding/union-bound
 * term 9(‖r‖²/R²)·ln(8T) (off-support scores within (2/3)R with probability ≥ 3/4 when λ_min(G) ≥ 1/2)
 * and the Markov term 16 s(s − 1) (λ_min(G) ≥ 1/2 with probability ≥ 3/4); at least 1.
 * @param contextLength - T, an integer ≥ 1.
 * @param sparsity - s, an integer in 1..T.
 * @param family - symmetric or general (fixes r, hence ‖r‖²/R²).
 * @throws DomainError for T or s not integers ≥ 1, or s > T.
 */
export function compactCodeDimension(contextLength: number, sparsity: number, family: Family): number {
  requireInteger('compactCodeDimension', 'contextLength', contextLength, 1);
  requireInteger('compactCodeDimension', 'sparsity', sparsity, 1);
  if (sparsity > contextLength) throw domainError('compactCodeDimension', 'sparsity', `at most T = ${contextLength}`, sparsity);
  const R = temperature(contextLength, sparsity, 'compact');
  const r = supportScores(sparsity, R, family);
  let r2 = 0;
  for (const x of r) r2 += x * x;
  const hoeffding = Math.ceil(9 * (r2 / (R * R)) * Math.log(8 * contextLength));
  const markov = 16 * sparsity * (sparsity - 1);
  return Math.max(1, hoeffding, markov);
}

/**
 * The code part of the query for compact codes: q = P_I G⁻¹ r with P_I the D×s matrix of the support
 * codes p_{i_j} = signHash(seed, i_j − 1, ·)/√D and G = P_Iᵀ P_I, so that ⟨p_{i_j}, q⟩ = r_j exactly
 * (up to rounding). Returns an empty q when λ_min(G) < GRAM_MIN_EIGENVALUE (the caller tries the next
 * seed), and λ_min(G) in every case.
 */
export function compactQuery(support: readonly number[], r: Float64Array, D: number, seed: number): { q: Float64Array; gramMin: number } {
  const s = support.length;
  const scale = 1 / Math.sqrt(D);
  const P = new MlMatrix(D, s); // (D×s) columns p_{i_j}
  for (let j = 0; j < s; j++) for (let k = 0; k < D; k++) P.set(k, j, scale * signHash(seed, support[j] - 1, k));
  const G = P.transpose().mmul(P); // (s×s)
  const eig = new EigenvalueDecomposition(G, { assumeSymmetric: true });
  const gramMin = Math.min(...eig.realEigenvalues);
  if (!(gramMin >= GRAM_MIN_EIGENVALUE)) return { q: new Float64Array(0), gramMin };
  const c = solve(G, MlMatrix.columnVector(Array.from(r))); // (s×1)
  const q = new Float64Array(D);
  for (let k = 0; k < D; k++) {
    let acc = 0;
    for (let j = 0; j < s; j++) acc += P.get(k, j) * c.get(j, 0);
    q[k] = acc;
  }
  return { q, gramMin };
}

/**
 * Every scale of the sparse-head constructions as a formula of (T, s, γ, codes)
 * (lem-sparse-head-scales). Symbols (proofs-notes/notation.md, "Sparse-function constructions"):
 *   L(T, s) = ln(2(T − s + 1))                  base log-temperature,
 *   R = L (one-hot codes), R = 3L (compact codes) the temperature: smallest support score,
 *   r_j = R + (s − 1 − j)·ln 2 (general family), r_j = R (symmetric family), j = 0..s−1,
 *   λ_off = Σ_{u∉I, u≥1} e^{s_u − R}                background leak in units of the least support weight,
 *   γ_out = γ(1 + η_γ)/(1 − λ_off) (non-constant target), γ(1 + η_γ) (constant target), η_γ = MARGIN_SLACK,
 * The compact code dimension D lives in compact-codes.ts (con-compact-position-codes).
 */
import { domainError } from '../core/errors.js';
import { requireInteger, requirePositive } from '../core/validate.js';

/** Proof-note id of the scale formulas: proofs-notes/lem-sparse-head-scales.md. */
export const SPARSE_HEAD_SCALES_ID = 'lem-sparse-head-scales';

/**
 * η_γ: the certified minimum margin of a construction is designed to be exactly γ(1 + η_γ). Small, so that
 * any degradation of the head (the temperature divided by 10, a shifted level) drops it below γ; large
 * against float64 rounding (the margin is computed to ~1e−12 relative).
 * (lem-sparse-head-scales)
 */
export const MARGIN_SLACK = 1e-6;

/** Compact-code temperature multiplier κ: R = κ·L, so off-support scores may reach (1 − 1/κ)R (lem-sparse-head-scales). */
export const COMPACT_TEMPERATURE_FACTOR = 3;

/** Design bound on λ_off (the leak in level units); λ_off ≤ 1/2 makes γ_out ≤ 2γ(1 + η_γ). */
export const MAX_LEAK = 0.5;

/** Which embedding of positions the construction uses: one-hot (d = T + 2) or compact sign-hash codes (con-compact-position-codes). */
export type CodeKind = 'onehot' | 'compact';
/** Which construction: symmetric (uniform weights on I; con-symmetric-sparse-head) or general (weights 2^{s−1−j}; con-general-sparse-head). */
export type Family = 'symmetric' | 'general';

function checkTs(fn: string, contextLength: number, sparsity: number): void {
  requireInteger(fn, 'contextLength', contextLength, 1);
  requireInteger(fn, 'sparsity', sparsity, 1);
  if (sparsity > contextLength) throw domainError(fn, 'sparsity', `at most T = ${contextLength}`, sparsity);
}

/** L(T, s) = ln(2(T − s + 1)): with one-hot codes and R = L, the non-support mass ratio ρ is exactly 1/2. */
export function baseLogTemperature(contextLength: number, sparsity: number): number {
  checkTs('baseLogTemperature', contextLength, sparsity);
  return Math.log(2 * (contextLength - sparsity + 1));
}

/**
 * R, the least support score: L = ln(2(T − s + 1)) for one-hot codes, 3L for compact codes (lem-sparse-head-scales).
 * @param contextLength - T, an integer ≥ 1.
 * @param sparsity - s, an integer in 1..T.
 * @param codes - one-hot or compact.
 * @throws DomainError for T or s not integers ≥ 1, or s > T.
 */
export function temperature(contextLength: number, sparsity: number, codes: CodeKind): number {
  const L = baseLogTemperature(contextLength, sparsity);
  return codes === 'onehot' ? L : COMPACT_TEMPERATURE_FACTOR * L;
}

/** The target support scores r_j, j = 0..s−1 (support order): R for symmetric, R + (s−1−j)ln 2 for general. */
export function supportScores(sparsity: number, R: number, family: Family): Float64Array {
  requireInteger('supportScores', 'sparsity', sparsity, 1);
  requirePositive('supportScores', 'R', R);
  const r = new Float64Array(sparsity);
  for (let j = 0; j < sparsity; j++) r[j] = family === 'symmetric' ? R : R + (sparsity - 1 - j) * Math.LN2;
  return r;
}

/** W_I = Σ_j e^{r_j − R}: s (symmetric) or 2^s − 1 (general); 1/A = W_I + ρ. */
export function supportWeightSum(sparsity: number, family: Family): number {
  return family === 'symmetric' ? sparsity : 2 ** sparsity - 1;
}

/** Number of levels N + 1 of the head output: s + 1 (symmetric) or 2^s (general). */
export function levelCount(sparsity: number, family: Family): number {
  return family === 'symmetric' ? sparsity + 1 : 2 ** sparsity;
}

/**
 * γ_out, the readout's output scale, from the requested margin γ and the measured leak λ_off ∈ [0, 1):
 * the exact minimum margin is then γ_out(1 − λ_off) = γ(1 + η_γ) for a non-constant target, γ_out = γ(1+η_γ)
 * for a constant one. Throws DomainError unless γ > 0 and 0 ≤ λ_off < 1.
 */
export function outputScale(margin: number, leak: number, constant: boolean): number {
  requirePositive('outputScale', 'margin', margin);
  if (!(leak >= 0 && leak < 1)) throw domainError('outputScale', 'leak', 'in [0, 1)', leak);
  return constant ? margin * (1 + MARGIN_SLACK) : (margin * (1 + MARGIN_SLACK)) / (1 - leak);
}

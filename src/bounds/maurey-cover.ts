/**
 * L2(P_n) covers of matrix maps by Maurey's sparsification, cited from Bartlett, Foster, Telgarsky (2017)
 * Lemma 3.2 (VERBATIM in ../shared/paper/REFERENCES.md §2; proofs-notes/lem-maurey-l2-cover.md):
 *   ‖X‖_2 ≤ b (Frobenius, rows = the n points), {XA : A ∈ R^{d×k}, ‖A‖_{2,1} ≤ a} (columns convention):
 *   ln N(ε, ‖·‖_2) ≤ ⌈a²b²/ε²⌉ ln(2dk)      ((p, q) = (2, 2), (r, s) = (∞, 1), so k^{2/r} = 1).
 * Normalized (our specialization): with rms point norm √((1/n)Σ‖x_i‖²) ≤ b̄ and radius ε̄ in
 * L2(P_n) = ‖·‖_2/√n, b = √n b̄ and ε = √n ε̄ give ⌈a²b̄²/ε̄²⌉ ln(2dk); no n, and k only in the log.
 */
import { requireInteger, requirePositive } from '../core/validate.js';
import { domainError } from '../core/errors.js';

/** Result id of this module: proofs-notes/lem-maurey-l2-cover.md. */
export const MAUREY_COVER_ID = 'lem-maurey-l2-cover';

/** Inputs of the normalized Maurey cover (lem-maurey-l2-cover). */
export interface MaureyCoverParams {
  /** a: bound on ‖A‖_{2,1} = Σ_j ‖A_{:,j}‖₂ (columns convention; ≤ √k‖A‖_F). */
  readonly groupBudget: number;
  /** b̄: bound on the points' rms norm √((1/n)Σ‖x_i‖₂²) (max norm bounds it). */
  readonly pointNorm: number;
  /** d: input dimension (rows of A), an integer ≥ 1. */
  readonly inputDim: number;
  /** k: output dimension (columns of A), an integer ≥ 1. */
  readonly outputDim: number;
  /** ε̄ > 0: radius in L2(P_n) of the ℓ2 output error, √((1/n)Σ‖(A − Â)ᵀx_i‖²). */
  readonly eps: number;
}

/**
 * ln N of {x ↦ Aᵀx : ‖A‖_{2,1} ≤ a} in L2(P_n): 0 when a b̄ ≤ ε̄ (the zero map is within a b̄), else
 * ⌈a²b̄²/ε̄²⌉ ln(2dk) (BFT Lemma 3.2, normalized; lem-maurey-l2-cover).
 * @throws DomainError on non-positive or non-finite a, b̄, ε̄, non-integer dimensions, or a²b̄²/ε̄² overflowing.
 */
export function maureyLogCovering(p: MaureyCoverParams): number {
  requirePositive('maureyLogCovering', 'groupBudget', p.groupBudget);
  requirePositive('maureyLogCovering', 'pointNorm', p.pointNorm);
  requirePositive('maureyLogCovering', 'eps', p.eps);
  requireInteger('maureyLogCovering', 'inputDim', p.inputDim, 1);
  requireInteger('maureyLogCovering', 'outputDim', p.outputDim, 1);
  // a b̄ / ε̄ first, then squared: squaring a, b̄ or ε̄ alone underflows for tiny (valid) budgets and
  // turned 0/0 into NaN (found by the explorer's tests at B_w = γ = 5e-324).
  const q = (p.groupBudget / p.eps) * p.pointNorm;
  if (q <= 1) return 0;
  const r = q * q;
  if (!Number.isFinite(r)) throw domainError('maureyLogCovering', 'a²b²/ε²', 'finite', r);
  return Math.ceil(r) * Math.log(2 * p.inputDim * p.outputDim);
}

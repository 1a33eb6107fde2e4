/**
 * The explicit norm formulas of the sparse-head constructions (con-symmetric-sparse-head,
 * con-general-sparse-head, con-compact-position-codes): upper bounds, as functions of (T, s, γ, codes,
 * family) only, on every norm the capacity bounds use. One-hot W_QK norms hold with equality.
 *   R = temperature(T, s, codes), r_j = supportScores(s, R, family),
 *   N + 1 = levelCount (s + 1 or 2^s), W_I = supportWeightSum (s or 2^s − 1),
 *   Z′_max = W_I + 1/2 + e^{−R} (Z′ = 1/A = W_I + λ_off + e^{−R}, λ_off ≤ 1/2),
 *   γ_out,max = 2γ(1 + η_γ),
 *   ‖W_QK‖₂ = ‖W_QK‖_F = ‖W_QK‖_{2,1} = ‖q‖₂ ≤ ‖r‖₂ (one-hot, =) or √2‖r‖₂ (compact),
 *   ‖W_QKᵀ‖_{2,1} = ‖q‖₁ ≤ ‖r‖₁ (one-hot, =) or √(2D)‖r‖₂ (compact),
 *   ‖W_V‖ = 1 in every norm, B_X = √2,
 *   readout layer 1 (1×H, H ≤ N+1 entries Z′): ‖·‖₂ = ‖·‖_F ≤ √(N+1) Z′_max, ‖·‖_{2,1} ≤ (N+1) Z′_max,
 *   readout layer 2 (H×1, |c_n| ≤ 4γ_out): ‖·‖₂ ≤ 4γ_out,max √(N+1), Σ|c_n| ≤ 4N γ_out,max,
 *   Lipschitz constant of the readout = 2γ_out Z′ ≤ 2γ_out,max Z′_max.
 */
import { requirePositive } from '../core/validate.js';
import { temperature, supportScores, levelCount, supportWeightSum, MARGIN_SLACK, type CodeKind, type Family } from './scales.js';
import { compactCodeDimension } from './compact-codes.js';

/**
 * Proof-note id of the norm formulas (the general note states both families):
 * proofs-notes/con-general-sparse-head.md.
 */
export const SPARSE_HEAD_NORMS_ID = 'con-general-sparse-head';

/** Upper bounds on the constructed weights' norms (keys match construct().norms where both exist). */
export interface SparseHeadNormBounds {
  /** B_X = √2 (max embedded row norm). */
  readonly inputNorm: number;
  /** Bound on ‖W_QK‖₂ = ‖q‖₂: ‖r‖₂ (one-hot, equality) or √2‖r‖₂ (compact). */
  readonly qkSpectral: number;
  /** Bound on ‖W_QK‖_F (same as qkSpectral: W_QK has rank one). */
  readonly qkFrobenius: number;
  /** Bound on ‖W_QK‖_{2,1} (columns; same as qkSpectral). */
  readonly qkGroup21Columns: number;
  /** Bound on ‖W_QKᵀ‖_{2,1} = ‖q‖₁: ‖r‖₁ (one-hot, equality) or √(2D)‖r‖₂ (compact). */
  readonly qkGroup21Rows: number;
  /** ‖W_V‖₂ = 1. */
  readonly valueSpectral: number;
  /** ‖W_V‖_{2,1} (columns) = 1. */
  readonly valueGroup21Columns: number;
  /** ‖W_Vᵀ‖_{2,1} (rows) = 1. */
  readonly valueGroup21Rows: number;
  /** Bound on the readout's hidden units H: N + 1 levels (s + 1 or 2^s). */
  readonly readoutHiddenUnits: number;
  /** Bound on ‖W_1‖₂ of the readout's first layer: √(N+1)·Z′_max. */
  readonly readout1Spectral: number;
  /** Bound on ‖W_1‖_{2,1} (columns): (N+1)·Z′_max. */
  readonly readout1Group21Columns: number;
  /** Bound on ‖W_1ᵀ‖_{2,1} (rows): √(N+1)·Z′_max. */
  readonly readout1Group21Rows: number;
  /** Bound on ‖W_2‖₂ of the readout's second layer: 4γ_out,max·√(N+1). */
  readonly readout2Spectral: number;
  /** Bound on ‖W_2‖_{2,1} (columns): 4γ_out,max·√(N+1). */
  readonly readout2Group21Columns: number;
  /** Bound on ‖W_2ᵀ‖_{2,1} = Σ|c_n| (rows): 4N·γ_out,max. */
  readonly readout2Group21Rows: number;
  /** Bound on the readout's Lipschitz constant 2γ_out Z′: 2γ_out,max·Z′_max. */
  readonly readoutLipschitz: number;
  /** d = 2 + code width (T one-hot, D compact). */
  readonly width: number;
}

/**
 * The norm formulas above, as functions of (T, s, γ, codes, family) only (con-general-sparse-head,
 * con-symmetric-sparse-head, con-compact-position-codes).
 * @param contextLength - T, an integer ≥ 1.
 * @param sparsity - s, an integer in 1..T.
 * @param margin - γ > 0, the requested margin.
 * @param codes - one-hot or compact position codes.
 * @param family - symmetric or general.
 * @throws DomainError for bad T, s or γ.
 */
export function sparseHeadNormBounds(contextLength: number, sparsity: number, margin: number, codes: CodeKind, family: Family): SparseHeadNormBounds {
  requirePositive('sparseHeadNormBounds', 'margin', margin);
  const R = temperature(contextLength, sparsity, codes);
  const r = supportScores(sparsity, R, family);
  let r2 = 0;
  let r1 = 0;
  for (const x of r) {
    r2 += x * x;
    r1 += Math.abs(x);
  }
  const rNorm = Math.sqrt(r2);
  const D = codes === 'onehot' ? contextLength : compactCodeDimension(contextLength, sparsity, family);
  const levels = levelCount(sparsity, family);
  const N = levels - 1;
  const zMax = supportWeightSum(sparsity, family) + 0.5 + Math.exp(-R);
  const gMax = 2 * margin * (1 + MARGIN_SLACK);
  const qk = codes === 'onehot' ? rNorm : Math.SQRT2 * rNorm;
  return {
    inputNorm: Math.SQRT2,
    qkSpectral: qk,
    qkFrobenius: qk,
    qkGroup21Columns: qk,
    qkGroup21Rows: codes === 'onehot' ? r1 : Math.sqrt(2 * D) * rNorm,
    valueSpectral: 1,
    valueGroup21Columns: 1,
    valueGroup21Rows: 1,
    readoutHiddenUnits: levels,
    readout1Spectral: Math.sqrt(levels) * zMax,
    readout1Group21Columns: levels * zMax,
    readout1Group21Rows: Math.sqrt(levels) * zMax,
    readout2Spectral: 4 * gMax * Math.sqrt(levels),
    readout2Group21Columns: 4 * gMax * Math.sqrt(levels),
    readout2Group21Rows: 4 * N * gMax,
    readoutLipschitz: 2 * gMax * zMax,
    width: 2 + D,
  };
}

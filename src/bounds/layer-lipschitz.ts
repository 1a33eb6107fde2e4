/**
 * Lipschitz constant of a self-attention layer in its input (proofs-notes/lem-layer-lipschitz.md).
 * Metric on inputs/outputs: max over rows of the row ℓ2 distance. For inputs X, X' whose rows all have
 * ‖·‖₂ ≤ B (and the layer y_t = Π_R([x_t] + Σ_h σ(W_Vᵀ Xᵀ softmax(X W_QK x_t))ᵀ W_C)):
 *   max_t ‖y_t − y'_t‖ ≤ ( [residual] + Σ_h ‖W_C‖₂ L_σ ‖W_V‖₂ (1 + 2c B² ‖W_QK‖₂) ) · max_u ‖x_u − x'_u‖,
 * c = 1 the softmax step constant. A [CLS] head read by a readout of Lipschitz constant Λ (query x_0
 * moving too) has the same per-head factor with ‖W_C‖₂ replaced by Λ.
 */
import { requireNonNegative } from '../core/validate.js';
import { SOFTMAX_LINF_L1_CONSTANT } from './softmax-step.js';

/** Result id of this module: proofs-notes/lem-layer-lipschitz.md. */
export const LAYER_LIPSCHITZ_ID = 'lem-layer-lipschitz';

/** The constant 2 in 1 + 2cB²‖W_QK‖₂ (one B‖W_QK‖ for the key move, one for the query move; lem-layer-lipschitz). */
export const QUERY_KEY_MOVE_FACTOR = 2;

/** Norm bounds of one head for the Lipschitz lemma (lem-layer-lipschitz). */
export interface HeadLipschitzNorms {
  /** ‖W_QK‖₂ bound. */
  readonly qkSpectral: number;
  /** ‖W_V‖₂ bound. */
  readonly valueSpectral: number;
  /** ‖W_C‖₂ bound (use the readout's Lipschitz constant for a [CLS] head). */
  readonly outputSpectral: number;
  /** L_σ. */
  readonly activationLipschitz: number;
}

/**
 * Lipschitz factor of one head in its input, max-row ℓ2 metric: ‖W_C‖₂ L_σ ‖W_V‖₂ (1 + 2cB²‖W_QK‖₂)
 * (lem-layer-lipschitz).
 * @param h - the head's spectral norm bounds and L_σ.
 * @param rowNorm - B, the bound on every input row's ℓ2 norm.
 * @param softmaxConstant - c of lem-softmax-linf-l1, default 1.
 * @param moveFactor - the 2 of QUERY_KEY_MOVE_FACTOR (exposed for the mutation test).
 * @throws DomainError on negative or non-finite norms.
 */
export function headInputLipschitz(h: HeadLipschitzNorms, rowNorm: number, softmaxConstant = SOFTMAX_LINF_L1_CONSTANT, moveFactor = QUERY_KEY_MOVE_FACTOR): number {
  const fn = 'headInputLipschitz';
  const B = requireNonNegative(fn, 'rowNorm', rowNorm);
  return (
    requireNonNegative(fn, 'outputSpectral', h.outputSpectral) *
    requireNonNegative(fn, 'activationLipschitz', h.activationLipschitz) *
    requireNonNegative(fn, 'valueSpectral', h.valueSpectral) *
    (1 + moveFactor * softmaxConstant * B * B * requireNonNegative(fn, 'qkSpectral', h.qkSpectral))
  );
}

/**
 * Lipschitz constant of a whole layer in its input, max-row ℓ2 metric: [1 if residual] + Σ_h of
 * headInputLipschitz (Π_R is 1-Lipschitz) (lem-layer-lipschitz).
 * @param p - B (rowNorm), whether the layer is residual, and its heads' norm bounds.
 * @param softmaxConstant - c of lem-softmax-linf-l1, default 1.
 * @param moveFactor - the 2 of QUERY_KEY_MOVE_FACTOR.
 * @throws DomainError on negative or non-finite norms.
 */
export function layerLipschitz(
  p: { readonly rowNorm: number; readonly residual: boolean; readonly heads: readonly HeadLipschitzNorms[] },
  softmaxConstant = SOFTMAX_LINF_L1_CONSTANT,
  moveFactor = QUERY_KEY_MOVE_FACTOR,
): number {
  let L = p.residual ? 1 : 0;
  for (const h of p.heads) L += headInputLipschitz(h, p.rowNorm, softmaxConstant, moveFactor);
  return L;
}

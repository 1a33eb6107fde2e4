/**
 * Perturbation lemmas for the scalar head and the readout (proofs-notes/lem-head-perturbation.md).
 * Scalar head: f = wᵀ σ(W_Vᵀ Xᵀ softmax(X W_QK z)), every row ‖x_u‖₂ ≤ B, ‖z‖₂ ≤ B, σ L_σ-Lipschitz,
 * σ(0) = 0, ‖w‖₂ ≤ B_w, ‖W_V‖₂ ≤ B_V (for both weight sets compared). Then
 *   in w:     |Δf| ≤ ‖Δw‖₂ · L_σ B_V B
 *   in W_V:   |Δf| ≤ B_w L_σ ‖ΔW_V‖₂ B
 *   in W_QK:  |Δf| ≤ B_w L_σ B_V B · c · B² ‖ΔW_QK‖₂       (c: softmax step constant, = 1)
 * and changing all three at once costs at most the sum (telescoping).
 * Readout chain (dense layers v ↦ ρ-Lipschitz σ(Wᵀv [+ bias])): the output error obeys
 *   E_r ≤ ρ_r (S_r E_{r−1} + ‖ΔW_r‖₂ · ‖(v_{r−1}, 1)‖₂),
 * with S_r the spectral bound of the (bias-augmented) weight and v_{r−1} the compared input.
 */
import { requireNonNegative, requirePositive } from '../core/validate.js';
import { SOFTMAX_LINF_L1_CONSTANT } from './softmax-step.js';

/** Result id of this module: proofs-notes/lem-head-perturbation.md. */
export const HEAD_PERTURBATION_ID = 'lem-head-perturbation';

/** Norm bounds valid for both weight sets being compared (lem-head-perturbation). */
export interface ScalarHeadNorms {
  /** B: bound on every input row and on the query. */
  readonly rowNorm: number;
  /** B_w: bound on ‖w‖₂. */
  readonly readoutNorm: number;
  /** B_V: bound on ‖W_V‖₂. */
  readonly valueSpectral: number;
  /** L_σ. */
  readonly activationLipschitz: number;
}

/** Sizes of the weight changes (spectral norms; ℓ2 for w) (lem-head-perturbation). */
export interface ScalarHeadDeltas {
  /** ‖Δw‖₂, the change of the readout vector. */
  readonly readout: number;
  /** ‖ΔW_V‖₂. */
  readonly value: number;
  /** ‖ΔW_QK‖₂. */
  readonly qk: number;
}

/**
 * The three perturbation terms of the scalar head and their sum, bounds on |Δf| (lem-head-perturbation).
 * `softmaxConstant` defaults to the proven c = 1; the mutation test passes 1/2.
 * @param n - B, B_w, B_V, L_σ, valid for both weight sets compared.
 * @param d - the weight changes ‖Δw‖₂, ‖ΔW_V‖₂, ‖ΔW_QK‖₂.
 * @param softmaxConstant - c of lem-softmax-linf-l1.
 * @throws DomainError on negative or non-finite inputs.
 */
export function scalarHeadPerturbation(
  n: ScalarHeadNorms,
  d: ScalarHeadDeltas,
  softmaxConstant = SOFTMAX_LINF_L1_CONSTANT,
): {
  /** ‖Δw‖₂ · L_σ B_V B. */
  readout: number;
  /** B_w L_σ ‖ΔW_V‖₂ B. */
  value: number;
  /** B_w L_σ B_V B · c · B² ‖ΔW_QK‖₂. */
  qk: number;
  /** The sum of the three: a bound on |Δf| when all weights change at once. */
  total: number;
} {
  const fn = 'scalarHeadPerturbation';
  const B = requireNonNegative(fn, 'rowNorm', n.rowNorm);
  const Bw = requireNonNegative(fn, 'readoutNorm', n.readoutNorm);
  const BV = requireNonNegative(fn, 'valueSpectral', n.valueSpectral);
  const L = requireNonNegative(fn, 'activationLipschitz', n.activationLipschitz);
  const readout = requireNonNegative(fn, 'deltas.readout', d.readout) * L * BV * B;
  const value = Bw * L * requireNonNegative(fn, 'deltas.value', d.value) * B;
  const qk = Bw * L * BV * B * softmaxConstant * B * B * requireNonNegative(fn, 'deltas.qk', d.qk);
  return { readout, value, qk, total: readout + value + qk };
}

/** One dense stage of a readout chain, as the bounds see it. */
export interface DenseStageBound {
  /** S: spectral bound of the weight (bias-augmented when bias is true). */
  readonly spectral: number;
  /** ρ: Lipschitz constant of the stage's activation. */
  readonly lipschitz: number;
  /** Whether the stage has a bias (input augmented with a constant 1). */
  readonly bias: boolean;
}

/**
 * Output-error bound of a readout chain when every stage's weight moves by ‖ΔW_r‖₂ ≤ deltas[r] and the
 * input moves by inputError, inputs bounded by inputNorm (lem-head-perturbation, readout part).
 */
export function chainPerturbation(stages: readonly DenseStageBound[], inputNorm: number, inputError: number, deltas: readonly number[]): number {
  requirePositive('chainPerturbation', 'stages.length', stages.length);
  let E = requireNonNegative('chainPerturbation', 'inputError', inputError);
  let b = requireNonNegative('chainPerturbation', 'inputNorm', inputNorm);
  stages.forEach((s, r) => {
    const bAug = s.bias ? Math.hypot(b, 1) : b;
    E = s.lipschitz * (s.spectral * E + requireNonNegative('chainPerturbation', `deltas[${r}]`, deltas[r]) * bAug);
    b = s.lipschitz * s.spectral * bAug;
  });
  return E;
}

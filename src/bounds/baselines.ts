/**
 * Baselines reported next to the log-T bound (proofs-notes/lem-baseline-bounds.md).
 *
 * 1. Parameter counting (volumetric, id lem-volumetric-param-cover): a Euclidean ball of radius a in
 *    R^P has a proper ε-cover of size ≤ (1 + 2a/ε)^P. Covering every weight block i (P_i parameters,
 *    Frobenius budget a_i) at radius r_i and using the same error propagation as the parts
 *    (a change ‖ΔW‖_F ≤ r moves the output by ≤ β_i b_i r) gives
 *      ln N_∞(ε) ≤ Σ_i mult_i P_i ln(1 + 2 a_i / r_i),  Σ_i mult_i β_i b_i r_i = ε,
 *    with the split θ_i ∝ mult_i P_i. No T at all, but linear in the parameter count P.
 * 2. Naive softmax route (id lem-naive-softmax-route): replace the ℓ∞→ℓ1 softmax step (c = 1) by
 *    ‖a − â‖₁ ≤ √(T+1)‖a − â‖₂ ≤ √(T+1)·½‖s − ŝ‖₂ ≤ ((T+1)/2)‖s − ŝ‖_∞ (Nair 2025: softmax is
 *    ½-Lipschitz in ℓ2, VERBATIM abstract in REFERENCES §5). Same cover, c = (T+1)/2: polynomial in T.
 * 3. Trauger & Tewari (2024): NOT implemented; their theorem statements were not found (REFERENCES §4,
 *    and a search of the stored pages returned only their abstract and introduction).
 */
import type { CoverPart } from './cover-parts.js';
import { partBeta } from './cover-parts.js';

/** Id of the parameter-counting baseline: proofs-notes/lem-volumetric-param-cover.md. */
export const VOLUMETRIC_BASELINE_ID = 'lem-volumetric-param-cover';
/** Id of the naive (polynomial in T) baseline: proofs-notes/lem-naive-softmax-route.md. */
export const NAIVE_SOFTMAX_BASELINE_ID = 'lem-naive-softmax-route';

/**
 * Total parameter count P = Σ_i mult_i P_i of the parts, P_i = inputDim·outputDim (lem-volumetric-param-cover).
 * @param parts - the composite cover's parts (architectureCover).
 */
export function parameterCount(parts: readonly CoverPart[]): number {
  let P = 0;
  for (const p of parts) P += p.multiplicity * p.inputDim * p.outputDim;
  return P;
}

/** The 2 of the volumetric factor P·ln(1 + 2a/r) (ball of radius a in R^P, proper cover at radius r; lem-volumetric-param-cover); exposed for the mutation test. */
export const VOLUMETRIC_CONSTANT = 2;

/**
 * ln N_∞(ε) of the parameter-counting baseline: Σ_i mult_i P_i ln(1 + 2a_i/r_i) with the split θ_i ∝
 * mult_i P_i; 0 when ε ≥ F (lem-volumetric-param-cover). Trusts its typed input (no checks).
 * @param parts - the composite cover's parts (architectureCover).
 * @param eps - ε > 0, the ℓ∞ covering radius.
 * @param rangeBound - F = sup |f| over the class.
 * @param constant - the volumetric constant, default VOLUMETRIC_CONSTANT = 2.
 */
export function volumetricLogCover(parts: readonly CoverPart[], eps: number, rangeBound: number, constant = VOLUMETRIC_CONSTANT): number {
  if (eps >= rangeBound) return 0;
  const P = parameterCount(parts);
  let s = 0;
  for (const p of parts) {
    const Pi = p.multiplicity * p.inputDim * p.outputDim;
    const theta = Pi / P;
    const r = (theta * eps) / (partBeta(p) * p.pointNorm);
    s += Pi * Math.log(1 + (constant * p.weightNorm) / r);
  }
  return s;
}

/**
 * The naive route's softmax constant c = (T+1)/2, in place of c = 1 (lem-naive-softmax-route).
 * @param contextLength - T.
 */
export function naiveSoftmaxConstant(contextLength: number): number {
  return (contextLength + 1) / 2;
}

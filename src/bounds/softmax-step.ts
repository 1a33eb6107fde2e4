/**
 * The softmax step (proofs-notes/lem-softmax-linf-l1.md):
 *   ‖softmax(u) − softmax(v)‖₁ ≤ c·‖u − v‖_∞,  c = 1 (tight: attained in the limit at mass 1/2).
 * The paper's constant (Edelman et al. Cor. A.7, RESTATED) is 2; kept only as a comparison.
 */
import { softmax } from '../core/softmax.js';
import { shapeError } from '../core/errors.js';

/** Result id of this module: proofs-notes/lem-softmax-linf-l1.md. */
export const SOFTMAX_STEP_ID = 'lem-softmax-linf-l1';

/** c = 1: our proven ℓ∞ → ℓ1 constant (Jacobian argument, note lem-softmax-linf-l1). */
export const SOFTMAX_LINF_L1_CONSTANT = 1;

/** The paper's constant 2 (Edelman et al. 2022, Cor. A.7; RESTATED in REFERENCES §5), kept for comparison only (lem-softmax-linf-l1). */
export const PAPER_SOFTMAX_LINF_L1_CONSTANT = 2;

/**
 * Both sides of the softmax step for one pair (u, v): actual ‖softmax(u) − softmax(v)‖₁ and the bound
 * c‖u − v‖_∞ (lem-softmax-linf-l1).
 * @param u - scores, finite (softmax is computed stably).
 * @param v - scores of the same length.
 * @param c - the constant, default SOFTMAX_LINF_L1_CONSTANT = 1.
 * @throws ShapeError when u and v differ in length.
 */
export function softmaxStep(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  c = SOFTMAX_LINF_L1_CONSTANT,
): {
  /** ‖softmax(u) − softmax(v)‖₁. */
  actual: number;
  /** c·‖u − v‖_∞. */
  bound: number;
} {
  if (u.length !== v.length) throw shapeError('softmaxStep', 'u and v must have the same length', `${u.length} vs ${v.length}`);
  const p = softmax(u);
  const q = softmax(v);
  let actual = 0;
  let dInf = 0;
  for (let i = 0; i < p.length; i++) {
    actual += Math.abs(p[i] - q[i]);
    dInf = Math.max(dInf, Math.abs(u[i] - v[i]));
  }
  return { actual, bound: c * dInf };
}

/**
 * Margin bound (proofs-notes/thm-margin-bound.md): Mohri, Rostamizadeh, Talwalkar (2018) Thm 5.8
 * (RESTATED in REFERENCES §3, two sources agree). With probability ≥ 1 − δ over S of size m, for
 * every f in the class and the fixed margin γ > 0:
 *   P[y f(x) ≤ 0] ≤ (1/m) Σ 1[y_i f(x_i) ≤ γ] + (2/γ) R̂_S(F) + 3 √( ln(2/δ) / (2m) ).
 * generalizationGap is the last two terms.
 */
import { requireInteger, requireNonNegative, requireOpenUnit, requirePositive } from '../core/validate.js';

/** Result id of this module: proofs-notes/thm-margin-bound.md. */
export const MARGIN_BOUND_ID = 'thm-margin-bound';

/** The 2 in (2/γ)R̂ (Mohri Thm 5.8; thm-margin-bound). */
export const MARGIN_RADEMACHER_FACTOR = 2;
/** The 3 in 3√(ln(2/δ)/(2m)) (Mohri Thm 5.8; thm-margin-bound). */
export const MARGIN_CONFIDENCE_FACTOR = 3;

/**
 * The margin-bound gap (2/γ) R̂_S + 3√(ln(2/δ)/(2m)) between the 0-1 risk and the empirical γ-margin loss
 * (thm-margin-bound). Returned as it is even when above 1 (vacuous).
 * @param p - R̂_S (rademacher, ≥ 0), γ (margin, > 0), δ (delta, in (0, 1)) and m (sampleSize, integer ≥ 1).
 * @throws DomainError when a parameter is outside its domain or not finite.
 */
export function marginGap(p: { readonly rademacher: number; readonly margin: number; readonly delta: number; readonly sampleSize: number }): number {
  const R = requireNonNegative('marginGap', 'rademacher', p.rademacher);
  const g = requirePositive('marginGap', 'margin', p.margin);
  const delta = requireOpenUnit('marginGap', 'delta', p.delta);
  const m = requireInteger('marginGap', 'sampleSize', p.sampleSize, 1);
  return (MARGIN_RADEMACHER_FACTOR / g) * R + MARGIN_CONFIDENCE_FACTOR * Math.sqrt(Math.log(2 / delta) / (2 * m));
}

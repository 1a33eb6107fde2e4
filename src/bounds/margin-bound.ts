/**
 * Margin bound (proofs-notes/thm-margin-bound.md): Mohri, Rostamizadeh, Talwalkar (2018) Thm 5.8
 * (RESTATED in REFERENCES §3, two sources agree). With probability ≥ 1 − δ over S of size m, for
 * every f in the class and the fixed margin γ > 0:
 *   P[y f(x) ≤ 0] ≤ (1/m) Σ 1[y_i f(x_i) ≤ γ] + (2/γ) R̂_S(F) + 3 √( ln(2/δ) / (2m) ).
 * generalizationGap is the last two terms. A weighted union over classes fixed in advance
 * (thm-budget-grid-union) adds the chosen class's ln(1/w) to ln(2/δ).
 */
import { requireInteger, requireNonNegative, requireOpenUnit, requirePositive } from '../core/validate.js';

/** Result id of this module: proofs-notes/thm-margin-bound.md. */
export const MARGIN_BOUND_ID = 'thm-margin-bound';

/** Id of the expected-Rademacher form (proofs-notes/thm-expected-margin-bound.md). */
export const EXPECTED_MARGIN_BOUND_ID = 'thm-expected-margin-bound';

/**
 * The factor of √((ln(1/δ) + ln(1/w))/(2m)) in the expected-Rademacher form (Mohri Thm 5.8, first
 * inequality; thm-expected-margin-bound). A parameter of marginGap only for the mutation test.
 */
export const EXPECTED_CONFIDENCE_FACTOR = 1;

/** The 2 in (2/γ)R̂ (Mohri Thm 5.8; thm-margin-bound). */
export const MARGIN_RADEMACHER_FACTOR = 2;
/** The 3 in 3√(ln(2/δ)/(2m)) (Mohri Thm 5.8; thm-margin-bound). */
export const MARGIN_CONFIDENCE_FACTOR = 3;

/**
 * The margin-bound gap (2/γ) R̂_S + 3√((ln(2/δ) + ln(1/w))/(2m)) between the 0-1 risk and the empirical
 * γ-margin loss (thm-margin-bound). ln(1/w) is 0 for a class fixed in advance; for one cell of a weighted
 * union (thm-budget-grid-union) it is the cell's cost, i.e. the bound at confidence δ·w, computed in log
 * space so that a tiny w never underflows. Returned as it is even when above 1 (vacuous).
 * @param p - R̂_S (rademacher, ≥ 0), γ (margin, > 0), δ (delta, in (0, 1)), m (sampleSize, integer ≥ 1),
 *   ln(1/w) (unionLogInverseWeight, ≥ 0, default 0) and the form ('empirical' default, or 'expected':
 *   thm-expected-margin-bound).
 * @throws DomainError when a parameter is outside its domain or not finite.
 */
export function marginGap(p: {
  readonly rademacher: number;
  readonly margin: number;
  readonly delta: number;
  readonly sampleSize: number;
  readonly unionLogInverseWeight?: number;
  /**
   * 'empirical' (default): (2/γ)R̂_S + 3√((ln(2/δ) + ln(1/w))/(2m)), valid for an R̂_S bound of the drawn sample;
   * 'expected': (2/γ)R + √((ln(1/δ) + ln(1/w))/(2m)), valid when R bounds R̂_S for EVERY sample of size m
   * (so it bounds the expected Rademacher complexity; thm-expected-margin-bound).
   */
  readonly form?: 'empirical' | 'expected';
  /** The confidence factor of the expected form (default EXPECTED_CONFIDENCE_FACTOR; mutation tests only). */
  readonly expectedConfidenceFactor?: number;
}): number {
  const R = requireNonNegative('marginGap', 'rademacher', p.rademacher);
  const g = requirePositive('marginGap', 'margin', p.margin);
  const delta = requireOpenUnit('marginGap', 'delta', p.delta);
  const m = requireInteger('marginGap', 'sampleSize', p.sampleSize, 1);
  const union = p.unionLogInverseWeight === undefined ? 0 : requireNonNegative('marginGap', 'unionLogInverseWeight', p.unionLogInverseWeight);
  if (p.form === 'expected') return (MARGIN_RADEMACHER_FACTOR / g) * R + (p.expectedConfidenceFactor ?? EXPECTED_CONFIDENCE_FACTOR) * Math.sqrt((Math.log(1 / delta) + union) / (2 * m));
  return (MARGIN_RADEMACHER_FACTOR / g) * R + MARGIN_CONFIDENCE_FACTOR * Math.sqrt((Math.log(2 / delta) + union) / (2 * m));
}

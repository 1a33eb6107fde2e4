/**
 * Least-squares fits of the sample complexity m*(T) against a + b·log T and a + b·T, and the counting
 * floor log₂ C(T, s) (DIGEST §3: parities on different supports are orthogonal, so a learner needs about
 * log₂ C(T, s) samples). Plain closed-form simple linear regression in float64.
 */
import { domainError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';

/** A fitted line y ≈ a + b·x with its residuals y_i − (a + b·x_i). */
export interface LineFit {
  /** Which law was fitted: x = ln T (natural log) or x = T. */
  readonly form: 'a + b log T' | 'a + b T';
  /** Intercept a (units of m: samples). */
  readonly a: number;
  /** Slope b (samples per unit of ln T, or per input bit). */
  readonly b: number;
  /** y_i − (a + b·x_i), in the order of the points. */
  readonly residuals: readonly number[];
  /** Residual sum of squares. */
  readonly rss: number;
  /** Coefficient of determination 1 − RSS/TSS (NaN when all y are equal). */
  readonly r2: number;
  /** Number of points. */
  readonly points: number;
}

/**
 * Ordinary least squares y ≈ a + b x (alg-sample-complexity §3).
 * @param xs - the x values (ln T or T), finite, not all equal.
 * @param ys - the y values (m*), finite, as many as xs.
 * @param form - the label stored in the result; it does not transform xs.
 * @throws DomainError `fitLine: points must be ...` for fewer than 2 pairs, unequal lengths or a
 * non-finite value; `fitLine: x values must be not all equal` when every x is the same.
 */
export function fitLine(xs: readonly number[], ys: readonly number[], form: LineFit['form']): LineFit {
  if (xs.length !== ys.length || xs.length < 2) throw domainError('fitLine', 'points', 'at least 2 (x, y) pairs', xs.length);
  for (const v of [...xs, ...ys]) if (!Number.isFinite(v)) throw domainError('fitLine', 'points', 'finite', v);
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    tss += (ys[i] - my) ** 2;
  }
  if (!(sxx > 0)) throw domainError('fitLine', 'x values', 'not all equal', xs);
  const b = sxy / sxx;
  const a = my - b * mx;
  const residuals = ys.map((y, i) => y - (a + b * xs[i]));
  const rss = residuals.reduce((s, r) => s + r * r, 0);
  return { form, a, b, residuals, rss, r2: tss > 0 ? 1 - rss / tss : Number.NaN, points: n };
}

/**
 * Fit m* against a + b·ln T (natural log) and against a + b·T (alg-sample-complexity §3).
 * @param contextLengths - the T values, > 0 (ln T must be finite), at least 2 distinct.
 * @param mStar - m*(T) at each T, same order and length.
 * @throws DomainError from fitLine.
 */
export function fitSampleComplexity(
  contextLengths: readonly number[],
  mStar: readonly number[],
): {
  /** The fit m* ≈ a + b·ln T. */
  log: LineFit;
  /** The fit m* ≈ a + b·T. */
  linear: LineFit;
} {
  return {
    log: fitLine(
      contextLengths.map((T) => Math.log(T)),
      mStar,
      'a + b log T',
    ),
    linear: fitLine(contextLengths, mStar, 'a + b T'),
  };
}

/**
 * The counting floor log₂ C(T, s) = Σ_{i<s} log₂((T − i)/(i + 1)), exact up to float64 rounding
 * (alg-sample-complexity §3), in bits.
 * @param contextLength - T, an integer ≥ 1.
 * @param sparsity - s, an integer with 0 ≤ s ≤ T.
 * @throws DomainError `log2Binomial: <param> must be ...` otherwise.
 */
export function log2Binomial(contextLength: number, sparsity: number): number {
  requireInteger('log2Binomial', 'contextLength', contextLength, 1);
  requireInteger('log2Binomial', 'sparsity', sparsity, 0);
  if (sparsity > contextLength) throw domainError('log2Binomial', 'sparsity', `<= contextLength = ${contextLength}`, sparsity);
  let s = 0;
  for (let i = 0; i < sparsity; i++) s += Math.log2((contextLength - i) / (i + 1));
  return s;
}

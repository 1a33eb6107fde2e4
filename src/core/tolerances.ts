/**
 * Named numerical tolerances, in one place. Never call a tolerance `eps`: ε is the paper's covering
 * radius. Each constant says what it is for.
 */

/** Relative tolerance for two float64 computations of the same quantity by different loop orders. */
export const REL_TOL_FLOAT64 = 1e-9;

/** Absolute tolerance added to relative comparisons of float64 results near zero. */
export const ABS_TOL_FLOAT64 = 1e-12;

/** Relative tolerance when comparing an iterative estimate (power iteration) with an SVD. */
export const REL_TOL_ITERATIVE = 1e-6;

/** Relative tolerance between a float32 (tfjs) computation and the float64 reference. */
export const REL_TOL_FLOAT32 = 2e-3;

/** Absolute tolerance between a float32 (tfjs) computation and the float64 reference. */
export const ABS_TOL_FLOAT32 = 2e-4;

/** Slack allowed when checking a proven inequality numerically: actual <= bound * (1 + this) + ABS. */
export const REL_TOL_INEQUALITY = 1e-9;

/** True when a and b agree to within relTol relative plus absTol absolute. */
export function close(a: number, b: number, relTol = REL_TOL_FLOAT64, absTol = ABS_TOL_FLOAT64): boolean {
  return Math.abs(a - b) <= absTol + relTol * Math.max(Math.abs(a), Math.abs(b));
}

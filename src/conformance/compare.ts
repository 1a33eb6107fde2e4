/**
 * The comparer (docs/conformance.md): an output agrees with the float64 reference when
 * |got − expected| ≤ absTol + relTol·|expected|.
 */
import { ABS_TOL_FLOAT64, REL_TOL_FLOAT64 } from '../core/tolerances.js';

/** The two tolerances of the comparison. */
export interface Tolerance {
  /** Absolute part, >= 0. */
  readonly absTol: number;
  /** Relative part (a multiple of |expected|), >= 0. */
  readonly relTol: number;
}

/** Default tolerance: two float64 evaluations of the same model in different loop orders. */
export const DEFAULT_TOLERANCE: Tolerance = { absTol: ABS_TOL_FLOAT64, relTol: REL_TOL_FLOAT64 };

/** The outcome of comparing one batch. */
export interface Comparison {
  /** Every output agrees. */
  readonly ok: boolean;
  /** Index of the input with the largest error ratio (the worst one; 0 for a batch that agrees exactly). */
  readonly worst: number;
  /** |got − expected| / (absTol + relTol·|expected|) at `worst`: > 1 means a disagreement. */
  readonly worstRatio: number;
  /** Largest |got − expected| of the batch. */
  readonly maxAbsError: number;
}

/** |got − expected| over the allowed error; Infinity when the allowance is 0 and they differ. */
export function errorRatio(expected: number, got: number, tol: Tolerance): number {
  const diff = Math.abs(got - expected);
  if (diff === 0) return 0;
  return diff / (tol.absTol + tol.relTol * Math.abs(expected));
}

/**
 * Compare a batch of outputs with the reference's.
 * @param expected - reference outputs f(b).
 * @param got - the program's outputs, same length (the protocol checked it).
 * @param tol - absTol and relTol.
 */
export function compareOutputs(expected: readonly number[], got: readonly number[], tol: Tolerance): Comparison {
  let worst = 0;
  let worstRatio = 0;
  let maxAbsError = 0;
  for (let i = 0; i < expected.length; i++) {
    const r = errorRatio(expected[i], got[i], tol);
    maxAbsError = Math.max(maxAbsError, Math.abs(got[i] - expected[i]));
    if (r > worstRatio) {
      worstRatio = r;
      worst = i;
    }
  }
  return { ok: worstRatio <= 1, worst, worstRatio, maxAbsError };
}

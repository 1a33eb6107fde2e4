/**
 * Sample-size inversion (proofs-notes/alg-sample-size-inversion.md): the least integer m with
 * gap(m) ≤ target for a non-increasing gap, by doubling then bisection on integers.
 */
import { requirePositive } from '../core/validate.js';

/** Result id of this module: proofs-notes/alg-sample-size-inversion.md. */
export const SAMPLE_SIZE_ID = 'alg-sample-size-inversion';

/** Largest m tried (2^50; alg-sample-size-inversion); beyond it the answer is Infinity. */
export const SAMPLE_SIZE_CAP = 2 ** 50;

/**
 * Least m ≥ 1 with gap(m) ≤ target, assuming gap non-increasing (alg-sample-size-inversion);
 * Infinity when gap(2^50) > target. Uses O(log m) evaluations.
 * @param gap - m ↦ the bound's gap at sample size m.
 * @param target - the gap to reach, a finite number > 0.
 * @throws DomainError when target is not a finite number > 0.
 */
export function invertSampleSize(gap: (m: number) => number, target: number): number {
  requirePositive('invertSampleSize', 'target', target);
  if (gap(1) <= target) return 1;
  let hi = 2;
  while (gap(hi) > target) {
    if (hi >= SAMPLE_SIZE_CAP) return Infinity;
    hi *= 2;
  }
  let lo = hi / 2; // gap(lo) > target, gap(hi) <= target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (gap(mid) <= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

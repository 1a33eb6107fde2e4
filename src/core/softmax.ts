/**
 * Numerically stable softmax and log-sum-exp. Scores are shifted by their maximum, so inputs up to
 * 1e300 in magnitude never overflow; the result always sums to 1 up to rounding.
 */
import { requireAllFinite } from './validate.js';
import { domainError } from './errors.js';

/** log Σ_i exp(u_i), computed as max + log Σ exp(u_i − max). Throws on empty or non-finite input. */
export function logSumExp(u: ArrayLike<number>): number {
  if (u.length === 0) throw domainError('logSumExp', 'u', 'non-empty', '[]');
  requireAllFinite('logSumExp', 'u', u);
  let max = -Infinity;
  for (let i = 0; i < u.length; i++) if (u[i] > max) max = u[i];
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += Math.exp(u[i] - max);
  return max + Math.log(sum);
}

/** softmax(u)_i = exp(u_i) / Σ_j exp(u_j), stable. Returns a new Float64Array; the input is not mutated. */
export function softmax(u: ArrayLike<number>): Float64Array {
  if (u.length === 0) throw domainError('softmax', 'u', 'non-empty', '[]');
  requireAllFinite('softmax', 'u', u);
  let max = -Infinity;
  for (let i = 0; i < u.length; i++) if (u[i] > max) max = u[i];
  const out = new Float64Array(u.length);
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const e = Math.exp(u[i] - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < u.length; i++) out[i] /= sum;
  return out;
}

/** Id of the softmax stability lemma (shift invariance, no overflow): proofs-notes/lem-softmax-stability.md. */
export const SOFTMAX_STABILITY_ID = 'lem-softmax-stability';

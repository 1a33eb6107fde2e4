/**
 * One attention head with an arbitrary query z (DIGEST §2):
 *   s_u = x_uᵀ W_QK z  (u = 0..T, the [CLS] row included),  a = softmax(s),
 *   f_head(X, z) = σ(W_Vᵀ Xᵀ a) ∈ R^k.
 * Computed as q = W_QK z (d), s = X q (T+1), v = Xᵀ a (d), out = σ(W_Vᵀ v): O(T·d + d²), 2-D only.
 */
import { matVec, vecMat, type Matrix } from '../core/matrix.js';
import { softmax } from '../core/softmax.js';
import { shapeError } from '../core/errors.js';
import { applyActivationInPlace } from './activations.js';
import type { AttentionHead } from './types.js';

/** Everything a head computes for one query. */
export interface HeadTrace {
  /** s ∈ R^{T+1}. */
  readonly scores: Float64Array;
  /** a = softmax(s) ∈ Δ^{T}. */
  readonly attention: Float64Array;
  /** Xᵀ a ∈ R^d (attention-weighted input). */
  readonly mixed: Float64Array;
  /** σ(W_Vᵀ Xᵀ a) ∈ R^k. */
  readonly output: Float64Array;
}

/** Run a head on X ((T+1)×d) with query z (d). */
export function headForwardTrace(head: AttentionHead, X: Matrix, z: ArrayLike<number>): HeadTrace {
  if (z.length !== head.wQK.cols) throw shapeError('headForward', `query must have length d = ${head.wQK.cols}`, String(z.length));
  if (X.cols !== head.wQK.rows) throw shapeError('headForward', `X must have d = ${head.wQK.rows} columns`, String(X.cols));
  const q = matVec(head.wQK, z); // (d) = W_QK z
  const scores = matVec(X, q); // (T+1) s_u = x_uᵀ W_QK z
  const attention = softmax(scores); // (T+1)
  const mixed = vecMat(attention, X); // (d) Xᵀ a
  const output = vecMat(mixed, head.wV); // (k) W_Vᵀ Xᵀ a
  applyActivationInPlace(head.activation, output);
  return { scores, attention, mixed, output };
}

/** f_head(X, z) ∈ R^k. */
export function headForward(head: AttentionHead, X: Matrix, z: ArrayLike<number>): Float64Array {
  return headForwardTrace(head, X, z).output;
}

/**
 * The symmetric sparse head (con-symmetric-sparse-head): uniform attention on the support I
 * (r_j = R for every j), head output v = A·(number of ones on I) + background leak, and a ReLU readout
 * through the s + 1 levels; norms poly(s), T only through R = O(log T). Built by sparse-head.ts.
 */
import { buildSparseHead, type SparseHead } from './sparse-head.js';
import type { BooleanTarget } from '../model/types.js';
import type { CodeKind } from './scales.js';

/** Proof-note id: proofs-notes/con-symmetric-sparse-head.md. */
export const SYMMETRIC_SPARSE_HEAD_ID = 'con-symmetric-sparse-head';

/**
 * Build the symmetric sparse head for a target whose label depends only on the number of ones on I:
 * uniform support scores R, norms poly(s) (con-symmetric-sparse-head).
 * @param target - the Boolean target, support I of size s, symmetric table.
 * @param contextLength - T.
 * @param opts - codes (one-hot or compact), margin γ > 0, first code seed.
 * @throws DomainError for a non-symmetric table or bad input; AttnTheoryError when no code seed passes
 *   (see buildSparseHead).
 */
export function buildSymmetricSparseHead(target: BooleanTarget, contextLength: number, opts: { codes: CodeKind; margin: number; codeSeed?: number }): SparseHead {
  return buildSparseHead(target, contextLength, { ...opts, family: 'symmetric' });
}

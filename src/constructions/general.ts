/**
 * The general sparse head (con-general-sparse-head): geometric support scores r_j = R + (s−1−j) ln 2,
 * so the attention weight of the j-th support position is 2^{s−1−j}·A and the head output encodes the
 * truth-table row index k in binary, v = A·k + background leak; a ReLU readout through the 2^s levels.
 * Norms 2^{O(s)}, T only through R = O(log T). Built by sparse-head.ts.
 */
import { buildSparseHead, type SparseHead } from './sparse-head.js';
import type { BooleanTarget } from '../model/types.js';
import type { CodeKind } from './scales.js';

/** Proof-note id: proofs-notes/con-general-sparse-head.md. */
export const GENERAL_SPARSE_HEAD_ID = 'con-general-sparse-head';

/**
 * Build the general sparse head for any truth table: support scores R + (s−1−j) ln 2, norms 2^{O(s)}
 * (con-general-sparse-head).
 * @param target - the Boolean target, support I of size s.
 * @param contextLength - T.
 * @param opts - codes (one-hot or compact), margin γ > 0, first code seed.
 * @throws DomainError for bad input; AttnTheoryError when no code seed passes (see buildSparseHead).
 */
export function buildGeneralSparseHead(target: BooleanTarget, contextLength: number, opts: { codes: CodeKind; margin: number; codeSeed?: number }): SparseHead {
  return buildSparseHead(target, contextLength, { ...opts, family: 'general' });
}

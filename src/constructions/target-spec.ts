/**
 * The target SPEC syntax of `attn-theory certify --target` (def-sparse-boolean-targets):
 *   SPEC := FN '@' POSITIONS,   FN := parity | and | or | majority | threshold:K | table:BITS,
 *   POSITIONS := i_1,i_2,...,i_s (1-based, distinct, in 1..T; s is their number; order matters for
 *   table:BITS: i_1 is the most significant bit of the row index).
 * Examples: `parity@3,7,9`, `threshold:2@1,2,5`, `table:0110@2,5`.
 */
import { domainError } from '../core/errors.js';
import type { BooleanTarget } from '../model/types.js';
import { makeTarget } from './targets.js';

/**
 * Proof-note id (the SPEC syntax is defined with the targets):
 * proofs-notes/def-sparse-boolean-targets.md.
 */
export const TARGET_SPEC_ID = 'def-sparse-boolean-targets';

/**
 * Parse a SPEC such as `parity@3,7,9` into a BooleanTarget for context length T (def-sparse-boolean-targets).
 * @param spec - FN@i_1,...,i_s; s is the number of positions.
 * @param contextLength - T.
 * @throws DomainError (`parseTargetSpec: spec must be ...`) for a
 * missing '@', bad positions, or any makeTarget failure (unknown fn, wrong table length, ...).
 */
export function parseTargetSpec(spec: string, contextLength: number): BooleanTarget {
  const fn = 'parseTargetSpec';
  if (typeof spec !== 'string') throw domainError(fn, 'spec', 'a string FN@i,j,...', spec);
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1) throw domainError(fn, 'spec', 'of the form FN@i,j,... (e.g. parity@3,7,9 or table:0110@2,5)', spec);
  const name = spec.slice(0, at);
  const parts = spec.slice(at + 1).split(',');
  const support = parts.map((p) => (/^\d+$/.test(p.trim()) ? Number(p.trim()) : NaN));
  if (support.some((x) => !Number.isSafeInteger(x))) throw domainError(fn, 'spec', 'FN@ followed by comma-separated positive integers', spec);
  return makeTarget({ fn: name as never, contextLength, sparsity: support.length, support });
}

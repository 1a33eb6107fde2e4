/**
 * Evaluate a Boolean target stored as (support, truth table): label(b) ∈ {−1, +1}
 * (convention in model/types.ts and proofs-notes/notation.md).
 */
import { domainError } from '../core/errors.js';
import type { BooleanTarget } from './types.js';

/** Index k = Σ_j b_{I[j]} 2^{s−1−j} of the truth-table row selected by b. */
export function targetIndex(target: BooleanTarget, bits: ArrayLike<number>): number {
  let k = 0;
  for (const p of target.support) k = k * 2 + (bits[p - 1] ? 1 : 0);
  return k;
}

/**
 * The label y(b) ∈ {±1} of a Boolean target: +1 if table[κ(b)] = '1', else −1 (def-sparse-boolean-targets).
 * @param target - a checked target (checkTarget).
 * @param bits - b, length ≥ max support position; bits[t−1] is b_t (not re-checked).
 */
export function targetLabel(target: BooleanTarget, bits: ArrayLike<number>): 1 | -1 {
  return target.table.charCodeAt(targetIndex(target, bits)) === 49 ? 1 : -1;
}

/**
 * Check a target against T: support non-empty, at most 30 distinct positions in 1..T, table of 2^s
 * characters '0'/'1' (def-sparse-boolean-targets).
 * @param fn - function name at the head of the message.
 * @param param - parameter name in the message (e.g. "target").
 * @param contextLength - T.
 * @throws DomainError `fn: param.support|param.table must be ... (got ...)`.
 */
export function checkTarget(fn: string, param: string, target: BooleanTarget, contextLength: number): void {
  const s = target.support.length;
  if (s < 1) throw domainError(fn, `${param}.support`, 'non-empty', target.support);
  if (s > 30) throw domainError(fn, `${param}.support`, 'of size at most 30', s);
  const seen = new Set<number>();
  for (const p of target.support) {
    if (!Number.isSafeInteger(p) || p < 1 || p > contextLength) throw domainError(fn, `${param}.support`, `positions in 1..${contextLength}`, p);
    if (seen.has(p)) throw domainError(fn, `${param}.support`, 'free of duplicates', p);
    seen.add(p);
  }
  if (target.table.length !== 2 ** s) throw domainError(fn, `${param}.table`, `of length 2^s = ${2 ** s}`, `length ${target.table.length}`);
  if (!/^[01]+$/.test(target.table)) throw domainError(fn, `${param}.table`, "made of '0' and '1'", target.table);
}

/**
 * Boolean targets on a support I ⊂ {1..T}, |I| = s (def-sparse-boolean-targets): parity, AND, OR,
 * majority, threshold-k and any truth table, all stored as a truth table of 2^s bits in the order of
 * src/model/target.ts (row k = Σ_j b_{i_j} 2^{s−j}, the first support position most significant).
 * The reference evaluator is model/target.ts `targetLabel`; this file only builds tables.
 */
import { domainError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { checkTarget } from '../model/target.js';
import type { BooleanTarget } from '../model/types.js';

/** Proof-note id of the target definitions: proofs-notes/def-sparse-boolean-targets.md. */
export const SPARSE_TARGETS_ID = 'def-sparse-boolean-targets';

/** Largest sparsity s the toolkit builds (2^s-bit truth tables, 2^s-unit readouts). */
export const MAX_SPARSITY = 16;

/** Names of the target functions (`threshold:K` fires when at least K support bits are 1). */
export type TargetFn = 'parity' | 'and' | 'or' | 'majority' | `threshold:${number}` | `table:${string}`;

/** What a target is made from: function, T, s, optional 1-based support, optional seed for the support. */
export type TargetSpec = {
  /** The function of the support bits. */
  fn: TargetFn;
  /** T, an integer ≥ 1. */
  contextLength: number;
  /** s = |I|, an integer in 1..min(T, MAX_SPARSITY). */
  sparsity: number;
  /** I: s distinct 1-based positions in 1..T, order = bit significance; default seededSupport(T, s, seed). */
  support?: number[];
  /** Seed of the default support (a safe integer, default 0); ignored when support is given. */
  seed?: number;
};

/** Number of ones in k's binary expansion. */
export function popcount(k: number): number {
  let c = 0;
  while (k) {
    c += k & 1;
    k >>>= 1;
  }
  return c;
}

/**
 * Label, as '1' (+1) or '0' (−1), of a symmetric function at weight n (number of ones on I), or null
 * when fn is a truth table. majority fires when n > s/2 (ties, for even s, give −1); threshold:K when
 * n ≥ K. Throws DomainError for an unknown name or a threshold outside 0..s+1.
 */
export function symmetricLevelLabel(fnName: string, sparsity: number, n: number): '0' | '1' | null {
  if (fnName === 'parity') return n % 2 === 1 ? '1' : '0';
  if (fnName === 'and') return n === sparsity ? '1' : '0';
  if (fnName === 'or') return n >= 1 ? '1' : '0';
  if (fnName === 'majority') return 2 * n > sparsity ? '1' : '0';
  if (fnName.startsWith('threshold:')) {
    const raw = fnName.slice('threshold:'.length);
    const k = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(k) || k > sparsity + 1) throw domainError('makeTarget', 'fn', `threshold:K with K an integer in 0..s+1 = 0..${sparsity + 1}`, fnName);
    return n >= k ? '1' : '0';
  }
  if (fnName.startsWith('table:')) return null;
  throw domainError('makeTarget', 'fn', 'one of parity|and|or|majority|threshold:K|table:BITS', fnName);
}

/**
 * The truth table (2^s characters '0'/'1', row κ = Σ_j b_{i_j} 2^{s−j}) of fn on s variables; validates a
 * given `table:BITS` (def-sparse-boolean-targets).
 * @param fnName - a TargetFn spelling.
 * @param sparsity - s, an integer in 1..MAX_SPARSITY.
 * @throws DomainError (`makeTarget: ...`) for s out of range, an unknown name, a bad threshold, or a table
 *   of the wrong length or not made of 0/1.
 */
export function truthTable(fnName: string, sparsity: number): string {
  if (!Number.isSafeInteger(sparsity) || sparsity < 1 || sparsity > MAX_SPARSITY) {
    throw domainError('makeTarget', 'sparsity', `an integer in 1..${MAX_SPARSITY}`, sparsity);
  }
  if (fnName.startsWith('table:')) {
    const bits = fnName.slice('table:'.length);
    if (!/^[01]+$/.test(bits)) throw domainError('makeTarget', 'table', "made of '0' and '1'", bits);
    if (bits.length !== 2 ** sparsity) throw domainError('makeTarget', 'table', `of length 2^s = ${2 ** sparsity}`, `length ${bits.length}`);
    return bits;
  }
  symmetricLevelLabel(fnName, sparsity, 0); // validates the name
  let t = '';
  for (let k = 0; k < 2 ** sparsity; k++) t += symmetricLevelLabel(fnName, sparsity, popcount(k));
  return t;
}

/**
 * The labels of the s+1 weight levels when the table depends only on the number of ones (a symmetric
 * function), else null. levels[n] = '1' or '0' (def-sparse-boolean-targets; used by con-symmetric-sparse-head).
 * @param table - a truth table of 2^s characters (not re-checked).
 * @param sparsity - s.
 */
export function symmetricLevels(table: string, sparsity: number): string[] | null {
  const levels: (string | undefined)[] = new Array(sparsity + 1);
  for (let k = 0; k < table.length; k++) {
    const n = popcount(k);
    if (levels[n] === undefined) levels[n] = table[k];
    else if (levels[n] !== table[k]) return null;
  }
  return levels as string[];
}

/**
 * s distinct positions in 1..T drawn from the seeded stream createRng(seed) (Floyd's algorithm), sorted
 * increasingly (def-sparse-boolean-targets).
 * @param contextLength - T.
 * @param sparsity - s, at most T (not re-checked: makeTarget checks it).
 * @param seed - the stream's seed; the same seed always gives the same support.
 */
export function seededSupport(contextLength: number, sparsity: number, seed: number): number[] {
  const rng = createRng(seed);
  const chosen = new Set<number>();
  // Floyd's algorithm: s draws, no rejection loop.
  for (let j = contextLength - sparsity + 1; j <= contextLength; j++) {
    const t = rng.int(1, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Build a BooleanTarget from a spec (def-sparse-boolean-targets). The support defaults to a seeded random
 * one (seed 0 if none).
 * Throws DomainError (message names fn/sparsity/support/table) for s = 0, s > T, a support out of
 * range or with duplicates or of the wrong size, a table of the wrong length or not 0/1, an unknown fn.
 */
export function makeTarget(spec: TargetSpec): BooleanTarget {
  const T = spec.contextLength;
  const s = spec.sparsity;
  if (!Number.isSafeInteger(T) || T < 1) throw domainError('makeTarget', 'contextLength', 'an integer >= 1', T);
  if (!Number.isSafeInteger(s) || s < 1) throw domainError('makeTarget', 'sparsity', 'an integer >= 1', s);
  if (s > T) throw domainError('makeTarget', 'sparsity', `at most T = ${T}`, s);
  const table = truthTable(String(spec.fn), s);
  let support: number[];
  if (spec.support !== undefined) {
    if (spec.support.length !== s) throw domainError('makeTarget', 'support', `a list of s = ${s} positions`, spec.support);
    support = [...spec.support];
  } else {
    const seed = spec.seed ?? 0;
    if (!Number.isSafeInteger(seed)) throw domainError('makeTarget', 'seed', 'a safe integer', seed);
    support = seededSupport(T, s, seed);
  }
  const fnName = String(spec.fn);
  const target: BooleanTarget = { support, table, name: fnName.startsWith('table:') ? 'table' : fnName };
  checkTarget('makeTarget', 'target', target, T);
  return target;
}

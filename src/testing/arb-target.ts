/**
 * Shared arbitrary: a Boolean target (src/model/types.ts BooleanTarget) on a context of length T:
 * s distinct 1-based support positions (in random order: the order is the truth-table bit order) and a
 * random truth table of 2^s characters. Shrinks towards small supports and all-'0' tables.
 */
import fc from 'fast-check';
import type { BooleanTarget } from '../model/types.js';

/** Options of arbTarget. */
export interface ArbTargetOptions {
  /** Smallest support size s (default 1). */
  readonly minSparsity?: number;
  /** Largest support size s (default min(T, 4); at most 30 and at most T). */
  readonly maxSparsity?: number;
}

/** A random target on T positions. Throws RangeError when the sparsity range is empty or exceeds T. */
export function arbTarget(contextLength: number, opts: ArbTargetOptions = {}): fc.Arbitrary<BooleanTarget> {
  const lo = opts.minSparsity ?? 1;
  const hi = opts.maxSparsity ?? Math.min(contextLength, 4);
  if (!Number.isSafeInteger(contextLength) || contextLength < 1) throw new RangeError(`arbTarget: contextLength must be an integer >= 1 (got ${contextLength})`);
  if (!(Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && lo >= 1 && lo <= hi && hi <= Math.min(30, contextLength))) {
    throw new RangeError(`arbTarget: sparsity range must satisfy 1 <= min <= max <= min(30, T = ${contextLength}) (got ${lo}..${hi})`);
  }
  const positions = Array.from({ length: contextLength }, (_, i) => i + 1);
  return fc
    .shuffledSubarray(positions, { minLength: lo, maxLength: hi })
    .chain((support) =>
      fc.array(fc.constantFrom('0', '1'), { minLength: 2 ** support.length, maxLength: 2 ** support.length }).map((cells): BooleanTarget => ({ support, table: cells.join(''), name: 'random' })),
    );
}

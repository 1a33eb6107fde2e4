/**
 * checkTarget's guards (def-sparse-boolean-targets: support non-empty, at most 30 distinct positions in
 * 1..T, table of 2^s characters '0'/'1'), each called with the exact bad or boundary input; the error must
 * be a DomainError naming the function, the field and the value. s = 30 is allowed (its error, with a
 * short table, is about the table, not the support size); a non-integer position 1.5 is rejected even
 * though it is >= 1 and <= T. Targets the survivors of target.ts (guards removed, `>` -> `>=`, `||` -> `&&`).
 */
import { describe, expect, test } from 'vitest';
import { DomainError } from '../../../src/core/errors.js';
import { checkTarget, targetLabel } from '../../../src/model/target.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
function err(support: number[], table: string, T: number): string {
  try {
    checkTarget('fnX', 'tgt', { support, table }, T);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as Error).message;
  }
  return 'no error';
}

describe('checkTarget: each guard with its bad input', () => {
  test('valid targets pass', () => {
    expect(err([2], '01', 3)).toBe('no error');
    expect(err([3, 1], '0110', 3)).toBe('no error');
  });
  test('empty support', () => {
    expect(err([], '1', 3)).toBe('fnX: tgt.support must be non-empty (got [])');
  });
  test('more than 30 positions; exactly 30 is allowed', () => {
    expect(err(range(31), '0', 31)).toBe('fnX: tgt.support must be of size at most 30 (got 31)');
    expect(err(range(30), '0', 30)).toBe(`fnX: tgt.table must be of length 2^s = ${2 ** 30} (got "length 1")`);
  });
  test('positions outside 1..T or not integers', () => {
    expect(err([1.5], '01', 3)).toBe('fnX: tgt.support must be positions in 1..3 (got 1.5)');
    expect(err([0], '01', 3)).toBe('fnX: tgt.support must be positions in 1..3 (got 0)');
    expect(err([4], '01', 3)).toBe('fnX: tgt.support must be positions in 1..3 (got 4)');
    expect(err([2, 2], '0110', 3)).toBe('fnX: tgt.support must be free of duplicates (got 2)');
  });
  test('table of the wrong length or alphabet', () => {
    expect(err([1, 2], '011', 3)).toBe('fnX: tgt.table must be of length 2^s = 4 (got "length 3")');
    expect(err([1, 2], '0121', 3)).toBe(`fnX: tgt.table must be made of '0' and '1' (got "0121")`);
  });
  test('label: first support position is the most significant bit', () => {
    const t = { support: [3, 1], table: '0010' }; // '1' only at k = 2 = (b3, b1) = (1, 0)
    expect(targetLabel(t, [0, 0, 1])).toBe(1);
    expect(targetLabel(t, [1, 0, 0])).toBe(-1);
  });
});

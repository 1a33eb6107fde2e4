/**
 * addPositionRowInto adds row t of each block (def-reference-model): a dense block adds exactly its own
 * m.cols columns, even when the output row is wider (here a 2-column block into a row of 3: column 2
 * must stay as it was, not receive the next row's first entry); a sign-hash block adds ±scale with the
 * sign of signHash (recomputed here from the doc's formula). Targets the dense loop's bound (j <= m.cols).
 */
import { describe, expect, test } from 'vitest';
import { fromData } from '../../../src/core/matrix.js';
import { addPositionRowInto, positionRow, signHash } from '../../../src/model/position-codes.js';

describe('addPositionRowInto', () => {
  test('a dense block adds its own columns only', () => {
    const blocks = [{ kind: 'dense' as const, matrix: fromData(2, 2, Float64Array.of(1, 2, 3, 4)) }];
    expect([...positionRow(blocks, 0, 3)]).toEqual([1, 2, 0]);
    const out = Float64Array.of(10, 10, 10);
    addPositionRowInto(blocks, 1, out);
    expect([...out]).toEqual([13, 14, 10]);
  });
  test('sign-hash: ±scale at column + j, with signHash from the doc', () => {
    const fmix = (h0: number) => {
      let h = h0 >>> 0;
      h = (h ^ (h >>> 16)) >>> 0;
      h = Math.imul(h, 0x85ebca6b) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
      h = Math.imul(h, 0xc2b2ae35) >>> 0;
      return (h ^ (h >>> 16)) >>> 0;
    };
    const sign = (seed: number, t: number, j: number) => (fmix(fmix(t + 1) ^ Math.imul(j + 1, 0x9e3779b1) ^ seed) >>> 31 ? -1 : 1);
    const row = positionRow([{ kind: 'sign-hash', scale: 0.75, seed: 12345, column: 1, width: 3 }], 4, 5);
    expect([...row]).toEqual([0, 0.75 * sign(12345, 4, 0), 0.75 * sign(12345, 4, 1), 0.75 * sign(12345, 4, 2), 0]);
    for (let j = 0; j < 3; j++) expect(signHash(12345, 4, j)).toBe(sign(12345, 4, j));
  });
});

/**
 * parseBits and embed's guards (def-reference-model: b ∈ {0,1}^T, character t−1 is b_t; X row 0 = x_0,
 * row t = E_tok[b_t] + E_pos[t]). parseBits against the string read by hand (with and without a required
 * length; bad characters and lengths rejected naming the function and value); embed with bits of the
 * wrong length (ShapeError) and an entry 2 (DomainError), and X against a naive row-by-row evaluation.
 * Targets the survivors of embed.ts (parseBits uncovered, its `typeof` test: 101 as a number; embed's two
 * guards removed).
 */
import { describe, expect, test } from 'vitest';
import { DomainError, ShapeError } from '../../../src/core/errors.js';
import { fromData } from '../../../src/core/matrix.js';
import { embed, parseBits } from '../../../src/model/embed.js';
import type { Embedding } from '../../../src/model/types.js';

function thrown(f: () => unknown): Error | null {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
}

describe('parseBits', () => {
  test('reads each character as its bit', () => {
    expect([...parseBits('f', 'p', '0110')]).toEqual([0, 1, 1, 0]);
    expect([...parseBits('f', 'p', '1', 1)]).toEqual([1]);
    expect([...parseBits('f', 'p', '10011', 5)]).toEqual([1, 0, 0, 1, 1]);
  });
  test('rejects other characters, the empty string and non-strings', () => {
    for (const s of ['012', '', 'ab', ' 01']) {
      const e = thrown(() => parseBits('fnB', 'bits', s));
      expect(e).toBeInstanceOf(DomainError);
      expect(e?.message).toBe(`fnB: bits must be a non-empty string of '0' and '1' (got ${JSON.stringify(s)})`);
    }
    const e = thrown(() => parseBits('fnB', 'bits', 5 as unknown as string));
    expect(e?.message).toBe("fnB: bits must be a non-empty string of '0' and '1' (got 5)");
    // A number whose decimal form is a bit string is still not a string (the regex alone would pass it).
    const n = thrown(() => parseBits('fnB', 'bits', 101 as unknown as string));
    expect(n).toBeInstanceOf(DomainError);
    expect(n?.message).toBe("fnB: bits must be a non-empty string of '0' and '1' (got 101)");
  });
  test('rejects the wrong length only when a length is required', () => {
    const e = thrown(() => parseBits('fnB', 'bits', '011', 4));
    expect(e).toBeInstanceOf(DomainError);
    expect(e?.message).toBe('fnB: bits must be of length T = 4 (got "length 3")');
    expect(thrown(() => parseBits('fnB', 'bits', '011', 3))).toBeNull();
    expect(thrown(() => parseBits('fnB', 'bits', '011'))).toBeNull();
  });
});

// d = 2, T = 3: E_tok rows (1, 2) and (−3, 5); a dense position block; x_0 = (7, −1).
const EMB: Embedding = {
  token: fromData(2, 2, Float64Array.of(1, 2, -3, 5)),
  position: [{ kind: 'dense', matrix: fromData(3, 2, Float64Array.of(10, 20, 30, 40, 50, 60)) }],
  cls: Float64Array.of(7, -1),
};

describe('embed', () => {
  test('X against a naive evaluation', () => {
    const bits = [1, 0, 1];
    const X = embed(EMB, 3, bits);
    const want = [[7, -1]];
    const tok = [
      [1, 2],
      [-3, 5],
    ];
    const pos = [
      [10, 20],
      [30, 40],
      [50, 60],
    ];
    for (let t = 0; t < 3; t++) want.push([tok[bits[t]][0] + pos[t][0], tok[bits[t]][1] + pos[t][1]]);
    expect([X.rows, X.cols]).toEqual([4, 2]);
    expect([...X.data]).toEqual(want.flat());
  });
  test('bits of the wrong length: ShapeError naming embed and the length', () => {
    const e = thrown(() => embed(EMB, 3, [1, 0]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e?.message).toBe('embed: bits must have length T = 3 (got 2)');
  });
  test('an entry other than 0/1: DomainError naming embed, the index and the value', () => {
    const e = thrown(() => embed(EMB, 3, [0, 2, 1]));
    expect(e).toBeInstanceOf(DomainError);
    expect(e?.message).toBe('embed: bits[1] must be 0 or 1 (got 2)');
  });
});

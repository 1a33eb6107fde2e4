/**
 * headForwardTrace's shape guards (query of length d, X with d columns), called with the exact bad input:
 * the error names headForward and the length (not matVec's). Plus the head's value on a 2-row X against
 * a naive softmax written from def-reference-model. Targets the two surviving guards of head.ts.
 */
import { describe, expect, test } from 'vitest';
import { ShapeError } from '../../../src/core/errors.js';
import { fromData } from '../../../src/core/matrix.js';
import { headForwardTrace } from '../../../src/model/head.js';
import type { AttentionHead } from '../../../src/model/types.js';

const TOL = 1e-14;
function thrown(f: () => unknown): Error | null {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
}

// d = 2, k = 1: W_QK = diag(1, 2), W_V = (1, −1)ᵀ.
const HEAD: AttentionHead = { wQK: fromData(2, 2, Float64Array.of(1, 0, 0, 2)), wV: fromData(2, 1, Float64Array.of(1, -1)), activation: 'identity' };

describe('headForwardTrace', () => {
  test('value against a naive softmax', () => {
    const X = fromData(2, 2, Float64Array.of(1, 0, 0, 1));
    const z = [0.5, 1];
    const s = [1 * 0.5, 2 * 1]; // x_uᵀ W_QK z
    const e = s.map(Math.exp);
    const a = e.map((x) => x / (e[0] + e[1]));
    const want = a[0] * 1 + a[1] * -1;
    expect(Math.abs(headForwardTrace(HEAD, X, z).output[0] - want)).toBeLessThan(TOL);
  });
  test('query of the wrong length', () => {
    const e = thrown(() => headForwardTrace(HEAD, fromData(2, 2, new Float64Array(4)), [1, 2, 3]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e?.message).toBe('headForward: query must have length d = 2 (got 3)');
  });
  test('X with the wrong number of columns', () => {
    const e = thrown(() => headForwardTrace(HEAD, fromData(2, 3, new Float64Array(6)), [1, 2]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e?.message).toBe('headForward: X must have d = 2 columns (got 3)');
  });
});

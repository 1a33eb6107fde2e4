/** Worked examples for src/core/norms.ts (lem-norm-chain), including the tiny-scale SVD regression. */
import { describe, expect, test } from 'vitest';
import { fromRows } from '../../src/core/matrix.js';
import { spectralNorm, frobeniusNorm, groupNormColumns, groupNormRows, maxRowNorm, maxColumnNorm, entrywiseL1, singularValues, l2 } from '../../src/core/norms.js';

describe('norms on a worked example', () => {
  // A = [[3, 0], [4, 5]]: columns (3,4) and (0,5), rows (3,0) and (4,5).
  const A = fromRows([
    [3, 0],
    [4, 5],
  ]);
  test('group norms in both conventions', () => {
    expect(groupNormColumns(A)).toBe(5 + 5);
    expect(groupNormRows(A)).toBeCloseTo(3 + Math.sqrt(41), 14);
  });
  test('Frobenius, spectral, row/column maxima, entrywise ℓ1', () => {
    expect(frobeniusNorm(A)).toBeCloseTo(Math.sqrt(50), 14);
    // AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
    expect(spectralNorm(A)).toBeCloseTo(Math.sqrt(45), 13);
    expect(singularValues(A)[1]).toBeCloseTo(Math.sqrt(5), 13);
    expect(maxRowNorm(A)).toBeCloseTo(Math.sqrt(41), 14);
    expect(maxColumnNorm(A)).toBe(5);
    expect(entrywiseL1(A)).toBe(12);
  });
  test('l2 neither overflows nor underflows', () => {
    expect(l2([3e200, 4e200])).toBeCloseTo(5e200, -186);
    expect(l2([3e-200, 4e-200]) / 5e-200).toBeCloseTo(1, 14);
  });
  test('regression: spectral norm is right at scale 1e-300 (ml-matrix SVD alone returned 9.47e-300 here)', () => {
    // The counterexample fast-check found (lem-norm-chain, power iteration): true ‖B‖₂ = 8.47e-300 (1 + O(1e-48)).
    const B = fromRows([
      [-5e-324, 0],
      [5e-324, 8.47e-300],
    ]);
    expect(spectralNorm(B) / 8.47e-300).toBeCloseTo(1, 12);
    for (const s of [1e-300, 1, 1e300])
      expect(
        spectralNorm(
          fromRows([
            [3 * s, 0],
            [4 * s, 5 * s],
          ]),
        ) / s,
      ).toBeCloseTo(Math.sqrt(45), 12);
  });
  test('zero and empty matrices', () => {
    expect(spectralNorm(fromRows([[0, 0]]))).toBe(0);
    expect(singularValues(fromRows([]))).toEqual([]);
  });
});

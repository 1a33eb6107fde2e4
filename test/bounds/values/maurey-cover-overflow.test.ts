/**
 * maureyLogCovering (src/bounds/maurey-cover.ts, lem-maurey-l2-cover) refuses a²b̄²/ε̄² that overflows float64
 * (its documented DomainError) instead of returning ln N = +Infinity, while a ratio just inside float64 is
 * still evaluated (targets the removal of the overflow check).
 */
import { describe, expect, test } from 'vitest';
import { maureyLogCovering } from '../../../src/bounds/maurey-cover.js';

describe('maureyLogCovering overflow', () => {
  test('a b̄/ε̄ = 1e200: (ab̄/ε̄)² overflows and is refused, naming the function', () => {
    expect(() => maureyLogCovering({ groupBudget: 1e100, pointNorm: 1e50, eps: 1e-50, inputDim: 2, outputDim: 3 })).toThrow(/^maureyLogCovering: a²b²\/ε² must be finite/);
    // (1e150)² = 1e300 is finite: ⌈1e300⌉ ln 12.
    expect(maureyLogCovering({ groupBudget: 1e100, pointNorm: 1e25, eps: 1e-25, inputDim: 2, outputDim: 3 })).toBeCloseTo(1e300 * Math.log(12), -290);
  });
});

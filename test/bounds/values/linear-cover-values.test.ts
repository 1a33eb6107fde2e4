/**
 * linear-cover.ts against independent evaluations (lem-linear-linf-cover, lem-multiset-centres):
 * - logMultisetCount(N, M) = ln C(N + M, M) computed exactly with BigInt for M ≤ 64 (the boundary M = 64
 *   included), Robbins' bound as written in the note for M > 64 (and it lies above the exact value), the
 *   cap M ln(N + 1), 0 for M ≤ 0;
 * - linearLogCovering / matrixLogCovering = (⌈κa²b²/ε²⌉ − 1)₊ ln(2n + 1) (lifted: n·p points, ε/√p);
 * - the guards: mistakeBound's overflow error, the point-count error for 0, 0.5, NaN, ±Infinity, non-numbers;
 * - runMistakeBoundCover on instances small enough to run by hand: strict `> ε` test, the maxUpdates stop,
 *   the reported maxError = max_i |⟨ŵ − w*, x_i⟩| recomputed from the returned centre.
 * The property files check that the cover is valid; these pin the numbers and the error branches.
 */
import { describe, expect, test } from 'vitest';
import { linearLogCovering, logMultisetCount, matrixLogCovering, mistakeBound, runMistakeBoundCover } from '../../../src/bounds/linear-cover.js';
import { lnBinomial } from './ln-binomial.js';

/** Relative tolerance of a second float evaluation (the code raises by 1e-12 on top of this). */
const REL = 1e-11;

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want) + 1e-14);

/** Robbins' upper bound as the note writes it (the quotient form is fine at these sizes). */
const robbins = (N: number, M: number) => N * Math.log1p(M / N) + M * Math.log1p(N / M) + 0.5 * Math.log((N + M) / (2 * Math.PI * N * M)) + 1 / (12 * (N + M));

describe('logMultisetCount', () => {
  test('M ≤ 64: the exact ln C(N + M, M) (raised by 1e-12), including M = 1, 17 and the boundary 64', () => {
    // M = 1: C(N + 1, 1) = N + 1, the cap itself.
    expect(logMultisetCount(10, 1)).toBe(Math.log(11));
    for (const [N, M] of [
      [10, 2],
      [10, 17],
      [3, 64],
      [200, 64],
      [7, 40],
    ]) {
      const exact = lnBinomial(N, M);
      expect(exact).toBeLessThan(M * Math.log(N + 1));
      close(logMultisetCount(N, M), exact * (1 + 1e-12));
    }
  });
  test('M > 64: Robbins’ bound of the note, above the exact value and below the cap', () => {
    for (const [N, M] of [
      [50, 100],
      [3, 65],
      [1000, 300],
      [20, 5000],
    ]) {
      const r = robbins(N, M);
      const exact = lnBinomial(N, M);
      expect(r).toBeGreaterThan(exact);
      expect(r).toBeLessThan(M * Math.log(N + 1));
      close(logMultisetCount(N, M), r * (1 + 1e-12));
      expect(logMultisetCount(N, M)).toBeGreaterThanOrEqual(exact);
    }
  });
  test('capped by M ln(N + 1) (where Robbins’ bound exceeds it: N small, M large is not it; N = 1 gives exactness)', () => {
    // N = 1: C(1 + M, M) = M + 1 and M ln 2 ≥ ln(M + 1), equality at M = 1: the cap is the value there.
    close(logMultisetCount(1, 1), Math.log(2));
    expect(logMultisetCount(1, 1)).toBeLessThanOrEqual(Math.log(2));
  });
  test('M ≤ 0 counts only the empty multiset: 0', () => {
    expect(logMultisetCount(10, 0)).toBe(0);
    expect(logMultisetCount(10, -1)).toBe(0);
    expect(logMultisetCount(10, -100)).toBe(0);
    // N = 2n overflows to +Infinity once n > ~9e307 (points may be any finite number ≥ 1): still 0, not 0·∞ = NaN.
    expect(logMultisetCount(Infinity, 0)).toBe(0);
    expect(linearLogCovering({ weightNorm: 0.5, pointNorm: 0.5, points: 1e308, eps: 0.3 }, 1, true)).toBe(0);
  });
});

describe('linearLogCovering / matrixLogCovering', () => {
  test('M ln(2n + 1) with M = ⌈κa²b²/ε²⌉ − 1, and the multiset count', () => {
    // a b / ε = 1.7·1.3/0.37 = 5.9729…, squared 35.675…: M = 35.
    expect(mistakeBound(1.7, 1.3, 0.37)).toBe(35);
    close(linearLogCovering({ weightNorm: 1.7, pointNorm: 1.3, points: 6, eps: 0.37 }), 35 * Math.log(13));
    close(linearLogCovering({ weightNorm: 1.7, pointNorm: 1.3, points: 6, eps: 0.37 }, 0.5), 17 * Math.log(13));
    close(linearLogCovering({ weightNorm: 1.7, pointNorm: 1.3, points: 6, eps: 0.37 }, 1, true), lnBinomial(12, 35) * (1 + 1e-12));
    // Lifted: p = 3 outputs, n·p = 18 points at ε/√3: M = ⌈3·35.675…⌉ − 1 = 107.
    expect(mistakeBound(1.7, 1.3, 0.37 / Math.sqrt(3))).toBe(107);
    close(matrixLogCovering({ weightNorm: 1.7, pointNorm: 1.3, points: 6, outputDim: 3, eps: 0.37 }), 107 * Math.log(37));
    // a b ≤ ε: M = 0, the zero map covers.
    expect(linearLogCovering({ weightNorm: 0.5, pointNorm: 0.5, points: 6, eps: 0.3 })).toBe(0);
  });
  test('mistakeBound: a²b²/ε² overflowing float64 is an error naming the function, not M = Infinity', () => {
    expect(() => mistakeBound(1e200, 1e200, 1e-200)).toThrow(/^mistakeBound: a²b²\/ε² must be finite \(got Infinity\)$/);
  });
  test('points must be a finite number ≥ 1 (may exceed 2^53)', () => {
    for (const n of [0, 0.5, -3, Number.NaN, Infinity, -Infinity]) {
      expect(() => linearLogCovering({ weightNorm: 1, pointNorm: 1, points: n, eps: 0.3 })).toThrow(/^linearLogCovering: points must be a finite number >= 1/);
      expect(() => matrixLogCovering({ weightNorm: 1, pointNorm: 1, points: n, outputDim: 2, eps: 0.3 })).toThrow(/^matrixLogCovering: points must be a finite number >= 1/);
    }
    expect(() => linearLogCovering({ weightNorm: 1, pointNorm: 1, points: '5' as unknown as number, eps: 0.3 })).toThrow(/^linearLogCovering: points must be a finite number >= 1/);
    close(linearLogCovering({ weightNorm: 1, pointNorm: 1, points: 2 ** 60, eps: 0.3 }), 11 * Math.log(2 ** 61 + 1));
    close(linearLogCovering({ weightNorm: 1, pointNorm: 1, points: 1, eps: 0.3 }), 11 * Math.log(3));
  });
});

describe('runMistakeBoundCover by hand', () => {
  test('|⟨w_0 − w*, x⟩| = ε exactly is not an update (strict > ε)', () => {
    // x = (1), w* = (0.5), ε = 0.5: the residual of w_0 = 0 is −0.5, exactly ε.
    const r = runMistakeBoundCover([Float64Array.of(1)], Float64Array.of(0.5), 0.5, 1);
    expect(r.updates).toEqual([]);
    expect(Array.from(r.centre)).toEqual([0]);
    expect(r.maxError).toBe(0.5);
  });
  test('one point, w* = 2.5 e_1, ε = 0.5, b = 1: η = 0.5, four updates of sign −1 (0 → 0.5 → 1 → 1.5 → 2)', () => {
    const r = runMistakeBoundCover([Float64Array.of(1, 0)], Float64Array.of(2.5, 0.25), 0.5, 1);
    expect(r.updates).toEqual([0, 1, 2, 3].map(() => ({ index: 0, sign: -1 })));
    expect(Array.from(r.centre)).toEqual([2, 0]);
    expect(r.maxError).toBe(0.5);
  });
  test('maxUpdates stops the encoder after exactly that many updates', () => {
    const r1 = runMistakeBoundCover([Float64Array.of(1, 0)], Float64Array.of(2.5, 0.25), 0.5, 1, 1);
    expect(r1.updates).toHaveLength(1);
    expect(Array.from(r1.centre)).toEqual([0.5, 0]);
    expect(r1.maxError).toBe(2);
    const r2 = runMistakeBoundCover([Float64Array.of(1, 0)], Float64Array.of(2.5, 0.25), 0.5, 1, 2);
    expect(r2.updates).toHaveLength(2);
  });
  test('two points: the least violated index first, signs from the residual, maxError the largest residual', () => {
    // x_1 = (1, 0), x_2 = (0, 1), w* = (−0.9, 0.3), ε = 0.4, b = 1, η = 0.4.
    // t=0: residual on x_1 = 0.9 > ε → w = (−0.4, 0); then 0.5 > ε → w = (−0.8, 0); 0.1 ≤ ε; x_2: −0.3, |·| ≤ ε.
    const r = runMistakeBoundCover([Float64Array.of(1, 0), Float64Array.of(0, 1)], Float64Array.of(-0.9, 0.3), 0.4, 1);
    expect(r.updates).toEqual([
      { index: 0, sign: 1 },
      { index: 0, sign: 1 },
    ]);
    close(r.centre[0], -0.8);
    expect(r.centre[1]).toBe(0);
    // max(|−0.8 + 0.9|, |0 − 0.3|) = 0.3: the larger of the two, not the smaller.
    close(r.maxError, 0.3);
  });
});

/**
 * invertSampleSize (src/bounds/sample-size.ts, alg-sample-size-inversion) at its equality edges: the least
 * m ≥ 1 with gap(m) ≤ target, checked on gap(m) = 1/m whose answer is ⌈1/target⌉ by hand, with targets that
 * gap hits exactly at m = 1, at a power of two (the doubling's stop) and between powers (the bisection's
 * decision); and the cap: Infinity when gap(2^50) > target even if a larger m would do (targets `<=`/`<`,
 * `>`/`>=` and `>=`/`>` mutants of the three comparisons).
 */
import { describe, expect, test } from 'vitest';
import { SAMPLE_SIZE_CAP, invertSampleSize } from '../../../src/bounds/sample-size.js';

describe('invertSampleSize: least m with gap(m) <= target', () => {
  const gap = (m: number) => 1 / m;
  test('gap hit exactly: at m = 1, at a power of two, between powers', () => {
    expect(invertSampleSize(gap, 1)).toBe(1);
    expect(invertSampleSize(gap, 1 / 8)).toBe(8);
    expect(invertSampleSize(gap, 1 / 6)).toBe(6);
    expect(invertSampleSize(gap, 1 / 1000)).toBe(1000);
    // Not hit exactly: ⌈1/target⌉.
    expect(invertSampleSize(gap, 0.3)).toBe(4);
  });
  test('Infinity when gap(2^50) > target, whatever the gap beyond the cap', () => {
    expect(SAMPLE_SIZE_CAP).toBe(2 ** 50);
    const step = (m: number) => (m > SAMPLE_SIZE_CAP ? 0 : 1);
    expect(invertSampleSize(step, 0.5)).toBe(Infinity);
    const atCap = (m: number) => (m >= SAMPLE_SIZE_CAP ? 0 : 1);
    expect(invertSampleSize(atCap, 0.5)).toBe(SAMPLE_SIZE_CAP);
  });
});

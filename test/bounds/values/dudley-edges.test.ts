/**
 * dudleyRademacher (src/bounds/dudley.ts, lem-dudley-discrete, lem-dudley-pairs) at edges of its contract:
 * - F = 0 gives 0 without asking the cover anything (its radii F·2^{−k} would all be 0, outside (0, F]);
 * - levels stop at the first non-finite ln N: the cover is not asked below that radius;
 * - `levels` is the least M attaining the minimum: with ties at every level (chain constant 1, m = 1,
 *   ln N ≡ 1: F2^{−M} + (1 − 2^{−M}) = F exactly) it stays 0;
 * - the pairs form keeps Lemma 27.4's own form when that is smaller: for a table with ln N_1 large and the
 *   next levels small, √(ln N_k + ln N_{k−1}) exceeds √ln N_k and 6·Σ2^{−k}√ln N_k wins (a second evaluation
 *   of both sums).
 */
import { describe, expect, test } from 'vitest';
import { DUDLEY_CHAIN_CONSTANT, DUDLEY_PAIRS_CONSTANT, dudleyRademacher } from '../../../src/bounds/dudley.js';

/** Rounding allowance (relative). */
const REL = 1e-13;

describe('dudleyRademacher edges', () => {
  test('F = 0: value 0, the cover is never evaluated', () => {
    const cover = (eps: number) => {
      if (!(eps > 0)) throw new Error(`cover asked at radius ${eps}`);
      return 1;
    };
    expect(dudleyRademacher(cover, 0, 10)).toEqual({ value: 0, levels: 0 });
    expect(dudleyRademacher(cover, 0, 10, undefined, true)).toEqual({ value: 0, levels: 0 });
  });

  test('no radius below the first non-finite ln N is asked', () => {
    const asked: number[] = [];
    const cover = (eps: number) => {
      asked.push(eps);
      return eps < 0.3 ? Infinity : 2;
    };
    const r = dudleyRademacher(cover, 1, 100);
    expect(asked).toEqual([0.5, 0.25]);
    // M = 1: 1/2 + (6/10)·(1/2)·√2.
    expect(Math.abs(r.value - (0.5 + 0.6 * 0.5 * Math.SQRT2))).toBeLessThanOrEqual(REL);
  });

  test('ties at every level keep M = 0', () => {
    expect(dudleyRademacher(() => 1, 1, 1, 1)).toEqual({ value: 1, levels: 0 });
  });

  test('pairs form: the smaller of it and the classic form, level by level', () => {
    // ln N_1 = 400, ln N_k = 1 for k ≥ 2 (a table, not a covering number: the function accepts any).
    const lnN = (k: number) => (k === 1 ? 400 : 1);
    const cover = (eps: number) => lnN(Math.round(-Math.log2(eps)));
    const m = 1e6;
    let best = 1;
    let levels = 0;
    let pairs = 0;
    let classic = 0;
    for (let k = 1; k <= 60; k++) {
      pairs += 2 ** -k * Math.sqrt(lnN(k) + (k > 1 ? lnN(k - 1) : 0));
      classic += 2 ** -k * Math.sqrt(lnN(k));
      const v = 2 ** -k + (1 / Math.sqrt(m)) * Math.min(DUDLEY_PAIRS_CONSTANT * pairs, DUDLEY_CHAIN_CONSTANT * classic);
      if (v < best) {
        best = v;
        levels = k;
      }
    }
    // The classic form is the smaller one here (so the min matters).
    expect(DUDLEY_CHAIN_CONSTANT * (0.5 * 20 + 0.25 * 1)).toBeLessThan(DUDLEY_PAIRS_CONSTANT * (0.5 * 20 + 0.25 * Math.sqrt(401)));
    const r = dudleyRademacher(cover, 1, m, undefined, true);
    expect(r.levels).toBe(levels);
    expect(Math.abs(r.value - best)).toBeLessThanOrEqual(REL * best);
  });
});

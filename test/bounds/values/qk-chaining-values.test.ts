/**
 * qkOnlyRademacher (thm-qk-only-chaining) against a second evaluation of the note's statement: for every
 * r ∈ {√2, 2, 3, 4} and every M = 1..60 separately (no early stop),
 *   a [ B/√m + (1/√m) Σ_{k≤M} D_k (1 + √(2 ln P_k)) + min(2B, B c e_M) ],
 *   e_k = B_QK B² r^{−k},  D_k = min(2B, B c (e_k + e_{k−1})),  P_k = N_k N_{k−1} (pairs) or N_k²,
 * N_k the mistake-bound count of the m(T+1) score points (norm B²) at radius e_k (M ln(2n+1), or the multiset
 * count of lem-multiset-centres), the least of these and the trivial aB, ties kept at the first (r, M) tried.
 * The property file checks that the bound holds and never exceeds aB, which a loosened term keeps; this pins
 * the value, the level M and the ratio r, so `a*b -> a/b`, a dropped e_{k−1}, a swapped min/max, P_k = N_k
 * N_{k−1} vs N_k² and an off-by-one level cap fail. Budgets are distinct non-unit values (a = 0.8, B = 1.6,
 * c = 1.4, ...), both Massart forms and both counts, and budgets where D_k = 2B at the first levels (large
 * B_QK) as well as where it is B c (e_k + e_{k−1}). The degenerate inputs (a·B = 0, B_QK = 0, a W_QK budget so
 * small that the chain terms vanish below float64 resolution) check the documented early returns and the
 * stop rule.
 */
import { describe, expect, test } from 'vitest';
import { fc, test as ftest } from '../../helpers/fc-test.js';
import { QK_CHAIN_MEAN_TERM, QK_CHAIN_RATIOS, qkOnlyRademacher, type QkChainParams } from '../../../src/bounds/qk-chaining.js';
import { logMultisetCount } from '../../../src/bounds/linear-cover.js';

/** The level ratios of the note (r ∈ {√2, 2, 3, 4}). */
const NOTE_RATIOS = [Math.SQRT2, 2, 3, 4];
/** The note's cap on the number of levels (M ≤ 60). */
const NOTE_MAX_LEVELS = 60;

/**
 * ln N_k at radius e: M = max(0, ⌈(a b/e)²⌉ − 1) updates of the mistake bound on n points (lem-linear-linf-cover),
 * M ln(2n + 1), or ln C(2n + M, M) for multisets. a b / e is formed in the order the cover uses (a/e first,
 * then times b): q² = r^{2k} is an integer in exact arithmetic, so the ceiling depends on the rounding.
 */
function lnCount(Bqk: number, B: number, n: number, e: number, multiset: boolean): number {
  const q = (Bqk / e) * (B * B);
  const M = Math.max(0, Math.ceil(q * q) - 1);
  return multiset ? logMultisetCount(2 * n, M) : M * Math.log(2 * n + 1);
}

/** The bound at level M and ratio r, evaluated from scratch (the note's sum, level by level). */
function boundAt(p: QkChainParams, r: number, M: number): number {
  const { qkFrobenius: Bqk, linearNorm: a, rowNorm: B, sampleSize: m, softmaxConstant: c } = p;
  const one = p.meanTerm ?? 1;
  const n = m * (p.contextLength + 1);
  const e = (k: number) => Bqk * B * B * r ** -k;
  let sum = B / Math.sqrt(m);
  for (let k = 1; k <= M; k++) {
    const lnNk = lnCount(Bqk, B, n, e(k), p.multiset);
    const lnNprev = k === 1 ? 0 : lnCount(Bqk, B, n, e(k - 1), p.multiset);
    const lnP = p.pairs ? lnNk + lnNprev : 2 * lnNk;
    const D = Math.min(2 * B, B * c * (e(k) + e(k - 1)));
    sum += (D * (one + Math.sqrt(2 * lnP))) / Math.sqrt(m);
  }
  return a * (sum + Math.min(2 * B, B * c * e(M)));
}

/** The least bound over r and M ≤ 60 and the trivial aB (first minimum kept). */
function reference(p: QkChainParams): { value: number; levels: number; ratio: number } {
  let best = { value: p.linearNorm * p.rowNorm, levels: 0, ratio: 2 };
  for (const r of NOTE_RATIOS)
    for (let M = 1; M <= NOTE_MAX_LEVELS; M++) {
      const v = boundAt(p, r, M);
      if (v < best.value) best = { value: v, levels: M, ratio: r };
    }
  return best;
}

/** Relative tolerance of the value: both sides sum the same terms in the same order, so only the last bits may differ. */
const REL = 1e-12;

function expectReference(p: QkChainParams): void {
  const got = qkOnlyRademacher(p);
  const want = reference(p);
  expect(Math.abs(got.value - want.value)).toBeLessThanOrEqual(REL * want.value);
  expect({ levels: got.levels, ratio: got.ratio }).toEqual({ levels: want.levels, ratio: want.ratio });
}

const base: QkChainParams = { qkFrobenius: 1.3, linearNorm: 0.8, rowNorm: 1.6, contextLength: 7, sampleSize: 1e6, softmaxConstant: 1.4, multiset: false, pairs: false };

describe('qkOnlyRademacher = the note’s chain, level by level', () => {
  test('the ratios and the mean term are the note’s', () => {
    expect([...QK_CHAIN_RATIOS]).toEqual(NOTE_RATIOS);
    expect(QK_CHAIN_MEAN_TERM).toBe(1);
  });

  const cases: [string, Partial<QkChainParams>][] = [
    ['N_k², plain count', {}],
    ['pairs N_k N_{k−1}, plain count', { pairs: true }],
    ['N_k², multiset count', { multiset: true }],
    ['pairs, multiset count', { pairs: true, multiset: true }],
    ['m = 1e12, T = 1023, pairs', { sampleSize: 1e12, contextLength: 1023, pairs: true }],
    ['m = 1e12, T = 1023, N_k²', { sampleSize: 1e12, contextLength: 1023 }],
    ['large B_QK: D_k = 2B and the tail 2B at the first levels (c e_0 = 86)', { qkFrobenius: 24, rowNorm: 1.6, sampleSize: 1e14 }],
    ['large B_QK, pairs, multiset', { qkFrobenius: 24, sampleSize: 1e14, pairs: true, multiset: true }],
    ['B > 1, c e_0 = 20 at m = 1e6: the tail min(2B, B c e_M) is 2B at the shallow levels', { qkFrobenius: 3, rowNorm: 1.5, softmaxConstant: 3, pairs: true, multiset: true }],
    ['B < 1, a > 1, c < 1', { rowNorm: 0.55, linearNorm: 2.7, softmaxConstant: 0.6, sampleSize: 5e9 }],
    ['c = (T+1)/2 (the naive constant), T = 15', { contextLength: 15, softmaxConstant: 8, sampleSize: 1e10 }],
    ['the ratio 3 wins (m = 1e6, T = 1023)', { contextLength: 1023 }],
    ['mean term 1/2 (the mutation test’s knob)', { meanTerm: 0.5, sampleSize: 1e8 }],
    ['m = 1: the chain never beats aB', { sampleSize: 1 }],
    ['m = 1e80: the level cap M = 60 binds', { sampleSize: 1e80, contextLength: 1 }],
  ];
  for (const [name, o] of cases)
    test(name, () => {
      expectReference({ ...base, ...o });
    });

  test('m = 1e80 does reach the cap (the case above is not vacuous), ratio 3 case picks r = 3', () => {
    expect(reference({ ...base, sampleSize: 1e80, contextLength: 1 }).levels).toBe(NOTE_MAX_LEVELS);
    expect(reference({ ...base, contextLength: 1023 }).ratio).toBe(3);
    expect(reference({ ...base, sampleSize: 1 })).toEqual({ value: 0.8 * 1.6, levels: 0, ratio: 2 });
  });

  ftest.prop(
    [
      fc.double({ min: 0.05, max: 30, noNaN: true }),
      fc.double({ min: 0.1, max: 5, noNaN: true }),
      fc.double({ min: 0.2, max: 4, noNaN: true }),
      fc.integer({ min: 1, max: 4096 }),
      fc.integer({ min: 2, max: 1e15 }),
      fc.constantFrom(1, 0.7, 1.9),
      fc.boolean(),
      fc.boolean(),
    ],
    { seed: 91201, numRuns: 12 },
  )('random budgets: value, level and ratio equal the second evaluation', (Bqk, a, B, T, m, c, multiset, pairs) => {
    expectReference({ qkFrobenius: Bqk, linearNorm: a, rowNorm: B, contextLength: T, sampleSize: m, softmaxConstant: c, multiset, pairs });
  });
});

describe('qkOnlyRademacher: degenerate budgets and the stop rule', () => {
  test('a·B = 0: the class is {0} and R̂ = 0 before any cover is built, even for an unbounded W_QK budget', () => {
    expect(qkOnlyRademacher({ ...base, linearNorm: 0, qkFrobenius: Infinity })).toEqual({ value: 0, levels: 0, ratio: 2 });
    expect(qkOnlyRademacher({ ...base, rowNorm: 0 })).toEqual({ value: 0, levels: 0, ratio: 2 });
  });

  test('B_QK = 0 (constant attention): only level 0, min(aB, aB/√m) = aB/√m', () => {
    // a B = 0.75 · 2.5 = 15/8 (exact in binary); √m = 4 at m = 16: 15/32.
    const zero = { ...base, qkFrobenius: 0, linearNorm: 0.75, rowNorm: 2.5 };
    expect(qkOnlyRademacher({ ...zero, sampleSize: 16 })).toEqual({ value: 0.46875, levels: 0, ratio: 2 });
    expect(qkOnlyRademacher({ ...zero, sampleSize: 1 })).toEqual({ value: 1.875, levels: 0, ratio: 2 });
  });

  test('a W_QK budget far below float64 resolution (B_QK = 1e-290): aB/√m at the first level of the first ratio, no throw', () => {
    // The chain terms (≈ B c e_0 = 1e-290 relative) vanish against B/√m, so every (r, M) gives the same float:
    // the first one tried (r = √2, M = 1) is kept, and the stop rule (a·sum ≥ best) ends each ratio at once,
    // before e_k = e_0 r^{−k} underflows to 0 (which the cover rejects).
    const got = qkOnlyRademacher({ ...base, qkFrobenius: 1e-290, linearNorm: 1.5, rowNorm: 2.5, sampleSize: 4 });
    expect(got).toEqual({ value: 1.875, levels: 1, ratio: Math.SQRT2 });
  });
});

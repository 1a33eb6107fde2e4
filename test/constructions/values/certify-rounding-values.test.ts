/**
 * Values of the outward-rounding helpers (src/constructions/certify-rounding.ts, alg-certify-rounding),
 * written against the surviving mutants of that file. Every check is either the documented contract
 * (`up(x)` is x·(1 + 2^−52) for |x| ≥ 2^−1021, `nextUp` is the next float, `gamma(n)` is Higham's γ_n
 * rounded up, zero products are exact) or soundness + tightness against an exact evaluation: floats are
 * read as exact rationals m·2^−1074 (BigInt, decoded here from the IEEE bits, independently of
 * certify-exact-dyadic.ts). Targets: the branch guards of nextUp/up/down (carry and borrow of the low
 * word, the 2^−1021 threshold, ±0), the error terms of expUp/expDown/tanhUp (relative 2^−50 and the
 * subnormal absolute 2^−1070), the point/zero shortcuts of mulLo/mulHi, the zero-skipping and the radius
 * γ_n Σ|a_j b_j| of dotEnclosure, and the relu branch of activateUp.
 */
import { describe, expect, test } from 'vitest';
import {
  EXP_REL_ERR,
  LIBM_ABS_ERR,
  NEAREST,
  OUTWARD,
  UNIT_ROUNDOFF,
  activateDown,
  activateUp,
  dotEnclosure,
  dotIntervalEnclosure,
  down,
  expDown,
  expUp,
  gamma,
  mulHi,
  mulLo,
  nextDown,
  nextUp,
  tanhDown,
  tanhUp,
  up,
} from '../../../src/constructions/certify-rounding.js';

const MIN = Number.MIN_VALUE; // 2^−1074
const SMALL = 2 ** -1021;
const view = new DataView(new ArrayBuffer(8));

/** x·2^1074 as an exact BigInt (x finite): from the IEEE fields. */
function scaled(x: number): bigint {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mag = exp === 0 ? frac : (frac | (1n << 52n)) << BigInt(exp - 1);
  return hi >>> 31 ? -mag : mag;
}

/** The float ulp of x (spacing above |x|) as a BigInt multiple of 2^−1074. */
function ulpScaled(x: number): bigint {
  const a = Math.abs(x);
  return scaled(nextUp(a)) - scaled(a);
}

describe('nextUp / nextDown: the adjacent float', () => {
  test('special values: NaN and +Infinity unchanged, ±0 go to ±MIN_VALUE, −Infinity to −MAX_VALUE', () => {
    expect(nextUp(Number.NaN)).toBeNaN();
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUp(0)).toBe(MIN);
    expect(nextUp(-0)).toBe(MIN);
    expect(nextDown(0)).toBe(-MIN);
    expect(nextDown(-Infinity)).toBe(-Infinity);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
  });

  test('carry into the high word and borrow from it (low 32 bits all ones / all zeros)', () => {
    // In [1, 2) the ulp is 2^−52; 1 + (2^32 − 1)·2^−52 has its low word all ones, its successor 1 + 2^−20 has it zero.
    const allOnes = 1 + (2 ** 32 - 1) * 2 ** -52;
    expect(nextUp(allOnes)).toBe(1 + 2 ** -20);
    expect(nextDown(1 + 2 ** -20)).toBe(allOnes);
    expect(nextUp(-(1 + 2 ** -20))).toBe(-allOnes);
    expect(nextDown(-allOnes)).toBe(-(1 + 2 ** -20));
  });

  test('exactly one ulp away, on a spread of magnitudes and both signs', () => {
    for (const x of [1, 1.5, 3, 2 ** 60 + 2 ** 9, 1e-300, 5e-324 * 7, 2 ** -1022, -1, -2, -0.75, -1e300, 123.456]) {
      const n = nextUp(x);
      expect(n).toBeGreaterThan(x);
      // No float strictly between: the difference is the spacing of floats at the endpoint nearer zero.
      const spacing = x >= 0 ? ulpScaled(x) : scaled(-x) - scaled(nextDown(-x));
      expect(scaled(n) - scaled(x)).toBe(spacing);
    }
  });
});

describe('up / down: documented values and one-ulp soundness', () => {
  // Near the top of a binade x·2^−52 is almost 2 ulps, so x·(1 + 2^−52) is two floats above x, not one:
  // the documented value differs from nextUp there, which pins the multiplication branch.
  const cases = [2, 2 - 2 ** -51, 1, 1.75, SMALL, 3 * SMALL, 2 ** 1000, 1e-5];
  test('|x| ≥ 2^−1021: up(x) = x·(1 + 2^−52) for x > 0 and x·(1 − 2^−52) for x < 0, down mirrored', () => {
    for (const x of cases) {
      expect(up(x)).toBe(x * (1 + 2 ** -52));
      expect(up(-x)).toBe(-x * (1 - 2 ** -52));
      expect(down(x)).toBe(x * (1 - 2 ** -52));
      expect(down(-x)).toBe(-x * (1 + 2 ** -52));
    }
    // The spots where the two branches part: up(2 − 2^−51) = 2 while nextUp is 2 − 2^−52; down(2^−1021) is two subnormal-range ulps below.
    expect(up(2 - 2 ** -51)).toBe(2);
    expect(nextUp(2 - 2 ** -51)).toBe(2 - 2 ** -52);
    expect(down(SMALL)).toBe(SMALL - 2 ** -1073);
    expect(up(-SMALL)).toBe(-SMALL + 2 ** -1073);
    expect(down(2)).toBe(2 - 2 ** -51);
  });

  test('|x| < 2^−1021 (and 0): the adjacent float; down(0) < 0 < up(0)', () => {
    expect(up(0)).toBe(MIN);
    expect(down(0)).toBe(-MIN);
    expect(down(-0)).toBe(-MIN);
    for (const x of [MIN, 3 * MIN, 2 ** -1022, SMALL - MIN, -MIN, -(2 ** -1022)]) {
      expect(up(x)).toBe(nextUp(x));
      expect(down(x)).toBe(nextDown(x));
    }
  });

  test('up(x) − x and x − down(x) are between 1 and 2 ulps of x (exact BigInt differences)', () => {
    for (const x of [...cases, ...cases.map((c) => -c), 7e-310, -7e-310, 0.1, -0.3]) {
      const u = ulpScaled(x);
      const du = scaled(up(x)) - scaled(x);
      const dd = scaled(x) - scaled(down(x));
      expect(du > 0n && du <= 2n * u).toBe(true);
      expect(dd > 0n && dd <= 2n * u).toBe(true);
    }
  });
});

describe('gamma(n) = n·u/(1 − n·u), rounded up', () => {
  test('above the exact rational and within 4 ulps of it', () => {
    for (const n of [1, 2, 3, 16, 1000, 2 ** 30, 2 ** 51, 2 ** 52 - 1]) {
      // exact γ_n = n / (2^53 − n); compare g·(2^53 − n) ≥ n with g = m·2^−1074.
      const g = gamma(n);
      const lhs = scaled(g) * (2n ** 53n - BigInt(n));
      const rhs = BigInt(n) << 1074n;
      expect(lhs >= rhs).toBe(true);
      expect(lhs <= rhs + ((rhs * 4n) >> 52n)).toBe(true);
    }
    // For n·u < 1/2 the value is about n·u: γ_{2^51} = (1/4)/(3/4) = 1/3.
    expect(gamma(2 ** 51)).toBeCloseTo(1 / 3, 14);
    expect(gamma(16)).toBeGreaterThan(16 * UNIT_ROUNDOFF);
  });

  test('γ_0 is a tiny positive bound (0 rounded up), not an error', () => {
    const g0 = gamma(0);
    expect(g0).toBeGreaterThan(0);
    expect(g0).toBeLessThan(2 ** -1000);
  });

  test('RangeError outside 0 ≤ n·u < 1/2, naming the function and the value', () => {
    expect(() => gamma(-1)).toThrow(RangeError);
    expect(() => gamma(-1)).toThrow(/gamma: .*got -1/);
    expect(() => gamma(2 ** 52)).toThrow(/gamma: .*got 4503599627370496/);
    expect(() => gamma(Number.NaN)).toThrow(RangeError);
    expect(() => gamma(-0.5)).toThrow(RangeError);
  });
});

describe('expUp / expDown / tanhUp / tanhDown: the assumed libm error is added, and no more', () => {
  const xs = [0.5, -1, 3, 10.25, -20, 700];
  test('normal results: expUp − c ∈ [c·2^−50, c·2^−48], c − expDown likewise (c = Math.exp(x))', () => {
    for (const x of xs) {
      const c = Math.exp(x);
      const gapUp = expUp(x) - c; // exact (Sterbenz-like: both within a factor 2)
      const gapDown = c - expDown(x);
      expect(gapUp).toBeGreaterThanOrEqual(c * EXP_REL_ERR);
      expect(gapUp).toBeLessThanOrEqual(c * 4 * EXP_REL_ERR);
      expect(gapDown).toBeGreaterThanOrEqual(c * EXP_REL_ERR);
      expect(gapDown).toBeLessThanOrEqual(c * 4 * EXP_REL_ERR);
    }
  });

  test('subnormal results carry the absolute 2^−1070 term (exact BigInt)', () => {
    for (const x of [-740, -735, -744]) {
      const c = Math.exp(x);
      expect(c).toBeLessThan(2 ** -1022);
      expect(c).toBeGreaterThan(0);
      const sc = scaled(c);
      const abs = scaled(LIBM_ABS_ERR);
      expect(scaled(expUp(x)) - sc >= abs).toBe(true);
      expect(scaled(expUp(x)) - sc <= abs + 8n).toBe(true);
      const lo = expDown(x);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(lo === 0 || sc - scaled(lo) >= abs).toBe(true);
    }
    // e^−744 ≈ 1e−323 < 2^−1070 ≈ 7.9e−323: c − 2^−1070 < 0, and the lower bound is clamped at 0.
    expect(Math.exp(-744)).toBeLessThan(LIBM_ABS_ERR);
    expect(expDown(-744)).toBe(0);
  });

  test('overflow: expDown(1000) = 0 (a valid lower bound, documented), expUp(1000) = +Infinity', () => {
    expect(expDown(1000)).toBe(0);
    expect(expUp(1000)).toBe(Infinity);
  });

  test('tanhUp(x) − tanh(x) ∈ [|c|·2^−50, |c|·2^−48] below 1, capped at 1; tanhDown mirrored', () => {
    for (const x of [0.5, -0.5, 1.25, -3, 0.01]) {
      const c = Math.tanh(x);
      const g = tanhUp(x) - c;
      expect(g).toBeGreaterThanOrEqual(Math.abs(c) * EXP_REL_ERR);
      expect(g).toBeLessThanOrEqual(Math.abs(c) * 4 * EXP_REL_ERR);
      const h = c - tanhDown(x);
      expect(h).toBeGreaterThanOrEqual(Math.abs(c) * EXP_REL_ERR);
      expect(h).toBeLessThanOrEqual(Math.abs(c) * 4 * EXP_REL_ERR);
    }
    expect(tanhUp(30)).toBe(1);
    expect(tanhDown(-30)).toBe(-1);
    expect(tanhUp(-30)).toBeGreaterThan(-1);
  });

  test('tanh of a subnormal argument: the absolute 2^−1070 term is there (exact BigInt)', () => {
    const x = 2 ** -1060; // tanh(x) = x to far below an ulp; Math.tanh returns x
    const c = Math.tanh(x);
    const abs = scaled(LIBM_ABS_ERR);
    expect(scaled(tanhUp(x)) - scaled(c) >= abs).toBe(true);
    expect(scaled(c) - scaled(tanhDown(x)) >= abs).toBe(true);
    expect(scaled(tanhUp(x)) - scaled(c) <= 2n * abs).toBe(true);
  });
});

describe('mulLo / mulHi: the exact product interval, rounded outward', () => {
  test('a point times a point with a zero factor is exactly 0 (no rounding step)', () => {
    for (const [a, b] of [
      [0, 3],
      [3, 0],
      [0, -2.5],
      [-7, 0],
      [0, 0],
    ]) {
      expect(mulLo(a, a, b, b)).toBe(0);
      expect(mulHi(a, a, b, b)).toBe(0);
    }
  });

  test('0 times an infinite end is NaN, not a silent exact 0 (a NaN makes the certified bound −Infinity)', () => {
    expect(mulLo(0, 0, Infinity, Infinity)).toBeNaN();
    expect(mulHi(0, 0, -Infinity, -Infinity)).toBeNaN();
    expect(dotEnclosure([0], [Infinity])[0]).toBeNaN();
    expect(dotEnclosure([Infinity, 1], [0, 2])[1]).toBeNaN();
  });

  test('a point times a point: one ulp-step around the float product', () => {
    expect(mulLo(2, 2, 3, 3)).toBe(down(6));
    expect(mulHi(2, 2, 3, 3)).toBe(up(6));
    expect(mulLo(-2, -2, 3, 3)).toBe(down(-6));
    expect(mulHi(-2, -2, 3, 3)).toBe(up(-6));
  });

  test('underflowing nonzero products are not mistaken for exact zeros', () => {
    // 1e−200·1e−200 = 1e−400 rounds to 0 in float64, but the real product is > 0 (or < 0).
    expect(mulHi(1e-200, 1e-200, 1e-200, 1e-200)).toBeGreaterThan(0);
    expect(mulLo(-1e-200, -1e-200, 1e-200, 1e-200)).toBeLessThan(0);
    expect(mulLo(1e-200, 1e-200, 1e-200, 1e-200)).toBeLessThanOrEqual(0);
    expect(mulHi(-1e-200, -1e-200, 1e-200, 1e-200)).toBeGreaterThanOrEqual(0);
  });

  test('a point times an interval uses both ends: [−1]·[2, 5] = [−5, −2], [1]·[2, 5] = [2, 5]', () => {
    expect(mulLo(-1, -1, 2, 5)).toBe(down(-5));
    expect(mulHi(-1, -1, 2, 5)).toBe(up(-2));
    expect(mulLo(1, 1, 2, 5)).toBe(down(2));
    expect(mulHi(1, 1, 2, 5)).toBe(up(5));
    expect(mulLo(2, 5, -1, -1)).toBe(down(-5));
    expect(mulHi(2, 5, 1, 1)).toBe(up(5));
    expect(mulLo(-2, 3, -4, 5)).toBe(down(-12));
    expect(mulHi(-2, 3, -4, 5)).toBe(up(15));
  });
});

/** Exact Σ a_j b_j as a rational N / 2^2148 (N BigInt). */
const exactDot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, j) => s + scaled(x) * scaled(b[j]), 0n);
/** Is the exact sum N/2^2148 within [lo, hi]? */
const encloses = (N: bigint, lo: number, hi: number) => scaled(lo) << 1074n <= N && N <= scaled(hi) << 1074n;

describe('dotEnclosure: float dot ± γ_n Σ|a_j b_j|', () => {
  test('zero products are exact and not counted: all-zero products give exactly [0, 0]', () => {
    expect(dotEnclosure([0, 0, 0], [1, 2, 3])).toEqual([0, 0]);
    expect(dotEnclosure([1, 2, 3], [0, 0, 0])).toEqual([0, 0]);
    expect(dotEnclosure([0, 4], [5, 0])).toEqual([0, 0]);
    expect(dotEnclosure([], [])).toEqual([0, 0]);
  });

  test('zero terms do not widen: [0, 3]·[7, 2] has the radius of the one-term sum 3·2', () => {
    expect(dotEnclosure([0, 3], [7, 2])).toEqual(dotEnclosure([3], [2]));
    expect(dotEnclosure([3, 0], [2, 7])).toEqual(dotEnclosure([3], [2]));
  });

  test('an underflowed product is still a term: 1e−200·1e−200 is enclosed, above 0', () => {
    const [lo, hi] = dotEnclosure([1e-200], [1e-200]);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
  });

  test('sixteen subnormal products: the n·2^−1074 underflow term keeps the enclosure sound', () => {
    // Each exact product 3·2^−1076 = 0.75·2^−1074 rounds to 2^−1074: s = 16·2^−1074, exact sum 12·2^−1074.
    const a = Array(16).fill(3 * 2 ** -538);
    const b = Array(16).fill(2 ** -538);
    const [lo, hi] = dotEnclosure(a, b);
    expect(lo).toBeLessThanOrEqual(hi);
    expect(encloses(exactDot(a, b), lo, hi)).toBe(true);
  });

  test('integer vectors with exact sum 0: the radius is at least γ_n Σ|a_j b_j| and at most (1 + 2^−40) times it', () => {
    // n = 64 terms j·(±j): the float sum is exactly 0, so up/down of s ± r only move r by a relative 2^−52,
    // far below the (1 + 2γ_n) factor (2γ_64 ≈ 2^−45) that the radius carries for the rounded |·| sum.
    const a = Array.from({ length: 64 }, (_, j) => (j % 32) + 1);
    const b = Array.from({ length: 64 }, (_, j) => (j < 32 ? 1 : -1) * ((j % 32) + 1));
    const n = 64;
    const absSum = a.reduce((t, x, j) => t + Math.abs(x * b[j]), 0);
    expect(a.reduce((t, x, j) => t + x * b[j], 0)).toBe(0);
    const [lo, hi] = dotEnclosure(a, b);
    expect(lo).toBe(-hi);
    // exact radius ≥ γ_n·absSum = n·absSum/(2^53 − n): hi·(2^53 − n) ≥ n·absSum, in units of 2^−1074.
    const lhs = scaled(hi) * (2n ** 53n - BigInt(n));
    const rhs = BigInt(n * absSum) << 1074n;
    expect(lhs >= rhs).toBe(true);
    expect(lhs <= rhs + (rhs >> 40n)).toBe(true);
  });

  test('soundness on inexact float vectors (exact BigInt sum inside), width within 4 γ_n Σ|ab|', () => {
    const a = [0.1, -1 / 3, 2 ** 40 + 0.5, 1e-8, -7.25, 1 / 7];
    const b = [0.3, 0.7, -1 / 9, 3e8, 1 / 11, -(2 ** 20)];
    const [lo, hi] = dotEnclosure(a, b);
    expect(encloses(exactDot(a, b), lo, hi)).toBe(true);
    const absSum = a.reduce((t, x, j) => t + Math.abs(x * b[j]), 0);
    expect(hi - lo).toBeLessThanOrEqual(4 * gamma(6) * absSum);
  });
});

describe('dotIntervalEnclosure: exact a against b ∈ [blo, bhi]', () => {
  test('zero coefficients are skipped, even against an unbounded coordinate', () => {
    expect(dotIntervalEnclosure([0], [-1], [1])).toEqual([0, 0]);
    expect(dotIntervalEnclosure([0, 2], [-Infinity, 1], [Infinity, 3])).toEqual([down(down(2)), up(up(6))]);
  });
});

describe('activateUp / activateDown', () => {
  test('identity returns x, relu max(x, 0), tanh the outward tanh bounds', () => {
    for (const R of [OUTWARD, NEAREST]) {
      expect(activateUp('identity', -1.5, R)).toBe(-1.5);
      expect(activateDown('identity', -1.5, R)).toBe(-1.5);
      expect(activateUp('relu', -1.5, R)).toBe(0);
      expect(activateUp('relu', 2.5, R)).toBe(2.5);
      expect(activateDown('relu', -1.5, R)).toBe(0);
    }
    expect(activateUp('tanh', -1, OUTWARD)).toBe(tanhUp(-1));
    expect(activateUp('tanh', -1, OUTWARD)).toBeLessThan(-0.76);
    expect(activateDown('tanh', -1, OUTWARD)).toBe(tanhDown(-1));
    expect(activateUp('tanh', 0.5, NEAREST)).toBe(Math.tanh(0.5));
  });
});

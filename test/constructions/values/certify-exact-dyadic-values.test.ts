/**
 * Values of the exact dyadic arithmetic (src/constructions/certify-exact-dyadic.ts, alg-certify-rounding),
 * written against its surviving mutants. toDyadic is checked against the defining identity x = m·2^e
 * (recomputed here in float64, exact for the chosen x) and its guard; bitDependenceSign against an
 * exact rational evaluation written here: every input is built as k·2^e from small integers, so the
 * exact sum Σ_j (b_j − a_j) Σ_i W[j,i] x_i is a BigInt multiple of a common 2^−S, with cases where
 * float64 rounding says the wrong sign (cancellation below an ulp, mixed exponents, subnormals), zero
 * entries of W and x (skipped), a_j = b_j with overflowing products (skipped: approx stays 0), and
 * entries of b past a.length (d = a.length). Targets: the exponent alignment (min of exponents, the
 * shifts), the sign mapping, the zero-skipping and the float `approx`.
 */
import { describe, expect, test } from 'vitest';
import { bitDependenceSign, toDyadic } from '../../../src/constructions/certify-exact-dyadic.js';

/** A dyadic k·2^e: its float value and the exact integer k and exponent e (|k| < 2^53, so x is exact). */
type Dy = { x: number; k: bigint; e: number };
const dy = (k: number, e: number): Dy => ({ x: k * 2 ** e, k: BigInt(k), e });

/** Exact Σ_j (b_j − a_j)·Σ_i W[j,i]·x_i times 2^1200 (a BigInt; needs every exponent ≥ −400). */
function exactTotal(a: Dy[], b: Dy[], W: Dy[], x: Dy[]): bigint {
  const d = a.length;
  const at = (v: Dy, shift: bigint) => (v.k << (BigInt(v.e) + shift)) as bigint;
  let total = 0n;
  for (let j = 0; j < d; j++) {
    const delta = at(b[j], 400n) - at(a[j], 400n); // (b_j − a_j)·2^400
    for (let i = 0; i < d; i++) total += delta * at(W[j * d + i], 400n) * at(x[i], 400n);
  }
  return total;
}
const signOf = (v: bigint) => (v === 0n ? 0 : v > 0n ? 1 : -1);
const floats = (v: Dy[]) => v.map((t) => t.x);

function check(a: Dy[], b: Dy[], W: Dy[], x: Dy[]) {
  const got = bitDependenceSign(floats(a), floats(b), floats(W), floats(x));
  expect(got.sign).toBe(signOf(exactTotal(a, b, W, x)));
  return got;
}

describe('toDyadic: x = m·2^e exactly', () => {
  test('normal, subnormal, negative and zero values', () => {
    for (const x of [1, -1, 0.75, 3 * 2 ** -40, -(2 ** 60) - 2 ** 8, 5e-324, 3e-320, Number.MAX_VALUE, 0.1]) {
      const { m, e } = toDyadic(x);
      expect(e).toBeGreaterThanOrEqual(-1074);
      // m·2^e in float64: exact when m < 2^53 and the scale stays representable.
      expect(Number(m) * 2 ** Math.max(e, -1000) * 2 ** Math.min(0, e + 1000)).toBe(x);
    }
    expect(toDyadic(0)).toEqual({ m: 0n, e: -1074 });
    expect(toDyadic(1)).toEqual({ m: 2n ** 52n, e: -52 });
    expect(toDyadic(-1.5)).toEqual({ m: -3n * 2n ** 51n, e: -52 });
    expect(toDyadic(5e-324)).toEqual({ m: 1n, e: -1074 });
  });

  test('RangeError for NaN and ±Infinity, naming the function and the value', () => {
    expect(() => toDyadic(Number.NaN)).toThrow(/toDyadic: .*got NaN/);
    expect(() => toDyadic(Infinity)).toThrow(/toDyadic: .*got Infinity/);
    expect(() => toDyadic(-Infinity)).toThrow(RangeError);
  });
});

describe('bitDependenceSign: the exact sign of (b − a)·W x', () => {
  test('a cancellation float64 gets wrong: (1 + 2^−60) − 1 has a tiny positive exact value', () => {
    // d = 2: (b − a) = (1, 1); W x = (2^−60 + 1, −1): exact total 2^−60 > 0, the float sum is 0.
    const a = [dy(0, 0), dy(0, 0)];
    const b = [dy(1, 0), dy(1, 0)];
    const W = [dy(1, 0), dy(1, -60), dy(-1, 0), dy(0, 0)];
    const x = [dy(1, 0), dy(1, 0)];
    const r = check(a, b, W, x);
    expect(r.sign).toBe(1);
    expect(r.approx).toBe(0); // float64 loses the 2^−60
  });

  test('mixed exponents in b_j − a_j (a_j fine, b_j coarse and vice versa), negative total', () => {
    const a = [dy(3, -70), dy(5, 10), dy(-7, -3)];
    const b = [dy(1, 2), dy(5, 10), dy(9, -90)];
    const W = [dy(1, 0), dy(-3, -5), dy(2, 7), dy(4, 1), dy(1, 1), dy(1, 1), dy(-5, -2), dy(7, -30), dy(0, 0)];
    const x = [dy(-1, 3), dy(0, 0), dy(3, -1)];
    const r = check(a, b, W, x);
    expect(r.sign).not.toBe(0);
    const ref = [0, 1, 2].reduce((s, j) => s + (b[j].x - a[j].x) * [0, 1, 2].reduce((t, i) => t + W[j * 3 + i].x * x[i].x, 0), 0);
    expect(r.approx).toBeCloseTo(ref, 10);
  });

  test('sign −1, 0 and +1 cases, with approx the float value', () => {
    const a = [dy(1, 0), dy(2, 0)];
    const W = [dy(3, 0), dy(1, 0), dy(1, 0), dy(2, 0)];
    const x = [dy(1, 0), dy(1, 0)];
    // (b − a) = (1, 0): total = 4; (−1, 0): −4; (1, −2)·(4, 3) = 4 − 6 = −2; (3, −4): 12 − 12 = 0.
    const cases: [Dy[], number, number][] = [
      [[dy(2, 0), dy(2, 0)], 1, 4],
      [[dy(0, 0), dy(2, 0)], -1, -4],
      [[dy(2, 0), dy(0, 0)], -1, -2],
      [[dy(4, 0), dy(-2, 0)], 0, 0],
    ];
    for (const [b, sign, approx] of cases) {
      const r = check(a, b, W, x);
      expect(r.sign).toBe(sign);
      expect(r.approx).toBe(approx);
    }
  });

  test('b_j − a_j across a binade boundary, for negative values: −(2 − 2^−52) − (−2) = 2^−52 > 0', () => {
    // a_j = −2 = −2^52·2^−51, b_j = −(2^53 − 1)·2^−52: the difference needs b_j's last bit (its finer exponent).
    const r = check([dy(-2, 0)], [dy(-(2 ** 53 - 1), -52)], [dy(1, 0)], [dy(1, 0)]);
    expect(r.sign).toBe(1);
  });

  test('terms with different exponents and mantissas of x: exact cancellation and a sign decided by magnitude', () => {
    // (b − a) = 1; W x = 1.5·1 − 1·1.5 = 0 exactly (x entries with different mantissas).
    expect(check([dy(1, 0), dy(0, 0)], [dy(2, 0), dy(0, 0)], [dy(3, -1), dy(-1, 0), dy(0, 0), dy(0, 0)], [dy(1, 0), dy(3, -1)]).sign).toBe(0);
    // W x = 1·1 − 1·4 = −3 (x entries with different exponents).
    expect(check([dy(0, 0), dy(0, 0)], [dy(1, 0), dy(0, 0)], [dy(1, 0), dy(-1, 0), dy(0, 0), dy(0, 0)], [dy(1, 0), dy(4, 0)]).sign).toBe(-1);
  });

  test('subnormal entries and a triple product far below 2^−1074 are still counted exactly', () => {
    const a = [dy(0, 0)];
    const b = [dy(1, -1074)];
    const W = [dy(3, -1074)];
    const x = [dy(-1, -1074)];
    // exact total −3·2^−3222: tiny but nonzero, negative
    const r = bitDependenceSign(floats(a), floats(b), floats(W), floats(x));
    expect(r.sign).toBe(-1);
  });

  test('zero entries of W and x are skipped (x_i = 0 with W nonzero, W zero with x nonzero)', () => {
    const a = [dy(0, 0), dy(0, 0)];
    const b = [dy(1, 0), dy(-3, -2)];
    const W = [dy(0, 0), dy(5, 0), dy(7, 0), dy(2, 0)];
    const x = [dy(1, 0), dy(0, 0)];
    const r = check(a, b, W, x);
    // row 0: 0·1 + 5·0 = 0; row 1: 7·1 + 2·0 = 7, times −3/4.
    expect(r.sign).toBe(-1);
    expect(r.approx).toBe(-5.25);
  });

  test('x_i = 0 skips the whole term: W[j, i] is not read (even a non-finite one)', () => {
    // toDyadic would throw on W[0, 1] = Infinity; the exact term 0 (x_1 = 0) never needs it.
    expect(bitDependenceSign([0, 0], [1, 0], [2, Infinity, 0, 0], [1, 0])).toEqual({ sign: 1, approx: 2 });
  });

  test('a_j = b_j contributes nothing, even when its row of W·x overflows float64', () => {
    const a = [1, 2];
    const b = [1, 3];
    const W = [1e300, 1e300, 0, 1];
    const x = [1e300, 1];
    const r = bitDependenceSign(a, b, W, x);
    expect(r.sign).toBe(1);
    expect(r.approx).toBe(1);
    const same = bitDependenceSign([5, 6], [5, 6], W, x);
    expect(same).toEqual({ sign: 0, approx: 0 });
  });

  test('d is a.length: entries of b, x past it are ignored', () => {
    expect(bitDependenceSign([1], [2, 5], [3], [1, 9])).toEqual({ sign: 1, approx: 3 });
  });
});

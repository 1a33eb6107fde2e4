/**
 * The binomial tail of thm-sparse-compression-certificate (src/bounds/compression-tail.ts) against exact
 * rational arithmetic (BigInt): P[Bin(m, a/b) = j] = C(m, j)·a^j·(b − a)^(m−j) / b^m and its partial sums,
 * for every j, k at m up to 400 and rational p on both sides of 1/2, the edges p = 0 and 1, k ≥ m; Stirling's
 * remainder against ln n! by summation on both sides of its switch at n = 16; bd0 against its definition
 * on both sides of its switch at |x − M| = 0.1(x + M). The property file checks the certificate; this
 * file checks the numbers it is built from.
 */
import { describe, expect, test } from 'vitest';
import { bd0, binomialLogCdf, binomialLogPmf, stirlingError, BINOMIAL_TAIL_REL_TOL } from '../../src/bounds/compression-tail.js';

/** ln of a positive BigInt, to float64 accuracy. */
function bigLog(x: bigint): number {
  const bits = x.toString(2).length;
  const shift = Math.max(0, bits - 60);
  return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
}

/** Exact terms C(m, j) a^j (b−a)^(m−j), j = 0..m, and b^m. */
function exactTerms(m: number, a: number, b: number): { terms: bigint[]; denom: bigint } {
  const terms: bigint[] = [];
  let c = 1n;
  for (let j = 0; j <= m; j++) {
    if (j > 0) c = (c * BigInt(m - j + 1)) / BigInt(j);
    terms.push(c * BigInt(a) ** BigInt(j) * BigInt(b - a) ** BigInt(m - j));
  }
  return { terms, denom: BigInt(b) ** BigInt(m) };
}

/** |ln x − ln y| within the tail's tolerance (ln scale: relative error of the probability). */
const closeLog = (got: number, want: number, tol = BINOMIAL_TAIL_REL_TOL) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(tol);

describe('binomial tail against exact rationals', () => {
  const cases: [number, number, number][] = [
    [1, 1, 2],
    [7, 1, 3],
    [20, 2, 3],
    [57, 1, 100],
    [120, 37, 40],
    [400, 3, 10],
    [400, 199, 400],
  ];

  test.each(cases)('m = %i, p = %i/%i: ln P[Bin = j] and ln P[Bin <= k] for every j, k', (m, a, b) => {
    const { terms, denom } = exactTerms(m, a, b);
    const lnDen = bigLog(denom);
    let cum = 0n;
    for (let j = 0; j <= m; j++) {
      closeLog(binomialLogPmf(j, m, a / b), bigLog(terms[j]) - lnDen, 1e-11);
      cum += terms[j];
      const want = j === m ? 0 : bigLog(cum) - lnDen;
      const got = binomialLogCdf(j, m, a / b);
      // An over-estimate by at most the tolerance (the certificate relies on the direction).
      expect(got).toBeGreaterThanOrEqual(want - 1e-12);
      closeLog(got, want);
    }
    expect(binomialLogCdf(m + 3, m, a / b)).toBe(0);
  });

  test('edges: p = 0 and p = 1', () => {
    for (const m of [1, 5, 40]) {
      expect(binomialLogPmf(0, m, 0)).toBe(0);
      expect(binomialLogPmf(1, m, 0)).toBe(-Infinity);
      expect(binomialLogPmf(m, m, 1)).toBe(0);
      expect(binomialLogPmf(m - 1, m, 1)).toBe(-Infinity);
      expect(binomialLogCdf(0, m, 0)).toBe(0);
      if (m > 1) expect(binomialLogCdf(m - 1, m, 1)).toBe(-Infinity);
    }
  });
});

describe("Stirling's remainder and bd0", () => {
  test('stirlingError(n) = ln n! − (n + ½) ln n + n − ½ ln 2π for n = 1..200 (both branches)', () => {
    let lnFact = 0;
    for (let n = 1; n <= 200; n++) {
      lnFact += Math.log(n);
      const want = lnFact - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
      // The definition cancels terms of size (n + ½) ln n: its own rounding is a few ulps of those.
      expect(Math.abs(stirlingError(n) - want)).toBeLessThanOrEqual(8e-16 * ((n + 0.5) * Math.log(n) + n) + 1e-16);
      expect(Math.abs(stirlingError(n) - 1 / (12 * n))).toBeLessThanOrEqual(1 / (360 * n ** 3) + 1e-15);
    }
  });

  test('bd0(x, M) = x ln(x/M) + M − x, near and far from x = M', () => {
    // Reference: M·φ(1 + d), φ(1 + d) = Σ_{k≥2} (−1)^k d^k/(k(k − 1)) near d = 0 (no cancellation), the definition far from it.
    const phi = (d: number) => {
      let s = 0;
      let pow = d;
      for (let k = 2; k < 80; k++) {
        pow *= d;
        s += ((k % 2 === 0 ? 1 : -1) * pow) / (k * (k - 1));
      }
      return s;
    };
    for (const M of [0.5, 3, 100, 1e4]) {
      for (const d of [-0.5, -0.2, -0.15, -0.05, -0.001, -1e-6, 1e-6, 0.001, 0.05, 0.2, 0.25, 1, 9]) {
        const x = M * (1 + d);
        const dd = (x - M) / M; // x − M is exact near M (Sterbenz)
        const want = Math.abs(dd) < 0.3 ? M * phi(dd) : x * Math.log(x / M) + M - x;
        expect(bd0(x, M)).toBeGreaterThanOrEqual(0);
        expect(Math.abs(bd0(x, M) - want), `bd0(${x}, ${M})`).toBeLessThanOrEqual(1e-13 * want);
      }
      expect(bd0(M, M)).toBe(0);
    }
  });
});

/**
 * The one assumption of alg-certify-rounding about V8's libm: Math.exp(x) and Math.tanh(x) are within
 * EXP_REL_ERR·|result| + LIBM_ABS_ERR (4 ulp, plus 16 subnormal ulps) of e^x and tanh x. Checked against
 * a rigorous BigInt enclosure (properties/support/exact-real.ts) on adversarial inputs: the reduction
 * boundaries k·ln 2 ± a few ulps for every binade, the overflow and underflow edges, integers, tiny
 * arguments, the branch points of fdlibm's tanh (2^−28, 1, 22), and random doubles; and the check itself
 * rejects a result that is 16 ulps off (a mutant libm).
 */
import { describe, expect, test } from 'vitest';
import { fc } from '../helpers/fc-test.js';
import { EXP_REL_ERR, LIBM_ABS_ERR, nextDown, nextUp } from '../../src/constructions/certify-rounding.js';
import { libmWithin } from '../../properties/support/exact-real.js';

const around = (x: number, n: number) => {
  const out = [x];
  let a = x;
  let b = x;
  for (let i = 0; i < n; i++) {
    a = nextUp(a);
    b = nextDown(b);
    out.push(a, b);
  }
  return out;
};

function expInputs(): number[] {
  const xs: number[] = [];
  for (let k = -1074; k <= 1023; k += 7) xs.push(...around(k * Math.LN2, 2));
  for (const edge of [709.782712893384, -708.3964185322641, -745.1332191019411, -744.44007192138, 0]) xs.push(...around(edge, 3));
  for (let i = -745; i <= 709; i += 3) xs.push(i, i + 0.5);
  for (let e = 1; e <= 80; e++) xs.push(2 ** -e, -(2 ** -e), 3 * 2 ** -e);
  xs.push(...fc.sample(fc.double({ min: -745, max: 709.78, noNaN: true }), { seed: 4711, numRuns: 1500 }));
  return xs;
}

function tanhInputs(): number[] {
  const xs: number[] = [];
  for (const edge of [2 ** -28, 1, 22, 0.5493061443340549, 2 ** -27]) for (const s of [1, -1]) xs.push(...around(s * edge, 3));
  for (let e = 1; e <= 90; e++) xs.push(2 ** -e, -(2 ** -e), 1.5 * 2 ** -e);
  xs.push(...fc.sample(fc.double({ min: -25, max: 25, noNaN: true }), { seed: 4712, numRuns: 1500 }).filter((x) => Math.abs(x) >= 2 ** -100));
  return xs;
}

describe('libm assumption (alg-certify-rounding)', () => {
  test('Math.exp is within 2^-50·|result| + 2^-1070 of e^x on adversarial inputs', () => {
    // Overflowing arguments are left out: the certifiers shift scores by their maximum, so exp sees x ≤ 0.
    const bad = expInputs()
      .filter((x) => Number.isFinite(Math.exp(x)))
      .filter((x) => !libmWithin('exp', x, Math.exp(x), EXP_REL_ERR, LIBM_ABS_ERR));
    expect(bad).toEqual([]);
  });

  test('Math.tanh is within 2^-50·|result| + 2^-1070 of tanh x on adversarial inputs', () => {
    const bad = tanhInputs().filter((x) => !libmWithin('tanh', x, Math.tanh(x), EXP_REL_ERR, LIBM_ABS_ERR));
    expect(bad).toEqual([]);
  });

  test('Math.exp is even within 1 ulp on these inputs (the 4-ulp assumption has room), and a 16-ulp error is caught', () => {
    const xs = expInputs().filter((x) => Math.exp(x) > 2 ** -1000 && Math.exp(x) < 2 ** 1000);
    expect(xs.filter((x) => !libmWithin('exp', x, Math.exp(x), 2 ** -52, 0))).toEqual([]);
    // Mutant libm: every result 16 ulps high.
    const off = (c: number) => {
      let y = c;
      for (let i = 0; i < 16; i++) y = nextUp(y);
      return y;
    };
    expect(xs.filter((x) => !libmWithin('exp', x, off(Math.exp(x)), EXP_REL_ERR, LIBM_ABS_ERR)).length).toBe(xs.length);
  });
});

/**
 * lem-softmax-stability (proofs-notes/lem-softmax-stability.md): the max-shifted softmax and
 * log-sum-exp of src/core/softmax.ts are probability vectors / finite numbers for every finite input
 * (scores up to 1e6 and up to 1e300 in magnitude), are invariant under adding a constant to every
 * score (up to the rounding of the shifted scores themselves), and agree with the textbook formulas on
 * moderate inputs.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbVector } from './arbitraries/index.js';
import { softmax, logSumExp, SOFTMAX_STABILITY_ID } from '../src/core/softmax.js';
import { DomainError } from '../src/core/errors.js';

const DBL_EPS = 2 ** -52;

function expectProbabilityVector(p: Float64Array): void {
  let sum = 0;
  for (const x of p) {
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(1);
    sum += x;
  }
  expect(Math.abs(sum - 1)).toBeLessThanOrEqual(4 * p.length * DBL_EPS);
}

describe(`${SOFTMAX_STABILITY_ID}: softmax`, () => {
  for (const [magnitude, seed] of [
    [50, 3101],
    [1e6, 3102],
    [1e100, 3103],
    [1e300, 3104],
  ] as const) {
    test.prop([arbVector({ min: 1, max: 40 }, magnitude)], { seed, numRuns: 200 })(`sums to 1, entries in [0,1], scores up to ${magnitude}`, (u) => {
      const p = softmax(u);
      expectProbabilityVector(p);
      // The arg-max keeps at least 1/n of the mass, so huge scores never make everything vanish.
      let arg = 0;
      for (let i = 1; i < u.length; i++) if (u[i] > u[arg]) arg = i;
      expect(p[arg]).toBeGreaterThanOrEqual(1 / u.length - 1e-15);
    });
  }

  test.prop([arbVector({ min: 1, max: 30 }, 1e3), fc.double({ min: -1e6, max: 1e6, noNaN: true })], { seed: 3105, numRuns: 300 })(
    'shift invariance: ‖softmax(u + c) − softmax(u)‖₁ ≤ rounding of the shifted scores',
    (u, c) => {
      const shifted = u.map((x) => x + c);
      // Exact shift changes nothing; what remains is the rounding of u_i + c, at most
      // δ = ulp-size (|c| + max|u|)·2^-52 per score, and softmax is 2-Lipschitz from ℓ∞ to ℓ1 (Cor. A.7).
      let umax = 0;
      for (const x of u) umax = Math.max(umax, Math.abs(x));
      const delta = (Math.abs(c) + umax) * DBL_EPS;
      const p = softmax(u);
      const q = softmax(shifted);
      let l1 = 0;
      for (let i = 0; i < p.length; i++) l1 += Math.abs(p[i] - q[i]);
      expect(l1).toBeLessThanOrEqual(2 * delta + 8 * u.length * DBL_EPS);
    },
  );

  test.prop([arbVector({ min: 1, max: 30 }, 50)], { seed: 3106, numRuns: 300 })('agrees with exp(u_i)/Σ exp(u_j) on moderate scores', (u) => {
    const e = Array.from(u, Math.exp);
    const total = e.reduce((s, x) => s + x, 0);
    const p = softmax(u);
    for (let i = 0; i < u.length; i++) expect(Math.abs(p[i] - e[i] / total)).toBeLessThanOrEqual(1e-14);
  });
});

describe(`${SOFTMAX_STABILITY_ID}: log-sum-exp`, () => {
  test.prop([arbVector({ min: 1, max: 30 }, 50)], { seed: 3201, numRuns: 300 })('agrees with log Σ exp(u_i) on moderate inputs', (u) => {
    const naive = Math.log(Array.from(u, Math.exp).reduce((s, x) => s + x, 0));
    expect(Math.abs(logSumExp(u) - naive)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(naive)));
  });
  test.prop([arbVector({ min: 1, max: 30 }, 1e300)], { seed: 3202, numRuns: 300 })('finite and max ≤ lse ≤ max + log n for huge inputs', (u) => {
    const lse = logSumExp(u);
    const max = Math.max(...u);
    expect(Number.isFinite(lse)).toBe(true);
    expect(lse).toBeGreaterThanOrEqual(max);
    expect(lse).toBeLessThanOrEqual(max + Math.log(u.length) + Math.abs(max) * 4 * DBL_EPS + 1e-12);
  });
  test.prop([arbVector({ min: 1, max: 30 }, 1e6)], { seed: 3203, numRuns: 200 })('softmax(u)_i = exp(u_i − lse(u))', (u) => {
    const lse = logSumExp(u);
    const p = softmax(u);
    for (let i = 0; i < u.length; i++) expect(Math.abs(p[i] - Math.exp(u[i] - lse))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(u[i]) * DBL_EPS * 1e9));
  });
});

describe(`${SOFTMAX_STABILITY_ID}: bad input`, () => {
  test.prop([arbVector({ min: 1, max: 10 }, 10), fc.nat(), fc.constantFrom(NaN, Infinity, -Infinity)], { seed: 3301, numRuns: 50 })(
    'NaN and infinite scores are rejected with a typed error naming the entry',
    (u, k, bad) => {
      const v = Float64Array.from(u);
      const i = k % v.length;
      v[i] = bad;
      expect(() => softmax(v)).toThrow(DomainError);
      expect(() => softmax(v)).toThrow(`softmax: u[${i}] must be a finite number (got ${bad})`);
      expect(() => logSumExp(v)).toThrow(`logSumExp: u[${i}] must be a finite number (got ${bad})`);
    },
  );
});

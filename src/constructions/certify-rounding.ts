/**
 * Outward rounding for the certifiers (alg-certify-rounding): every float64 operation on the path of a
 * certificate is followed by `up` or `down`, so that a computed pair [lo, hi] encloses the exact
 * real-arithmetic value of the file's model (the float64 values in the file read as real numbers).
 * IEEE 754 round-to-nearest puts the exact result of +, −, ×, ÷ strictly between the two neighbours of
 * the computed float, so nextUp(fl(x ∘ y)) ≥ x ∘ y ≥ nextDown(fl(x ∘ y)); `up`/`down` return a float at
 * least one step outward (proof in proofs-notes/alg-certify-rounding.md). Math.exp and Math.tanh are not
 * correctly rounded: EXP_REL_ERR and LIBM_ABS_ERR state the error we assume of V8's libm (checked by
 * test/constructions/libm-assumption.test.ts against a BigInt computation on adversarial inputs).
 */

import type { Activation } from '../model/activations.js';

/** Proof-note id: proofs-notes/alg-certify-rounding.md. */
export const CERTIFY_ROUNDING_ID = 'alg-certify-rounding';

/** u = 2^−53, the unit roundoff of float64 round-to-nearest. */
export const UNIT_ROUNDOFF = 2 ** -53;

/**
 * γ_n = n·u / (1 − n·u) (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), rounded up:
 * any summation of n + 1 floats in any order errs by at most γ_n Σ|x_i|. Throws RangeError unless
 * 0 ≤ n·u < 1/2 (the bound is used only far from that).
 */
export function gamma(n: number): number {
  const nu = n * UNIT_ROUNDOFF;
  if (!(n >= 0 && nu < 0.5)) throw new RangeError(`gamma: n must be in [0, 2^52) (got ${n})`);
  return up(up(nu) / down(1 - nu));
}

/** Assumed relative error of Math.exp and Math.tanh against their computed value: 4 ulp ≤ 2^−50. */
export const EXP_REL_ERR = 2 ** -50;
/** Assumed absolute error of Math.exp and Math.tanh where the result is subnormal: 2^−1070 (16 subnormal ulps). */
export const LIBM_ABS_ERR = 2 ** -1070;

const SMALL = 2 ** -1021;
const UP_FACTOR = 1 + 2 ** -52;
const DOWN_FACTOR = 1 - 2 ** -52;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = LITTLE ? 1 : 0;

/** The next float64 above x (x finite or −Infinity; +Infinity and NaN are returned as they are). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  if (x > 0) {
    u32[LO] = (u32[LO] + 1) >>> 0;
    if (u32[LO] === 0) u32[HI] = (u32[HI] + 1) >>> 0;
  } else {
    if (u32[LO] === 0) u32[HI] = (u32[HI] - 1) >>> 0;
    u32[LO] = (u32[LO] - 1) >>> 0;
  }
  return f64[0];
}

/** The next float64 below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * A float ≥ nextUp(x): x·(1 + 2^−52) for |x| ≥ 2^−1021 (one multiplication; for x in [2^e, 2^{e+1})
 * the exact product exceeds x by x·2^−52 ≥ ulp(x), and rounding is monotone), nextUp(x) below.
 */
export function up(x: number): number {
  if (x >= SMALL) return x * UP_FACTOR;
  if (x === 0) return Number.MIN_VALUE;
  if (x <= -SMALL) return x * DOWN_FACTOR;
  return nextUp(x);
}

/** A float ≤ nextDown(x) (the mirror of `up`). */
export function down(x: number): number {
  if (x >= SMALL) return x * DOWN_FACTOR;
  if (x === 0) return -Number.MIN_VALUE;
  if (x <= -SMALL) return x * UP_FACTOR;
  return -nextUp(-x);
}

/** An upper bound on e^x (x finite), under the EXP_REL_ERR / LIBM_ABS_ERR assumption on Math.exp. */
export function expUp(x: number): number {
  const c = Math.exp(x);
  return up(up(c * (1 + EXP_REL_ERR)) + LIBM_ABS_ERR);
}

/** A lower bound ≥ 0 on e^x (x finite), under the same assumption. */
export function expDown(x: number): number {
  const c = Math.exp(x);
  if (c === Infinity) return 0; // overflow: 0 is a lower bound (the certifiers shift scores so that x ≤ 0)
  const v = down(down(c * (1 - EXP_REL_ERR)) - LIBM_ABS_ERR);
  return Math.max(v, 0); // NaN stays NaN (the certifiers turn it into −Infinity)
}

/** An upper bound on tanh(x), at most 1 (same assumption on Math.tanh). */
export function tanhUp(x: number): number {
  const c = Math.tanh(x);
  const v = up(up(c + up(Math.abs(c) * EXP_REL_ERR)) + LIBM_ABS_ERR);
  return Math.min(v, 1);
}

/** A lower bound on tanh(x), at least −1. */
export function tanhDown(x: number): number {
  return -tanhUp(-x);
}

/** Lower end of the exact product [alo, ahi]·[blo, bhi] (the smallest of the four corners, rounded down). */
export function mulLo(alo: number, ahi: number, blo: number, bhi: number): number {
  if (alo === ahi && blo === bhi) return alo * blo === 0 && (alo === 0 || blo === 0) ? 0 : down(alo * blo);
  return down(Math.min(alo * blo, alo * bhi, ahi * blo, ahi * bhi));
}

/** Upper end of the exact product [alo, ahi]·[blo, bhi]. */
export function mulHi(alo: number, ahi: number, blo: number, bhi: number): number {
  if (alo === ahi && blo === bhi) return alo * blo === 0 && (alo === 0 || blo === 0) ? 0 : up(alo * blo);
  return up(Math.max(alo * blo, alo * bhi, ahi * blo, ahi * bhi));
}

/**
 * Enclosure [lo, hi] of Σ_j a_j·b_j for exact vectors a, b (floats read as reals): the float dot
 * product ± γ_n Σ|a_j b_j| (Higham (3.5)), rounded outward. Zero products are exact and not counted.
 */
export function dotEnclosure(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  let s = 0;
  let abs = 0;
  let n = 0;
  for (let j = 0; j < a.length; j++) {
    const p = a[j] * b[j];
    if (p === 0 && (a[j] === 0 || b[j] === 0)) continue;
    s += p;
    abs += Math.abs(p);
    n++;
  }
  if (n === 0) return [0, 0];
  // The products themselves round too: |fl(a b) − a b| ≤ u|ab| (+ an underflow term), so γ_n covers
  // n − 1 additions and one multiplication per term; abs is itself a rounded sum, hence the (1 + γ_n) factor.
  const g = gamma(n);
  const r = up(up(g * up(abs * up(1 + 2 * g))) + n * 2 ** -1074);
  return [down(s - r), up(s + r)];
}

/** Enclosure of the exact dot product of an exact vector a with a vector known only as [blo, bhi]. */
export function dotIntervalEnclosure(a: ArrayLike<number>, blo: ArrayLike<number>, bhi: ArrayLike<number>): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < a.length; j++) {
    if (a[j] === 0) continue;
    lo = down(lo + mulLo(a[j], a[j], blo[j], bhi[j]));
    hi = up(hi + mulHi(a[j], a[j], blo[j], bhi[j]));
  }
  return [lo, hi];
}

/**
 * A rounding mode for the interval pieces: OUTWARD (every result moved outward, a proven enclosure of
 * the real value) or NEAREST (plain float64, the same algorithm without the slack: the certifier's
 * estimate `minMargin`). The difference of the two results is the certificate's `slack`.
 */
export interface Rounding {
  /** An upper bound on the real value whose float64 result is x (identity for NEAREST). */
  readonly up: (x: number) => number;
  /** A lower bound on the real value whose float64 result is x. */
  readonly down: (x: number) => number;
  /** Upper bound on e^x. */
  readonly expUp: (x: number) => number;
  /** Lower bound on e^x. */
  readonly expDown: (x: number) => number;
  /** Upper bound on tanh(x). */
  readonly tanhUp: (x: number) => number;
  /** Lower bound on tanh(x). */
  readonly tanhDown: (x: number) => number;
}

const same = (x: number) => x;

/** Plain float64 round-to-nearest (no enclosure): the estimate. */
export const NEAREST: Rounding = { up: same, down: same, expUp: Math.exp, expDown: Math.exp, tanhUp: Math.tanh, tanhDown: Math.tanh };

/** Outward rounding: results enclose the real values (alg-certify-rounding). */
export const OUTWARD: Rounding = { up, down, expUp, expDown, tanhUp, tanhDown };

/** Upper bound on σ(x) for the real x ≤ the given float x (σ monotone nondecreasing). */
export function activateUp(act: Activation, x: number, R: Rounding): number {
  if (act === 'identity') return x;
  if (act === 'relu') return Math.max(x, 0);
  return R.tanhUp(x);
}

/** Lower bound on σ(x) for the real x ≥ the given float x. */
export function activateDown(act: Activation, x: number, R: Rounding): number {
  if (act === 'identity') return x;
  if (act === 'relu') return Math.max(x, 0);
  return R.tanhDown(x);
}

/** The outward-rounding helpers as one object, for callers that bind them once (hot loops). */
export const ROUNDING_OPS = { up, down, mulLo, mulHi, activateUp, activateDown } as const;

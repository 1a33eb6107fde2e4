/** Checkers of lem-head-perturbation shared by its property file and bench/bounds-adversarial.ts (no vitest import). */
import { scalarHeadPerturbation } from '../perturbation.js';
import { headForward } from '../../model/head.js';
import { fromData, type Matrix } from '../../core/matrix.js';
import { spectralNorm, l2 } from '../../core/norms.js';
import { createRng } from '../../core/rng.js';
import type { Activation } from '../../model/activations.js';
import { rowsInBall } from './rows-in-ball.js';
import { adversarialSearch } from './adversarial-search.js';

export const sub = (a: Matrix, b: Matrix) =>
  fromData(
    a.rows,
    a.cols,
    a.data.map((x, i) => x - b.data[i]),
  );

export interface Inst {
  X: Matrix;
  w: Float64Array;
  wV: Matrix;
  wQK: Matrix;
  w2: Float64Array;
  wV2: Matrix;
  wQK2: Matrix;
}

export function unpack(x: Float64Array, T: number, d: number, k: number, B: number): Inst {
  let o = 0;
  const take = (n: number) => {
    const part = Float64Array.from(x.subarray(o, o + n));
    o += n;
    return part;
  };
  const X = rowsInBall(take((T + 1) * d), T + 1, d, B);
  return { X, w: take(k), wV: fromData(d, k, take(d * k)), wQK: fromData(d, d, take(d * d)), w2: take(k), wV2: fromData(d, k, take(d * k)), wQK2: fromData(d, d, take(d * d)) };
}

export function ratioOf(I: Inst, act: Activation, B: number, c: number): number {
  const f = (w: Float64Array, wV: Matrix, wQK: Matrix) => {
    const out = headForward({ wQK, wV, activation: act }, I.X, I.X.data.subarray(0, I.X.cols));
    return out.reduce((s, v, j) => s + v * w[j], 0);
  };
  const actual = Math.abs(f(I.w, I.wV, I.wQK) - f(I.w2, I.wV2, I.wQK2));
  const bound = scalarHeadPerturbation(
    { rowNorm: B, readoutNorm: Math.max(l2(I.w), l2(I.w2)), valueSpectral: Math.max(spectralNorm(I.wV), spectralNorm(I.wV2)), activationLipschitz: 1 },
    { readout: l2(I.w.map((v, i) => v - I.w2[i])), value: spectralNorm(sub(I.wV, I.wV2)), qk: spectralNorm(sub(I.wQK, I.wQK2)) },
    c,
  ).total;
  return bound > 0 ? actual / bound : NaN;
}

/** Worst ratio found by the search (T = 1, d = 2, k = 1), with the tight W_QK-only start. */
export function headPerturbationWorstRatio(c: number, seed: number, budget: number): number {
  const T = 1,
    d = 2,
    k = 1,
    B = 1;
  const dim = (T + 1) * d + 2 * (k + d * k + d * d);
  // Tight start: x_0 = e_1, x_1 = −e_1, W_V = e_1, w = 1, W_QK = 0 vs 0.01·e_1e_1ᵀ.
  const s = new Float64Array(dim);
  s.set([1, 0, -1, 0], 0);
  let o = (T + 1) * d;
  s[o] = 1;
  s[o + 1] = 1;
  o += k + d * k + d * d; // w, W_V[0][0], W_QK = 0
  s[o] = 1;
  s[o + 1] = 1;
  s[o + k + d * k] = 0.01; // w2, W_V2[0][0], W_QK2[0][0]
  const rng = createRng(seed);
  const starts = [s, Float64Array.from({ length: dim }, () => rng.normal())];
  return adversarialSearch((x) => ratioOf(unpack(x, T, d, k, B), 'identity', B, c), starts, seed, budget, 0.01).ratio;
}

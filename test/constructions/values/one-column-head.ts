/**
 * A model with position-only keys for the exact certifier's value tests: T positions with scores s_u (s_0 = 0),
 * one [CLS] head with one value column, x = σ(Δ·Σ_u a_u bit_u + c0·a_0), then the given readout.
 * Width T + 2: position one-hot columns 0..T−1, the bit column T, the [CLS] column T + 1.
 */
import { fromData } from '../../../src/core/matrix.js';
import type { Activation } from '../../../src/model/activations.js';
import type { DenseLayer, Model } from '../../../src/model/types.js';

export function oneColumnHead(T: number, scores: readonly number[], head: { delta: number; c0: number; activation: Activation }, readout: DenseLayer[]): Model {
  const d = T + 2;
  const tok = new Float64Array(2 * d);
  tok[d + T] = 1;
  const cls = new Float64Array(d);
  cls[T + 1] = 1;
  const wQK = new Float64Array(d * d);
  for (let u = 1; u <= T; u++) wQK[(u - 1) * d + T + 1] = scores[u - 1];
  const wV = new Float64Array(d);
  wV[T] = head.delta;
  wV[T + 1] = head.c0;
  return {
    contextLength: T,
    width: d,
    embedding: { token: fromData(2, d, tok), position: [{ kind: 'onehot', scale: 1, column: 0 }], cls },
    layers: [],
    clsHeads: [{ wQK: fromData(d, d, wQK), wV: fromData(d, 1, wV), activation: head.activation }],
    readout,
  };
}

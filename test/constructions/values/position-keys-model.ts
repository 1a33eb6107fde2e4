/**
 * Models with position-only keys for the exact certifier's value tests (one-hot positions, the bit on its own
 * column, the [CLS] row; keys read positions only), and the one-column head several of those tests use.
 */
import { fromData } from '../../../src/core/matrix.js';
import type { Activation } from '../../../src/model/activations.js';
import type { DenseLayer, Model } from '../../../src/model/types.js';

/** One value column w_c: its bit coefficient Δ, [CLS] coefficient c0 and per-position coefficients p_u. */
export interface Column {
  readonly delta: number;
  readonly c0: number;
  readonly pos: readonly number[];
}

export interface Spec {
  readonly T: number;
  /** Scores s_1..s_T of the positions and s_0 of the [CLS] row (keys read positions only). */
  readonly scores: readonly number[];
  readonly s0: number;
  /** heads[h][m]: column m of head h. */
  readonly heads: readonly (readonly Column[])[];
  readonly sigma: Activation;
  readonly readout: readonly DenseLayer[];
}

/**
 * The model: d = T + 2; columns 0..T−1 one-hot positions, column T the bit (E_tok[1] = e_T, E_tok[0] = 0),
 * column T+1 the [CLS] row x_0. W_QK x_0 = q with q_{u−1} = s_u, q_{T+1} = s_0, q_T = 0 (position-only keys).
 */
export function positionKeysModel(spec: Spec): Model {
  const { T } = spec;
  const d = T + 2;
  const tok = new Float64Array(2 * d);
  tok[d + T] = 1;
  const cls = new Float64Array(d);
  cls[T + 1] = 1;
  const wQK = new Float64Array(d * d);
  for (let u = 1; u <= T; u++) wQK[(u - 1) * d + T + 1] = spec.scores[u - 1];
  wQK[(T + 1) * d + T + 1] = spec.s0;
  return {
    contextLength: T,
    width: d,
    embedding: { token: fromData(2, d, tok), position: [{ kind: 'onehot', scale: 1, column: 0 }], cls },
    layers: [],
    clsHeads: spec.heads.map((cols) => {
      const k = cols.length;
      const wV = new Float64Array(d * k);
      cols.forEach((c, m) => {
        for (let u = 1; u <= T; u++) wV[(u - 1) * k + m] = c.pos[u - 1];
        wV[T * k + m] = c.delta;
        wV[(T + 1) * k + m] = c.c0;
      });
      return { wQK: fromData(d, d, wQK), wV: fromData(d, k, wV), activation: spec.sigma };
    }),
    readout: spec.readout,
  };
}

/** T positions with scores s_u (s_0 = 0), one [CLS] head with one value column: x = σ(Δ·Σ_u a_u bit_u + c0·a_0). */
export function oneColumnHead(T: number, scores: readonly number[], head: { delta: number; c0: number; activation: Activation }, readout: DenseLayer[]): Model {
  return positionKeysModel({ T, scores, s0: 0, heads: [[{ delta: head.delta, c0: head.c0, pos: new Array<number>(T).fill(0) }]], sigma: head.activation, readout });
}

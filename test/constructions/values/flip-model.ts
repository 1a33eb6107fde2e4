/**
 * The interval certifier's witness tests' model: position-dependent flips. q = (2, 0) makes a bit raise its
 * position's weight (score 2 against 0), and the value of position u is p_u, so the margin f = Σ a_u p_u moves
 * either way with a flip: lowering it wants the bit set exactly where p_u is below the current average, so
 * neither background is optimal and single flips improve it. Plus the input and margin helpers both files use.
 */
import { fromRows } from '../../../src/core/matrix.js';
import { forward } from '../../../src/model/forward.js';
import { targetLabel } from '../../../src/model/target.js';
import type { BooleanTarget, Model } from '../../../src/model/types.js';

export function flipModel(p: readonly number[]): Model {
  return {
    contextLength: p.length,
    width: 2,
    embedding: {
      token: fromRows([
        [0, 0],
        [1, 0],
      ]),
      position: [{ kind: 'dense', matrix: fromRows(p.map((x) => [0, x])) }],
      cls: Float64Array.from([1, 0]),
    },
    layers: [],
    clsHeads: [
      {
        wQK: fromRows([
          [2, 0],
          [0, 0],
        ]),
        wV: fromRows([[0], [1]]),
        activation: 'identity',
      },
    ],
    readout: [{ weight: fromRows([[1]]), bias: null, activation: 'identity' }],
  };
}

export const bitsOf = (s: string) => Uint8Array.from(s, (ch) => (ch === '1' ? 1 : 0));
export const marginOf = (model: Model, target: BooleanTarget, bits: Uint8Array) => targetLabel(target, bits) * forward(model, bits);

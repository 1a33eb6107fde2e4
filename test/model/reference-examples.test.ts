/**
 * Hand-computed examples of the reference semantics (def-reference-model) and the shipped example
 * checked exhaustively against its Boolean target.
 */
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fromRows } from '../../src/core/matrix.js';
import { headForwardTrace } from '../../src/model/head.js';
import { layerForward } from '../../src/model/layer.js';
import { forward } from '../../src/model/forward.js';
import { readModelFile } from '../../src/model/format.js';
import { targetLabel } from '../../src/model/target.js';
import { maxEmbeddedRowNorm } from '../../src/model/embed.js';

describe('a head by hand', () => {
  // X = [[1, 0], [0, 2]] (row 0 = [CLS]), W_QK = I, z = (1, 1): s = (1, 2), a = (1, e)/(1 + e).
  const X = fromRows([
    [1, 0],
    [0, 2],
  ]);
  const wQK = fromRows([
    [1, 0],
    [0, 1],
  ]);
  const wV = fromRows([[1], [1]]);
  test('scores, attention, mix and output', () => {
    const tr = headForwardTrace({ wQK, wV, activation: 'identity' }, X, [1, 1]);
    const e = Math.E;
    expect(Array.from(tr.scores)).toEqual([1, 2]);
    expect(tr.attention[0]).toBeCloseTo(1 / (1 + e), 15);
    expect(tr.attention[1]).toBeCloseTo(e / (1 + e), 15);
    expect(tr.mixed[0]).toBeCloseTo(1 / (1 + e), 15);
    expect(tr.mixed[1]).toBeCloseTo((2 * e) / (1 + e), 15);
    expect(tr.output[0]).toBeCloseTo((1 + 2 * e) / (1 + e), 15);
  });
  test('relu and tanh act on the head output', () => {
    const neg = fromRows([[-1], [-1]]);
    expect(headForwardTrace({ wQK, wV: neg, activation: 'relu' }, X, [1, 1]).output[0]).toBe(0);
    expect(headForwardTrace({ wQK, wV, activation: 'tanh' }, X, [1, 1]).output[0]).toBeCloseTo(Math.tanh((1 + 2 * Math.E) / (1 + Math.E)), 15);
  });
  test('scores use x_uᵀ W_QK z, not its transpose', () => {
    // W_QK = [[0, 1], [0, 0]]: s_u = x_u[0]·z[1]. With z = (0, 1): s = (1, 0).
    const tr = headForwardTrace(
      {
        wQK: fromRows([
          [0, 1],
          [0, 0],
        ]),
        wV,
        activation: 'identity',
      },
      X,
      [0, 1],
    );
    expect(Array.from(tr.scores)).toEqual([1, 0]);
  });
});

describe('a layer by hand: residual, then projection', () => {
  test('y_t = Π_R(x_t + f_head(X, x_t)ᵀ W_C)', () => {
    const X = fromRows([
      [3, 0],
      [0, 4],
    ]);
    // W_QK = 0: uniform attention (1/2, 1/2); W_V = I, W_C = I: head output = mean row (1.5, 2).
    const layer = {
      heads: [
        {
          wQK: fromRows([
            [0, 0],
            [0, 0],
          ]),
          wV: fromRows([
            [1, 0],
            [0, 1],
          ]),
          wC: fromRows([
            [1, 0],
            [0, 1],
          ]),
          activation: 'identity' as const,
        },
      ],
      residual: true,
      projectionRadius: 5,
    };
    const Y = layerForward(layer, X);
    // Row 0: (3, 0) + (1.5, 2) = (4.5, 2), norm √24.25 < 5: unchanged. Row 1: (1.5, 6), norm √38.25 > 5: scaled.
    expect(Array.from(Y.data.subarray(0, 2))).toEqual([4.5, 2]);
    const c = 5 / Math.sqrt(1.5 ** 2 + 36);
    expect(Y.data[2]).toBeCloseTo(1.5 * c, 14);
    expect(Y.data[3]).toBeCloseTo(6 * c, 14);
  });
});

describe('examples/parity3-T8.json', () => {
  const model = readModelFile(fileURLToPath(new URL('../../examples/parity3-T8.json', import.meta.url)));
  test('computes its target (parity of bits 2, 5, 7) on all 256 inputs with margin > 0.99', () => {
    let worst = Infinity;
    const b = new Uint8Array(8);
    for (let x = 0; x < 256; x++) {
      for (let t = 0; t < 8; t++) b[t] = (x >> t) & 1;
      const parity = (b[1] ^ b[4] ^ b[6]) === 1 ? 1 : -1;
      expect(targetLabel(model.target!, b)).toBe(parity);
      worst = Math.min(worst, parity * forward(model, b));
    }
    expect(worst).toBeGreaterThan(0.99);
  });
  test('B_X = √2 (one-hot position plus the bit column)', () => {
    expect(maxEmbeddedRowNorm(model.embedding, model.contextLength)).toBeCloseTo(Math.SQRT2, 15);
  });
});

/**
 * The readout MLP (def-reference-model: v ↦ σ_L(… σ_1(vᵀW_1 + b_1) … W_L + b_L)) against a naive loop
 * evaluation, and its two shape guards called with the exact bad input: an input of the wrong length
 * (the error names readoutForward, the layer and the length, not vecMat) and a readout ending in 2
 * outputs. Targets the survivors of readout.ts (both guards removed).
 */
import { describe, expect, test } from 'vitest';
import { ShapeError } from '../../../src/core/errors.js';
import { fromData } from '../../../src/core/matrix.js';
import { readoutForward, readoutForwardVector } from '../../../src/model/readout.js';
import type { DenseLayer } from '../../../src/model/types.js';

function thrown(f: () => unknown): Error | null {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
}

// 3 -> 2 (relu, bias) -> 1 (identity, bias).
const W1 = [
  [1, -2],
  [0.5, 1],
  [-1, 3],
];
const B1 = [0.25, -4];
const W2 = [[2], [-0.5]];
const LAYERS: DenseLayer[] = [
  { weight: fromData(3, 2, Float64Array.from(W1.flat())), bias: Float64Array.from(B1), activation: 'relu' },
  { weight: fromData(2, 1, Float64Array.from(W2.flat())), bias: Float64Array.of(1.5), activation: 'identity' },
];

describe('readoutForward', () => {
  test('against a naive evaluation', () => {
    const v = [2, -1, 0.5];
    const h = [0, 1].map((j) => Math.max(0, v.reduce((s, vi, i) => s + vi * W1[i][j], 0) + B1[j]));
    const want = h[0] * W2[0][0] + h[1] * W2[1][0] + 1.5;
    expect(readoutForward(LAYERS, v)).toBe(want);
  });
  test('input of the wrong length', () => {
    const e = thrown(() => readoutForwardVector(LAYERS, [1, 2]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e?.message).toBe('readoutForward: layer 0 expects input length 3 (got 2)');
  });
  test('a readout ending in 2 outputs', () => {
    const e = thrown(() => readoutForward(LAYERS.slice(0, 1), [1, 2, 3]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e?.message).toBe('readoutForward: readout must end in one output (got 2)');
  });
});

/**
 * forward's [CLS]-pooling guard: [CLS] heads whose outputs have different dimensions k (an unchecked
 * model, built by hand) must raise a ShapeError naming forward and both lengths, not be summed over a
 * prefix. Plus f(b) of a small model with no layers and no [CLS] heads against the doc's definition
 * (the readout reads x_0). Targets the surviving guard of forward.ts.
 */
import { describe, expect, test } from 'vitest';
import { ShapeError } from '../../../src/core/errors.js';
import { fromData } from '../../../src/core/matrix.js';
import { forward } from '../../../src/model/forward.js';
import type { Model } from '../../../src/model/types.js';

const base = (clsHeads: Model['clsHeads'], readoutRows: number): Model => ({
  contextLength: 1,
  width: 2,
  embedding: { token: fromData(2, 2, Float64Array.of(0, 0, 1, 1)), position: [], cls: Float64Array.of(3, -2) },
  layers: [],
  clsHeads,
  readout: [
    {
      weight: fromData(
        readoutRows,
        1,
        Float64Array.from({ length: readoutRows }, (_, i) => i + 1),
      ),
      bias: null,
      activation: 'identity',
    },
  ],
});

describe('forward', () => {
  test('no [CLS] heads: the readout reads x_0', () => {
    expect(forward(base([], 2), [1])).toBe(3 * 1 + -2 * 2);
  });
  test('[CLS] heads of different k', () => {
    const wQK = fromData(2, 2, new Float64Array(4));
    const m = base(
      [
        { wQK, wV: fromData(2, 1, Float64Array.of(1, 0)), activation: 'identity' },
        { wQK, wV: fromData(2, 2, Float64Array.of(1, 0, 0, 1)), activation: 'identity' },
      ],
      1,
    );
    let msg = 'no error';
    try {
      forward(m, [1]);
    } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      msg = (e as Error).message;
    }
    expect(msg).toBe('forward: [CLS] heads must share the output dimension k (got 2 vs 1)');
  });
});

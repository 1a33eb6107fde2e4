/**
 * checkModel's guards (def-model-file, docs/model-format.md): a valid model passes, then each check is
 * called with one field made bad and nothing else, and the error must be the FileFormatError
 * `where: field ... (got ...)` naming that field and the bad value (a removed guard lets the model
 * through or fails later with another message). Boundary inputs tell the operators apart: T = 1.5 and
 * T = 0 (`||` vs `&&`), a rows-only and a cols-only mismatch (`||` vs `&&`, rows/cols `?? 'any'` in the
 * message), onehot column + T = d + 1 with column < T (a `-` would pass), projection radius 0, −1 and
 * +Infinity (`>` vs `>=`, `&&` vs `||`), an empty readout with d = 2, a readout ending in 2 outputs, and a
 * bad target re-prefixed once. Targets the survivors of check-model.ts.
 */
import { describe, expect, test } from 'vitest';
import { FileFormatError } from '../../../src/core/errors.js';
import { fromData, type Matrix } from '../../../src/core/matrix.js';
import { checkModel } from '../../../src/model/check-model.js';
import type { Model, PositionBlock } from '../../../src/model/types.js';

const m = (rows: number, cols: number, fill = 0.5): Matrix => fromData(rows, cols, new Float64Array(rows * cols).fill(fill));

// T = 2, d = 3, one layer with one head (k = 2), one [CLS] head (k = 2), readout 2 -> 2 -> 1.
function valid(): Model {
  return {
    contextLength: 2,
    width: 3,
    embedding: {
      token: m(2, 3),
      position: [
        { kind: 'dense', matrix: m(2, 3) },
        { kind: 'onehot', scale: 1, column: 1 },
        { kind: 'sign-hash', scale: 0.5, seed: 7, column: 1, width: 2 },
      ],
      cls: Float64Array.of(1, 0, 0),
    },
    layers: [{ heads: [{ wQK: m(3, 3), wV: m(3, 2), wC: m(2, 3), activation: 'relu' }], residual: true, projectionRadius: 4 }],
    clsHeads: [{ wQK: m(3, 3), wV: m(3, 2), activation: 'identity' }],
    readout: [
      { weight: m(2, 2), bias: Float64Array.of(1, -1), activation: 'relu' },
      { weight: m(2, 1), bias: null, activation: 'identity' },
    ],
    target: { support: [2], table: '01' },
  };
}

function msg(model: Model): string {
  try {
    checkModel(model, 'file.json');
  } catch (e) {
    expect(e).toBeInstanceOf(FileFormatError);
    return (e as Error).message;
  }
  return 'no error';
}
const W = 'file.json: ';

describe('checkModel', () => {
  test('the valid model passes (also with no target and no position blocks)', () => {
    expect(msg(valid())).toBe('no error');
    const v = valid();
    expect(msg({ ...v, target: undefined, embedding: { ...v.embedding, position: [] } })).toBe('no error');
    // radius null is allowed
    expect(msg({ ...v, layers: [{ ...v.layers[0], projectionRadius: null }] })).toBe('no error');
  });

  test('T and d must be integers >= 1', () => {
    expect(msg({ ...valid(), contextLength: 1.5 })).toBe(`${W}contextLength must be an integer >= 1 (got 1.5)`);
    expect(msg({ ...valid(), contextLength: 0 })).toBe(`${W}contextLength must be an integer >= 1 (got 0)`);
    expect(msg({ ...valid(), width: 2.5 })).toBe(`${W}width must be an integer >= 1 (got 2.5)`);
    expect(msg({ ...valid(), width: 0 })).toBe(`${W}width must be an integer >= 1 (got 0)`);
  });

  test('matrix shapes: a rows-only and a cols-only mismatch; a non-finite entry', () => {
    const v = valid();
    expect(msg({ ...v, embedding: { ...v.embedding, token: m(3, 3) } })).toBe(`${W}embedding.token must be 2x3 (got 3x3)`);
    expect(msg({ ...v, embedding: { ...v.embedding, token: m(2, 4) } })).toBe(`${W}embedding.token must be 2x3 (got 2x4)`);
    const bad = m(2, 3);
    bad.data[4] = Number.NaN;
    expect(msg({ ...v, embedding: { ...v.embedding, token: bad } })).toBe(`${W}embedding.token entry 4 must be a finite number (got NaN)`);
    // W_V: rows fixed to d, cols free ("any" in the message).
    const head = v.layers[0].heads[0];
    expect(msg({ ...v, layers: [{ ...v.layers[0], heads: [{ ...head, wV: m(2, 2) }] }] })).toBe(`${W}layers[0].heads[0].wV must be 3xany (got 2x2)`);
    expect(msg({ ...v, layers: [{ ...v.layers[0], heads: [{ ...head, wQK: m(3, 2) }] }] })).toBe(`${W}layers[0].heads[0].wQK must be 3x3 (got 3x2)`);
    expect(msg({ ...v, layers: [{ ...v.layers[0], heads: [{ ...head, wC: m(3, 3) }] }] })).toBe(`${W}layers[0].heads[0].wC must be 2x3 (got 3x3)`);
  });

  test('the [CLS] row', () => {
    const v = valid();
    expect(msg({ ...v, embedding: { ...v.embedding, cls: Float64Array.of(1, 0) } })).toBe(`${W}embedding.cls must have length d = 3 (got 2)`);
    expect(msg({ ...v, embedding: { ...v.embedding, cls: Float64Array.of(1, 0, Number.POSITIVE_INFINITY) } })).toBe(`${W}embedding.cls[2] must be a finite number (got Infinity)`);
  });

  test('position blocks', () => {
    const v = valid();
    const withBlock = (b: PositionBlock) => ({ ...v, embedding: { ...v.embedding, position: [b] } });
    expect(msg(withBlock({ kind: 'dense', matrix: m(3, 3) }))).toBe(`${W}embedding.position[0].matrix must be 2x3 (got 3x3)`);
    expect(msg(withBlock({ kind: 'onehot', scale: Number.NaN, column: 0 }))).toBe(`${W}embedding.position[0].scale must be a finite number (got NaN)`);
    expect(msg(withBlock({ kind: 'onehot', scale: 1, column: 2 }))).toBe(`${W}embedding.position[0]: onehot codes need column + T <= d = 3 (got 2 + 2)`);
    expect(msg(withBlock({ kind: 'onehot', scale: 1, column: 1 }))).toBe('no error'); // column + T = d
    expect(msg(withBlock({ kind: 'sign-hash', scale: Number.NEGATIVE_INFINITY, seed: 1, column: 0, width: 1 }))).toBe(`${W}embedding.position[0].scale must be a finite number (got -Infinity)`);
    expect(msg(withBlock({ kind: 'sign-hash', scale: 1, seed: 1, column: 2, width: 2 }))).toBe(`${W}embedding.position[0]: sign-hash codes need column + width <= d = 3 (got 2 + 2)`);
  });

  test('projection radius: finite and > 0, or null', () => {
    const v = valid();
    for (const r of [0, -1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(msg({ ...v, layers: [{ ...v.layers[0], projectionRadius: r }] })).toBe(`${W}layers[0].projectionRadius must be a finite number > 0 or null (got ${r})`);
    }
  });

  test('[CLS] heads share k', () => {
    const v = valid();
    expect(msg({ ...v, clsHeads: [v.clsHeads[0], { ...v.clsHeads[0], wV: m(3, 1) }] })).toBe(`${W}clsHeads[1].wV must be 3x2 (got 3x1)`);
  });

  test('readout: non-empty, chained, biases of the right length and finite, ends in 1 output', () => {
    const v = valid();
    expect(msg({ ...v, readout: [] })).toBe(`${W}readout must have at least one layer (got 0)`);
    expect(msg({ ...v, readout: [{ ...v.readout[0], weight: m(3, 2) }, v.readout[1]] })).toBe(`${W}readout[0].weight must be 2xany (got 3x2)`);
    expect(msg({ ...v, readout: [{ ...v.readout[0], bias: Float64Array.of(1) }, v.readout[1]] })).toBe(`${W}readout[0].bias must have length 2 (got 1)`);
    expect(msg({ ...v, readout: [{ ...v.readout[0], bias: Float64Array.of(1, Number.NaN) }, v.readout[1]] })).toBe(`${W}readout[0].bias[1] must be a finite number (got NaN)`);
    expect(msg({ ...v, readout: v.readout.slice(0, 1) })).toBe(`${W}readout must end in 1 output (got 2)`);
  });

  test('the target, checked against T, its message prefixed once', () => {
    expect(msg({ ...valid(), target: { support: [3], table: '01' } })).toBe(`${W}target.support must be positions in 1..2 (got 3)`);
  });
});

/**
 * Contract of the shared arbitraries (properties/arbitraries/): every generated model is valid for
 * the file format (checkModel), runs to a finite output, and is a pure function of its shape; the
 * generators reach every structural variant (layers, [CLS] heads, each position kind, targets).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbModel, arbModelAndBits, arbModelShape, randomModel, arbMatrix, arbBits, arbTarget } from './arbitraries/index.js';
import { checkTarget } from '../src/model/target.js';
import { checkModel } from '../src/model/check-model.js';
import { forward } from '../src/model/forward.js';
import { modelToJson } from '../src/model/format.js';

describe('shared arbitraries', () => {
  test.prop([arbModelAndBits()], { seed: 20261129, numRuns: 150 })('models are valid and evaluate to a finite number', ({ model, bits }) => {
    checkModel(model, 'arbModel');
    expect(Number.isFinite(forward(model, bits))).toBe(true);
  });

  test.prop([arbModelShape()], { seed: 7, numRuns: 40 })('randomModel is deterministic in its shape', (shape) => {
    expect(JSON.stringify(modelToJson(randomModel(shape)))).toBe(JSON.stringify(modelToJson(randomModel(shape))));
  });

  test.prop([arbMatrix({ rows: { min: 1, max: 4 }, cols: 3, scale: 5 })], { seed: 3, numRuns: 60 })('matrices are finite, in range, right shape', (m) => {
    expect(m.cols).toBe(3);
    expect(m.data.length).toBe(m.rows * 3);
    for (const x of m.data) expect(Math.abs(x)).toBeLessThanOrEqual(5);
  });

  test.prop([fc.integer({ min: 1, max: 40 }).chain((T) => arbBits(T).map((b) => ({ T, b })))], { seed: 5, numRuns: 40 })('bits have length T and values 0/1', ({ T, b }) => {
    expect(b.length).toBe(T);
    for (const x of b) expect(x === 0 || x === 1).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 12 }).chain((T) => arbTarget(T, { maxSparsity: Math.min(T, 5) }).map((t) => ({ T, t })))], { seed: 9, numRuns: 80 })(
    'targets are valid for their T (checkTarget)',
    ({ T, t }) => {
      checkTarget('arbTarget', 'target', t, T);
      expect(t.support.length).toBeLessThanOrEqual(5);
    },
  );

  test('the model generator reaches every structural variant', () => {
    const models = fc.sample(arbModel({ contextLength: { min: 1, max: 4 }, width: { min: 4, max: 6 } }), { seed: 11, numRuns: 300 });
    const seen = new Set<string>();
    for (const m of models) {
      seen.add(`layers=${m.layers.length}`);
      seen.add(`cls=${m.clsHeads.length}`);
      seen.add(`readout=${m.readout.length}`);
      for (const b of m.embedding.position) seen.add(`pos=${b.kind}`);
      if (m.target) seen.add('target');
      for (const l of m.layers) {
        if (l.projectionRadius !== null) seen.add('projection');
        if (l.residual) seen.add('residual');
      }
    }
    for (const k of ['layers=0', 'layers=1', 'layers=2', 'cls=0', 'cls=1', 'cls=2', 'readout=1', 'readout=2', 'pos=dense', 'pos=onehot', 'pos=sign-hash', 'target', 'projection', 'residual']) {
      expect(seen, k).toContain(k);
    }
  });
});

/**
 * measureNorms' per-layer entries (docs/model-format.md, "Norms"): a layer head's W_C norms are reported
 * (and a [CLS] head has none), with the layer's projection radius and residual flag. W_C = [[3, 0], [4, 0]]
 * has, by hand: spectral 5 (rank one, its only non-zero column has norm 5), Frobenius 5, column group norm
 * 5 + 0, row group norm 3 + 4, max row norm 4, max column norm 5. Targets the surviving object literals and
 * the layers map of norms-report.ts.
 */
import { describe, expect, test } from 'vitest';
import { fromData } from '../../../src/core/matrix.js';
import { measureNorms } from '../../../src/model/norms-report.js';
import type { Model } from '../../../src/model/types.js';

const TOL = 1e-12;
const I2 = fromData(2, 2, Float64Array.of(1, 0, 0, 1));
const MODEL: Model = {
  contextLength: 2,
  width: 2,
  embedding: { token: fromData(2, 2, Float64Array.of(0, 0, 1, 0)), position: [], cls: Float64Array.of(0, 1) },
  layers: [{ heads: [{ wQK: I2, wV: I2, wC: fromData(2, 2, Float64Array.of(3, 0, 4, 0)), activation: 'tanh' }], residual: true, projectionRadius: 2.5 }],
  clsHeads: [{ wQK: I2, wV: I2, activation: 'relu' }],
  readout: [{ weight: fromData(2, 1, Float64Array.of(1, 1)), bias: null, activation: 'identity' }],
};

describe('measureNorms: layers', () => {
  test('layer head W_C norms, radius and residual', () => {
    const n = measureNorms(MODEL);
    expect(n.layers).toHaveLength(1);
    const l = n.layers[0];
    expect(l.projectionRadius).toBe(2.5);
    expect(l.residual).toBe(true);
    const wC = l.heads[0].wC;
    expect(wC).toBeDefined();
    if (!wC) return;
    expect(wC.shape).toEqual([2, 2]);
    const want = { spectral: 5, frobenius: 5, group21Columns: 5, group21Rows: 7, maxRowNorm: 4, maxColumnNorm: 5 };
    for (const [k, v] of Object.entries(want)) expect(Math.abs(wC[k as keyof typeof want] - v), k).toBeLessThan(TOL);
    expect(l.heads[0].activationLipschitz).toBe(1);
    expect(n.clsHeads[0].wC).toBeUndefined();
  });
});

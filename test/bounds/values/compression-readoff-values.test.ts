/**
 * readSparseFunction and sameFunction (src/bounds/compression-readoff.ts, thm-sparse-compression-certificate
 * §5) at the edges the other read-off tests do not reach:
 * - one training point (m = 1) is a valid sample: one row from its label, the other 2^s − 1 from the model;
 * - supportMass is the attention mass AVERAGED over the traced inputs: with W_QK = 0 every [CLS] head attends
 *   uniformly, so each support position's average mass is the uniform weight times the number of heads,
 *   whatever m (targets `/ traced -> * traced`);
 * - a tied row where the model's output is exactly 0 takes '0' (§5: "a zero output gives '0'"; targets `> 0 -> >= 0`);
 * - sameFunction compares the supports as sets: two supports of one size that share some positions are not
 *   the same support, even when the tables agree on g's patterns (targets `every -> some`).
 */
import { describe, expect, test } from 'vitest';
import { readSparseFunction, sameFunction } from '../../../src/bounds/compression-readoff.js';
import { buildGeneralSparseHead } from '../../../src/constructions/general.js';
import { forward, forwardTrace } from '../../../src/model/forward.js';
import type { Model } from '../../../src/model/types.js';

/** Rounding allowance for a sum of a few attention weights. */
const REL = 1e-12;

const T = 6;
const g = { support: [2, 5], table: '0110' };
const model = buildGeneralSparseHead(g, T, { codes: 'onehot', margin: 1 }).model;
/** The same model with W_QK = 0: uniform attention of every [CLS] head. */
const flat: Model = { ...model, clsHeads: model.clsHeads.map((h) => ({ ...h, wQK: { ...h.wQK, data: new Float64Array(h.wQK.data.length) } })) };
/** The same model with its last readout layer zeroed: f ≡ 0 (bias zeroed too). */
const zero: Model = {
  ...model,
  readout: model.readout.map((l, i) =>
    i === model.readout.length - 1 ? { ...l, weight: { ...l.weight, data: new Float64Array(l.weight.data.length) }, bias: l.bias === null ? null : new Float64Array(l.bias.length) } : l,
  ),
};

/** Row-major bits of the given rows. */
const rowsOf = (rows: number[][]) => Uint8Array.from(rows.flat());

describe('read-off edges', () => {
  test('m = 1: one row from its label, the others from the model', () => {
    const bits = rowsOf([[0, 1, 0, 0, 1, 0]]); // b_2 = 1, b_5 = 1: row 3 of g, label −1 ('0110'[3] = '0')
    const r = readSparseFunction(model, bits, [1], 2);
    expect(r.target.support).toEqual([2, 5]);
    expect(r.rowsFromModel).toBe(3);
    // Row 3 from the (flipped) label, rows 0..2 from the model, which computes g.
    expect(r.target.table).toBe('0111');
  });

  test('supportMass is the average over the traced inputs (uniform attention)', () => {
    const bits = rowsOf([
      [0, 1, 0, 0, 1, 0],
      [1, 0, 1, 1, 0, 1],
      [1, 1, 1, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [1, 1, 1, 1, 1, 1],
    ]);
    const labels = [-1, 1, 1, -1, 1];
    const tr = forwardTrace(flat, bits.subarray(0, T));
    const uniform = tr.clsHeads.reduce((acc, h) => acc + h.attention[1], 0);
    // Uniform over the T + 1 positions (x_0 and the T inputs), summed over the heads.
    expect(Math.abs(uniform - flat.clsHeads.length / (T + 1))).toBeLessThanOrEqual(REL);
    const r = readSparseFunction(flat, bits, labels, 3);
    expect(r.target.support).toEqual([1, 2, 3]);
    expect(r.supportMass).toHaveLength(3);
    for (const w of r.supportMass) expect(Math.abs(w - uniform), `${w}`).toBeLessThanOrEqual(REL);
  });

  test("a tied row where f = 0 exactly reads '0'", () => {
    const bits = rowsOf([
      [0, 1, 0, 0, 1, 0],
      [0, 1, 0, 0, 1, 0],
    ]);
    expect(forward(zero, bits.subarray(0, T))).toBe(0);
    // Row 3 tied (+1, −1), rows 0..2 unseen: all four from the model, whose output is 0.
    const r = readSparseFunction(zero, bits, [1, -1], 2);
    expect(r.rowsFromModel).toBe(4);
    expect(r.target.table).toBe('0000');
  });
});

describe('sameFunction compares supports as sets', () => {
  test('same size, some positions shared: not the same support', () => {
    // Both tables read only their first position (b_1): equal labels on every pattern of {1, 2}, different supports.
    expect(sameFunction({ support: [1, 2], table: '0011' }, { support: [1, 3], table: '0011' }, 4)).toBe(false);
    expect(sameFunction({ support: [1, 2], table: '0011' }, { support: [2, 1], table: '0101' }, 4)).toBe(true);
  });
});

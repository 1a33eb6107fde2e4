/**
 * readSparseFunction and sameFunction (src/bounds/compression-readoff.ts, thm-sparse-compression-certificate
 * §5), checked against the Boolean target: on a constructed head and its full sample the read-off is the
 * target; rows follow the majority of their labels; a tied or unseen row takes the model's sign and is
 * counted; the support is the top-s attention mass with ties to the lower position; bad input is a
 * DomainError naming the function.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { readSparseFunction, sameFunction } from '../../src/bounds/compression-readoff.js';
import { buildGeneralSparseHead } from '../../src/constructions/general.js';
import { targetLabel } from '../../src/model/target.js';
import { forward } from '../../src/model/forward.js';
import { arbTable } from '../../properties/support/constructions.js';
import type { BooleanTarget, Model } from '../../src/model/types.js';

const arbCase = fc.integer({ min: 2, max: 7 }).chain((T) =>
  fc.integer({ min: 1, max: Math.min(3, T) }).chain((s) =>
    fc.record({
      T: fc.constant(T),
      support: fc.shuffledSubarray(
        Array.from({ length: T }, (_, i) => i + 1),
        { minLength: s, maxLength: s },
      ),
      table: arbTable(s),
    }),
  ),
);

/** All 2^T inputs (row-major bits) and their ±1 labels under g. */
function fullSample(g: BooleanTarget, T: number): { bits: Uint8Array; labels: number[] } {
  const bits = new Uint8Array(2 ** T * T);
  const labels: number[] = [];
  for (let x = 0; x < 2 ** T; x++) {
    for (let i = 0; i < T; i++) bits[x * T + i] = (x >>> i) & 1;
    labels.push(targetLabel(g, bits.subarray(x * T, (x + 1) * T)));
  }
  return { bits, labels };
}

const build = (T: number, support: number[], table: string) => {
  const g = { support: [...support].sort((a, b) => a - b), table };
  return { g, model: buildGeneralSparseHead(g, T, { codes: 'onehot', margin: 1 }).model };
};

describe('compression read-off', () => {
  test.prop([arbCase], { seed: 24301, numRuns: 30 })('a constructed head on its full sample reads off its own target, every row from the labels', ({ T, support, table }) => {
    const { g, model } = build(T, support, table);
    const { bits, labels } = fullSample(g, T);
    const r = readSparseFunction(model, bits, labels, support.length);
    expect(r.target.support).toEqual(g.support);
    expect(sameFunction(r.target, g, T)).toBe(true);
    expect(r.rowsFromModel).toBe(0);
    expect(r.supportMass).toHaveLength(support.length);
    for (const w of r.supportMass) expect(w).toBeGreaterThan(0);
  });

  test.prop([arbCase, fc.integer({ min: 0, max: 2 ** 16 })], { seed: 24302, numRuns: 30 })(
    'majority per row; a tied row and an unseen row take the model sign and are counted',
    ({ T, support, table }, pick) => {
      const { g, model } = build(T, support, table);
      const s = support.length;
      const sorted = g.support;
      // One input per pattern k of the support (zeros elsewhere), repeated with labels: 3 right + 2 wrong
      // on pattern a, 1 right + 1 wrong on pattern b (a tie), none on pattern c (when s ≥ 2).
      const pattern = (k: number) => {
        const x = new Uint8Array(T);
        for (let j = 0; j < s; j++) x[sorted[j] - 1] = (k >> (s - 1 - j)) & 1;
        return x;
      };
      const rows = 2 ** s;
      const a = pick % rows;
      const b = (a + 1) % rows;
      const rowsBits: Uint8Array[] = [];
      const labels: number[] = [];
      for (let k = 0; k < rows; k++) {
        if (s >= 2 && k === (a + 2) % rows) continue;
        const y = targetLabel(g, pattern(k));
        const counts = k === a ? [3, 2] : k === b ? [1, 1] : [1, 0];
        for (let c = 0; c < counts[0] + counts[1]; c++) {
          rowsBits.push(pattern(k));
          labels.push(c < counts[0] ? y : -y);
        }
      }
      const bits = new Uint8Array(rowsBits.length * T);
      rowsBits.forEach((x, i) => bits.set(x, i * T));
      const r = readSparseFunction(model, bits, labels, s);
      expect(r.target.support).toEqual(sorted);
      // Majority, tie and unseen rows all agree with g here (the head computes g).
      expect(sameFunction(r.target, g, T)).toBe(true);
      expect(r.rowsFromModel).toBe(s >= 2 ? 2 : 1);
      // A wrong majority wins: flip every label of pattern a (3 wrong vs 2 right).
      const flipped = labels.map((y, i) => (rowsBits[i].every((v, j) => v === pattern(a)[j]) ? -y : y));
      const r2 = readSparseFunction(model, bits, flipped, s);
      expect(r2.target.table[a]).not.toBe(r.target.table[a]);
      expect(r2.target.table.split('').filter((c, k) => k !== a && c !== r.target.table[k])).toEqual([]);
    },
  );

  test('uniform attention (W_QK = 0): the support is the lowest s positions (ties to the lower position)', () => {
    const { model } = build(6, [5, 2], '0110');
    const flat: Model = { ...model, clsHeads: model.clsHeads.map((h) => ({ ...h, wQK: { ...h.wQK, data: new Float64Array(h.wQK.data.length) } })) };
    const g = { support: [2, 5], table: '0110' };
    const { bits, labels } = fullSample(g, 6);
    expect(readSparseFunction(flat, bits, labels, 2).target.support).toEqual([1, 2]);
    expect(readSparseFunction(flat, bits, labels, 3).target.support).toEqual([1, 2, 3]);
  });

  test('a label > 0 reads as +1, anything else as −1', () => {
    const { g, model } = build(3, [2], '01');
    const { bits, labels } = fullSample(g, 3);
    const scaled = labels.map((y) => (y > 0 ? 0.25 : 0));
    expect(sameFunction(readSparseFunction(model, bits, scaled, 1).target, g, 3)).toBe(true);
    expect(forward(model, bits.subarray(0, 3))).not.toBe(0);
  });

  test('bad input is a DomainError naming readSparseFunction and the field', () => {
    const { g, model } = build(4, [1, 3], '0110');
    const { bits, labels } = fullSample(g, 4);
    expect(() => readSparseFunction({ ...model, clsHeads: [] }, bits, labels, 2)).toThrow(/^readSparseFunction: model must be a model with \[CLS\] heads/);
    for (const s of [0, 5, 1.5]) expect(() => readSparseFunction(model, bits, labels, s)).toThrow(/^readSparseFunction: sparsity must be an integer in 1\.\.4/);
    expect(readSparseFunction(model, bits, labels, 4).target.support).toEqual([1, 2, 3, 4]);
    expect(() => readSparseFunction(model, bits.subarray(1), labels, 2)).toThrow(/^readSparseFunction: bits must be/);
    expect(() => readSparseFunction(model, new Uint8Array(0), [], 2)).toThrow(/^readSparseFunction: bits must be/);
  });

  test('sameFunction: the support as a set and the labels on its patterns', () => {
    const g = { support: [1, 3], table: '0110' };
    expect(sameFunction(g, { support: [1, 3], table: '0110' }, 4)).toBe(true);
    expect(sameFunction(g, { support: [3, 1], table: '0110' }, 4)).toBe(true);
    expect(sameFunction(g, { support: [1, 3], table: '0111' }, 4)).toBe(false);
    expect(sameFunction(g, { support: [1, 4], table: '0110' }, 4)).toBe(false);
    expect(sameFunction(g, { support: [1], table: '01' }, 4)).toBe(false);
    expect(sameFunction(g, { support: [1, 3, 4], table: '00111100' }, 4)).toBe(false);
  });
});

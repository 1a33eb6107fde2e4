/**
 * targets.ts (def-sparse-boolean-targets): truth tables against the definition (row k's label is the
 * function of popcount(k), k = Σ_j b_{i_j} 2^{s−1−j}), symmetricLevels on symmetric and non-symmetric
 * tables, the name makeTarget records, and every guard called with its bad or boundary input (the
 * message names makeTarget, the parameter and the value): s = 0, s = 17, s = 1.5, s = 16 (accepted),
 * T = 0, T = 1.5, a support of the wrong size, a non-integer seed, tables of the wrong length or alphabet,
 * threshold:K with K = s + 2 (the message states 0..s+1).
 */
import { describe, expect, test } from 'vitest';
import { makeTarget, MAX_SPARSITY, popcount, symmetricLevelLabel, symmetricLevels, truthTable } from '../../../src/constructions/targets.js';

describe('truth tables follow the definition', () => {
  test('threshold:2 on s = 3 and majority on s = 4, row by row from popcount', () => {
    const t = truthTable('threshold:2', 3);
    for (let k = 0; k < 8; k++) expect(t[k]).toBe(popcount(k) >= 2 ? '1' : '0');
    const m = truthTable('majority', 4);
    for (let k = 0; k < 16; k++) expect(m[k]).toBe(2 * popcount(k) > 4 ? '1' : '0');
  });
  test(`s = MAX_SPARSITY = ${MAX_SPARSITY} is accepted (2^16 rows)`, () => {
    const t = truthTable('and', MAX_SPARSITY);
    expect(t.length).toBe(2 ** MAX_SPARSITY);
    expect(t.indexOf('1')).toBe(2 ** MAX_SPARSITY - 1);
  });
  test('a table:BITS label is not a function of the weight: symmetricLevelLabel gives null', () => {
    expect(symmetricLevelLabel('table:0110', 2, 1)).toBeNull();
    expect(truthTable('table:0110', 2)).toBe('0110');
  });
});

describe('symmetricLevels', () => {
  test('parity on s = 3: levels 0,1,0,1; a non-symmetric table: null', () => {
    expect(symmetricLevels(truthTable('parity', 3), 3)).toEqual(['0', '1', '0', '1']);
    expect(symmetricLevels('0010', 2)).toBeNull();
  });
  test('s = 0 (one row): its single level', () => {
    expect(symmetricLevels('1', 0)).toEqual(['1']);
  });
});

describe('makeTarget records the name and support', () => {
  test("a table target is named 'table'; others by their function", () => {
    expect(makeTarget({ fn: 'table:0110', contextLength: 4, sparsity: 2, support: [3, 1] }).name).toBe('table');
    expect(makeTarget({ fn: 'threshold:1', contextLength: 4, sparsity: 2, support: [3, 1] }).name).toBe('threshold:1');
  });
});

describe('guards', () => {
  test('sparsity out of 1..16 or not an integer (truthTable)', () => {
    for (const s of [0, 17, 1.5, Number.NaN]) expect(() => truthTable('parity', s)).toThrow(/makeTarget: sparsity must be an integer in 1\.\.16/);
  });
  test('table alphabet and length', () => {
    expect(() => truthTable('table:0120', 2)).toThrow(/makeTarget: table must be made of '0' and '1' \(got "0120"\)/);
    expect(() => truthTable('table:011', 2)).toThrow(/makeTarget: table must be of length 2\^s = 4 \(got "length 3"\)/);
  });
  test('threshold:K beyond s + 1: the message states the range 0..s+1', () => {
    expect(() => truthTable('threshold:5', 3)).toThrow(/threshold:K with K an integer in 0\.\.s\+1 = 0\.\.4 \(got "threshold:5"\)/);
    expect(truthTable('threshold:4', 3)).toBe('00000000');
  });
  test('contextLength 0 or 1.5', () => {
    expect(() => makeTarget({ fn: 'parity', contextLength: 0, sparsity: 1 })).toThrow(/makeTarget: contextLength must be an integer >= 1 \(got 0\)/);
    expect(() => makeTarget({ fn: 'parity', contextLength: 1.5, sparsity: 1 })).toThrow(/makeTarget: contextLength must be an integer >= 1 \(got 1.5\)/);
  });
  test('a support of the wrong size', () => {
    expect(() => makeTarget({ fn: 'parity', contextLength: 5, sparsity: 2, support: [1, 2, 3] })).toThrow(/makeTarget: support must be a list of s = 2 positions \(got \[1,2,3\]\)/);
  });
  test('a seed that is not a safe integer', () => {
    expect(() => makeTarget({ fn: 'parity', contextLength: 5, sparsity: 2, seed: 0.5 })).toThrow(/makeTarget: seed must be a safe integer \(got 0.5\)/);
  });
});

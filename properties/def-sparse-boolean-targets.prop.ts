/**
 * def-sparse-boolean-targets: the truth tables built by makeTarget agree, through the reference
 * evaluator targetLabel (src/model/target.ts), with direct definitions of parity, AND, OR, majority and
 * threshold-k on random inputs; a table:BITS target reads row Σ_j b_{i_j} 2^{s−j}; random supports are
 * s distinct sorted positions in 1..T; symmetricLevels recognizes exactly the symmetric tables; bad
 * specs are refused. Note: proofs-notes/def-sparse-boolean-targets.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { makeTarget, symmetricLevels, popcount } from '../src/constructions/targets.js';
import { targetLabel } from '../src/model/target.js';
import { arbSizes, arbSymmetricFn, arbTable, arbSupportSeed } from './support/constructions.js';

function direct(fn: string, ones: number, s: number): 1 | -1 {
  const fire = fn === 'parity' ? ones % 2 === 1 : fn === 'and' ? ones === s : fn === 'or' ? ones > 0 : fn === 'majority' ? ones > s / 2 : ones >= Number(fn.split(':')[1]);
  return fire ? 1 : -1;
}

describe('def-sparse-boolean-targets', () => {
  test.prop([arbSizes(1, 200, 10).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), fn: arbSymmetricFn(s), seed: arbSupportSeed, bitsSeed: fc.array(fc.boolean(), { minLength: T, maxLength: T }) }))], { seed: 4701, numRuns: 200 })(
    'symmetric targets match their definitions on random inputs',
    (p) => {
      const t = makeTarget({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed });
      expect(t.support.length).toBe(p.s);
      expect(new Set(t.support).size).toBe(p.s);
      expect([...t.support].sort((a, b) => a - b)).toEqual(t.support);
      for (const x of t.support) expect(x >= 1 && x <= p.T).toBe(true);
      const bits = Uint8Array.from(p.bitsSeed, (b) => (b ? 1 : 0));
      const ones = t.support.reduce((acc, i) => acc + bits[i - 1], 0);
      expect(targetLabel(t, bits)).toBe(direct(p.fn, ones, p.s));
      expect(symmetricLevels(t.table, p.s)).not.toBeNull();
    },
  );

  test.prop([arbSizes(1, 30, 6).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), table: arbTable(s), perm: fc.shuffledSubarray(Array.from({ length: T }, (_, i) => i + 1), { minLength: s, maxLength: s }), row: fc.nat() }))], { seed: 4702, numRuns: 200 })(
    'table targets: the input selects row Σ_j b_{i_j} 2^{s−j}; symmetric iff the label depends only on the weight',
    (p) => {
      const t = makeTarget({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, support: p.perm });
      const k = p.row % 2 ** p.s;
      const bits = new Uint8Array(p.T);
      p.perm.forEach((pos, j) => (bits[pos - 1] = (k >>> (p.s - 1 - j)) & 1));
      expect(targetLabel(t, bits)).toBe(p.table[k] === '1' ? 1 : -1);
      let symmetric = true;
      for (let a = 0; a < 2 ** p.s; a++) for (let b = 0; b < 2 ** p.s; b++) if (popcount(a) === popcount(b) && p.table[a] !== p.table[b]) symmetric = false;
      expect(symmetricLevels(p.table, p.s) !== null).toBe(symmetric);
    },
  );

  test('bad specs are refused with the standard message', () => {
    expect(() => makeTarget({ fn: 'parity', contextLength: 4, sparsity: 5 })).toThrow(/makeTarget: sparsity must be at most T = 4 \(got 5\)/);
    expect(() => makeTarget({ fn: 'parity', contextLength: 4, sparsity: 0 })).toThrow(/sparsity must be an integer >= 1/);
    expect(() => makeTarget({ fn: 'parity', contextLength: 4, sparsity: 2, support: [1, 1] })).toThrow(/free of duplicates/);
    expect(() => makeTarget({ fn: 'parity', contextLength: 4, sparsity: 2, support: [1, 5] })).toThrow(/positions in 1..4/);
    expect(() => makeTarget({ fn: 'table:011', contextLength: 4, sparsity: 2 })).toThrow(/table must be of length 2\^s = 4/);
    expect(() => makeTarget({ fn: 'table:0121', contextLength: 4, sparsity: 2 })).toThrow(/table must be made of '0' and '1'/);
    expect(() => makeTarget({ fn: 'xor' as never, contextLength: 4, sparsity: 2 })).toThrow(/fn must be one of parity/);
    expect(() => makeTarget({ fn: 'threshold:4', contextLength: 4, sparsity: 2 })).toThrow(/threshold:K with K an integer in 0..s\+1/);
  });
});

/**
 * def-sparse-boolean-targets: the truth tables built by makeTarget agree, through the reference
 * evaluator targetLabel (src/model/target.ts), with direct definitions of parity, AND, OR, majority and
 * threshold-k on random inputs; a table:BITS target reads row Σ_j b_{i_j} 2^{s−j}; random supports are
 * s distinct sorted positions in 1..T; symmetricLevels recognizes exactly the symmetric tables; bad
 * specs are refused. The SPEC parser (target-spec.ts) builds exactly makeTarget's target, whose labels
 * match the Boolean definitions on random and on all support inputs (a parser reading the support
 * least-significant-first is caught), and malformed SPECs throw a DomainError naming the parser or
 * makeTarget. Note: proofs-notes/def-sparse-boolean-targets.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { makeTarget, symmetricLevels, popcount } from '../src/constructions/targets.js';
import { parseTargetSpec } from '../src/constructions/target-spec.js';
import { targetLabel } from '../src/model/target.js';
import { DomainError } from '../src/core/errors.js';
import type { BooleanTarget } from '../src/model/types.js';
import { arbSizes, arbSymmetricFn, arbTable, arbSupportSeed } from './support/constructions.js';

function direct(fn: string, ones: number, s: number): 1 | -1 {
  const fire = fn === 'parity' ? ones % 2 === 1 : fn === 'and' ? ones === s : fn === 'or' ? ones > 0 : fn === 'majority' ? ones > s / 2 : ones >= Number(fn.split(':')[1]);
  return fire ? 1 : -1;
}

/**
 * The label of fn on b, straight from the definitions (support positions 1-based, in SPEC order):
 * parity = xor of the support bits; and/or/majority/threshold:K by counting ones (majority: > s/2);
 * table:BITS reads row Σ_j b_{i_j} 2^{s−1−j} (the first support position most significant).
 */
function referenceLabel(fn: string, support: readonly number[], bits: ArrayLike<number>): 1 | -1 {
  const s = support.length;
  const z = support.map((p) => (bits[p - 1] ? 1 : 0));
  const ones = z.reduce<number>((a, x) => a + x, 0);
  let fire: boolean;
  if (fn === 'parity') fire = z.reduce<number>((a, x) => a ^ x, 0) === 1;
  else if (fn === 'and') fire = ones === s;
  else if (fn === 'or') fire = ones >= 1;
  else if (fn === 'majority') fire = 2 * ones > s;
  else if (fn.startsWith('threshold:')) fire = ones >= Number(fn.slice('threshold:'.length));
  else fire = fn.slice('table:'.length)[z.reduce<number>((k, x) => 2 * k + x, 0)] === '1';
  return fire ? 1 : -1;
}

/** First input (random ones, then every assignment of the support bits, others 0) where target and definition disagree, or null. */
function labelMismatch(target: BooleanTarget, fn: string, support: readonly number[], T: number, randomBits: readonly Uint8Array[]): string | null {
  const inputs = [...randomBits];
  for (let k = 0; k < 2 ** support.length; k++) {
    const b = new Uint8Array(T);
    support.forEach((p, j) => (b[p - 1] = (k >>> (support.length - 1 - j)) & 1));
    inputs.push(b);
  }
  for (const b of inputs) if (targetLabel(target, b) !== referenceLabel(fn, support, b)) return `${fn}@${support.join(',')} on ${b.join('')}`;
  return null;
}

/** A random SPEC: T ≤ 40, s ≤ 6 distinct positions in random order, any fn name, a few random inputs. */
const arbSpecCase = arbSizes(1, 40, 6).chain(({ T, s }) =>
  fc.record({
    T: fc.constant(T),
    s: fc.constant(s),
    fn: fc.oneof(
      arbSymmetricFn(s),
      arbTable(s).map((t) => `table:${t}`),
    ),
    support: fc.shuffledSubarray(
      Array.from({ length: T }, (_, i) => i + 1),
      { minLength: s, maxLength: s },
    ),
    bits: fc.array(fc.uint8Array({ min: 0, max: 1, minLength: T, maxLength: T }), { minLength: 1, maxLength: 8 }),
  }),
);

describe('def-sparse-boolean-targets', () => {
  test.prop(
    [
      arbSizes(1, 200, 10).chain(({ T, s }) =>
        fc.record({ T: fc.constant(T), s: fc.constant(s), fn: arbSymmetricFn(s), seed: arbSupportSeed, bitsSeed: fc.array(fc.boolean(), { minLength: T, maxLength: T }) }),
      ),
    ],
    { seed: 4701, numRuns: 200 },
  )('symmetric targets match their definitions on random inputs', (p) => {
    const t = makeTarget({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed });
    expect(t.support.length).toBe(p.s);
    expect(new Set(t.support).size).toBe(p.s);
    expect([...t.support].sort((a, b) => a - b)).toEqual(t.support);
    for (const x of t.support) expect(x >= 1 && x <= p.T).toBe(true);
    const bits = Uint8Array.from(p.bitsSeed, (b) => (b ? 1 : 0));
    const ones = t.support.reduce((acc, i) => acc + bits[i - 1], 0);
    expect(targetLabel(t, bits)).toBe(direct(p.fn, ones, p.s));
    expect(symmetricLevels(t.table, p.s)).not.toBeNull();
  });

  test.prop(
    [
      arbSizes(1, 30, 6).chain(({ T, s }) =>
        fc.record({
          T: fc.constant(T),
          s: fc.constant(s),
          table: arbTable(s),
          perm: fc.shuffledSubarray(
            Array.from({ length: T }, (_, i) => i + 1),
            { minLength: s, maxLength: s },
          ),
          row: fc.nat(),
        }),
      ),
    ],
    { seed: 4702, numRuns: 200 },
  )('table targets: the input selects row Σ_j b_{i_j} 2^{s−j}; symmetric iff the label depends only on the weight', (p) => {
    const t = makeTarget({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, support: p.perm });
    const k = p.row % 2 ** p.s;
    const bits = new Uint8Array(p.T);
    p.perm.forEach((pos, j) => (bits[pos - 1] = (k >>> (p.s - 1 - j)) & 1));
    expect(targetLabel(t, bits)).toBe(p.table[k] === '1' ? 1 : -1);
    let symmetric = true;
    for (let a = 0; a < 2 ** p.s; a++) for (let b = 0; b < 2 ** p.s; b++) if (popcount(a) === popcount(b) && p.table[a] !== p.table[b]) symmetric = false;
    expect(symmetricLevels(p.table, p.s) !== null).toBe(symmetric);
  });

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

  test.prop([arbSpecCase], { seed: 4703, numRuns: 200 })('parseTargetSpec(FN@i,j,...) = makeTarget and matches the definitions (an LSB-first parser is caught)', (p) => {
    const spec = `${p.fn}@${p.support.join(',')}`;
    const t = parseTargetSpec(spec, p.T);
    expect(t).toEqual(makeTarget({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, support: p.support }));
    expect(t.support).toEqual(p.support);
    expect(labelMismatch(t, p.fn, p.support, p.T, p.bits)).toBeNull();
    // Mutation: a parser that reads the support least-significant first (reversed). It is caught unless
    // the table is invariant under reversing the row index's bits (e.g. every symmetric function).
    const mutant = { ...t, support: [...t.support].reverse() };
    const reverse = (k: number) => parseInt(k.toString(2).padStart(p.s, '0').split('').reverse().join(''), 2);
    const invariant = [...t.table].every((ch, k) => t.table[reverse(k)] === ch);
    expect(labelMismatch(mutant, p.fn, p.support, p.T, p.bits) !== null).toBe(!invariant);
  });

  const arbMalformed = arbSizes(1, 30, 5).chain(({ T, s }) =>
    fc.record({
      T: fc.constant(T),
      fn: arbSymmetricFn(s),
      support: fc.shuffledSubarray(
        Array.from({ length: T }, (_, i) => i + 1),
        { minLength: s, maxLength: s },
      ),
      kind: fc.constantFrom('no-at', 'non-integer', 'duplicate', 'zero', 'above-T', 'empty-positions', 'empty-fn'),
      junk: fc.constantFrom('1.5', 'x', '-2', '', ' ', '1e2', '0x3', '+4', '3.'),
      slot: fc.nat(),
    }),
  );

  test.prop([arbMalformed], { seed: 4704, numRuns: 200 })("malformed SPECs throw DomainError 'parseTargetSpec: …' or 'makeTarget: …'", (p) => {
    const pos = [...p.support].map(String);
    const at = p.slot % pos.length;
    let spec: string;
    if (p.kind === 'no-at') spec = `${p.fn}${pos.join(',')}`;
    else if (p.kind === 'non-integer') spec = `${p.fn}@${pos.map((x, i) => (i === at ? p.junk : x)).join(',')}`;
    else if (p.kind === 'duplicate') spec = `${p.fn}@${[...pos, pos[at]].join(',')}`;
    else if (p.kind === 'zero') spec = `${p.fn}@${pos.map((x, i) => (i === at ? '0' : x)).join(',')}`;
    else if (p.kind === 'above-T') spec = `${p.fn}@${pos.map((x, i) => (i === at ? String(p.T + 1 + p.slot) : x)).join(',')}`;
    else if (p.kind === 'empty-positions') spec = `${p.fn}@`;
    else spec = `@${pos.join(',')}`;
    let error: unknown = null;
    try {
      parseTargetSpec(spec, p.T);
    } catch (e) {
      error = e;
    }
    expect(error, `accepted ${JSON.stringify(spec)}`).toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/^(parseTargetSpec|makeTarget): /);
  });
});

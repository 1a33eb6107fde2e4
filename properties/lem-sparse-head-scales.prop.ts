/**
 * lem-sparse-head-scales: the scale formulas do what the note proves. With R = L (one-hot) the leak
 * is λ_off = (T − s)e^{−R} = (T − s)/(2(T − s + 1)) ≤ 1/2 and 1/A = W_I + 1/2; the certified minimum
 * margin is exactly γ(1 + η_γ) (tight); and dividing the temperature by 10 breaks certification at the
 * requested margin for every non-constant target (one-hot and compact codes, both families).
 * Note: proofs-notes/lem-sparse-head-scales.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { construct, certify } from '../src/constructions/api.js';
import { buildSparseHead } from '../src/constructions/sparse-head.js';
import { makeTarget } from '../src/constructions/targets.js';
import { divideTemperature } from '../src/constructions/mutations.js';
import { temperature, supportWeightSum, baseLogTemperature } from '../src/constructions/scales.js';
import { close } from '../src/core/tolerances.js';
import { arbSizes, arbNonConstantTable, arbSupportSeed, arbMargin } from './support/constructions.js';

const arbSpec = (minT: number, maxT: number, maxS: number) =>
  arbSizes(minT, maxT, maxS).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), table: arbNonConstantTable(s), seed: arbSupportSeed, margin: arbMargin, general: fc.boolean() }));

describe('lem-sparse-head-scales', () => {
  test.prop([arbSpec(1, 1024, 8)], { seed: 4401, numRuns: 25 })('one-hot: λ_off and 1/A follow the closed forms', (p) => {
    const target = makeTarget({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, seed: p.seed });
    const h = buildSparseHead(target, p.T, { family: 'general', codes: 'onehot', margin: p.margin });
    expect(h.scales.temperature).toBe(baseLogTemperature(p.T, p.s));
    expect(close(h.scales.leak, (p.T - p.s) / (2 * (p.T - p.s + 1)), 1e-12, 1e-15)).toBe(true);
    expect(close(h.scales.inverseLeastWeight, supportWeightSum(p.s, 'general') + 0.5, 1e-12)).toBe(true);
    expect(close(h.scales.outputScale * (1 - h.scales.leak), p.margin * (1 + 1e-6), 1e-12)).toBe(true);
  });

  test.prop([arbSpec(1, 2048, 8), fc.constantFrom('onehot' as const, 'compact' as const)], { seed: 4402, numRuns: 16 })('temperature divided by 10 is rejected at the requested margin', (p, codes) => {
    fc.pre(codes === 'onehot' || p.T >= 256);
    const c = construct({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, seed: p.seed, codes, margin: p.margin, ...(p.general ? { family: 'general' as const } : {}) });
    expect(certify(c.model).certified).toBe(true);
    const cut = certify(divideTemperature(c.model, 10));
    expect(cut.certified).toBe(false);
    expect(cut.minMargin).toBeLessThan(p.margin);
  });

  test.prop([arbSizes(1, 1 << 20, 10)], { seed: 4403, numRuns: 50 })('R grows like log T: R = ln(2(T−s+1)) one-hot, 3× that compact', ({ T, s }) => {
    expect(temperature(T, s, 'onehot')).toBe(Math.log(2 * (T - s + 1)));
    expect(temperature(T, s, 'compact')).toBe(3 * Math.log(2 * (T - s + 1)));
  });
});

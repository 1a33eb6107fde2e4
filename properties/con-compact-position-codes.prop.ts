/**
 * con-compact-position-codes: with sign-hash codes in D = compactCodeDimension(T, s, family) ≪ T
 * columns (T up to 2^16, s ≤ 8), both families are certified on all 2^T inputs with the requested
 * margin; the accepted codes satisfy the note's checked conditions (λ_min(G) ≥ 1/2, λ_off ≤ 1/2, support
 * scores exactly r_j); for T ≤ 14 the exhaustive reference minimum equals the certificate; measured
 * norms stay within the formulas. Note: proofs-notes/con-compact-position-codes.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { construct, certify } from '../src/constructions/api.js';
import { buildSparseHead } from '../src/constructions/sparse-head.js';
import { makeTarget } from '../src/constructions/targets.js';
import { sparseHeadNormBounds } from '../src/constructions/norm-formulas.js';
import { supportScores, MARGIN_SLACK, MAX_LEAK } from '../src/constructions/scales.js';
import { compactCodeDimension } from '../src/constructions/compact-codes.js';
import { projectPositions } from '../src/constructions/position-projections.js';
import { matVec } from '../src/core/matrix.js';
import { close } from '../src/core/tolerances.js';
import { arbSizes, arbTable, arbSupportSeed, arbMargin, exhaustiveMinMargin, normViolations } from './support/constructions.js';

const arbSpec = (minT: number, maxT: number, maxS: number) =>
  arbSizes(minT, maxT, maxS).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), table: arbTable(s), seed: arbSupportSeed, margin: arbMargin, general: fc.boolean() }));

function build(p: { T: number; s: number; table: string; seed: number; margin: number; general: boolean }) {
  return construct({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'compact', margin: p.margin, ...(p.general ? { family: 'general' as const } : {}) });
}

describe('con-compact-position-codes', () => {
  test.prop([arbSpec(1024, 65536, 8)], { seed: 4301, numRuns: 6 })('T up to 2^16: D < T and certified with the requested margin', (p) => {
    const c = build(p);
    expect(c.model.width - 2).toBe(compactCodeDimension(p.T, p.s, c.family));
    expect(c.model.width - 2).toBeLessThan(p.T);
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
  });

  test.prop([arbSpec(1, 12, 4)], { seed: 4302, numRuns: 15 })('T <= 12: exhaustive reference minimum equals the certificate', (p) => {
    const c = build(p);
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    const ex = exhaustiveMinMargin(c.model, c.target);
    expect(close(ex.min, cert.minMargin, 1e-9, 1e-12)).toBe(true);
  });

  test.prop([arbSpec(1, 3000, 8)], { seed: 4303, numRuns: 20 })('accepted codes meet the checked conditions; support scores are exactly r_j', (p) => {
    const target = makeTarget({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, seed: p.seed });
    const h = buildSparseHead(target, p.T, { family: 'general', codes: 'compact', margin: p.margin, codeSeed: p.seed >>> 0 });
    expect(h.scales.gramMinEigenvalue).toBeGreaterThanOrEqual(0.5);
    expect(h.scales.leak).toBeLessThanOrEqual(MAX_LEAK);
    expect(h.scales.leak).toBeGreaterThanOrEqual(0);
    const head = h.model.clsHeads[0];
    const q = matVec(head.wQK, h.model.embedding.cls);
    const [scores] = projectPositions(h.model.embedding.position, p.T, h.model.width, [q]);
    const r = supportScores(p.s, h.scales.temperature, 'general');
    target.support.forEach((pos, j) => expect(close(scores[pos - 1], r[j], 1e-9, 1e-9)).toBe(true));
    expect(q[0]).toBe(0);
  });

  test.prop([arbSpec(1, 40, 5)], { seed: 4304, numRuns: 15 })('measured norms stay within the explicit formulas', (p) => {
    const c = build(p);
    expect(normViolations(c.model, sparseHeadNormBounds(p.T, p.s, p.margin, 'compact', c.family))).toEqual([]);
  });
});

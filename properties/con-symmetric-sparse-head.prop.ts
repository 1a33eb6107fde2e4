/**
 * con-symmetric-sparse-head: for random T, s ≤ 8, symmetric functions (parity, AND, OR, majority,
 * threshold-k) and random supports, the one-hot construction is certified on all 2^T inputs with the
 * requested margin; for T ≤ 14 the exhaustive minimum margin through the reference model equals the
 * certifier's; the readout has at most s + 1 units; measured norms stay within the note's formulas.
 * Note: proofs-notes/con-symmetric-sparse-head.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { construct, certify } from '../src/constructions/api.js';
import { sparseHeadNormBounds } from '../src/constructions/norm-formulas.js';
import { MARGIN_SLACK } from '../src/constructions/scales.js';
import { close } from '../src/core/tolerances.js';
import { arbSizes, arbSymmetricFn, arbSupportSeed, arbMargin, exhaustiveMinMargin, normViolations } from './support/constructions.js';

const arbSpec = (minT: number, maxT: number) =>
  arbSizes(minT, maxT, 8).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), fn: arbSymmetricFn(s), seed: arbSupportSeed, margin: arbMargin }));

describe('con-symmetric-sparse-head', () => {
  test.prop([arbSpec(1, 14)], { seed: 4101, numRuns: 40 })('T <= 14: certified, and the exhaustive minimum margin equals the certificate', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    expect(c.family).toBe('symmetric');
    const cert = certify(c.model);
    expect(cert.method).toBe('exact-position-keys');
    expect(cert.certified).toBe(true);
    expect(cert.attained).toBe(true);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
    const ex = exhaustiveMinMargin(c.model, c.target);
    expect(close(ex.min, cert.minMargin, 1e-9, 1e-12)).toBe(true);
    expect(c.model.readout[0].weight.cols).toBeLessThanOrEqual(p.s + 1);
  });

  test.prop([arbSpec(15, 4096)], { seed: 4102, numRuns: 8 })('T up to 2^12: certified with the requested margin', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    expect(cert.minMargin).toBeGreaterThanOrEqual(p.margin);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
  });

  test.prop([arbSpec(1, 120)], { seed: 4103, numRuns: 25 })('measured norms (SVD, streamed B_X) stay within the explicit formulas', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    expect(normViolations(c.model, sparseHeadNormBounds(p.T, p.s, p.margin, 'onehot', 'symmetric'))).toEqual([]);
  });
});

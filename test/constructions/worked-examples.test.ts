/**
 * Worked examples from the construction notes, recomputed by hand and compared with the code and the
 * reference model (lem-sparse-head-scales, con-*-sparse-head, con-compact-position-codes,
 * alg-certify-position-keys, alg-certify-interval).
 */
import { describe, expect, test } from 'vitest';
import { construct, certify } from '../../src/constructions/api.js';
import { compactCodeDimension } from '../../src/constructions/compact-codes.js';
import { MARGIN_SLACK } from '../../src/constructions/scales.js';
import { sparseHeadArchitecture, constructionSampleSize } from '../../src/constructions/bound-architecture.js';
import { certifyInterval } from '../../src/constructions/certify-interval.js';
import { architectureFromModel, boundForArchitectureGap } from '../../src/bounds/api.js';
import { forward } from '../../src/model/forward.js';
import { fromData } from '../../src/core/matrix.js';
import { close } from '../../src/core/tolerances.js';

describe('AND on support (1, 3) of T = 3, one-hot, γ = 1 (lem-sparse-head-scales)', () => {
  const c = construct({ fn: 'and', contextLength: 3, sparsity: 2, support: [1, 3], codes: 'onehot', margin: 1 });
  // R = ln(2(T − s + 1)) = ln 4; leak λ_off = (T − s)e^{−R} = 1/4; Z′ = W_I + 1/2 = 5/2; γ_out = (1 + η)/(3/4).
  const gammaOut = (1 + MARGIN_SLACK) / 0.75;
  test('scales match the closed forms', () => {
    expect(c.family).toBe('symmetric');
    expect(c.norms.temperature).toBeCloseTo(Math.log(4), 14);
    expect(c.norms.leak).toBeCloseTo(0.25, 14);
    expect(c.norms.outputScale).toBeCloseTo(gammaOut, 12);
    expect(c.model.width).toBe(5);
    expect(c.norms.qkSpectral).toBeCloseTo(Math.SQRT2 * Math.log(4), 12); // √s·R
  });
  test('outputs on all 8 inputs equal the hand computation', () => {
    // level units u = n + β: n = b1 + b3, β = b2/4; knots at n + 1/8 with values y_n γ_out,
    // y = (−1, −1, +1); g interpolates and is constant outside [1/8, 2 + 1/8].
    const g = (u: number): number => {
      if (u <= 1.125) return -gammaOut;
      if (u >= 2.125) return gammaOut;
      return -gammaOut + 2 * gammaOut * (u - 1.125);
    };
    for (let x = 0; x < 8; x++) {
      const b = [x & 1, (x >> 1) & 1, (x >> 2) & 1];
      const u = b[0] + b[2] + b[1] / 4;
      expect(close(forward(c.model, b), g(u), 1e-9, 1e-12)).toBe(true);
    }
  });
  test('certificate: exactly γ(1 + η), attained (101 and 011 tie at 0.75·γ_out)', () => {
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    expect(cert.attained).toBe(true);
    expect(cert.minMargin).toBeCloseTo(1 + MARGIN_SLACK, 12);
    expect(['101', '011']).toContain(cert.worstInput);
    const b = Array.from(cert.worstInput, Number);
    expect(close(forward(c.model, b) * (b[0] && b[2] ? 1 : -1), cert.minMargin, 1e-9)).toBe(true);
    expect(cert.inputsCovered).toBe('all 2^3 inputs');
  });
});

describe('numbers quoted in the notes', () => {
  test('D for T = 2^20, s = 8, symmetric: max(⌈72 ln(2^23)⌉, 896) = 1148 (d = 1150 in the bench)', () => {
    expect(compactCodeDimension(2 ** 20, 8, 'symmetric')).toBe(Math.ceil(72 * Math.log(8 * 2 ** 20)));
    expect(compactCodeDimension(2 ** 20, 8, 'symmetric')).toBe(1148);
    expect(compactCodeDimension(64, 8, 'symmetric')).toBe(896); // the Markov term dominates at small T
  });

  test('closed-form bound budgets equal the measured ones (architectureFromModel)', () => {
    for (const spec of [
      { fn: 'parity' as const, contextLength: 12, sparsity: 3, codes: 'onehot' as const },
      { fn: 'table:0110100110010111' as const, contextLength: 20, sparsity: 4, codes: 'compact' as const },
    ]) {
      const c = construct({ ...spec, margin: 0.7 });
      const a = sparseHeadArchitecture(c.model);
      const b = architectureFromModel(c.model);
      expect(a.inputRowNorm).toBeCloseTo(b.inputRowNorm, 9);
      expect(a.clsHeads[0].qkSpectral).toBeCloseTo(b.clsHeads[0].qkSpectral, 9);
      expect(a.clsHeads[0].qkFrobenius).toBeCloseTo(b.clsHeads[0].qkFrobenius, 9);
      a.readout.forEach((r, i) => {
        expect(r.frobenius).toBeCloseTo(b.readout[i].frobenius, 9);
        expect(r.spectral / b.readout[i].spectral).toBeCloseTo(1, 9);
      });
    }
  });

  test('constructionSampleSize: gap(m*) ≤ target < gap(m*/1.002)', () => {
    const c = construct({ fn: 'parity', contextLength: 64, sparsity: 1, codes: 'onehot', margin: 1 });
    const m = constructionSampleSize(c.model, { margin: 1, delta: 0.05, targetGap: 0.5 });
    const arch = sparseHeadArchitecture(c.model);
    expect(Number.isFinite(m)).toBe(true);
    expect(boundForArchitectureGap(arch, m, 1, 0.05)).toBeLessThanOrEqual(0.5);
    expect(boundForArchitectureGap(arch, Math.floor(m / 1.002), 1, 0.05)).toBeGreaterThan(0.5);
  });
});

describe('certify chooses its method', () => {
  test('bit-dependent keys fall back to the sound interval method; requested margin from meta', () => {
    const c = construct({ fn: 'parity', contextLength: 6, sparsity: 1, support: [2], codes: 'onehot', margin: 0.5 });
    const d = c.model.width;
    const token = Float64Array.from(c.model.embedding.token.data);
    token[d + 2 + 1] = 0.01; // bit 1 now adds to the code column of support position 2, which W_QK reads: keys depend on bits
    const m = { ...c.model, embedding: { ...c.model.embedding, token: fromData(2, d, token) } };
    const cert = certify(m);
    expect(cert.method).toBe('interval');
    expect(cert.requestedMargin).toBe(0.5);
    expect(cert.minMargin).toBeLessThanOrEqual(certify(c.model).minMargin + 1e-9);
    expect(certifyInterval(c.model, c.target).minMargin).toBeGreaterThan(0);
  });
});

describe('certify against another target names a real counterexample (issue 12 finding)', () => {
  test('table head at T = 4096 certified against parity@1..5: the worst input attains the negative minimum', async () => {
    const { construct, certify } = await import('../../src/constructions/api.js');
    const { parseTargetSpec } = await import('../../src/constructions/target-spec.js');
    const { forward } = await import('../../src/model/forward.js');
    const { targetLabel } = await import('../../src/model/target.js');
    const c = construct({ contextLength: 4096, sparsity: 5, fn: 'table:01101000100101111100101001011100', seed: 1 });
    const target = parseTargetSpec('parity@1,2,3,4,5', 4096);
    const cert = certify(c.model, target);
    expect(cert.certified).toBe(false);
    expect(cert.minMargin).toBeLessThan(0);
    const bits = Uint8Array.from(cert.worstInput, (ch) => (ch === '1' ? 1 : 0));
    const margin = targetLabel(target, bits) * forward(c.model, bits);
    expect(margin).toBeLessThan(0); // a counterexample, not an input the head gets right
    expect(margin).toBeCloseTo(cert.worstInputMargin, 9);
    expect(cert.attained).toBe(true);
    expect(cert.worstInputMargin).toBeCloseTo(cert.minMargin, 9);
  });
});

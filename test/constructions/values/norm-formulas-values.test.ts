/**
 * norm-formulas.ts (con-general-sparse-head, con-symmetric-sparse-head, con-compact-position-codes):
 * sparseHeadNormBounds against the formulas of its header recomputed here from R, r, W_I, N, and against a
 * built head (buildSparseHead): every bound ≥ the built head's norm, with equality for the one-hot W_QK
 * norms and the width. Inputs with γ ≠ 1 and distinct T, s, both code kinds and families, so that a
 * swapped branch or operator moves a value.
 */
import { describe, expect, test } from 'vitest';
import { sparseHeadNormBounds } from '../../../src/constructions/norm-formulas.js';
import { buildSparseHead } from '../../../src/constructions/sparse-head.js';
import { compactCodeDimension } from '../../../src/constructions/compact-codes.js';
import { makeTarget } from '../../../src/constructions/targets.js';
import { MARGIN_SLACK, supportScores, temperature } from '../../../src/constructions/scales.js';

const REL = 1e-12;
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(b)));

describe('sparseHeadNormBounds = the stated formulas', () => {
  for (const [T, s, margin, codes, family] of [
    [7, 3, 0.4, 'onehot', 'symmetric'],
    [7, 3, 2.5, 'onehot', 'general'],
    [9, 2, 0.4, 'compact', 'symmetric'],
    [9, 2, 1.7, 'compact', 'general'],
  ] as const) {
    test(`T=${T} s=${s} γ=${margin} ${codes} ${family}`, () => {
      const b = sparseHeadNormBounds(T, s, margin, codes, family);
      const R = temperature(T, s, codes);
      const r = Array.from(supportScores(s, R, family));
      const rNorm = Math.sqrt(r.reduce((a, x) => a + x * x, 0));
      const r1 = r.reduce((a, x) => a + Math.abs(x), 0);
      const D = codes === 'onehot' ? T : compactCodeDimension(T, s, family);
      const levels = family === 'symmetric' ? s + 1 : 2 ** s;
      const WI = family === 'symmetric' ? s : 2 ** s - 1;
      const zMax = WI + 0.5 + Math.exp(-R);
      const gMax = 2 * margin * (1 + MARGIN_SLACK);
      const qk = codes === 'onehot' ? rNorm : Math.SQRT2 * rNorm;
      close(b.inputNorm, Math.SQRT2);
      close(b.qkSpectral, qk);
      close(b.qkFrobenius, qk);
      close(b.qkGroup21Columns, qk);
      close(b.qkGroup21Rows, codes === 'onehot' ? r1 : Math.sqrt(2 * D) * rNorm);
      expect([b.valueSpectral, b.valueGroup21Columns, b.valueGroup21Rows]).toEqual([1, 1, 1]);
      expect(b.readoutHiddenUnits).toBe(levels);
      close(b.readout1Spectral, Math.sqrt(levels) * zMax);
      close(b.readout1Group21Columns, levels * zMax);
      close(b.readout1Group21Rows, Math.sqrt(levels) * zMax);
      close(b.readout2Spectral, 4 * gMax * Math.sqrt(levels));
      close(b.readout2Group21Columns, 4 * gMax * Math.sqrt(levels));
      close(b.readout2Group21Rows, 4 * (levels - 1) * gMax);
      close(b.readoutLipschitz, 2 * gMax * zMax);
      expect(b.width).toBe(2 + D);

      // ... and bounds on a built head (equal for the one-hot W_QK norms and the width).
      const fn = family === 'symmetric' ? 'parity' : s === 3 ? 'table:01101000' : 'table:0010';
      const target = makeTarget({ fn: fn as never, contextLength: T, sparsity: s, seed: 2 });
      const h = buildSparseHead(target, T, { family, codes, margin });
      const slack = 1 + 1e-12;
      for (const key of Object.keys(b) as (keyof typeof b)[]) {
        if (key === 'inputNorm') continue; // √2 by construction; measured up to an ulp elsewhere
        expect(h.norms[key]).toBeLessThanOrEqual(b[key] * slack);
      }
      expect(h.norms.width).toBe(b.width);
      if (codes === 'onehot') {
        close(h.norms.qkSpectral, b.qkSpectral);
        close(h.norms.qkGroup21Rows, b.qkGroup21Rows);
      }
    });
  }
});

/**
 * headInputLipschitz (src/bounds/layer-lipschitz.ts, lem-layer-lipschitz): ‖W_C‖₂ L_σ ‖W_V‖₂ (1 + 2cB²‖W_QK‖₂)
 * evaluated by hand at non-unit norms, B ≠ 1 and c ≠ 1 (the property file's cases leave `*` and `/` mutants of
 * unit factors alive).
 */
import { describe, expect, test } from 'vitest';
import { headInputLipschitz } from '../../../src/bounds/layer-lipschitz.js';

/** Rounding allowance (relative) for a product of a few factors. */
const REL = 1e-14;

describe('headInputLipschitz', () => {
  test('O·L·V·(1 + 2cB²Q) by hand', () => {
    const h = { outputSpectral: 1.5, activationLipschitz: 0.8, valueSpectral: 2.5, qkSpectral: 0.7 };
    // 1.5·0.8·2.5 = 3; 1 + 2·1.7·1.3²·0.7 = 1 + 4.02220 = 5.0222.
    const want = 3 * (1 + 2 * 1.7 * 1.69 * 0.7);
    expect(Math.abs(headInputLipschitz(h, 1.3, 1.7) - want)).toBeLessThanOrEqual(REL * want);
    // Default c = 1, and the move factor in place of 2.
    expect(Math.abs(headInputLipschitz(h, 1.3) - 3 * (1 + 2 * 1.69 * 0.7))).toBeLessThanOrEqual(REL * want);
    expect(Math.abs(headInputLipschitz(h, 1.3, 1.7, 3) - 3 * (1 + 3 * 1.7 * 1.69 * 0.7))).toBeLessThanOrEqual(REL * want);
  });
});

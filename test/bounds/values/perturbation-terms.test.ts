/**
 * lem-head-perturbation's numbers (src/bounds/perturbation.ts) against a second evaluation written from the
 * note's statement:
 *   readout term ‖Δw‖₂ L_σ B_V B,  value term B_w L_σ ‖ΔW_V‖₂ B,  W_QK term B_w L_σ B_V B · c · B² ‖ΔW_QK‖₂,
 *   total = their sum;  readout chain E_r = ρ_r (S_r E_{r−1} + ‖ΔW_r‖₂ ‖(b_{r−1}, [1])‖), b_r = ρ_r S_r ‖(b_{r−1}, [1])‖.
 * The property file checks that the bounds hold against the forward pass, which a larger bound keeps, and
 * runs the chain with zero input error only; these checks pin the numbers, so `a*b -> a/b` on any factor
 * fails. Every norm is a distinct non-unit value (B = 1.7, B_w = 0.6, B_V = 2.3, L_σ = 0.45, c = 0.8) and the
 * chain has a non-zero input error, spectral and Lipschitz bounds ≠ 1 and a bias stage, so a swapped operator
 * moves the value. Exact figures by hand: every factor is a dyadic rational in the exact cases below.
 */
import { describe, expect, test } from 'vitest';
import { chainPerturbation, scalarHeadPerturbation } from '../../../src/bounds/perturbation.js';

/** Relative tolerance of a second float evaluation of the same product (different operation order). */
const REL = 1e-13;

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want));

describe('scalarHeadPerturbation = the three terms of lem-head-perturbation', () => {
  const norms = { rowNorm: 1.7, readoutNorm: 0.6, valueSpectral: 2.3, activationLipschitz: 0.45 };
  const deltas = { readout: 0.31, value: 0.27, qk: 0.19 };

  test('each term is its product of norms, the total their sum (non-unit norms, c = 0.8)', () => {
    const B = 1.7;
    const Bw = 0.6;
    const BV = 2.3;
    const L = 0.45;
    const c = 0.8;
    const got = scalarHeadPerturbation(norms, deltas, c);
    const readout = 0.31 * L * BV * B;
    const value = Bw * L * 0.27 * B;
    const qk = Bw * L * BV * B * c * B ** 2 * 0.19;
    close(got.readout, readout);
    close(got.value, value);
    close(got.qk, qk);
    close(got.total, readout + value + qk);
  });

  test('exact dyadic figures: B = 2, B_w = 1/2, B_V = 4, L_σ = 1/4, c = 1 (default)', () => {
    // readout: 3 · (1/4) · 4 · 2 = 6; value: (1/2)(1/4) · 5 · 2 = 5/4; W_QK: (1/2)(1/4)·4·2 · 1 · 4 · 7 = 28.
    const got = scalarHeadPerturbation({ rowNorm: 2, readoutNorm: 0.5, valueSpectral: 4, activationLipschitz: 0.25 }, { readout: 3, value: 5, qk: 7 });
    expect(got).toEqual({ readout: 6, value: 1.25, qk: 28, total: 35.25 });
  });

  test('the W_QK term is cubic in B, the other two linear (B = 3 vs 3/2, the rest fixed)', () => {
    // qk ∝ B · B² (the value path's B and the score change's B²): doubling B multiplies it by 8.
    const at = (B: number) => scalarHeadPerturbation({ ...norms, rowNorm: B }, deltas, 1).qk;
    close(at(3) / at(1.5), 8);
    // readout and value terms are linear in B.
    const r = (B: number) => scalarHeadPerturbation({ ...norms, rowNorm: B }, deltas, 1);
    close(r(3).readout / r(1.5).readout, 2);
    close(r(3).value / r(1.5).value, 2);
  });
});

describe('chainPerturbation = the recursion E_r = ρ_r (S_r E_{r−1} + ‖ΔW_r‖ ‖(b_{r−1}, [1])‖)', () => {
  test('three stages (bias on the second), non-zero input error: the recursion evaluated by hand', () => {
    const stages = [
      { spectral: 1.8, lipschitz: 0.7, bias: false },
      { spectral: 0.65, lipschitz: 1.3, bias: true },
      { spectral: 2.1, lipschitz: 0.9, bias: false },
    ];
    const deltas = [0.11, 0.23, 0.07];
    const b0 = 1.4;
    const E0 = 0.05;
    // Stage 1: input norm 1.4, no bias.
    const E1 = 0.7 * (1.8 * E0 + 0.11 * b0);
    const b1 = 0.7 * 1.8 * b0;
    // Stage 2: bias, input augmented by 1.
    const a1 = Math.sqrt(b1 * b1 + 1);
    const E2 = 1.3 * (0.65 * E1 + 0.23 * a1);
    const b2 = 1.3 * 0.65 * a1;
    // Stage 3: no bias.
    const E3 = 0.9 * (2.1 * E2 + 0.07 * b2);
    close(chainPerturbation(stages, b0, E0, deltas), E3);
  });

  test('exact dyadic figures: one stage ρ = 1/2, S = 4, E₀ = 3, ΔW = 1/4, b = 2 → (1/2)(12 + 1/2) = 25/4', () => {
    expect(chainPerturbation([{ spectral: 4, lipschitz: 0.5, bias: false }], 2, 3, [0.25])).toBe(6.25);
    // Two stages: the second reads b₁ = (1/2)·4·2 = 4, E₁ = 25/4; ρ = 2, S = 1/2, ΔW = 1/8:
    // E₂ = 2 ((1/2)(25/4) + (1/8)·4) = 25/4 + 1 = 29/4.
    expect(
      chainPerturbation(
        [
          { spectral: 4, lipschitz: 0.5, bias: false },
          { spectral: 0.5, lipschitz: 2, bias: false },
        ],
        2,
        3,
        [0.25, 0.125],
      ),
    ).toBe(7.25);
  });

  test('the input error alone propagates by Π ρ_r S_r (no weight change)', () => {
    const stages = [
      { spectral: 1.5, lipschitz: 0.5, bias: true },
      { spectral: 3, lipschitz: 0.25, bias: false },
    ];
    // (0.5 · 1.5) (0.25 · 3) = 0.75 · 0.75 = 0.5625, times E₀ = 2.
    expect(chainPerturbation(stages, 5, 2, [0, 0])).toBe(1.125);
  });
});

/**
 * lem-head-perturbation (proofs-notes/lem-head-perturbation.md), checked against the float64
 * reference (src/model/head.ts): for two scalar heads (w, W_V, W_QK), (w', W_V', W_QK') on the same
 * input, |Δf| ≤ ‖Δw‖ L_σ B_V B + B_w L_σ ‖ΔW_V‖₂ B + B_w L_σ B_V B · c · B² ‖ΔW_QK‖₂, with B_V, B_w
 * the larger norms of the two heads. Random and adversarial instances; the W_QK term is tight
 * (opposite rows at attention 1/2), so the mutant c = 1/2 fails. The readout-chain recursion is
 * checked against readoutForwardVector.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { chainPerturbation, HEAD_PERTURBATION_ID } from '../src/bounds/perturbation.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../src/bounds/softmax-step.js';
import { readoutForwardVector } from '../src/model/readout.js';
import { fromData, type Matrix } from '../src/core/matrix.js';
import { spectralNorm, l2 } from '../src/core/norms.js';
import { createRng } from '../src/core/rng.js';
import type { Activation } from '../src/model/activations.js';
import { REL_TOL_INEQUALITY, ABS_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { sub, unpack, ratioOf, headPerturbationWorstRatio } from '../src/bounds/checks/lem-head-perturbation.js';
const ACTS: Activation[] = ['identity', 'relu', 'tanh'];

describe(HEAD_PERTURBATION_ID, () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom(...ACTS),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.double({ min: 1e-3, max: 1, noNaN: true }),
    ],
    { seed: 7301, numRuns: 150 },
  )('random heads and perturbations: |Δf| ≤ sum of the three terms', (seed, T, d, k, act, B, scale) => {
    const rng = createRng(seed);
    const dim = (T + 1) * d + 2 * (k + d * k + d * d);
    const x = Float64Array.from({ length: dim }, () => rng.normal());
    const I = unpack(x, T, d, k, B);
    // second head = first + scaled noise
    const I2 = {
      ...I,
      w2: I.w.map((v) => v + scale * rng.normal()),
      wV2: fromData(
        d,
        k,
        I.wV.data.map((v) => v + scale * rng.normal()),
      ),
      wQK2: fromData(
        d,
        d,
        I.wQK.data.map((v) => v + scale * rng.normal()),
      ),
    };
    const r = ratioOf(I2, act, B, SOFTMAX_LINF_L1_CONSTANT);
    expect(r).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7302, numRuns: 1 })('adversarial search (~1,000 evaluations): worst ratio ≤ 1 and > 0.95 (tight)', (seed) => {
    const r = headPerturbationWorstRatio(SOFTMAX_LINF_L1_CONSTANT, seed, 1000);
    expect(r).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
    expect(r).toBeGreaterThan(0.95);
  });

  test('mutation: the softmax constant halved (c = 1/2) is violated', () => {
    expect(headPerturbationWorstRatio(SOFTMAX_LINF_L1_CONSTANT / 2, 7303, 300)).toBeGreaterThan(1.5);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 3 }), fc.double({ min: 1e-3, max: 0.5, noNaN: true })], { seed: 7304, numRuns: 100 })(
    'readout chain: output error ≤ the recursion E_r = ρ(S E_{r−1} + ‖ΔW_r‖ ‖(v,1)‖)',
    (seed, depth, scale) => {
      const rng = createRng(seed);
      const dims = [3, ...Array.from({ length: depth - 1 }, () => 1 + rng.int(1, 3)), 1];
      const mk = (pert: number, base?: { weight: Matrix; bias: Float64Array }[]) =>
        dims.slice(0, -1).map((din, i) => {
          const dout = dims[i + 1];
          const W = base ? base[i].weight.data.map((v) => v + pert * rng.normal()) : Float64Array.from({ length: din * dout }, () => rng.normal());
          const b = base ? base[i].bias.map((v) => v + pert * rng.normal()) : Float64Array.from({ length: dout }, () => rng.normal());
          return { weight: fromData(din, dout, W), bias: b };
        });
      const A = mk(0);
      const Bp = mk(scale, A);
      const v = Float64Array.from({ length: 3 }, () => rng.normal());
      const acts: Activation[] = dims.slice(0, -1).map((_, i) => (i === dims.length - 2 ? 'identity' : 'relu'));
      const la = A.map((l, i) => ({ ...l, activation: acts[i] }));
      const lb = Bp.map((l, i) => ({ ...l, activation: acts[i] }));
      const out = readoutForwardVector(la, v)[0] - readoutForwardVector(lb, v)[0];
      const aug = (l: { weight: Matrix; bias: Float64Array }) => fromData(l.weight.rows + 1, l.weight.cols, Float64Array.from([...l.weight.data, ...l.bias]));
      const stages = A.map((l, i) => ({ spectral: Math.max(spectralNorm(aug(l)), spectralNorm(aug(Bp[i]))), lipschitz: 1, bias: true }));
      const deltas = A.map((l, i) => spectralNorm(sub(aug(l), aug(Bp[i]))));
      // The recursion's input norm must bound the compared input of every stage: the chain bounds the
      // true input; the perturbed chain's inputs differ by at most the error, absorbed by using the
      // larger spectral norm of the two at every stage.
      const bound = chainPerturbation(stages, l2(v), 0, deltas);
      expect(Math.abs(out)).toBeLessThanOrEqual(bound * (1 + REL_TOL_INEQUALITY) + ABS_TOL_FLOAT64);
    },
  );
});

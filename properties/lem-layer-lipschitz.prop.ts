/**
 * lem-layer-lipschitz (proofs-notes/lem-layer-lipschitz.md), against the float64 reference
 * layerForward: for inputs X, X' with rows of norm ≤ B,
 *   max_t ‖y_t − y'_t‖ ≤ ([res] + Σ_h ‖W_C‖ L_σ ‖W_V‖ (1 + 2cB²‖W_QK‖)) · max_u ‖x_u − x'_u‖.
 * Random layers (residual, projection, 1-3 heads, every activation), adversarial input pairs, and a
 * structured instance where the bound is tight (ratio → 1 as ‖W_QK‖ grows), on which the mutant
 * move factor 1 (half of 2) fails.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { LAYER_LIPSCHITZ_ID, QUERY_KEY_MOVE_FACTOR } from '../src/bounds/layer-lipschitz.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../src/bounds/softmax-step.js';
import { layerForward } from '../src/model/layer.js';
import { createRng } from '../src/core/rng.js';
import type { Activation } from '../src/model/activations.js';
import { REL_TOL_INEQUALITY, ABS_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { rowsInBall } from '../src/bounds/checks/rows-in-ball.js';
import { maxRowDiff, randomLayer, lipOf, layerWorstRatio, layerStructuredRatio } from '../src/bounds/checks/lem-layer-lipschitz.js';
const ACTS: Activation[] = ['identity', 'relu', 'tanh'];

describe(LAYER_LIPSCHITZ_ID, () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom(...ACTS),
      fc.boolean(),
      fc.boolean(),
      fc.double({ min: 0.3, max: 2, noNaN: true }),
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
    ],
    { seed: 7401, numRuns: 150 },
  )('random layers and input pairs: max-row output change ≤ Lip · max-row input change', (seed, T, d, heads, k, act, residual, project, B, pert) => {
    const rng = createRng(seed);
    const layer = randomLayer(seed + 17, d, heads, k, act, residual, project ? B : null, 1);
    const rows = T + 1;
    const X = rowsInBall(
      Float64Array.from({ length: rows * d }, () => rng.normal()),
      rows,
      d,
      B,
    );
    const X2 = rowsInBall(
      X.data.map((v) => v + pert * rng.normal()),
      rows,
      d,
      B,
    );
    const dx = maxRowDiff(X, X2);
    const dy = maxRowDiff(layerForward(layer, X), layerForward(layer, X2));
    expect(dy).toBeLessThanOrEqual(lipOf(layer, B, SOFTMAX_LINF_L1_CONSTANT, QUERY_KEY_MOVE_FACTOR) * dx * (1 + REL_TOL_INEQUALITY) + ABS_TOL_FLOAT64);
  });

  test.prop([fc.integer({ min: 0, max: 1_000_000 })], { seed: 7402, numRuns: 1 })('adversarial input pairs (~1,000 evaluations): worst ratio ≤ 1', (seed) => {
    expect(layerWorstRatio(seed, 1000)).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
  });

  test.prop([fc.double({ min: 100, max: 1000, noNaN: true }), fc.double({ min: 1e-7, max: 1e-5, noNaN: true })], { seed: 7403, numRuns: 50 })(
    'structured instance (attention 1/2, key and query moving oppositely): ratio > 0.99, ≤ 1 — the constant is tight',
    (Q, angle) => {
      const r = layerStructuredRatio(QUERY_KEY_MOVE_FACTOR, Q, angle);
      expect(r).toBeLessThanOrEqual(1 + REL_TOL_INEQUALITY);
      expect(r).toBeGreaterThan(0.99);
    },
  );

  test('mutation: the move factor halved (2 → 1) is violated on the structured instance', () => {
    expect(layerStructuredRatio(QUERY_KEY_MOVE_FACTOR / 2, 1000, 1e-6)).toBeGreaterThan(1.9);
  });
});

/**
 * lem-baseline-bounds (proofs-notes/lem-baseline-bounds.md).
 * - Volumetric (parameter-counting) cover: a greedy packing of a small linear class at separation 2ε
 *   never exceeds the volumetric bound P ln(1 + 2ab/ε) (P = dimension). No mutation test here: a
 *   halved constant still exceeds the volume lower bound (1/ε)^P, so packings cannot refute it.
 * - The naive softmax route is never below the main route and grows polynomially in T.
 * - The parameter-counting baseline does not depend on T and grows with the width.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { volumetricLogCover, VOLUMETRIC_BASELINE_ID, NAIVE_SOFTMAX_BASELINE_ID } from '../src/bounds/baselines.js';
import { computeBound, type BoundRequest } from '../src/bounds/api.js';
import type { CoverPart } from '../src/bounds/cover-parts.js';
import { createRng } from '../src/core/rng.js';

const linearPart = (d: number): CoverPart => ({ label: 'w', weightNorm: 1, pointNorm: 1, points: 1, outputDim: 1, inputDim: d, multiplicity: 1, errorWeight: 1 });

/** Greedy 2ε-packing size of {⟨w,·⟩: ‖w‖ ≤ 1} on the given points, from a seeded stream of members. */
function packing(points: Float64Array[], eps: number, seed: number, tries: number): number {
  const rng = createRng(seed);
  const d = points[0].length;
  const packed: number[][] = [];
  for (let t = 0; t < tries; t++) {
    const w = Float64Array.from({ length: d }, () => rng.normal());
    const n = Math.hypot(...w);
    const r = Math.pow(rng.float(), 1 / d) / n;
    const vals = points.map((x) => x.reduce((s, xi, j) => s + xi * w[j] * r, 0));
    if (packed.every((p) => p.some((v, i) => Math.abs(v - vals[i]) > 2 * eps))) packed.push(vals);
  }
  return packed.length;
}

describe(`${VOLUMETRIC_BASELINE_ID} / ${NAIVE_SOFTMAX_BASELINE_ID}`, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.05, max: 0.5, noNaN: true })], { seed: 8201, numRuns: 20 })(
    'packing lower estimate ≤ volumetric cover',
    (seed, d, eps) => {
      const rng = createRng(seed);
      const pts = Array.from({ length: 4 }, () => {
        const v = Float64Array.from({ length: d }, () => rng.normal());
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      });
      expect(Math.log(packing(pts, eps, seed + 1, 300))).toBeLessThanOrEqual(volumetricLogCover([linearPart(d)], eps, 1));
    },
  );

  const base: BoundRequest = {
    model: 'scalar',
    contextLength: 64,
    width: 16,
    sampleSize: 1e6,
    inputNorm: 1,
    normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
    activationLipschitz: 1,
    margin: 1,
    delta: 0.05,
  };
  test.prop([fc.constantFrom('scalar', 'multihead', 'transformer' as const), fc.integer({ min: 2, max: 20 })], { seed: 8203, numRuns: 6 })(
    'naive ≥ main, naive grows with T, parameter counting flat in T',
    (model, log2T) => {
      const a = computeBound({ ...base, model, contextLength: 2 ** log2T });
      const b = computeBound({ ...base, model, contextLength: 2 ** (log2T + 1) });
      expect(a.baselines.naiveSoftmaxT.value).toBeGreaterThanOrEqual(a.generalizationGap * (1 - 1e-12));
      expect(b.baselines.naiveSoftmaxT.value).toBeGreaterThanOrEqual(a.baselines.naiveSoftmaxT.value);
      expect(b.baselines.parameterCounting.value).toBeCloseTo(a.baselines.parameterCounting.value, 12);
      const wide = computeBound({ ...base, model, contextLength: 2 ** log2T, width: 64 });
      expect(wide.baselines.parameterCounting.parameterCount as number).toBeGreaterThan(a.baselines.parameterCounting.parameterCount as number);
    },
  );
});

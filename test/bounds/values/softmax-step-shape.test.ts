/**
 * softmaxStep (src/bounds/softmax-step.ts, lem-softmax-linf-l1) refuses score vectors of different lengths
 * (its documented ShapeError naming the function and both lengths) instead of comparing a prefix; equal
 * lengths give ‖softmax(u) − softmax(v)‖₁ ≤ c‖u − v‖_∞ (targets the removal of the length check).
 */
import { describe, expect, test } from 'vitest';
import { softmaxStep } from '../../../src/bounds/softmax-step.js';

describe('softmaxStep shapes', () => {
  test('different lengths throw; equal lengths obey the bound', () => {
    expect(() => softmaxStep([0.1, 0.4], [0.1, 0.4, 0.2])).toThrow(/softmaxStep.*2 vs 3/);
    expect(() => softmaxStep([0.1, 0.4, 0.2], [0.1, 0.4])).toThrow(/softmaxStep.*3 vs 2/);
    const r = softmaxStep([0.1, 0.4, 0.2], [0.3, 0.1, 0.2]);
    expect(r.bound).toBeCloseTo(0.3, 14);
    expect(r.actual).toBeGreaterThan(0);
    expect(r.actual).toBeLessThanOrEqual(r.bound);
  });
});

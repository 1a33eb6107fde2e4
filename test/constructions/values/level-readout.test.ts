/**
 * buildLevelReadout against its definition (lem-sparse-head-scales, "The readout"): g is the
 * piecewise-linear interpolant of the knots (n + λ_off/2, y_n γ_out) in level units u = Z′v, and constant
 * outside [λ_off/2, N + λ_off/2] (checked far beyond the last knot, so the last unit c_N must be there);
 * a constant table keeps one zero unit (the layer is never empty) and g ≡ y_0 γ_out.
 * Evaluated with the reference readout forward (model/readout.ts).
 */
import { describe, expect, test } from 'vitest';
import { buildLevelReadout } from '../../../src/constructions/level-readout.js';
import { readoutForward } from '../../../src/model/readout.js';

/** Values of size ≤ 10 through two small layers. */
const TOL = 1e-12;

describe('buildLevelReadout interpolates the level labels', () => {
  const zp = 3.5; // Z′
  const leak = 0.3;
  const gOut = 1.25;
  for (const labels of [
    [-1, 1, -1],
    [1, 1, -1, -1, 1],
    [-1, -1, 1],
    [1, -1],
  ] as (1 | -1)[][]) {
    test(`labels ${labels.join(',')}`, () => {
      const N = labels.length - 1;
      const { layers } = buildLevelReadout(labels, zp, leak, gOut);
      const g = (u: number) => readoutForward(layers, [u / zp]);
      for (let n = 0; n <= N; n++) expect(Math.abs(g(n + leak / 2) - labels[n] * gOut)).toBeLessThanOrEqual(TOL);
      for (let n = 0; n < N; n++) {
        const mid = n + 0.5 + leak / 2;
        expect(Math.abs(g(mid) - ((labels[n] + labels[n + 1]) / 2) * gOut)).toBeLessThanOrEqual(TOL);
      }
      // constant outside [λ/2, N + λ/2]
      for (const u of [N + leak / 2 + 0.5, N + 7, N + 100]) expect(Math.abs(g(u) - labels[N] * gOut)).toBeLessThanOrEqual(TOL * 100);
      for (const u of [leak / 2 - 0.1, -5]) expect(Math.abs(g(u) - labels[0] * gOut)).toBeLessThanOrEqual(TOL);
    });
  }

  test('a constant table: one zero unit, g ≡ y_0 γ_out', () => {
    const r = buildLevelReadout([-1, -1, -1, -1], zp, leak, gOut);
    expect(r.knots).toEqual([0]);
    expect(r.coefficients).toEqual([0]);
    expect(r.layers[0].weight.cols).toBe(1);
    for (const u of [-1, 0, 1.5, 10]) expect(readoutForward(r.layers, [u / zp])).toBe(-gOut);
  });
});

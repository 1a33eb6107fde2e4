/**
 * The exact certifier (alg-certify-position-keys, "Worst input"; src/constructions/certify-exact.ts) when the
 * readout's minimum is shared by two interior kinks of one support assignment: y·F is a W with both
 * minima exactly −1/2 (dyadic offsets, so the float kink values are exactly equal), the first (smaller x)
 * at x = −a_6, which the background {6} reaches exactly, the second at x = −(a_6 − 2^−13), which no
 * background sum reaches. The certificate must report a counterexample that attains the minimum (`attained`, worst margin
 * −1/2 = the brute-force minimum over all 2^T inputs): the search has to aim at the first of the equal
 * kinks (targets the kink loop's strict `<`, which keeps the first of two equal kink values). Likewise
 * for two support assignments with the same minimum and the same end margins (targets the assignment
 * loop's strict `mEnd < bestAttainedValue`, which keeps the first): a plateau readout with two dips.
 * Model as in certify-exact.test.ts: one-hot positions, the bit on its own column, keys on the positions.
 */
import { describe, expect, test } from 'vitest';
import { certifyExact } from '../../../src/constructions/certify-exact.js';
import { fromData } from '../../../src/core/matrix.js';
import { softmax } from '../../../src/core/softmax.js';
import { forward } from '../../../src/model/forward.js';
import { targetLabel } from '../../../src/model/target.js';
import type { BooleanTarget, DenseLayer, Model } from '../../../src/model/types.js';
import { oneColumnHead } from './position-keys-model.js';

/** The reference model's forward pass sums the attention in another order: its margins agree to a few ulps. */
const TOL = 1e-12;

/** Brute force over all 2^T inputs through the reference model: the minimum margin and the inputs within TOL of it. */
function bruteForce(model: Model, target: BooleanTarget): { min: number; argmins: string[] } {
  let min = Infinity;
  const all: [number, string][] = [];
  const T = model.contextLength;
  const bits = new Uint8Array(T);
  for (let x = 0; x < 2 ** T; x++) {
    for (let i = 0; i < T; i++) bits[i] = (x >> i) & 1;
    const m = targetLabel(target, bits) * forward(model, bits);
    all.push([m, Array.from(bits).join('')]);
    min = Math.min(min, m);
  }
  return { min, argmins: all.filter(([m]) => m <= min + TOL).map(([, s]) => s) };
}

describe('two interior kinks with the same value: the reachable one is reported', () => {
  test('W-shaped readout, minima −1/2 at x = −a_6 (a background sum) and −(a_6 − 2^−13) (none): attained, worst input {6}', () => {
    // T = 7, support {1} with score 3, background s_u = −u ln 2 (a_u ∝ 2^−u), base 0, Δ = −1, σ = identity:
    // the readout input is x = −S (the float x of background {6} is 0 + (−1)·a_6 = −a_6 exactly).
    const T = 7;
    const scores = [3, ...Array.from({ length: T - 1 }, (_, i) => -(i + 2) * Math.LN2)];
    const a = softmax([0, ...scores]);
    const c1 = -a[6];
    const D = 2 ** -13;
    const c2 = c1 + D;
    const mid = c1 + D / 2;
    // Dyadic offsets inside a_6's binade, exact in float64 (checked), so F's float values at both kinks are exactly −1/2.
    expect(c2 - c1).toBe(D);
    expect(mid - c1).toBe(D / 2);
    expect(c2).toBeLessThan(0);
    // F(x) = 4 relu(c1 − x) + 4 relu(x − c1) − 8 relu(x − mid) + 8 relu(x − c2) − 1/2: slopes −4, 4, −4, 4.
    const readout: DenseLayer[] = [
      { weight: fromData(1, 4, Float64Array.of(-1, 1, 1, 1)), bias: Float64Array.of(c1, -c1, -mid, -c2), activation: 'relu' },
      { weight: fromData(4, 1, Float64Array.of(4, 4, -8, 8)), bias: Float64Array.of(-0.5), activation: 'identity' },
    ];
    const model = oneColumnHead(T, scores, { delta: -1, c0: 0, activation: 'identity' }, readout);
    const target: BooleanTarget = { support: [1], table: '11' };
    const ex = bruteForce(model, target);
    // The brute-force minimum is −1/2, reached only by background {6} (support bit 0): position 6 on.
    expect(Math.abs(ex.min + 0.5)).toBeLessThanOrEqual(TOL);
    expect(ex.argmins).toEqual(['0000010']);
    const cert = certifyExact(model, target);
    // minMargin is F at the float kinks of readoutBreakpoints (a few ulps from c1, c2; equal at both).
    expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(TOL);
    expect(cert.attained).toBe(true);
    expect(cert.worstInput).toBe('0000010');
    expect(Math.abs(cert.worstInputMargin + 0.5)).toBeLessThanOrEqual(TOL);
    expect(cert.worstInputMargin).toBeLessThanOrEqual(cert.minMargin);
    expect(cert.certifiedLowerBound).toBeLessThanOrEqual(ex.min);
  });

  test('two support assignments with the same minimum and the same end margins: the first, whose kink an input reaches, is kept', () => {
    // Support {1} with a tiny a_1 (score −8; s_0 = 0 dominates), background a_u ∝ 2^−u as above, x = −S.
    // F = P − (h/w)·Σ_i relu(w − |x − c_i|): plateau P = 1/4 with two dips of depth h = 3/4 (to −1/2) and
    // half-width w = 2^−15 at c_0 = −a_6 and c_1 = c_0 + 2^−13. Both assignments z = 0 (S ∈ [0, bg]) and
    // z = 1 (S ∈ [a_1, a_1 + bg]) contain both dips and end on the plateau (exactly 1/4: the dip units are
    // exactly 0 outside the dips), so their minima and end margins are equal; background {6} with support
    // bit 0 reaches c_0 exactly, no input of z = 1 reaches a dip's bottom (a_1 ≫ w moves it off).
    const T = 7;
    const scores = [-8, ...Array.from({ length: T - 1 }, (_, i) => -(i + 2) * Math.LN2)];
    const a = softmax([0, ...scores]);
    const c0 = -a[6];
    const c1 = c0 + 2 ** -13;
    const w = 2 ** -15;
    const [P, h] = [0.25, 0.75];
    expect(c1 - c0).toBe(2 ** -13);
    expect(a[1]).toBeGreaterThan(4 * w);
    const readout: DenseLayer[] = [
      { weight: fromData(1, 4, Float64Array.of(1, -1, 1, -1)), bias: Float64Array.of(-c0, c0, -c1, c1), activation: 'relu' },
      { weight: fromData(4, 2, Float64Array.of(-1, 0, -1, 0, 0, -1, 0, -1)), bias: Float64Array.of(w, w), activation: 'relu' },
      { weight: fromData(2, 1, Float64Array.of(-h / w, -h / w)), bias: Float64Array.of(P), activation: 'identity' },
    ];
    const model = oneColumnHead(T, scores, { delta: -1, c0: 0, activation: 'identity' }, readout);
    const target: BooleanTarget = { support: [1], table: '11' };
    const ex = bruteForce(model, target);
    expect(Math.abs(ex.min + 0.5)).toBeLessThanOrEqual(TOL);
    expect(ex.argmins).toEqual(['0000010']);
    const cert = certifyExact(model, target);
    // The float kinks sit a few ulps off c_0, c_1, amplified by the slope h/w = 24576: still within TOL.
    expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(TOL);
    expect(cert.attained).toBe(true);
    expect(cert.worstInput).toBe('0000010');
    expect(Math.abs(cert.worstInputMargin + 0.5)).toBeLessThanOrEqual(TOL);
    expect(cert.certifiedLowerBound).toBeLessThanOrEqual(ex.min);
  });
});

/**
 * The exact certifier's worst-input search (alg-certify-position-keys, "Worst input";
 * src/constructions/certify-exact.ts) with a ReLU head activation: x = relu(base + Δ S). The reference relu
 * maps NaN to 0, so a search that ever added a non-number to S would evaluate the readout at x = 0, an x
 * that no input has here (base > 0, Δ > 0). The readout has, besides the V at the interior kink h* that
 * starts the search, a deep dip at h ∈ [0, ε) with ε < base, below every input's x: F(0) is far below the
 * minimum over inputs. The reported worst input must be a real input whose brute-force margin is the
 * reported worstInputMargin, and that margin must not be below the brute-force minimum over all 2^T
 * inputs (targets the search's list of flips: only background positions may be in it).
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

/** The reference forward sums in another order than the certifier: margins agree to a few ulps. */
const TOL = 1e-9;

const marginOf = (model: Model, target: BooleanTarget, bits: Uint8Array) => targetLabel(target, bits) * forward(model, bits);

function bruteMin(model: Model, target: BooleanTarget): number {
  const T = model.contextLength;
  const bits = new Uint8Array(T);
  let min = Infinity;
  for (let z = 0; z < 2 ** T; z++) {
    for (let i = 0; i < T; i++) bits[i] = (z >> i) & 1;
    min = Math.min(min, marginOf(model, target, bits));
  }
  return min;
}

describe('the worst-input search with a ReLU head', () => {
  // T = 7, support {1} (score 3), background s_u = −u ln 2 (a_u ∝ 2^−u: the background sums are the grid
  // a_7·k, k = 0..63); c0 = 1, Δ = 2: x = relu(a_0 + 2S) = a_0 + 2S > 0 on every input (a_0 ≈ 0.046).
  const T = 7;
  const scores = [3, ...Array.from({ length: T - 1 }, (_, i) => -(i + 2) * Math.LN2)];
  const a = softmax([0, ...scores]);
  const base = a[0];
  for (const phi of [0.3, 0.7]) {
    test(`kink at grid 22 + ${phi}, a dip to F(0) = −1.25 below every input's x: the worst input is real and its margin is reported`, () => {
      const hStar = base + 2 * a[T] * (22 + phi);
      const eps = 0.01;
      expect(eps).toBeLessThan(base);
      // F(h) = 4|h − h*| − 1/2 − 100·relu(ε − h): F(0) = 4h* − 1/2 − 1 < −1, and F = the V for h ≥ ε.
      const readout: DenseLayer[] = [
        { weight: fromData(1, 3, Float64Array.of(1, -1, -1)), bias: Float64Array.of(-hStar, hStar, eps), activation: 'relu' },
        { weight: fromData(3, 1, Float64Array.of(4, 4, -100)), bias: Float64Array.of(-0.5), activation: 'identity' },
      ];
      const model = oneColumnHead(T, scores, { delta: 2, c0: 1, activation: 'relu' }, readout);
      const target: BooleanTarget = { support: [1], table: '11' };
      const ex = bruteMin(model, target);
      // The nearest grid point to the kink is min(φ, 1 − φ) = 0.3 steps away: −1/2 + 4·2·a_7·0.3.
      expect(Math.abs(ex - (-0.5 + 8 * a[T] * 0.3))).toBeLessThanOrEqual(TOL);
      const cert = certifyExact(model, target);
      expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(TOL);
      expect(cert.attained).toBe(false);
      const bits = Uint8Array.from(cert.worstInput, (ch) => (ch === '1' ? 1 : 0));
      expect(cert.worstInput).toMatch(/^[01]{7}$/);
      expect(Math.abs(marginOf(model, target, bits) - cert.worstInputMargin)).toBeLessThanOrEqual(TOL);
      expect(Math.abs(cert.worstInputMargin - ex)).toBeLessThanOrEqual(TOL);
      expect(cert.certifiedLowerBound).toBeLessThanOrEqual(ex);
    });
  }
});

/**
 * The 1-D piecewise-linear ReLU readout shared by both sparse-head families (con-symmetric-sparse-head,
 * con-general-sparse-head). With the head output v in units of the least support weight A
 * (u = v/A = v·Z′), level n sits on [n, n + λ_off]; the readout interpolates the points
 * (n + λ_off/2, y_n γ_out), n = 0..N, and is constant outside [λ_off/2, N + λ_off/2]:
 *   g(v) = y_0 γ_out + Σ_n c_n ReLU(Z′ v − n − λ_off/2),  c_n = m_n − m_{n−1},
 *   m_n = (y_{n+1} − y_n) γ_out (n < N), m_{−1} = m_N = 0.
 * Units with c_n = 0 are dropped (one zero unit is kept for a constant target so the layer is not empty).
 */
import { fromData } from '../core/matrix.js';
import type { DenseLayer } from '../model/types.js';

/** The built readout with its bookkeeping. */
export interface LevelReadout {
  /** [hidden ReLU layer 1×H, output layer H×1]. */
  readonly layers: readonly DenseLayer[];
  /** The levels n whose unit is kept (knot positions n + λ_off/2 in level units). */
  readonly knots: readonly number[];
  /** The output weights c_n of the kept units. */
  readonly coefficients: readonly number[];
}

/**
 * Build the readout for level labels y_n ∈ {±1} (n = 0..N), inverse least weight Z′ = 1/A, leak λ_off and
 * output scale γ_out. Pure; throws nothing for finite input (callers validate).
 */
export function buildLevelReadout(levelLabels: readonly (1 | -1)[], inverseLeastWeight: number, leak: number, outputScale: number): LevelReadout {
  const N = levelLabels.length - 1;
  const slope = (n: number): number => (n < 0 || n >= N ? 0 : (levelLabels[n + 1] - levelLabels[n]) * outputScale);
  const knots: number[] = [];
  const coefficients: number[] = [];
  for (let n = 0; n <= N; n++) {
    const c = slope(n) - slope(n - 1);
    if (c !== 0) {
      knots.push(n);
      coefficients.push(c);
    }
  }
  if (knots.length === 0) {
    knots.push(0);
    coefficients.push(0);
  }
  const H = knots.length;
  const w1 = new Float64Array(H).fill(inverseLeastWeight); // (1×H)
  const b1 = Float64Array.from(knots, (n) => -(n + leak / 2)); // (H)
  const w2 = Float64Array.from(coefficients); // (H×1)
  const b2 = Float64Array.of(levelLabels[0] * outputScale); // (1)
  return {
    layers: [
      { weight: fromData(1, H, w1), bias: b1, activation: 'relu' },
      { weight: fromData(H, 1, w2), bias: b2, activation: 'identity' },
    ],
    knots,
    coefficients,
  };
}

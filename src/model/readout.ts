/**
 * The readout MLP: v ↦ σ_L(… σ_1(vᵀ W_1 + b_1) … W_L + b_L), scalar output. Lipschitz constant
 * (ℓ2) at most Π_l L_σl ‖W_l‖₂ (readoutLipschitz).
 */
import { vecMat } from '../core/matrix.js';
import { shapeError } from '../core/errors.js';
import { spectralNorm } from '../core/norms.js';
import { applyActivationInPlace, ACTIVATION_LIPSCHITZ } from './activations.js';
import type { DenseLayer } from './types.js';

/** Run the readout on v; returns the output vector (length 1 for a model's readout). */
export function readoutForwardVector(layers: readonly DenseLayer[], v: ArrayLike<number>): Float64Array {
  let h: Float64Array = Float64Array.from(v);
  for (const [i, l] of layers.entries()) {
    if (h.length !== l.weight.rows) throw shapeError('readoutForward', `layer ${i} expects input length ${l.weight.rows}`, String(h.length));
    const out = vecMat(h, l.weight);
    if (l.bias) for (let j = 0; j < out.length; j++) out[j] += l.bias[j];
    applyActivationInPlace(l.activation, out);
    h = out;
  }
  return h;
}

/** Scalar readout output. */
export function readoutForward(layers: readonly DenseLayer[], v: ArrayLike<number>): number {
  const out = readoutForwardVector(layers, v);
  if (out.length !== 1) throw shapeError('readoutForward', 'readout must end in one output', String(out.length));
  return out[0];
}

/** Upper bound on the ℓ2 Lipschitz constant of the readout: Π_l L_σl ‖W_l‖₂. */
export function readoutLipschitz(layers: readonly DenseLayer[]): number {
  let c = 1;
  for (const l of layers) c *= ACTIVATION_LIPSCHITZ[l.activation] * spectralNorm(l.weight);
  return c;
}

/**
 * A self-attention layer (DIGEST §2; order pinned in proofs-notes/notation.md):
 *   y_t = Π_R( [x_t if residual] + Σ_h f_head^h(X, x_t)ᵀ W_C^h ),   t = 0..T,
 * with Π_R(v) = v · min(1, R/‖v‖₂) the projection onto the ℓ2 ball of radius R (1-Lipschitz).
 */
import { zeros, vecMat, row, type Matrix } from '../core/matrix.js';
import { l2 } from '../core/norms.js';
import { headForward } from './head.js';
import type { SelfAttentionLayer } from './types.js';

/** Π_R applied in place to v (no-op when radius is null or ‖v‖ ≤ R). */
export function projectToBallInPlace(v: Float64Array, radius: number | null): void {
  if (radius === null) return;
  const n = l2(v);
  if (n > radius) {
    const c = radius / n;
    for (let i = 0; i < v.length; i++) v[i] *= c;
  }
}

/** Apply one layer to X ((T+1)×d); returns the new (T+1)×d matrix. */
export function layerForward(layer: SelfAttentionLayer, X: Matrix): Matrix {
  const Y = zeros(X.rows, X.cols);
  for (let t = 0; t < X.rows; t++) {
    const xt = row(X, t);
    const yt = Y.data.subarray(t * X.cols, (t + 1) * X.cols);
    if (layer.residual) yt.set(xt);
    for (const h of layer.heads) {
      const out = headForward(h, X, xt); // (k)
      const mapped = vecMat(out, h.wC); // (d) = f_headᵀ W_C
      for (let j = 0; j < yt.length; j++) yt[j] += mapped[j];
    }
    projectToBallInPlace(yt, layer.projectionRadius);
  }
  return Y;
}

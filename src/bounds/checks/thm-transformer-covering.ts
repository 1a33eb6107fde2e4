/** Checkers of thm-transformer-covering shared by its property file and bench (no vitest import). */
import { layerForward } from '../../model/layer.js';
import { headForwardTrace } from '../../model/head.js';
import { applyActivationInPlace, type Activation } from '../../model/activations.js';
import { fromData, vecMat, row } from '../../core/matrix.js';
import { spectralNorm, l2 } from '../../core/norms.js';
import type { LayerHead, SelfAttentionLayer } from '../../model/types.js';

/** Length of the parameter vector read by layerAccountingRatio. */
export function layerAccountingDim(T: number, d: number, k: number, H: number): number {
  return 2 * H * (d * d + d * k + k * d) + (T + 1) * d;
}

/**
 * One layer (H heads, projection radius B = 1) with true weights and centre weights and an input X, all
 * read from x: actual max-row output error / Σ_h [‖W_C‖‖W_V‖ B c e_s + ‖W_C‖ e_v + e_C] (L_σ = 1, c = 1),
 * the part errors measured on the centre's own points.
 */
export function layerAccountingRatio(x: Float64Array, T: number, d: number, k: number, H: number, act: Activation, residual: boolean): number {
  const B = 1;
  let o = 0;
  const take = (r: number, c: number) => {
    const part = fromData(r, c, Float64Array.from(x.subarray(o, o + r * c)));
    o += r * c;
    return part;
  };
  const heads: LayerHead[] = Array.from({ length: H }, () => ({ wQK: take(d, d), wV: take(d, k), wC: take(k, d), activation: act }));
  const centres: LayerHead[] = Array.from({ length: H }, () => ({ wQK: take(d, d), wV: take(d, k), wC: take(k, d), activation: act }));
  const X = take(T + 1, d);
  for (let r = 0; r <= T; r++) {
    const rw = X.data.subarray(r * d, (r + 1) * d);
    const n = l2(rw);
    if (n > B) for (let j = 0; j < rw.length; j++) rw[j] = (rw[j] * B) / n;
  }
  const L: SelfAttentionLayer = { heads, residual, projectionRadius: B };
  const Lc: SelfAttentionLayer = { heads: centres, residual, projectionRadius: B };
  const Y = layerForward(L, X);
  const Yc = layerForward(Lc, X);
  let actual = 0;
  for (let t = 0; t <= T; t++) actual = Math.max(actual, l2(row(Y, t).map((v, j) => v - Yc.data[t * d + j])));
  let bound = 0;
  heads.forEach((h, j) => {
    let es = 0,
      ev = 0,
      eC = 0;
    for (let t = 0; t <= T; t++) {
      const z = row(X, t);
      const tr = headForwardTrace(h, X, z);
      const cr = headForwardTrace(centres[j], X, z);
      for (let u = 0; u <= T; u++) es = Math.max(es, Math.abs(tr.scores[u] - cr.scores[u]));
      const a = vecMat(cr.mixed, h.wV);
      const b = vecMat(cr.mixed, centres[j].wV);
      ev = Math.max(ev, l2(a.map((v, i) => v - b[i])));
      const hc = Float64Array.from(b);
      applyActivationInPlace(act, hc);
      const p = vecMat(hc, h.wC);
      const q = vecMat(hc, centres[j].wC);
      eC = Math.max(eC, l2(p.map((v, i) => v - q[i])));
    }
    const SC = spectralNorm(h.wC);
    bound += SC * spectralNorm(h.wV) * B * es + SC * ev + eC;
  });
  return bound > 0 ? actual / bound : NaN;
}

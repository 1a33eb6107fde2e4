/** Checkers of thm-head-covering shared by its property file and bench/bounds-adversarial.ts. */
import { headForwardTrace } from '../../model/head.js';
import { applyActivationInPlace, type Activation } from '../../model/activations.js';
import { fromData, vecMat, type Matrix } from '../../core/matrix.js';
import { spectralNorm, l2 } from '../../core/norms.js';

type HeadWeights = { w: Float64Array; wV: Matrix; wQK: Matrix };

/**
 * The measured parts of the head-cover error accounting, over samples Xs, for true weights t and a
 * centre c: worst |f − f̂|, e_s = max score gap, e_v = max value gap on the centre's points v̂ = Xᵀâ
 * (‖(W_V − Ŵ_V)ᵀ v̂‖ in ℓ2 or ℓ∞ per `valueNorm`), e_w = max readout gap on σ(Ŵ_Vᵀ v̂).
 */
function accountingParts(Xs: Matrix[], act: Activation, t: HeadWeights, c: HeadWeights, valueNorm: 'l2' | 'linf') {
  let worst = 0;
  let es = 0,
    ev = 0,
    ew = 0;
  for (const X of Xs) {
    const z = X.data.subarray(0, X.cols);
    const tr = headForwardTrace({ wQK: t.wQK, wV: t.wV, activation: act }, X, z);
    const cr = headForwardTrace({ wQK: c.wQK, wV: c.wV, activation: act }, X, z);
    const f = tr.output.reduce((s, v, j) => s + v * t.w[j], 0);
    const fh = cr.output.reduce((s, v, j) => s + v * c.w[j], 0);
    worst = Math.max(worst, Math.abs(f - fh));
    for (let u = 0; u < tr.scores.length; u++) es = Math.max(es, Math.abs(tr.scores[u] - cr.scores[u]));
    // value part on the centre's point v̂ = Xᵀâ
    const a = vecMat(cr.mixed, t.wV);
    const b = vecMat(cr.mixed, c.wV);
    const diff = a.map((x, j) => x - b[j]);
    ev = Math.max(ev, valueNorm === 'l2' ? l2(diff) : diff.reduce((m, x) => Math.max(m, Math.abs(x)), 0));
    // readout part on the centre's point σ(Ŵ_Vᵀ v̂)
    const h = Float64Array.from(b);
    applyActivationInPlace(act, h);
    ew = Math.max(ew, Math.abs(h.reduce((s, v, j) => s + v * (t.w[j] - c.w[j]), 0)));
  }
  return { worst, es, ev, ew };
}

/** actual |f − f̂| / (accounted error) for samples Xs, true (w, W_V, W_QK), centre (ŵ, Ŵ_V, Ŵ_QK). */
export function accountingRatio(Xs: Matrix[], act: Activation, B: number, t: HeadWeights, c: HeadWeights): number {
  const { worst, es, ev, ew } = accountingParts(Xs, act, t, c, 'l2');
  const mu0 = l2(t.w);
  const bound = mu0 * spectralNorm(t.wV) * B * 1 * es + mu0 * ev + ew;
  return bound > 0 ? worst / bound : NaN;
}

export function unpackHead(x: Float64Array, d: number, k: number) {
  let o = 0;
  const take = (n: number) => {
    const part = Float64Array.from(x.subarray(o, o + n));
    o += n;
    return part;
  };
  return {
    t: { w: take(k), wV: fromData(d, k, take(d * k)), wQK: fromData(d, d, take(d * d)) },
    c: { w: take(k), wV: fromData(d, k, take(d * k)), wQK: fromData(d, d, take(d * d)) },
    rest: x.subarray(o),
  };
}

/**
 * Per-coordinate value route: actual |f − f̂| / (‖w‖₂B_V B c·e_s + L_σ‖w‖₁·e_v∞ + e_w), with
 * e_v∞ = max_i ‖(W_V − Ŵ_V)ᵀ v̂_i‖_∞ measured on the centre's points.
 */
export function accountingRatioLinf(Xs: Matrix[], act: Activation, B: number, t: HeadWeights, c: HeadWeights): number {
  const { worst, es, ev, ew } = accountingParts(Xs, act, t, c, 'linf');
  const w1 = t.w.reduce((s, v) => s + Math.abs(v), 0);
  const bound = l2(t.w) * spectralNorm(t.wV) * B * es + w1 * ev + ew;
  return bound > 0 ? worst / bound : NaN;
}

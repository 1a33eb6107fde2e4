/**
 * Interval pieces of the interval certifier (alg-certify-interval) and propagation through
 * self-attention layers (section "Models with layers"): every row x_t of X^l is enclosed in a box
 * [lo_t, hi_t] ⊂ R^d, and each step maps boxes to boxes containing every reachable value:
 *   q_t = W_QK x_t (interval mat-vec), s_{t,u} = x_u·q_t (interval dot product),
 *   softmax weights by the monotone leave-one-out bounds, head-output coordinates by the box∩simplex
 *   LP (greedy, then its weak-duality bound), σ monotone, ·W_C (interval mat-vec), + x_t (residual), then Π_R:
 *   Π_R(v)_j = v_j·c with c = min(1, R/‖v‖₂) ∈ [c_lo, 1], c_lo = min(1, R/max_{v∈box}‖v‖₂), and |Π_R(v)_j| ≤ R.
 * Every function takes a rounding mode (certify-rounding.ts): OUTWARD (default) moves each float64
 * result outward, so the boxes enclose the exact real values (alg-certify-rounding); NEAREST is the same
 * algorithm in plain float64 (the estimate).
 */
import type { AttentionHead, SelfAttentionLayer } from '../model/types.js';
import type { Matrix } from '../core/matrix.js';
import { OUTWARD, activateDown, activateUp, type Rounding } from './certify-rounding.js';

/** Proof-note id: proofs-notes/alg-certify-interval.md. */
export const INTERVAL_LAYERS_ID = 'alg-certify-interval';

/** Boxes of the T+1 rows: lo[t], hi[t] ∈ R^d. */
export interface RowBoxes {
  readonly lo: Float64Array[];
  readonly hi: Float64Array[];
}

/**
 * Interval of W x (or xᵀW when transposed) for x in [lo, hi], plus an optional bias: out_i = b_i + Σ_j W_ij x_j
 * (W and b exact).
 */
export function matVecBox(W: Matrix, lo: Float64Array, hi: Float64Array, transposed: boolean, bias: Float64Array | null = null, R: Rounding = OUTWARD): { lo: Float64Array; hi: Float64Array } {
  const n = transposed ? W.cols : W.rows;
  const m = transposed ? W.rows : W.cols;
  const olo = new Float64Array(n);
  const ohi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = bias ? bias[i] : 0;
    let b = a;
    for (let j = 0; j < m; j++) {
      const w = transposed ? W.data[j * W.cols + i] : W.data[i * W.cols + j];
      if (w === 0) continue;
      if (w > 0) {
        a = R.down(a + R.down(w * lo[j]));
        b = R.up(b + R.up(w * hi[j]));
      } else {
        a = R.down(a + R.down(w * hi[j]));
        b = R.up(b + R.up(w * lo[j]));
      }
    }
    olo[i] = a;
    ohi[i] = b;
  }
  return { lo: olo, hi: ohi };
}

/** Interval of Σ_j x_j y_j for boxes x, y. */
function dotBox(xlo: Float64Array, xhi: Float64Array, ylo: Float64Array, yhi: Float64Array, R: Rounding): [number, number] {
  let a = 0;
  let b = 0;
  for (let j = 0; j < xlo.length; j++) {
    const p1 = xlo[j] * ylo[j];
    const p2 = xlo[j] * yhi[j];
    const p3 = xhi[j] * ylo[j];
    const p4 = xhi[j] * yhi[j];
    a = R.down(a + R.down(Math.min(p1, p2, p3, p4)));
    b = R.up(b + R.up(Math.max(p1, p2, p3, p4)));
  }
  return [a, b];
}

/**
 * Softmax weight bounds from score bounds (a_u increases in s_u and decreases in every other score):
 *   a_u ≥ e^{lo_u−M} / (e^{lo_u−M} + Σ_{w≠u} e^{hi_w−M}),  a_u ≤ min(1, e^{hi_u−M} / (e^{hi_u−M} + Σ_{w≠u} e^{lo_w−M})),
 * M = max hi (a shift, exact in real arithmetic); the leave-one-out sums are prefix + suffix sums (no cancellation).
 */
export function softmaxWeightBounds(slo: Float64Array, shi: Float64Array, R: Rounding = OUTWARD): { alo: Float64Array; ahi: Float64Array } {
  const n = slo.length;
  let M = -Infinity;
  for (let u = 0; u < n; u++) if (shi[u] > M) M = shi[u];
  const elo = new Float64Array(n);
  const ehi = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    elo[u] = R.expDown(R.down(slo[u] - M));
    ehi[u] = R.expUp(R.up(shi[u] - M));
  }
  // Suffix sums: sufLo[u] = Σ_{w ≥ u} elo_w (rounded down), sufHi likewise up.
  const sufLo = new Float64Array(n + 1);
  const sufHi = new Float64Array(n + 1);
  for (let u = n - 1; u >= 0; u--) {
    sufLo[u] = R.down(sufLo[u + 1] + elo[u]);
    sufHi[u] = R.up(sufHi[u + 1] + ehi[u]);
  }
  const alo = new Float64Array(n);
  const ahi = new Float64Array(n);
  let preLo = 0;
  let preHi = 0;
  for (let u = 0; u < n; u++) {
    const looLo = R.down(preLo + sufLo[u + 1]);
    const looHi = R.up(preHi + sufHi[u + 1]);
    alo[u] = elo[u] > 0 ? R.down(elo[u] / R.up(elo[u] + looHi)) : 0;
    const den = R.down(ehi[u] + looLo);
    const a = den > 0 ? R.up(ehi[u] / den) : 1;
    ahi[u] = Math.min(a, 1);
    preLo = R.down(preLo + elo[u]);
    preHi = R.up(preHi + ehi[u]);
  }
  return { alo, ahi };
}

/**
 * max Σ a_u φ_u over a ∈ [alo, ahi] with Σ a = 1 (maximize; φ = the upper ends) or the min (φ = the
 * lower ends). The greedy fractional knapsack (start at alo, give the rest of the mass to the largest φ
 * first) finds the optimal multiplier λ; the result is the weak-duality bound
 *   max ≤ λ + Σ_u max_{a_u ∈ [alo_u, ahi_u]} a_u (φ_u − λ),
 * valid for every λ and equal to the LP optimum at the greedy's λ, evaluated with rounding mode R.
 */
export function knapsackBound(alo: Float64Array, ahi: Float64Array, phi: Float64Array, maximize: boolean, R: Rounding = OUTWARD): number {
  const n = alo.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => (maximize ? phi[y] - phi[x] : phi[x] - phi[y]));
  let rem = 1;
  for (let u = 0; u < n; u++) rem -= alo[u];
  let lambda = phi[order[n - 1]];
  if (rem <= 0) lambda = phi[order[0]];
  else {
    for (let i = 0; i < n; i++) {
      const u = order[i];
      const add = ahi[u] - alo[u];
      if (add >= rem) {
        lambda = phi[u];
        break;
      }
      rem -= add;
    }
  }
  if (!maximize) {
    // min Σ a φ = λ + Σ min_a a (φ − λ): lower ends, rounded down.
    let total = lambda;
    for (let u = 0; u < n; u++) {
      const d = R.down(phi[u] - lambda);
      total = R.down(total + R.down(d < 0 ? ahi[u] * d : alo[u] * d));
    }
    return total;
  }
  let total = lambda;
  for (let u = 0; u < n; u++) {
    const d = R.up(phi[u] - lambda);
    total = R.up(total + R.up(d > 0 ? ahi[u] * d : alo[u] * d));
  }
  return total;
}

/** Boxes of W_Vᵀ x_u for every row u (shared by all queries of a head). */
export function valueBoxes(head: AttentionHead, X: RowBoxes, R: Rounding = OUTWARD): RowBoxes {
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let u = 0; u < X.lo.length; u++) {
    const v = matVecBox(head.wV, X.lo[u], X.hi[u], true, null, R); // (k) W_Vᵀ x_u
    lo.push(v.lo);
    hi.push(v.hi);
  }
  return { lo, hi };
}

/** Box of one head's output f_head(X, x_t) ∈ R^k for query row t, rows in boxes (values: valueBoxes). */
export function headBox(head: AttentionHead, X: RowBoxes, t: number, values: RowBoxes = valueBoxes(head, X), R: Rounding = OUTWARD): { lo: Float64Array; hi: Float64Array } {
  const n = X.lo.length;
  const q = matVecBox(head.wQK, X.lo[t], X.hi[t], false, null, R); // (d) W_QK x_t
  const slo = new Float64Array(n);
  const shi = new Float64Array(n);
  for (let u = 0; u < n; u++) [slo[u], shi[u]] = dotBox(X.lo[u], X.hi[u], q.lo, q.hi, R);
  const { alo, ahi } = softmaxWeightBounds(slo, shi, R);
  const k = head.wV.cols;
  const plo = values.lo;
  const phi = values.hi;
  const lo = new Float64Array(k);
  const hi = new Float64Array(k);
  const colLo = new Float64Array(n);
  const colHi = new Float64Array(n);
  for (let m = 0; m < k; m++) {
    for (let u = 0; u < n; u++) {
      colLo[u] = plo[u][m];
      colHi[u] = phi[u][m];
    }
    lo[m] = activateDown(head.activation, knapsackBound(alo, ahi, colLo, false, R), R);
    hi[m] = activateUp(head.activation, knapsackBound(alo, ahi, colHi, true, R), R);
  }
  return { lo, hi };
}

/** Boxes of the rows after one self-attention layer. */
export function layerBoxes(layer: SelfAttentionLayer, X: RowBoxes, R: Rounding = OUTWARD): RowBoxes {
  const n = X.lo.length;
  const d = X.lo[0].length;
  const values = layer.heads.map((h) => valueBoxes(h, X, R));
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let t = 0; t < n; t++) {
    const ylo = layer.residual ? Float64Array.from(X.lo[t]) : new Float64Array(d);
    const yhi = layer.residual ? Float64Array.from(X.hi[t]) : new Float64Array(d);
    for (const [hi_, h] of layer.heads.entries()) {
      const out = headBox(h, X, t, values[hi_], R); // (k)
      const mapped = matVecBox(h.wC, out.lo, out.hi, true, null, R); // (d) f_headᵀ W_C
      for (let j = 0; j < d; j++) {
        ylo[j] = R.down(ylo[j] + mapped.lo[j]);
        yhi[j] = R.up(yhi[j] + mapped.hi[j]);
      }
    }
    const radius = layer.projectionRadius;
    if (radius !== null) {
      let maxNorm2 = 0;
      for (let j = 0; j < d; j++) maxNorm2 = R.up(maxNorm2 + R.up(Math.max(ylo[j] * ylo[j], yhi[j] * yhi[j])));
      const cLo = Math.min(1, R.down(radius / R.up(Math.sqrt(maxNorm2))));
      for (let j = 0; j < d; j++) {
        const a = Math.min(ylo[j], R.down(ylo[j] * cLo));
        const b = Math.max(yhi[j], R.up(yhi[j] * cLo));
        ylo[j] = Math.max(a, -radius);
        yhi[j] = Math.min(b, radius);
      }
    }
    lo.push(ylo);
    hi.push(yhi);
  }
  return { lo, hi };
}

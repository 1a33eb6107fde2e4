/**
 * Interval propagation through self-attention layers (alg-certify-interval, section "Models with
 * layers"): every row x_t of X^l is enclosed in a box [lo_t, hi_t] ⊂ R^d, and each step maps boxes to
 * boxes containing every reachable value:
 *   q_t = W_QK x_t (interval mat-vec), s_{t,u} = x_u·q_t (interval dot product),
 *   softmax weights by the monotone leave-one-out bounds, head-output coordinates by the box∩simplex
 *   knapsack, σ monotone, ·W_C (interval mat-vec), + x_t (residual), then Π_R:
 *   Π_R(v)_j = v_j·c with c = min(1, R/‖v‖₂) ∈ [c_lo, 1], c_lo = min(1, R/max_{v∈box}‖v‖₂), and |Π_R(v)_j| ≤ R.
 * Sound (up to float64 rounding) and usually loose; the [CLS] stage uses the same box head.
 */
import type { AttentionHead, SelfAttentionLayer } from '../model/types.js';
import type { Matrix } from '../core/matrix.js';
import { activate } from '../model/activations.js';

/** Proof-note id: proofs-notes/alg-certify-interval.md. */
export const INTERVAL_LAYERS_ID = 'alg-certify-interval';

/** Boxes of the T+1 rows: lo[t], hi[t] ∈ R^d. */
export interface RowBoxes {
  readonly lo: Float64Array[];
  readonly hi: Float64Array[];
}

/** Interval of W x (or xᵀW when transposed) for x in [lo, hi], plus an optional bias: out_i = b_i + Σ_j W_ij x_j. */
export function matVecBox(W: Matrix, lo: Float64Array, hi: Float64Array, transposed: boolean, bias: Float64Array | null = null): { lo: Float64Array; hi: Float64Array } {
  const n = transposed ? W.cols : W.rows;
  const m = transposed ? W.rows : W.cols;
  const olo = new Float64Array(n);
  const ohi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = bias ? bias[i] : 0;
    let b = a;
    for (let j = 0; j < m; j++) {
      const w = transposed ? W.data[j * W.cols + i] : W.data[i * W.cols + j];
      if (w >= 0) {
        a += w * lo[j];
        b += w * hi[j];
      } else {
        a += w * hi[j];
        b += w * lo[j];
      }
    }
    olo[i] = a;
    ohi[i] = b;
  }
  return { lo: olo, hi: ohi };
}

/** Interval of Σ_j x_j y_j for boxes x, y. */
function dotBox(xlo: Float64Array, xhi: Float64Array, ylo: Float64Array, yhi: Float64Array): [number, number] {
  let a = 0;
  let b = 0;
  for (let j = 0; j < xlo.length; j++) {
    const p1 = xlo[j] * ylo[j];
    const p2 = xlo[j] * yhi[j];
    const p3 = xhi[j] * ylo[j];
    const p4 = xhi[j] * yhi[j];
    a += Math.min(p1, p2, p3, p4);
    b += Math.max(p1, p2, p3, p4);
  }
  return [a, b];
}

function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

/** log Σ_{w≠u} e^{v_w} for every u (prefix/suffix log-sum-exp). */
export function leaveOneOutLse(v: Float64Array): Float64Array {
  const n = v.length;
  const pre = new Float64Array(n + 1).fill(-Infinity);
  const suf = new Float64Array(n + 1).fill(-Infinity);
  for (let i = 0; i < n; i++) pre[i + 1] = logAddExp(pre[i], v[i]);
  for (let i = n - 1; i >= 0; i--) suf[i] = logAddExp(suf[i + 1], v[i]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = logAddExp(pre[i], suf[i + 1]);
  return out;
}

/** Softmax weight bounds from score bounds (monotonicity of a_u in each score). */
export function softmaxWeightBounds(slo: Float64Array, shi: Float64Array): { alo: Float64Array; ahi: Float64Array } {
  const exHi = leaveOneOutLse(shi);
  const exLo = leaveOneOutLse(slo);
  const n = slo.length;
  const alo = new Float64Array(n);
  const ahi = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    alo[u] = Math.exp(slo[u] - logAddExp(slo[u], exHi[u]));
    ahi[u] = Math.exp(shi[u] - logAddExp(shi[u], exLo[u]));
  }
  return { alo, ahi };
}

/** max Σ a_u φ_u over a ∈ [alo, ahi] with Σ a = 1 (φ = phiHi, descending order) or min (φ = phiLo, ascending). */
export function knapsackBound(alo: Float64Array, ahi: Float64Array, phi: Float64Array, maximize: boolean): number {
  const n = alo.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => (maximize ? phi[y] - phi[x] : phi[x] - phi[y]));
  let total = 0;
  let rem = 1;
  for (let u = 0; u < n; u++) {
    total += alo[u] * phi[u];
    rem -= alo[u];
  }
  for (let i = 0; i < n && rem > 0; i++) {
    const u = order[i];
    const add = Math.min(rem, ahi[u] - alo[u]);
    if (add > 0) {
      total += add * phi[u];
      rem -= add;
    }
  }
  return total;
}

/** Boxes of W_Vᵀ x_u for every row u (shared by all queries of a head). */
export function valueBoxes(head: AttentionHead, X: RowBoxes): RowBoxes {
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let u = 0; u < X.lo.length; u++) {
    const v = matVecBox(head.wV, X.lo[u], X.hi[u], true); // (k) W_Vᵀ x_u
    lo.push(v.lo);
    hi.push(v.hi);
  }
  return { lo, hi };
}

/** Box of one head's output f_head(X, x_t) ∈ R^k for query row t, rows in boxes (values: valueBoxes). */
export function headBox(head: AttentionHead, X: RowBoxes, t: number, values: RowBoxes = valueBoxes(head, X)): { lo: Float64Array; hi: Float64Array } {
  const n = X.lo.length;
  const q = matVecBox(head.wQK, X.lo[t], X.hi[t], false); // (d) W_QK x_t
  const slo = new Float64Array(n);
  const shi = new Float64Array(n);
  for (let u = 0; u < n; u++) [slo[u], shi[u]] = dotBox(X.lo[u], X.hi[u], q.lo, q.hi);
  const { alo, ahi } = softmaxWeightBounds(slo, shi);
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
    lo[m] = activate(head.activation, knapsackBound(alo, ahi, colLo, false));
    hi[m] = activate(head.activation, knapsackBound(alo, ahi, colHi, true));
  }
  return { lo, hi };
}

/** Boxes of the rows after one self-attention layer. */
export function layerBoxes(layer: SelfAttentionLayer, X: RowBoxes): RowBoxes {
  const n = X.lo.length;
  const d = X.lo[0].length;
  const values = layer.heads.map((h) => valueBoxes(h, X));
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let t = 0; t < n; t++) {
    const ylo = layer.residual ? Float64Array.from(X.lo[t]) : new Float64Array(d);
    const yhi = layer.residual ? Float64Array.from(X.hi[t]) : new Float64Array(d);
    for (const [hi_, h] of layer.heads.entries()) {
      const out = headBox(h, X, t, values[hi_]); // (k)
      const mapped = matVecBox(h.wC, out.lo, out.hi, true); // (d) f_headᵀ W_C
      for (let j = 0; j < d; j++) {
        ylo[j] += mapped.lo[j];
        yhi[j] += mapped.hi[j];
      }
    }
    const R = layer.projectionRadius;
    if (R !== null) {
      let maxNorm2 = 0;
      for (let j = 0; j < d; j++) maxNorm2 += Math.max(ylo[j] * ylo[j], yhi[j] * yhi[j]);
      const cLo = Math.min(1, R / Math.sqrt(maxNorm2));
      for (let j = 0; j < d; j++) {
        const a = Math.min(ylo[j], ylo[j] * cLo);
        const b = Math.max(yhi[j], yhi[j] * cLo);
        ylo[j] = Math.max(a, -R);
        yhi[j] = Math.min(b, R);
      }
    }
    lo.push(ylo);
    hi.push(yhi);
  }
  return { lo, hi };
}

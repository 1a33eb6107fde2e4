/**
 * Sound interval certification for any model (alg-certify-interval). Without self-attention layers:
 * for each support assignment z (2^s of them) every position u has a set of allowed bits (fixed on I, {0,1} elsewhere), so its score lies in [lo_u, hi_u]. Softmax weights are
 * bounded in log space:
 *   a_u ≥ e^{lo_u} / (e^{lo_u} + Σ_{w≠u} e^{hi_w}),   a_u ≤ e^{hi_u} / (e^{hi_u} + Σ_{w≠u} e^{lo_w}),
 * (prefix/suffix log-sum-exp, no cancellation). Each head-output coordinate Σ_u a_u φ_u (φ_u = x_u·W_V[:,m]
 * in [φlo_u, φhi_u]) is bounded over {a in the box, Σ a = 1} by a greedy fractional knapsack, then
 * σ (monotone), the sum over heads, and the readout by interval arithmetic. The bound is sound (up to
 * float64 rounding, ~1e−12 relative) and may be loose. With layers, rows are propagated as boxes
 * through every layer (interval-layers.ts) before the [CLS] heads.
 */
import { matVec, dot } from '../core/matrix.js';
import { domainError } from '../core/errors.js';
import { activate } from '../model/activations.js';
import { checkTarget } from '../model/target.js';
import { forward } from '../model/forward.js';
import { positionRow } from '../model/position-codes.js';
import { layerBoxes, headBox, softmaxWeightBounds, knapsackBound, matVecBox, type RowBoxes } from './interval-layers.js';
import type { BooleanTarget, Model, AttentionHead } from '../model/types.js';
import { projectPositions } from './position-projections.js';
import { makeCertificate, type Certificate } from './certify-exact.js';

/** Proof-note id of the interval certifier: proofs-notes/alg-certify-interval.md. */
export const CERTIFY_INTERVAL_ID = 'alg-certify-interval';

/** Budget of the worst-input search: at most this / (T·d) reference evaluations (none when T·d exceeds it). */
export const MAX_WITNESS_EVAL_ENTRIES = 4_000_000;

interface HeadData {
  head: AttentionHead;
  /** Score of the [CLS] row. */
  s0: number;
  /** scores[b][u−1] = (E_tok[b] + E_pos[u])·q. */
  scores: [Float64Array, Float64Array];
  /** values[m][b][u−1] = (E_tok[b] + E_pos[u])·W_V[:, m]; values0[m] = x_0·W_V[:, m]. */
  values: [Float64Array, Float64Array][];
  values0: Float64Array;
}

function prepareHead(model: Model, head: AttentionHead): HeadData {
  const d = model.width;
  const T = model.contextLength;
  const emb = model.embedding;
  const q = matVec(head.wQK, emb.cls);
  const k = head.wV.cols;
  const cols: Float64Array[] = [];
  for (let m = 0; m < k; m++) cols.push(Float64Array.from({ length: d }, (_, j) => head.wV.data[j * k + m]));
  const proj = projectPositions(emb.position, T, d, [q, ...cols]);
  const tok = [emb.token.data.subarray(0, d), emb.token.data.subarray(d, 2 * d)];
  const mk = (pi: Float64Array, vec: Float64Array): [Float64Array, Float64Array] => {
    const t0 = dot(tok[0], vec);
    const t1 = dot(tok[1], vec);
    return [Float64Array.from(pi, (x) => x + t0), Float64Array.from(pi, (x) => x + t1)];
  };
  return {
    head,
    s0: dot(emb.cls, q),
    scores: mk(proj[0], q),
    values: cols.map((c, m) => mk(proj[m + 1], c)),
    values0: Float64Array.from(cols, (c) => dot(emb.cls, c)),
  };
}

/** Interval [lo, hi] of every coordinate of one head's output for the allowed-bit pattern `fixed`. */
function headInterval(h: HeadData, fixed: Int8Array): { lo: Float64Array; hi: Float64Array } {
  const T = fixed.length;
  const n = T + 1;
  const slo = new Float64Array(n);
  const shi = new Float64Array(n);
  slo[0] = shi[0] = h.s0;
  for (let u = 1; u <= n - 1; u++) {
    const f = fixed[u - 1];
    const a = h.scores[0][u - 1];
    const b = h.scores[1][u - 1];
    if (f === 0) slo[u] = shi[u] = a;
    else if (f === 1) slo[u] = shi[u] = b;
    else {
      slo[u] = Math.min(a, b);
      shi[u] = Math.max(a, b);
    }
  }
  const { alo, ahi } = softmaxWeightBounds(slo, shi);
  const k = h.values.length;
  const lo = new Float64Array(k);
  const hi = new Float64Array(k);
  const plo = new Float64Array(n);
  const phi = new Float64Array(n);
  for (let m = 0; m < k; m++) {
    plo[0] = phi[0] = h.values0[m];
    for (let u = 1; u < n; u++) {
      const f = fixed[u - 1];
      const a = h.values[m][0][u - 1];
      const b = h.values[m][1][u - 1];
      if (f === 0) plo[u] = phi[u] = a;
      else if (f === 1) plo[u] = phi[u] = b;
      else {
        plo[u] = Math.min(a, b);
        phi[u] = Math.max(a, b);
      }
    }
    hi[m] = activate(h.head.activation, knapsackBound(alo, ahi, phi, true));
    lo[m] = activate(h.head.activation, knapsackBound(alo, ahi, plo, false));
  }
  return { lo, hi };
}

/** Interval propagation through the readout (monotone activations). */
function readoutInterval(model: Model, lo0: Float64Array, hi0: Float64Array): { lo: number; hi: number } {
  let lo = lo0;
  let hi = hi0;
  for (const l of model.readout) {
    const box = matVecBox(l.weight, lo, hi, true, l.bias); // (out) vᵀW + b over the box
    lo = box.lo.map((x) => activate(l.activation, x));
    hi = box.hi.map((x) => activate(l.activation, x));
  }
  return { lo: lo[0], hi: hi[0] };
}

/** The embedded rows for bit 0 and bit 1 at every position (rows[b][u], u = 1..T; index 0 unused). */
function prepareRows(model: Model): { rows: [Float64Array[], Float64Array[]] } {
  const d = model.width;
  const T = model.contextLength;
  const tok = [model.embedding.token.data.subarray(0, d), model.embedding.token.data.subarray(d, 2 * d)];
  const rows: [Float64Array[], Float64Array[]] = [[new Float64Array(d)], [new Float64Array(d)]];
  for (let u = 1; u <= T; u++) {
    const p = positionRow(model.embedding.position, u - 1, d);
    for (const b of [0, 1] as const) rows[b].push(Float64Array.from(p, (x, j) => x + tok[b][j]));
  }
  return { rows };
}

/** Box of the readout input (Σ of [CLS] heads on X^L, or the [CLS] row when there are none) for a bit pattern. */
function layeredPooledBox(model: Model, prep: { rows: [Float64Array[], Float64Array[]] }, fixed: Int8Array): { lo: Float64Array; hi: Float64Array } {
  const T = fixed.length;
  const lo: Float64Array[] = [Float64Array.from(model.embedding.cls)];
  const hi: Float64Array[] = [Float64Array.from(model.embedding.cls)];
  for (let u = 1; u <= T; u++) {
    const f = fixed[u - 1];
    const a = prep.rows[0][u];
    const b = prep.rows[1][u];
    if (f === 0 || f === 1) {
      lo.push(Float64Array.from(f === 0 ? a : b));
      hi.push(Float64Array.from(f === 0 ? a : b));
    } else {
      lo.push(Float64Array.from(a, (x, j) => Math.min(x, b[j])));
      hi.push(Float64Array.from(a, (x, j) => Math.max(x, b[j])));
    }
  }
  let X: RowBoxes = { lo, hi };
  for (const layer of model.layers) X = layerBoxes(layer, X);
  if (model.clsHeads.length === 0) return { lo: X.lo[0], hi: X.hi[0] };
  const out = headBox(model.clsHeads[0], X, 0);
  for (let i = 1; i < model.clsHeads.length; i++) {
    const r = headBox(model.clsHeads[i], X, 0);
    for (let m = 0; m < out.lo.length; m++) {
      out.lo[m] += r.lo[m];
      out.hi[m] += r.hi[m];
    }
  }
  return out;
}

/**
 * A sound lower bound on min_b y(b)·f(b) over all 2^T inputs, for any model (alg-certify-interval).
 * Without self-attention layers each position keeps its two exact candidate rows (tight); with layers,
 * rows are propagated as boxes (interval-layers.ts, looser). Sound up to float64 rounding (~1e−12
 * relative); it may be loose, and `attained` says when the bound is the margin of a found input.
 * @param model - a checked model.
 * @param target - the Boolean target y(b), checked against T.
 * @param requestedMargin - γ, a finite number > 0 (optional; default verdict is minMargin > 0).
 * @throws DomainError for a target that does not fit T or a requestedMargin that is not a finite number > 0.
 */
export function certifyInterval(model: Model, target: BooleanTarget, requestedMargin?: number): Certificate {
  const fn = 'certifyInterval';
  checkTarget(fn, 'target', target, model.contextLength);
  if (requestedMargin !== undefined && !(Number.isFinite(requestedMargin) && requestedMargin > 0)) throw domainError(fn, 'requestedMargin', 'a finite number > 0', requestedMargin);
  const T = model.contextLength;
  const s = target.support.length;
  const heads = model.layers.length === 0 ? model.clsHeads.map((h) => prepareHead(model, h)) : [];
  const layered = model.layers.length > 0 ? prepareRows(model) : null;
  const fixed = new Int8Array(T).fill(-1);
  let best = Infinity;
  let bestK = 0;
  for (let k = 0; k < 2 ** s; k++) {
    for (let j = 0; j < s; j++) fixed[target.support[j] - 1] = (k >>> (s - 1 - j)) & 1;
    let lo: Float64Array;
    let hi: Float64Array;
    if (layered) ({ lo, hi } = layeredPooledBox(model, layered, fixed));
    else if (heads.length === 0) {
      lo = Float64Array.from(model.embedding.cls); // no heads: the readout reads the constant [CLS] row
      hi = Float64Array.from(model.embedding.cls);
    } else {
      ({ lo, hi } = headInterval(heads[0], fixed));
      for (let i = 1; i < heads.length; i++) {
        const r = headInterval(heads[i], fixed);
        for (let m = 0; m < lo.length; m++) {
          lo[m] += r.lo[m];
          hi[m] += r.hi[m];
        }
      }
    }
    const g = readoutInterval(model, lo, hi);
    const y = target.table.charCodeAt(k) === 49 ? 1 : -1;
    const m = y === 1 ? g.lo : -g.hi;
    if (m < best) {
      best = m;
      bestK = k;
    }
  }
  // Witness: the worst assignment with the all-0 and the all-1 background, then one greedy pass of
  // single background-bit flips (kept when they lower the margin), all through the reference model.
  const y = target.table.charCodeAt(bestK) === 49 ? 1 : -1;
  let witness = new Uint8Array(T);
  let witnessMargin = NaN;
  for (let j = 0; j < s; j++) witness[target.support[j] - 1] = (bestK >>> (s - 1 - j)) & 1;
  if (T * model.width <= MAX_WITNESS_EVAL_ENTRIES) {
    witnessMargin = Infinity;
    for (const bg of [0, 1]) {
      const bits = new Uint8Array(T).fill(bg);
      for (let j = 0; j < s; j++) bits[target.support[j] - 1] = (bestK >>> (s - 1 - j)) & 1;
      const m = y * forward(model, bits);
      if (m < witnessMargin) {
        witnessMargin = m;
        witness = bits;
      }
    }
    const inSupport = new Set(target.support);
    const budget = Math.floor(MAX_WITNESS_EVAL_ENTRIES / (T * model.width));
    for (let u = 1, evals = 0; u <= T && evals < budget; u++) {
      if (inSupport.has(u)) continue;
      witness[u - 1] ^= 1;
      const m = y * forward(model, witness);
      evals++;
      if (m < witnessMargin) witnessMargin = m;
      else witness[u - 1] ^= 1;
    }
  }
  return makeCertificate({ minMargin: best, contextLength: T, worstInput: witness, worstInputMargin: witnessMargin, attained: witnessMargin === best, method: 'interval', requestedMargin });
}

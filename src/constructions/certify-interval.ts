/**
 * Sound interval certification for any model (alg-certify-interval). Without self-attention layers:
 * for each support assignment z (2^s of them) every position u has a set of allowed bits (fixed on I,
 * {0,1} elsewhere), so its score lies in [lo_u, hi_u]. Softmax weights are bounded by
 *   a_u ≥ e^{lo_u} / (e^{lo_u} + Σ_{w≠u} e^{hi_w}),   a_u ≤ e^{hi_u} / (e^{hi_u} + Σ_{w≠u} e^{lo_w}),
 * (shifted by max hi, prefix/suffix sums, no cancellation). Each head-output coordinate Σ_u a_u φ_u
 * (φ_u = x_u·W_V[:,m] in [φlo_u, φhi_u]) is bounded over {a in the box, Σ a = 1} by the greedy fractional
 * knapsack's weak-duality bound, then σ (monotone), the sum over heads, and the readout by interval
 * arithmetic. The whole algorithm runs twice (interval-layers.ts takes a rounding mode): in float64
 * (`minMargin`) and with outward rounding (`certifiedLowerBound` ≤ the exact real-arithmetic minimum,
 * alg-certify-rounding). It may be loose. With layers, rows are propagated as boxes through every layer
 * before the [CLS] heads.
 */
import { matVec, dot } from '../core/matrix.js';
import { domainError } from '../core/errors.js';
import { checkTarget } from '../model/target.js';
import { forward } from '../model/forward.js';
import { positionRow } from '../model/position-codes.js';
import { layerBoxes, headBox, valueBoxes, softmaxWeightBounds, knapsackBound, matVecBox, type RowBoxes } from './interval-layers.js';
import { OUTWARD, NEAREST, up, down, dotEnclosure, dotIntervalEnclosure, activateUp, activateDown, type Rounding } from './certify-rounding.js';
import type { BooleanTarget, Model, AttentionHead } from '../model/types.js';
import { projectPositions, projectionErrorBound, projectionMagnitudeBound } from './position-projections.js';
import { makeCertificate, type Certificate } from './certify-exact.js';

/** Proof-note id of the interval certifier: proofs-notes/alg-certify-interval.md. */
export const CERTIFY_INTERVAL_ID = 'alg-certify-interval';

/** Budget of the worst-input search: at most this / (T·d) reference evaluations (none when T·d exceeds it). */
export const MAX_WITNESS_EVAL_ENTRIES = 4_000_000;

/** One float64 array per bit b ∈ {0, 1}, indexed by position u − 1. */
type PerBit = [Float64Array, Float64Array];

/** A quantity in three forms: its float64 value (NEAREST) and an enclosure [lo, hi] of its real value (OUTWARD). */
interface Enclosed<A> {
  readonly f: A;
  readonly lo: A;
  readonly hi: A;
}

interface HeadData {
  head: AttentionHead;
  /** Score of the [CLS] row. */
  s0: Enclosed<number>;
  /** scores.*[b][u−1] = (E_tok[b] + E_pos[u])·q. */
  scores: Enclosed<PerBit>;
  /** values[m].*[b][u−1] = (E_tok[b] + E_pos[u])·W_V[:, m]. */
  values: Enclosed<PerBit>[];
  /** values0.*[m] = x_0·W_V[:, m]. */
  values0: Enclosed<Float64Array>;
}

/**
 * (E_tok[b] + E_pos[u])·v for both bits and every position, in float64 and enclosed: v = vF ± vRad
 * entrywise (vRad = 0 for a vector read from the file), projections ± their error bound.
 */
function rowProjections(model: Model, vF: Float64Array, vLo: Float64Array, vHi: Float64Array, vRad: Float64Array, pi: Float64Array): Enclosed<PerBit> {
  const d = model.width;
  const T = model.contextLength;
  const emb = model.embedding;
  const rho = up(projectionErrorBound(emb.position, T, d, vF) + projectionMagnitudeBound(emb.position, T, d, vRad));
  const out = { f: [new Float64Array(T), new Float64Array(T)] as PerBit, lo: [new Float64Array(T), new Float64Array(T)] as PerBit, hi: [new Float64Array(T), new Float64Array(T)] as PerBit };
  for (const b of [0, 1] as const) {
    const tok = emb.token.data.subarray(b * d, (b + 1) * d);
    const tf = dot(tok, vF);
    const [tlo, thi] = dotIntervalEnclosure(tok, vLo, vHi);
    for (let u = 0; u < T; u++) {
      out.f[b][u] = tf + pi[u];
      out.lo[b][u] = down(down(tlo + pi[u]) - rho);
      out.hi[b][u] = up(up(thi + pi[u]) + rho);
    }
  }
  return out;
}

function prepareHead(model: Model, head: AttentionHead): HeadData {
  const d = model.width;
  const T = model.contextLength;
  const emb = model.embedding;
  const q = matVec(head.wQK, emb.cls); // (d) W_QK x_0 in float64
  const qlo = new Float64Array(d);
  const qhi = new Float64Array(d);
  const qrad = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    [qlo[j], qhi[j]] = dotEnclosure(head.wQK.data.subarray(j * d, (j + 1) * d), emb.cls);
    qrad[j] = up(Math.max(up(qhi[j] - q[j]), up(q[j] - qlo[j])));
  }
  const k = head.wV.cols;
  const cols: Float64Array[] = [];
  for (let m = 0; m < k; m++) cols.push(Float64Array.from({ length: d }, (_, j) => head.wV.data[j * k + m]));
  const proj = projectPositions(emb.position, T, d, [q, ...cols]);
  const zero = new Float64Array(d);
  const [s0lo, s0hi] = dotIntervalEnclosure(emb.cls, qlo, qhi);
  const v0 = cols.map((c) => dotEnclosure(emb.cls, c));
  return {
    head,
    s0: { f: dot(emb.cls, q), lo: s0lo, hi: s0hi },
    scores: rowProjections(model, q, qlo, qhi, qrad, proj[0]),
    values: cols.map((c, m) => rowProjections(model, c, c, c, zero, proj[m + 1])),
    values0: { f: Float64Array.from(cols, (c) => dot(emb.cls, c)), lo: Float64Array.from(v0, (x) => x[0]), hi: Float64Array.from(v0, (x) => x[1]) },
  };
}

/** Interval [lo, hi] of every coordinate of one head's output for the allowed-bit pattern `fixed`, in rounding mode R. */
function headInterval(h: HeadData, fixed: Int8Array, R: Rounding): { lo: Float64Array; hi: Float64Array } {
  const outward = R === OUTWARD;
  const T = fixed.length;
  const n = T + 1;
  const slo = new Float64Array(n);
  const shi = new Float64Array(n);
  slo[0] = outward ? h.s0.lo : h.s0.f;
  shi[0] = outward ? h.s0.hi : h.s0.f;
  const fill = (e: Enclosed<PerBit>, lo: Float64Array, hi: Float64Array) => {
    const L = outward ? e.lo : e.f;
    const H = outward ? e.hi : e.f;
    for (let u = 1; u < n; u++) {
      const f = fixed[u - 1];
      if (f === 0 || f === 1) {
        lo[u] = L[f][u - 1];
        hi[u] = H[f][u - 1];
      } else {
        lo[u] = Math.min(L[0][u - 1], L[1][u - 1]);
        hi[u] = Math.max(H[0][u - 1], H[1][u - 1]);
      }
    }
  };
  fill(h.scores, slo, shi);
  const { alo, ahi } = softmaxWeightBounds(slo, shi, R);
  const k = h.values.length;
  const lo = new Float64Array(k);
  const hi = new Float64Array(k);
  const plo = new Float64Array(n);
  const phi = new Float64Array(n);
  for (let m = 0; m < k; m++) {
    plo[0] = outward ? h.values0.lo[m] : h.values0.f[m];
    phi[0] = outward ? h.values0.hi[m] : h.values0.f[m];
    fill(h.values[m], plo, phi);
    hi[m] = activateUp(h.head.activation, knapsackBound(alo, ahi, phi, true, R), R);
    lo[m] = activateDown(h.head.activation, knapsackBound(alo, ahi, plo, false, R), R);
  }
  return { lo, hi };
}

/** Interval propagation through the readout (monotone activations), in rounding mode R. */
function readoutInterval(model: Model, lo0: Float64Array, hi0: Float64Array, R: Rounding): { lo: number; hi: number } {
  let lo = lo0;
  let hi = hi0;
  for (const l of model.readout) {
    const box = matVecBox(l.weight, lo, hi, true, l.bias, R); // (out) vᵀW + b over the box
    lo = box.lo.map((x) => activateDown(l.activation, x, R));
    hi = box.hi.map((x) => activateUp(l.activation, x, R));
  }
  return { lo: lo[0], hi: hi[0] };
}

/** Rows for bit 0 and bit 1 at every position (u = 1..T; index 0 unused): float64 and enclosed. */
interface Rows {
  readonly f: [Float64Array[], Float64Array[]];
  readonly lo: [Float64Array[], Float64Array[]];
  readonly hi: [Float64Array[], Float64Array[]];
}

/** The embedded rows E_tok[b] + E_pos[u] in float64 and as enclosures (one rounding per block added). */
function prepareRows(model: Model): Rows {
  const d = model.width;
  const T = model.contextLength;
  const tok = [model.embedding.token.data.subarray(0, d), model.embedding.token.data.subarray(d, 2 * d)];
  const rows: Rows = { f: [[new Float64Array(d)], [new Float64Array(d)]], lo: [[new Float64Array(d)], [new Float64Array(d)]], hi: [[new Float64Array(d)], [new Float64Array(d)]] };
  for (let u = 1; u <= T; u++) {
    const p = positionRow(model.embedding.position, u - 1, d);
    const parts = model.embedding.position.map((b) => positionRow([b], u - 1, d));
    for (const b of [0, 1] as const) {
      rows.f[b].push(Float64Array.from(p, (x, j) => x + tok[b][j]));
      const lo = Float64Array.from(tok[b]);
      const hi = Float64Array.from(tok[b]);
      for (const part of parts) {
        for (let j = 0; j < d; j++) {
          if (part[j] === 0) continue;
          lo[j] = down(lo[j] + part[j]);
          hi[j] = up(hi[j] + part[j]);
        }
      }
      rows.lo[b].push(lo);
      rows.hi[b].push(hi);
    }
  }
  return rows;
}

/** Box of the readout input (Σ of [CLS] heads on X^L, or the [CLS] row when there are none) for a bit pattern. */
function layeredPooledBox(model: Model, prep: Rows, fixed: Int8Array, R: Rounding): { lo: Float64Array; hi: Float64Array } {
  const T = fixed.length;
  const L = R === OUTWARD ? prep.lo : prep.f;
  const H = R === OUTWARD ? prep.hi : prep.f;
  const lo: Float64Array[] = [Float64Array.from(model.embedding.cls)];
  const hi: Float64Array[] = [Float64Array.from(model.embedding.cls)];
  for (let u = 1; u <= T; u++) {
    const f = fixed[u - 1];
    if (f === 0 || f === 1) {
      lo.push(Float64Array.from(L[f][u]));
      hi.push(Float64Array.from(H[f][u]));
    } else {
      lo.push(Float64Array.from(L[0][u], (x, j) => Math.min(x, L[1][u][j])));
      hi.push(Float64Array.from(H[0][u], (x, j) => Math.max(x, H[1][u][j])));
    }
  }
  let X: RowBoxes = { lo, hi };
  for (const layer of model.layers) X = layerBoxes(layer, X, R);
  if (model.clsHeads.length === 0) return { lo: X.lo[0], hi: X.hi[0] };
  const out = headBox(model.clsHeads[0], X, 0, valueBoxes(model.clsHeads[0], X, R), R);
  for (let i = 1; i < model.clsHeads.length; i++) {
    const r = headBox(model.clsHeads[i], X, 0, valueBoxes(model.clsHeads[i], X, R), R);
    for (let m = 0; m < out.lo.length; m++) {
      out.lo[m] = R.down(out.lo[m] + r.lo[m]);
      out.hi[m] = R.up(out.hi[m] + r.hi[m]);
    }
  }
  return out;
}

/** The margin bound of one support assignment (its allowed-bit pattern `fixed`, label y) in rounding mode R. */
function assignmentBound(model: Model, heads: readonly HeadData[], layered: Rows | null, fixed: Int8Array, y: number, R: Rounding): number {
  let lo: Float64Array;
  let hi: Float64Array;
  if (layered) ({ lo, hi } = layeredPooledBox(model, layered, fixed, R));
  else if (heads.length === 0) {
    lo = Float64Array.from(model.embedding.cls); // no heads: the readout reads the constant [CLS] row
    hi = Float64Array.from(model.embedding.cls);
  } else {
    ({ lo, hi } = headInterval(heads[0], fixed, R));
    for (let i = 1; i < heads.length; i++) {
      const r = headInterval(heads[i], fixed, R);
      for (let m = 0; m < lo.length; m++) {
        lo[m] = R.down(lo[m] + r.lo[m]);
        hi[m] = R.up(hi[m] + r.hi[m]);
      }
    }
  }
  const g = readoutInterval(model, lo, hi, R);
  return y === 1 ? g.lo : -g.hi;
}

/**
 * A sound lower bound on min_b y(b)·f(b) over all 2^T inputs, for any model (alg-certify-interval).
 * Without self-attention layers each position keeps its two exact candidate rows (tight); with layers,
 * rows are propagated as boxes (interval-layers.ts, looser). The algorithm runs twice: in plain float64
 * (`minMargin`, the estimate) and with outward rounding (`certifiedLowerBound`, a proven lower bound on
 * the real-arithmetic minimum margin of the file's model, alg-certify-rounding); `slack` is their
 * difference. It may be loose, and `attained` says when the estimate is the margin of a found input.
 * @param model - a checked model.
 * @param target - the Boolean target y(b), checked against T.
 * @param requestedMargin - γ, a finite number > 0 (optional; default verdict is certifiedLowerBound > 0).
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
  let certifiedLowerBound = Infinity;
  for (let k = 0; k < 2 ** s; k++) {
    for (let j = 0; j < s; j++) fixed[target.support[j] - 1] = (k >>> (s - 1 - j)) & 1;
    const y = target.table.charCodeAt(k) === 49 ? 1 : -1;
    const m = assignmentBound(model, heads, layered, fixed, y, NEAREST);
    const c = assignmentBound(model, heads, layered, fixed, y, OUTWARD);
    if (m < best) {
      best = m;
      bestK = k;
    }
    // A NaN anywhere makes the proven bound −Infinity (never certified), not a silent skip.
    certifiedLowerBound = Number.isNaN(c) ? -Infinity : Math.min(certifiedLowerBound, c);
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
  return makeCertificate({
    minMargin: best,
    certifiedLowerBound,
    contextLength: T,
    worstInput: witness,
    worstInputMargin: witnessMargin,
    attained: witnessMargin === best,
    method: 'interval',
    requestedMargin,
  });
}

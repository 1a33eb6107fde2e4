/**
 * Exact certification for position-only keys (alg-certify-position-keys), rounding-safe
 * (alg-certify-rounding). Preconditions (checked by `exactCertifierObstacle`): no self-attention
 * layers; H ≥ 1 [CLS] heads sharing one W_QK (entry for entry) and one activation σ; keys independent
 * of the bits ((E_tok[1] − E_tok[0]) · W_QK x_0 = 0, decided in exact arithmetic); a piecewise-linear
 * readout (ReLU/identity) of the k-dimensional head output; σ ReLU or identity when there are C = H·k > 1
 * output channels (any monotone σ for C = 1). Then the attention a = softmax(s) is one vector on every
 * input, and every channel c = (head h, coordinate m) is affine in the one scalar S(b) = Σ_{u≥1} a_u b_u:
 *   v_c(b) = base_c + Δ_c S(b),  base_c = a_0 x_0·w_c + Σ_u a_u (E_tok[0] + E_pos[u])·w_c,  Δ_c = (E_tok[1] − E_tok[0])·w_c,
 * w_c = W_V^h[:, m]. For a support assignment z the backgrounds fill { S_z + Σ_{u∉I} a_u b_u } ⊂ [S_z, S_z + Σ_{u∉I} a_u],
 * both ends attained (background all 0, all 1). f is a piecewise-linear function of S (C > 1) or of
 * h = σ(v) (C = 1), so its minimum over that interval is at an end or a kink: exact and attained when at an
 * end (`attained`), a sound lower bound otherwise. The float64 run gives `minMargin`; the same steps with
 * outward rounding (certify-rounding.ts) and the readout minimum of certify-readout-min.ts give
 * `certifiedLowerBound` ≤ the exact real minimum margin of the file's model. O(T·d + 2^s·(s + log K)).
 */
import { matVec, dot } from '../core/matrix.js';
import { softmax } from '../core/softmax.js';
import { domainError } from '../core/errors.js';
import { activate } from '../model/activations.js';
import { readoutForward } from '../model/readout.js';
import { checkTarget } from '../model/target.js';
import { fromData } from '../core/matrix.js';
import type { BooleanTarget, DenseLayer, Model } from '../model/types.js';
import { projectPositions, projectionErrorBound, projectionMagnitudeBound } from './position-projections.js';
import { readoutBreakpoints, upperIndex } from './readout-pieces.js';
import { dotEnclosure, dotIntervalEnclosure, OUTWARD, ROUNDING_OPS } from './certify-rounding.js';

// Bound once: the O(T) loops call these millions of times (a module-namespace getter per call under tsx).
const { activateDown, activateUp, down, mulHi, mulLo, up } = ROUNDING_OPS;
import { softmaxWeightBounds } from './interval-layers.js';
import { exactLayers, readoutMinimizer, type IntervalLayer } from './certify-readout-min.js';
import { bitDependenceSign } from './certify-exact-dyadic.js';

/** Proof-note id of the exact certifier: proofs-notes/alg-certify-position-keys.md. */
export const CERTIFY_POSITION_KEYS_ID = 'alg-certify-position-keys';

/**
 * A certificate: a proven lower bound on min_b y(b)·f(b) over all 2^T inputs, the float64 estimate it
 * rounds from, and a worst input (alg-certify-position-keys, alg-certify-interval, alg-certify-rounding).
 */
export interface Certificate {
  /** The verdict: certifiedLowerBound ≥ requestedMargin γ when one was asked for, else certifiedLowerBound > 0. */
  readonly certified: boolean;
  /** The certifier's float64 result: the minimum margin (exact up to rounding when `attained`; −Infinity when a margin is NaN); not itself a guaranteed bound. */
  readonly minMargin: number;
  /** minMargin − certifiedLowerBound (rounded up): what float64 rounding can account for. */
  readonly slack: number;
  /** Proven lower bound on the exact real-arithmetic minimum margin of the file's model (floats read as reals). */
  readonly certifiedLowerBound: number;
  /** Which inputs the bound covers, in words: always `all 2^T inputs`. */
  readonly inputsCovered: string;
  /** The worst input found, T characters '0'/'1' (position 1 first). */
  readonly worstInput: string;
  /** The actual margin of worstInput as computed by the certifier (float64). */
  readonly worstInputMargin: number;
  /** True when minMargin is the margin of worstInput (the bound is attained, hence exact). */
  readonly attained: boolean;
  /** Which certifier produced it: alg-certify-position-keys ('exact-position-keys') or alg-certify-interval. */
  readonly method: 'exact-position-keys' | 'interval';
  /** The margin γ the verdict was judged against, when one was asked for. */
  readonly requestedMargin?: number;
}

/**
 * Assemble a certificate from a certifier's findings. The verdict rule lives here, once: with a
 * requested margin γ the model is certified when the proven lower bound is ≥ γ; without one, when it
 * is > 0 (correct on every input). A NaN bound counts as −Infinity (never certified).
 */
export function makeCertificate(p: {
  readonly minMargin: number;
  readonly certifiedLowerBound: number;
  readonly contextLength: number;
  readonly worstInput: Uint8Array;
  readonly worstInputMargin: number;
  readonly attained: boolean;
  readonly method: Certificate['method'];
  readonly requestedMargin?: number;
}): Certificate {
  const { minMargin, requestedMargin } = p;
  const certifiedLowerBound = Number.isNaN(p.certifiedLowerBound) ? -Infinity : p.certifiedLowerBound;
  return {
    certified: requestedMargin === undefined ? certifiedLowerBound > 0 : certifiedLowerBound >= requestedMargin,
    minMargin,
    slack: up(minMargin - certifiedLowerBound),
    certifiedLowerBound,
    inputsCovered: `all 2^${p.contextLength} inputs`,
    worstInput: bitsToString(p.worstInput),
    worstInputMargin: p.worstInputMargin,
    attained: p.attained,
    method: p.method,
    ...(requestedMargin === undefined ? {} : { requestedMargin }),
  };
}

/** True when two matrices have the same shape and entries (as real numbers: −0 equals 0). */
function sameMatrix(a: { rows: number; cols: number; data: Float64Array }, b: { rows: number; cols: number; data: Float64Array }): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

/** Why the exact method does not apply to a model (in words, for an error message), or null when it does (alg-certify-position-keys). */
export function exactCertifierObstacle(model: Model): string | null {
  if (model.layers.length > 0) return `the model has ${model.layers.length} self-attention layers`;
  const heads = model.clsHeads;
  if (heads.length === 0) return 'the model has no [CLS] heads';
  const h0 = heads[0];
  for (let i = 1; i < heads.length; i++) {
    if (!sameMatrix(heads[i].wQK, h0.wQK)) return `[CLS] heads 1 and ${i + 1} have different W_QK (exact needs one W_QK shared by all heads)`;
    if (heads[i].activation !== h0.activation) return `[CLS] heads 1 and ${i + 1} have different activations`;
  }
  const k = h0.wV.cols;
  const r0 = model.readout[0];
  if (!(r0 && r0.weight.rows === k && model.readout.every((l) => l.activation === 'relu' || l.activation === 'identity'))) return 'the readout is not piecewise linear (relu/identity activations)';
  const channels = heads.length * k;
  if (channels > 1 && h0.activation !== 'relu' && h0.activation !== 'identity')
    return `the heads' activation is ${h0.activation} with H·k = ${channels} output channels (exact needs relu or identity, or one channel)`;
  const d = model.width;
  const tok = model.embedding.token.data;
  const dep = bitDependenceSign(tok.subarray(0, d), tok.subarray(d, 2 * d), h0.wQK.data, model.embedding.cls);
  if (dep.sign !== 0) return `keys depend on the bits ((E_tok[1] − E_tok[0])·W_QK x_0 = ${dep.approx} ≠ 0 in exact arithmetic)`;
  return null;
}

/** True when `certifyExact` applies to `model` (see exactCertifierObstacle; alg-certify-position-keys). */
export function exactCertifierApplies(model: Model): boolean {
  return exactCertifierObstacle(model) === null;
}

/** Per-channel data of certifyExact: float64 values and enclosures of base_c and Δ_c. */
interface Channels {
  readonly base: Float64Array;
  readonly delta: Float64Array;
  readonly baseLo: Float64Array;
  readonly baseHi: Float64Array;
  readonly deltaLo: Float64Array;
  readonly deltaHi: Float64Array;
}

/**
 * Certify y·f(b) ≥ requestedMargin on all 2^T inputs, exactly, in O(T·d + 2^s·(s + log K))
 * (alg-certify-position-keys), with a proven lower bound on the real-arithmetic minimum
 * (alg-certify-rounding). requestedMargin defaults to "> 0" (certified means every label is right with a
 * positive margin).
 * @param model - a checked model meeting exactCertifierApplies.
 * @param target - the Boolean target y(b), checked against T.
 * @param requestedMargin - γ, a finite number > 0 (optional).
 * @throws DomainError when the method does not apply, the target does not fit T, or requestedMargin is
 *   not a finite number > 0.
 */
export function certifyExact(model: Model, target: BooleanTarget, requestedMargin?: number): Certificate {
  const fn = 'certifyExact';
  const obstacle = exactCertifierObstacle(model);
  if (obstacle !== null) throw domainError(fn, 'model', EXACT_PRECONDITION, obstacle);
  checkTarget(fn, 'target', target, model.contextLength);
  if (requestedMargin !== undefined && !(Number.isFinite(requestedMargin) && requestedMargin > 0)) throw domainError(fn, 'requestedMargin', 'a finite number > 0', requestedMargin);
  const T = model.contextLength;
  const d = model.width;
  const heads = model.clsHeads;
  const head = heads[0];
  const k = head.wV.cols;
  const C = heads.length * k;
  const emb = model.embedding;
  const x0 = emb.cls;
  const tok0 = emb.token.data.subarray(0, d);
  const q = matVec(head.wQK, x0); // (d) W_QK x_0, float64
  const cols: Float64Array[] = []; // (C) × (d): w_c = W_V^h[:, m], c = h·k + m
  for (const h of heads) for (let m = 0; m < k; m++) cols.push(Float64Array.from({ length: d }, (_, j) => h.wV.data[j * k + m]));
  const [piQ, ...piW] = projectPositions(emb.position, T, d, [q, ...cols]); // (T) each

  // Float64 attention (the estimate) and its enclosure.
  const tq0 = dot(tok0, q);
  const scores = new Float64Array(T + 1); // (T+1) s_0 = x_0·q, s_u = (E_tok[0] + E_pos[u])·q
  scores[0] = dot(x0, q);
  for (let u = 1; u <= T; u++) scores[u] = tq0 + piQ[u - 1];
  const a = softmax(scores); // (T+1), the same on every input
  const qlo = new Float64Array(d);
  const qhi = new Float64Array(d);
  const qrad = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    [qlo[j], qhi[j]] = dotEnclosure(head.wQK.data.subarray(j * d, (j + 1) * d), x0);
    qrad[j] = up(Math.max(up(qhi[j] - q[j]), up(q[j] - qlo[j])));
  }
  const rhoQ = up(projectionErrorBound(emb.position, T, d, q) + projectionMagnitudeBound(emb.position, T, d, qrad));
  const [tq0lo, tq0hi] = dotIntervalEnclosure(tok0, qlo, qhi);
  const slo = new Float64Array(T + 1);
  const shi = new Float64Array(T + 1);
  [slo[0], shi[0]] = dotIntervalEnclosure(x0, qlo, qhi);
  for (let u = 1; u <= T; u++) {
    slo[u] = down(down(tq0lo + piQ[u - 1]) - rhoQ);
    shi[u] = up(up(tq0hi + piQ[u - 1]) + rhoQ);
  }
  const { alo, ahi } = softmaxWeightBounds(slo, shi, OUTWARD); // (T+1) enclosures of a

  const ch = channels(model, cols, piW, a, alo, ahi);
  const support = target.support;
  const s = support.length;
  const inSupport = new Uint8Array(T + 1);
  for (const p of support) inSupport[p] = 1;
  let bg = 0; // Σ_{u∉I} a_u
  let bgHi = 0;
  for (let u = 1; u <= T; u++) {
    if (inSupport[u]) continue;
    bg += a[u];
    bgHi = up(bgHi + ahi[u]);
  }
  const sigma = head.activation;
  // The 1-D variable x of the piecewise-linear function: h = σ(v) for one channel, S itself for several.
  const xOf = (S: number) => (C === 1 ? activate(sigma, ch.base[0] + ch.delta[0] * S) : S);
  const chainF: readonly DenseLayer[] = C === 1 ? model.readout : compositeReadout(model, ch.delta, ch.base, sigma, heads.length);
  const chainR: IntervalLayer[] = C === 1 ? exactLayers(model.readout) : compositeIntervalReadout(model, ch, sigma, heads.length);
  const nz = 2 ** s;
  const xA = new Float64Array(nz); // x at background all 0 (S = S_z)
  const xB = new Float64Array(nz); // x at background all 1 (S = S_z + bg)
  let gLo = Infinity;
  let gHi = -Infinity;
  for (let z = 0; z < nz; z++) {
    let Sz = 0;
    for (let j = 0; j < s; j++) if ((z >>> (s - 1 - j)) & 1) Sz += a[support[j]];
    xA[z] = xOf(Sz);
    xB[z] = xOf(Sz + bg);
    gLo = Math.min(gLo, xA[z], xB[z]);
    gHi = Math.max(gHi, xA[z], xB[z]);
  }
  const { points, values } = readoutBreakpoints(chainF, gLo, gHi);

  // The proven ranges of the variable: for z the real S lies in [S_z, S_z + bg] ⊂ [SLo, SHi].
  const rLo = new Float64Array(nz);
  const rHi = new Float64Array(nz);
  let rgLo = Infinity;
  let rgHi = -Infinity;
  for (let z = 0; z < nz; z++) {
    let SLo = 0;
    let SHi = 0;
    for (let j = 0; j < s; j++) {
      if (!((z >>> (s - 1 - j)) & 1)) continue;
      SLo = down(SLo + alo[support[j]]);
      SHi = up(SHi + ahi[support[j]]);
    }
    SHi = up(SHi + bgHi);
    rLo[z] = C === 1 ? activateDown(sigma, down(ch.baseLo[0] + mulLo(ch.deltaLo[0], ch.deltaHi[0], SLo, SHi)), OUTWARD) : SLo;
    rHi[z] = C === 1 ? activateUp(sigma, up(ch.baseHi[0] + mulHi(ch.deltaLo[0], ch.deltaHi[0], SLo, SHi)), OUTWARD) : SHi;
    rgLo = Math.min(rgLo, rLo[z]);
    rgHi = Math.max(rgHi, rHi[z]);
  }
  const minimizer = readoutMinimizer(chainR, rgLo, rgHi, points);

  let best = Infinity;
  let bestK = 0;
  let bestSide: 'A' | 'B' = 'A';
  let bestAttainedValue = Infinity;
  let bestKink = Number.NaN; // x of the readout kink where best lies, when it is interior
  let attained = true;
  let certifiedLowerBound = Infinity;
  for (let z = 0; z < nz; z++) {
    const y = target.table.charCodeAt(z) === 49 ? 1 : -1;
    const xLo = Math.min(xA[z], xB[z]);
    const xHi = Math.max(xA[z], xB[z]);
    const mA = y * readoutForward(chainF, [xA[z]]);
    const mB = xB[z] === xA[z] ? mA : y * readoutForward(chainF, [xB[z]]);
    const mEnd = Math.min(mA, mB);
    const side: 'A' | 'B' = mA <= mB ? 'A' : 'B';
    let mIn = Infinity;
    let kink = Number.NaN;
    for (let i = upperIndex(points, xLo); i < points.length && points[i] < xHi; i++) {
      if (y * values[i] < mIn) {
        mIn = y * values[i];
        kink = points[i];
      }
    }
    const m = Number.isNaN(mEnd) ? -Infinity : Math.min(mEnd, mIn); // a NaN margin (overflow) is never certified: −∞
    if (m < best || (m === best && mEnd < bestAttainedValue)) {
      best = m;
      bestK = z;
      bestSide = side;
      bestAttainedValue = mEnd;
      bestKink = kink;
      attained = mEnd <= mIn;
    }
    const [fLo, fHi] = minimizer.range(rLo[z], rHi[z]);
    const c = y === 1 ? fLo : -fHi;
    certifiedLowerBound = Number.isNaN(c) ? -Infinity : Math.min(certifiedLowerBound, c);
  }
  // The worst input: support bits from bestK, background all 0 (side A) or all 1 (side B).
  const bits = new Uint8Array(T);
  for (let u = 1; u <= T; u++) if (!inSupport[u]) bits[u - 1] = bestSide === 'A' ? 0 : 1;
  for (let j = 0; j < s; j++) bits[support[j] - 1] = (bestK >>> (s - 1 - j)) & 1;
  let worstMargin = bestAttainedValue;
  if (!attained) {
    // The estimate sits at an interior readout kink x*: the background sums are discrete, so search for
    // an input whose x comes as close to x* from side A as the weights allow (greedy over a_u descending,
    // from the all-0 background), then one flip past it, and keep the better when its margin is smaller.
    let Sz = 0;
    for (let j = 0; j < s; j++) if ((bestK >>> (s - 1 - j)) & 1) Sz += a[support[j]];
    const y = target.table.charCodeAt(bestK) === 49 ? 1 : -1;
    const dir = Math.sign(xB[bestK] - xA[bestK]);
    const flips: number[] = [];
    for (let u = 1; u <= T; u++) if (!inSupport[u] && a[u] > 0) flips.push(u);
    flips.sort((p1, p2) => a[p2] - a[p1]);
    let S = Sz;
    const on = new Uint8Array(T + 1);
    for (const u of flips) {
      if (dir * (xOf(S + a[u]) - bestKink) <= 0) {
        S += a[u];
        on[u] = 1;
      }
    }
    let aboveU = -1;
    for (let i = flips.length - 1; i >= 0; i--) {
      if (!on[flips[i]]) {
        aboveU = flips[i];
        break;
      }
    }
    const marginAt = (x: number) => y * readoutForward(chainF, [x]);
    const below = marginAt(xOf(S));
    const aboveMargin = aboveU >= 0 ? marginAt(xOf(S + a[aboveU])) : Infinity;
    const pick = Math.min(below, aboveMargin);
    if (pick < worstMargin) {
      worstMargin = pick;
      if (pick === aboveMargin && pick < below) on[aboveU] = 1;
      for (let u = 1; u <= T; u++) if (!inSupport[u]) bits[u - 1] = on[u];
    }
  }
  return makeCertificate({
    minMargin: best,
    certifiedLowerBound,
    contextLength: T,
    worstInput: bits,
    worstInputMargin: worstMargin,
    attained: attained || worstMargin <= best,
    method: 'exact-position-keys',
    requestedMargin,
  });
}

/** The exact method's precondition in words (CLI help, docs/model-format.md and the refusal message). */
export const EXACT_PRECONDITION =
  'a model without self-attention layers whose [CLS] heads share one W_QK and one activation, with position-only keys ((E_tok[1] − E_tok[0])·W_QK x_0 = 0 exactly), a relu/identity readout, and a relu/identity head activation when H·k > 1';

/** base_c and Δ_c for every channel, in float64 and enclosed (a enclosed by [alo, ahi]). */
function channels(model: Model, cols: readonly Float64Array[], piW: readonly Float64Array[], a: Float64Array, alo: Float64Array, ahi: Float64Array): Channels {
  const d = model.width;
  const T = model.contextLength;
  const emb = model.embedding;
  const tok0 = emb.token.data.subarray(0, d);
  const tok1 = emb.token.data.subarray(d, 2 * d);
  const C = cols.length;
  const out: Channels = { base: new Float64Array(C), delta: new Float64Array(C), baseLo: new Float64Array(C), baseHi: new Float64Array(C), deltaLo: new Float64Array(C), deltaHi: new Float64Array(C) };
  for (let c = 0; c < C; c++) {
    const w = cols[c];
    const pi = piW[c];
    const tw0 = dot(tok0, w);
    out.delta[c] = dot(tok1, w) - tw0;
    let base = a[0] * dot(emb.cls, w);
    for (let u = 1; u <= T; u++) base += a[u] * (tw0 + pi[u - 1]);
    out.base[c] = base;
    const rho = projectionErrorBound(emb.position, T, d, w);
    const [t0lo, t0hi] = dotEnclosure(tok0, w);
    const [t1lo, t1hi] = dotEnclosure(tok1, w);
    out.deltaLo[c] = down(t1lo - t0hi);
    out.deltaHi[c] = up(t1hi - t0lo);
    const [x0lo, x0hi] = dotEnclosure(emb.cls, w);
    let lo = mulLo(alo[0], ahi[0], x0lo, x0hi);
    let hi = mulHi(alo[0], ahi[0], x0lo, x0hi);
    for (let u = 1; u <= T; u++) {
      const plo = down(down(t0lo + pi[u - 1]) - rho);
      const phi = up(up(t0hi + pi[u - 1]) + rho);
      lo = down(lo + mulLo(alo[u], ahi[u], plo, phi));
      hi = up(hi + mulHi(alo[u], ahi[u], plo, phi));
    }
    out.baseLo[c] = lo;
    out.baseHi[c] = hi;
  }
  return out;
}

/**
 * The readout as a function of S for C = H·k > 1 channels (float64): S ↦ σ(Δ S + base) (1 → C), then the
 * readout's first layer with its rows repeated per head (Σ_h over the heads folded into the weights).
 */
function compositeReadout(model: Model, delta: Float64Array, base: Float64Array, sigma: DenseLayer['activation'], H: number): DenseLayer[] {
  const [first, ...rest] = model.readout;
  const C = delta.length;
  return [
    { weight: fromData(1, C, Float64Array.from(delta)), bias: Float64Array.from(base), activation: sigma },
    { ...first, weight: fromData(C, first.weight.cols, repeatRows(first.weight.data, H)) },
    ...rest,
  ];
}

/** The same composite with the channel parameters as enclosures. */
function compositeIntervalReadout(model: Model, ch: Channels, sigma: DenseLayer['activation'], H: number): IntervalLayer[] {
  const [first, ...rest] = exactLayers(model.readout);
  const C = ch.delta.length;
  const W = repeatRows(first.wLo, H);
  return [{ rows: 1, cols: C, wLo: ch.deltaLo, wHi: ch.deltaHi, bLo: ch.baseLo, bHi: ch.baseHi, activation: sigma }, { ...first, rows: C, wLo: W, wHi: W }, ...rest];
}

/** A k×cols matrix (row-major) stacked H times: row h·k + m is row m. */
function repeatRows(data: Float64Array, H: number): Float64Array {
  const out = new Float64Array(H * data.length);
  for (let h = 0; h < H; h++) out.set(data, h * data.length);
  return out;
}

/** A bit array as a '0'/'1' string, position 1 first. */
export function bitsToString(bits: Uint8Array): string {
  return Buffer.from(bits.map((b) => 48 + b)).toString('latin1');
}

/**
 * Exact certification for position-only keys (alg-certify-position-keys). Preconditions (checked by
 * `exactCertifierApplies`): no self-attention layers, one [CLS] head with k = 1, keys independent of
 * the bits ((E_tok[1] − E_tok[0]) · W_QK x_0 = 0 exactly), a 1-D piecewise-linear readout.
 * Then the attention a = softmax(s) is the same on every input and
 *   v(b) = base + Δ Σ_{u≥1} a_u b_u,  base = a_0 x_0·w + Σ_u a_u (E_tok[0] + E_pos[u])·w,  Δ = (E_tok[1] − E_tok[0])·w,
 * with w = W_V's column. For a support assignment z the backgrounds fill the set
 *   { v_z + Σ_{u∉I} a_u Δ b_u }, whose extreme values v_z + Σ min(0, a_uΔ) and v_z + Σ max(0, a_uΔ)
 * are attained. min y·g(σ(v)) over that interval is at an endpoint or a readout kink: exact and
 * attained when it is at an endpoint (`attained`), a sound lower bound otherwise. O(T·d + 2^s·(s + log K)).
 */
import { matVec, dot } from '../core/matrix.js';
import { softmax } from '../core/softmax.js';
import { domainError } from '../core/errors.js';
import { activate } from '../model/activations.js';
import { readoutForward } from '../model/readout.js';
import { checkTarget } from '../model/target.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { projectPositions } from './position-projections.js';
import { isPiecewiseLinear1D, readoutBreakpoints, upperIndex } from './readout-pieces.js';

/** Proof-note id of the exact certifier: proofs-notes/alg-certify-position-keys.md. */
export const CERTIFY_POSITION_KEYS_ID = 'alg-certify-position-keys';

/**
 * A certificate: the certified lower bound on min_b y(b)·f(b) over all 2^T inputs and a worst input
 * (alg-certify-position-keys, alg-certify-interval).
 */
export interface Certificate {
  /** The verdict: minMargin ≥ requestedMargin γ when one was asked for, else minMargin > 0. */
  readonly certified: boolean;
  /** Certified lower bound on the minimum margin (exact when `attained`). */
  readonly minMargin: number;
  /** Which inputs the bound covers, in words: always `all 2^T inputs`. */
  readonly inputsCovered: string;
  /** The worst input found, T characters '0'/'1' (position 1 first). */
  readonly worstInput: string;
  /** The actual margin of worstInput as computed by the certifier. */
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
 * requested margin γ the model is certified when the certified minimum margin is ≥ γ; without one,
 * when it is > 0 (correct on every input).
 */
export function makeCertificate(p: {
  readonly minMargin: number;
  readonly contextLength: number;
  readonly worstInput: Uint8Array;
  readonly worstInputMargin: number;
  readonly attained: boolean;
  readonly method: Certificate['method'];
  readonly requestedMargin?: number;
}): Certificate {
  const { minMargin, requestedMargin } = p;
  return {
    certified: requestedMargin === undefined ? minMargin > 0 : minMargin >= requestedMargin,
    minMargin,
    inputsCovered: `all 2^${p.contextLength} inputs`,
    worstInput: bitsToString(p.worstInput),
    worstInputMargin: p.worstInputMargin,
    attained: p.attained,
    method: p.method,
    ...(requestedMargin === undefined ? {} : { requestedMargin }),
  };
}

/** Why the exact method does not apply to a model (in words, for an error message), or null when it does (alg-certify-position-keys). */
export function exactCertifierObstacle(model: Model): string | null {
  if (model.layers.length > 0) return `the model has ${model.layers.length} self-attention layers`;
  if (model.clsHeads.length !== 1) return `the model has ${model.clsHeads.length} [CLS] heads (exact needs 1)`;
  const h = model.clsHeads[0];
  if (h.wV.cols !== 1) return `the head output has k = ${h.wV.cols} (exact needs 1)`;
  if (!isPiecewiseLinear1D(model.readout)) return 'the readout is not piecewise linear in one input';
  const d = model.width;
  const q = matVec(h.wQK, model.embedding.cls);
  let dq = 0;
  for (let j = 0; j < d; j++) dq += (model.embedding.token.data[d + j] - model.embedding.token.data[j]) * q[j];
  if (dq !== 0) return `keys depend on the bits ((E_tok[1] − E_tok[0])·W_QK x_0 = ${dq})`;
  return null;
}

/** True when `certifyExact` applies to `model` (see exactCertifierObstacle; alg-certify-position-keys). */
export function exactCertifierApplies(model: Model): boolean {
  return exactCertifierObstacle(model) === null;
}

/**
 * Certify y·f(b) ≥ requestedMargin on all 2^T inputs, exactly, in O(T·d + 2^s·(s + log K))
 * (alg-certify-position-keys). requestedMargin defaults to "> 0" (certified means every label is right
 * with a positive margin).
 * @param model - a checked model meeting exactCertifierApplies.
 * @param target - the Boolean target y(b), checked against T.
 * @param requestedMargin - γ, a finite number > 0 (optional).
 * @throws DomainError when the method does not apply, the target does not fit T, or requestedMargin is
 *   not a finite number > 0.
 */
export function certifyExact(model: Model, target: BooleanTarget, requestedMargin?: number): Certificate {
  const fn = 'certifyExact';
  const obstacle = exactCertifierObstacle(model);
  if (obstacle !== null) throw domainError(fn, 'model', 'a one-head [CLS] model with position-only keys, k = 1 and a piecewise-linear readout', obstacle);
  checkTarget(fn, 'target', target, model.contextLength);
  if (requestedMargin !== undefined && !(Number.isFinite(requestedMargin) && requestedMargin > 0)) throw domainError(fn, 'requestedMargin', 'a finite number > 0', requestedMargin);
  const T = model.contextLength;
  const d = model.width;
  const head = model.clsHeads[0];
  const emb = model.embedding;
  const x0 = emb.cls;
  const q = matVec(head.wQK, x0); // (d) W_QK x_0
  const w = Float64Array.from({ length: d }, (_, j) => head.wV.data[j]); // (d) W_V[:, 0]
  const tok0 = emb.token.data.subarray(0, d);
  const tok1 = emb.token.data.subarray(d, 2 * d);
  const tq0 = dot(tok0, q);
  const tw0 = dot(tok0, w);
  const delta = dot(tok1, w) - tw0; // Δ
  const [piQ, piW] = projectPositions(emb.position, T, d, [q, w]); // (T), (T)
  const scores = new Float64Array(T + 1); // (T+1) s_0 = x_0·q, s_u = (E_tok[0] + E_pos[u])·q
  scores[0] = dot(x0, q);
  for (let u = 1; u <= T; u++) scores[u] = tq0 + piQ[u - 1];
  const a = softmax(scores); // (T+1), the same on every input
  let base = a[0] * dot(x0, w);
  for (let u = 1; u <= T; u++) base += a[u] * (tw0 + piW[u - 1]);
  const support = target.support;
  const s = support.length;
  const inSupport = new Uint8Array(T + 1);
  for (const p of support) inSupport[p] = 1;
  let bgLo = 0;
  let bgHi = 0;
  for (let u = 1; u <= T; u++) {
    if (inSupport[u]) continue;
    const c = a[u] * delta;
    if (c < 0) bgLo += c;
    else bgHi += c;
  }
  const sigma = head.activation;
  const supportTerm = support.map((p) => a[p] * delta);
  // Global range of σ(v) over all inputs, for the readout's kinks.
  let vMin = base + bgLo;
  let vMax = base + bgHi;
  for (const c of supportTerm) {
    if (c < 0) vMin += c;
    else vMax += c;
  }
  const { points, values } = readoutBreakpoints(model.readout, activate(sigma, vMin), activate(sigma, vMax));

  let best = Infinity;
  let bestK = 0;
  let bestSide: 'lo' | 'hi' = 'lo';
  let bestAttainedValue = Infinity;
  let bestKink = Number.NaN; // h = σ(v) of the readout kink where best lies, when it is interior
  let attained = true;
  for (let k = 0; k < 2 ** s; k++) {
    let vz = base;
    for (let j = 0; j < s; j++) if ((k >>> (s - 1 - j)) & 1) vz += supportTerm[j];
    const y = target.table.charCodeAt(k) === 49 ? 1 : -1;
    const hLo = activate(sigma, vz + bgLo);
    const hHi = activate(sigma, vz + bgHi);
    const mLo = y * readoutForward(model.readout, [hLo]);
    const mHi = hHi === hLo ? mLo : y * readoutForward(model.readout, [hHi]);
    const mEnd = Math.min(mLo, mHi);
    const side: 'lo' | 'hi' = mLo <= mHi ? 'lo' : 'hi';
    let mIn = Infinity;
    let kink = Number.NaN;
    for (let i = upperIndex(points, hLo); i < points.length && points[i] < hHi; i++) {
      if (y * values[i] < mIn) {
        mIn = y * values[i];
        kink = points[i];
      }
    }
    const m = Math.min(mEnd, mIn);
    if (m < best || (m === best && mEnd < bestAttainedValue)) {
      best = m;
      bestK = k;
      bestSide = side;
      bestAttainedValue = mEnd;
      bestKink = kink;
      attained = mEnd <= mIn;
    }
  }
  // The worst input: support bits from bestK, background at the extreme giving the smaller endpoint margin.
  const bits = new Uint8Array(T);
  for (let j = 0; j < s; j++) bits[support[j] - 1] = (bestK >>> (s - 1 - j)) & 1;
  for (let u = 1; u <= T; u++) {
    if (inSupport[u]) continue;
    const c = a[u] * delta;
    bits[u - 1] = bestSide === 'lo' ? (c < 0 ? 1 : 0) : c > 0 ? 1 : 0;
  }
  let worstMargin = bestAttainedValue;
  if (!attained) {
    // The bound sits at an interior readout kink h*: the background sums are discrete, so search for an
    // input whose σ(v) comes as close to h* from below and from above as the contributions allow
    // (greedy over |c| descending, from the 'lo' background), and keep it when its margin is smaller.
    let yBest = 0;
    for (let j = 0; j < s; j++) if ((bestK >>> (s - 1 - j)) & 1) yBest += supportTerm[j];
    const y = target.table.charCodeAt(bestK) === 49 ? 1 : -1;
    const flips: { u: number; step: number }[] = [];
    for (let u = 1; u <= T; u++) if (!inSupport[u] && a[u] * delta !== 0) flips.push({ u, step: Math.abs(a[u] * delta) });
    flips.sort((p1, p2) => p2.step - p1.step);
    let v = base + yBest + bgLo;
    const on = new Uint8Array(T + 1); // flipped away from the 'lo' background (each flip adds its step to v)
    for (const f of flips) {
      if (activate(sigma, v + f.step) <= bestKink) {
        v += f.step;
        on[f.u] = 1;
      }
    }
    // Just above h*: the final input plus the smallest remaining flip.
    let aboveU = -1;
    for (let i = flips.length - 1; i >= 0; i--) {
      if (!on[flips[i]!.u]) {
        aboveU = flips[i]!.u;
        break;
      }
    }
    const marginAt = (h: number) => y * readoutForward(model.readout, [h]);
    const below = marginAt(activate(sigma, v));
    const aboveMargin = aboveU >= 0 ? marginAt(activate(sigma, v + Math.abs(a[aboveU]! * delta))) : Infinity;
    const pick = Math.min(below, aboveMargin);
    if (pick < worstMargin) {
      worstMargin = pick;
      if (pick === aboveMargin && pick < below) on[aboveU] = 1;
      for (let u = 1; u <= T; u++) {
        if (inSupport[u]) continue;
        const c = a[u] * delta;
        const lo = c < 0 ? 1 : 0;
        bits[u - 1] = on[u] ? 1 - lo : lo;
      }
    }
  }
  return makeCertificate({
    minMargin: best,
    contextLength: T,
    worstInput: bits,
    worstInputMargin: worstMargin,
    attained: attained || worstMargin <= best,
    method: 'exact-position-keys',
    requestedMargin,
  });
}

/** A bit array as a '0'/'1' string, position 1 first. */
export function bitsToString(bits: Uint8Array): string {
  return Buffer.from(bits.map((b) => 48 + b)).toString('latin1');
}

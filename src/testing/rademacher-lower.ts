/**
 * Lower bounds on the worst-case empirical Rademacher complexity sup_S R̂_S(F) of a bound request's class
 * F (def-request-schemas; the class of thm-head-covering / thm-multihead-covering / thm-transformer-covering:
 * inputs X ∈ R^{(T+1)×d} with rows ‖x_t‖₂ ≤ B_X, every W_QK, W_V, W_C and w within the request's budgets,
 * norms as in notation.md), where R̂_S(F) = E_σ sup_{f∈F} (1/m) Σ_i σ_i f(X_i) over uniform signs σ ∈ {±1}^m.
 * Two lower bounds, both attained by members of F (so any valid upper bound is ≥ them):
 * 1. exact, for the linear subclass: with W_QK = 0 (uniform attention), rank-one W_V = c·v e_1ᵀ,
 *    c = min(B_V, B_V^{2,1}) (then ‖W_V‖₂ = ‖W_V‖_{2,1} = c), σ(x) = L_σ x, the H [CLS] heads equal, and
 *    every layer's W_C = 0 (residual + Π_{B_X} then pass the rows through), f(X) = ⟨u, x̄⟩ with x̄ the
 *    mean row and any ‖u‖₂ ≤ a = H·L_σ·B_w·c. On the sample whose X_i has every row B_X e_{(i mod d)+1},
 *    R̂_S = (a/m)·E_σ‖Σ_i σ_i x_i‖₂, computed exactly over all 2^m sign vectors (lem-dudley-discrete);
 * 2. searched: for every sign vector, a seeded local search (src/bounds/checks/adversarial-search.ts)
 *    over the [CLS] heads' weights (W_QK, W_V, w projected onto the budgets by scaling; σ = L_σ·identity;
 *    layers passing rows through) of (1/m)Σσ_i f(X_i), averaged over all sign vectors: on the extremal
 *    sample of (1), started from the linear optimum; on a seeded sample of rows on the sphere of
 *    radius B_X; and (T ≥ 2, d ≥ 2) on the selection sample, where attention picks the row +B_X e_1 or
 *    the rows −B_X e_1 per input (x_0 = B_X g_i, g_i ⊥ e_1; W_QK = Q e_1 rᵀ with r = Σσ_i g_i), started
 *    there: when the scores QB_X² are large this approaches R̂ = a·B_X, the range bound.
 */
import type { BoundRequest } from '../bounds/request-schema.js';
import { adversarialSearch } from '../bounds/checks/adversarial-search.js';
import { fromData, type Matrix } from '../core/matrix.js';
import { frobeniusNorm, groupNormColumns, l2, spectralNorm } from '../core/norms.js';
import { createRng } from '../core/rng.js';
import { headForward } from '../model/head.js';
import { budgetFactor, scaleMatrix } from './norm-budgets.js';

/** Largest sample size the exact enumerations accept (2^m sign vectors). */
export const MAX_EXACT_SAMPLE_SIZE = 16;

/**
 * Exact R̂_S of the linear class {x ↦ ⟨u, x⟩ : ‖u‖₂ ≤ a} on the points x_1..x_m:
 * (a/m)·E_σ‖Σ_i σ_i x_i‖₂ (sup over u is a‖Σσ_i x_i‖), averaged over all 2^m sign vectors.
 * @throws RangeError when there are no points or more than MAX_EXACT_SAMPLE_SIZE.
 */
export function exactLinearRademacher(points: readonly ArrayLike<number>[], a: number): number {
  const m = points.length;
  if (m < 1 || m > MAX_EXACT_SAMPLE_SIZE) throw new RangeError(`exactLinearRademacher: points must hold 1..${MAX_EXACT_SAMPLE_SIZE} points (got ${m})`);
  const d = points[0].length;
  let total = 0;
  const s = new Float64Array(d);
  for (let mask = 0; mask < 2 ** m; mask++) {
    s.fill(0);
    for (let i = 0; i < m; i++) {
      const sg = mask & (1 << i) ? 1 : -1;
      for (let j = 0; j < d; j++) s[j] += sg * points[i][j];
    }
    total += l2(s);
  }
  return (a * total) / 2 ** m / m;
}

/** H: the number of [CLS] heads of the request's class (1 for head and scalar). */
export function clsHeadCount(req: BoundRequest): number {
  return req.model === 'multihead' || req.model === 'transformer' ? (req.heads ?? 1) : 1;
}

/** a = H·L_σ·B_w·min(B_V, B_V^{2,1}): the radius of the linear subclass {⟨u, x̄⟩ : ‖u‖₂ ≤ a} ⊂ F (module doc, 1). */
export function linearSubclassRadius(req: BoundRequest): number {
  const nb = req.normBounds;
  return clsHeadCount(req) * req.activationLipschitz * nb.readout * Math.min(nb.valueSpectral, nb.valueGroup21);
}

/** The extremal sample of (1): X_i ∈ R^{(T+1)×d} with every row B_X·e_{(i mod d)+1}, i = 0..m−1. */
export function linearExtremalSample(req: BoundRequest): Matrix[] {
  const { contextLength: T, width: d, inputNorm: B } = req;
  return Array.from({ length: req.sampleSize }, (_, i) => {
    const data = new Float64Array((T + 1) * d);
    for (let r = 0; r <= T; r++) data[r * d + (i % d)] = B;
    return fromData(T + 1, d, data);
  });
}

/** The exact R̂_S of the linear subclass on the extremal sample (module doc, 1): a lower bound on sup_S R̂_S(F). */
export function linearSubclassRademacher(req: BoundRequest): number {
  return exactLinearRademacher(
    linearExtremalSample(req).map((X) => X.data.subarray(0, X.cols)),
    linearSubclassRadius(req),
  );
}

/** m inputs whose rows are seeded uniform directions of norm B_X. */
export function sphereSample(req: BoundRequest, seed: number): Matrix[] {
  const rng = createRng(seed);
  const { contextLength: T, width: d, inputNorm: B } = req;
  return Array.from({ length: req.sampleSize }, () => {
    const data = new Float64Array((T + 1) * d);
    for (let r = 0; r <= T; r++) {
      const v = data.subarray(r * d, (r + 1) * d);
      for (let j = 0; j < d; j++) v[j] = rng.normal();
      const n = l2(v) || 1;
      for (let j = 0; j < d; j++) v[j] *= B / n;
    }
    return fromData(T + 1, d, data);
  });
}

/**
 * The selection sample (needs T ≥ 2, d ≥ 2; else null): X_i has x_0 = B_X g_i with
 * g_i = e_{2 + (i mod (d−1))}, x_1 = B_X e_1 and x_t = −B_X e_1 for t = 2..T.
 */
export function selectionSample(req: BoundRequest): Matrix[] | null {
  const { contextLength: T, width: d, inputNorm: B } = req;
  if (T < 2 || d < 2) return null;
  return Array.from({ length: req.sampleSize }, (_, i) => {
    const data = new Float64Array((T + 1) * d);
    data[1 + (i % (d - 1))] = B;
    data[d] = B;
    for (let t = 2; t <= T; t++) data[t * d] = -B;
    return fromData(T + 1, d, data);
  });
}

/** The selection start for σ: W_QK = Q e_1 rᵀ (r ∝ Σσ_i g_i, Q as large as the budgets allow), W_V = c e_1 e_1ᵀ, w = B_w e_1. */
function selectionStart(req: BoundRequest, sigma: readonly number[]): Float64Array {
  const d = req.width;
  const k = req.valueDim ?? d;
  const nb = req.normBounds;
  const r = new Float64Array(d);
  for (let i = 0; i < sigma.length; i++) r[1 + (i % (d - 1))] += sigma[i];
  const n = l2(r);
  if (n === 0) r[1] = 1;
  else for (let j = 0; j < d; j++) r[j] /= n;
  let r1 = 0;
  for (const v of r) r1 += Math.abs(v);
  const Q = Math.min(nb.qkSpectral ?? Infinity, nb.qkGroup21 / r1);
  const c = Math.min(nb.valueSpectral, nb.valueGroup21);
  const x = new Float64Array(memberDim(req));
  let o = 0;
  for (let h = 0; h < clsHeadCount(req); h++) {
    for (let j = 0; j < d; j++) x[o + j] = Q * r[j]; // row 0 of W_QK
    o += d * d;
    x[o] = c; // W_V[0][0]
    o += d * k;
  }
  x[o] = nb.readout;
  return x;
}

/**
 * The factor c ≤ 1 with ‖cW‖₂ ≤ spectral and ‖cW‖_{2,1} ≤ group21 (budgetFactor). The SVD is skipped
 * when the group factor already brings the Frobenius norm, an upper bound on ‖W‖₂, within the spectral
 * budget.
 */
function fitFactor(w: Matrix, spectral: number | undefined, group21: number): number {
  const cg = budgetFactor([[groupNormColumns(w), group21]]);
  if (spectral === undefined || cg * frobeniusNorm(w) <= spectral) return cg;
  return Math.min(cg, budgetFactor([[spectralNorm(w), spectral]]));
}

/** Weights of the searched subclass read from a flat vector x: per head W_QK (d×d), W_V (d×k), then w (k). */
function classMember(req: BoundRequest, x: Float64Array): { heads: { wQK: Matrix; wV: Matrix }[]; w: Float64Array } {
  const d = req.width;
  const k = req.valueDim ?? d;
  const nb = req.normBounds;
  let o = 0;
  const take = (r: number, c: number) => {
    const m = fromData(r, c, Float64Array.from(x.subarray(o, o + r * c)));
    o += r * c;
    return m;
  };
  const heads = Array.from({ length: clsHeadCount(req) }, () => {
    const q = take(d, d);
    const v = take(d, k);
    const cq = fitFactor(q, nb.qkSpectral, nb.qkGroup21);
    const cv = fitFactor(v, nb.valueSpectral, nb.valueGroup21);
    return { wQK: scaleMatrix(q, cq), wV: scaleMatrix(v, cv) };
  });
  const wRaw = Float64Array.from(x.subarray(o, o + k));
  const cw = budgetFactor([[l2(wRaw), nb.readout]]);
  return { heads, w: wRaw.map((v) => v * cw) };
}

/** Length of the flat weight vector of the searched subclass. */
function memberDim(req: BoundRequest): number {
  const d = req.width;
  const k = req.valueDim ?? d;
  return clsHeadCount(req) * (d * d + d * k) + k;
}

/** f(X) = L_σ Σ_j w_j Σ_h (W_V^hᵀ Xᵀ softmax(X W_QK^h x_0))_j for the member read from x. */
function memberOutput(req: BoundRequest, member: ReturnType<typeof classMember>, X: Matrix): number {
  const z = X.data.subarray(0, X.cols);
  let f = 0;
  for (const h of member.heads) {
    const out = headForward({ wQK: h.wQK, wV: h.wV, activation: 'identity' }, X, z);
    for (let j = 0; j < out.length; j++) f += member.w[j] * out[j];
  }
  return req.activationLipschitz * f;
}

/** The linear optimum for σ on a sample (W_QK = 0, W_V = c·v e_1ᵀ with v ∝ Σσ_i x̄_i, w = B_w e_1), as a flat vector. */
function linearStart(req: BoundRequest, Xs: readonly Matrix[], sigma: readonly number[]): Float64Array {
  const d = req.width;
  const k = req.valueDim ?? d;
  const nb = req.normBounds;
  const v = new Float64Array(d);
  Xs.forEach((X, i) => {
    for (let r = 0; r < X.rows; r++) for (let j = 0; j < d; j++) v[j] += (sigma[i] * X.data[r * d + j]) / X.rows;
  });
  const n = l2(v);
  const c = Math.min(nb.valueSpectral, nb.valueGroup21);
  const x = new Float64Array(memberDim(req));
  let o = 0;
  for (let h = 0; h < clsHeadCount(req); h++) {
    o += d * d; // W_QK = 0
    for (let i = 0; i < d; i++) x[o + i * k] = n > 0 ? (c * v[i]) / n : i === 0 ? c : 0; // column 0 of W_V
    o += d * k;
  }
  x[o] = nb.readout;
  return x;
}

/**
 * Average over all sign vectors of the searched sup_f (1/m)Σσ_i f(X_i) on the sample (module doc, 2):
 * every value is attained by a member of F, so the result is a lower bound on R̂_S(F) ≤ sup_S R̂_S(F).
 * Sign vectors with σ_1 = −1 are skipped: F is symmetric (w ↦ −w), so their sup equals that of −σ.
 * @param req - a parsed request with sampleSize ≤ MAX_EXACT_SAMPLE_SIZE.
 * @param Xs - the sample (m inputs with rows of norm ≤ B_X).
 * @param seed - seed of the starts and of the search.
 * @param budget - objective evaluations per sign vector (0: the structured start only).
 * @param start - the structured start for a sign vector (default: the linear optimum on Xs).
 */
export function searchedRademacher(req: BoundRequest, Xs: readonly Matrix[], seed: number, budget: number, start?: (sigma: readonly number[]) => Float64Array): number {
  const m = Xs.length;
  if (m < 1 || m > MAX_EXACT_SAMPLE_SIZE) throw new RangeError(`searchedRademacher: the sample must hold 1..${MAX_EXACT_SAMPLE_SIZE} inputs (got ${m})`);
  const rng = createRng(seed);
  const dim = memberDim(req);
  let total = 0;
  const half = 2 ** (m - 1);
  for (let mask = 0; mask < half; mask++) {
    const sigma = Array.from({ length: m }, (_, i) => (i === 0 ? 1 : mask & (1 << (i - 1)) ? 1 : -1));
    const objective = (x: Float64Array) => {
      const member = classMember(req, x);
      let s = 0;
      for (let i = 0; i < m; i++) s += sigma[i] * memberOutput(req, member, Xs[i]);
      return s / m;
    };
    const starts = [start ? start(sigma) : linearStart(req, Xs, sigma), Float64Array.from({ length: dim }, () => rng.normal())];
    const best = budget === 0 ? objective(starts[0]) : adversarialSearch(objective, starts, rng.int(0, 0x7fffffff), Math.max(budget, starts.length), 0.3).ratio;
    total += best;
  }
  return total / half;
}

/** The lower bounds of one request: exact on the linear subclass, and the best searched value. */
export interface RademacherLowerBounds {
  /** Exact R̂_S of the linear subclass on the extremal sample (module doc, 1). */
  readonly linearExact: number;
  /** Best searched R̂_S lower bound over the extremal, the sphere and the selection sample (module doc, 2). */
  readonly searched: number;
  /** max(linearExact, searched). */
  readonly lower: number;
}

/**
 * Both lower bounds on sup_S R̂_S(F) for a parsed request (sampleSize ≤ MAX_EXACT_SAMPLE_SIZE).
 * @param seed - seed of the sphere sample and of the searches.
 * @param budget - objective evaluations per sign vector and sample.
 */
export function rademacherLowerBounds(req: BoundRequest, seed: number, budget: number): RademacherLowerBounds {
  const linearExact = linearSubclassRademacher(req);
  const sel = selectionSample(req);
  const searched = Math.max(
    searchedRademacher(req, linearExtremalSample(req), seed, budget),
    searchedRademacher(req, sphereSample(req, seed ^ 0x5bd1e995), seed + 1, budget),
    sel === null ? -Infinity : searchedRademacher(req, sel, seed + 2, budget, (sigma) => selectionStart(req, sigma)),
  );
  return { linearExact, searched, lower: Math.max(linearExact, searched) };
}

/**
 * The capacity-bound class of a constructed sparse head, built from its structure instead of an SVD of
 * the d×d W_QK (infeasible at d = T + 2 ≈ 4096 or for T = 2^20): the same budgets that
 * bounds/api.ts `architectureFromModel` measures (Frobenius and spectral norms of W_QK, W_V, of each
 * readout layer with its bias row appended, B_X), in closed form. A property checks equality with
 * `architectureFromModel` on small models. Used by the scaling study for the implied sample size.
 * Note: con-general-sparse-head (section "Bound on the constructed weights").
 */
import type { Architecture } from '../bounds/architecture.js';
import { boundForArchitectureGap } from '../bounds/api.js';
import { requireOpenUnit, requirePositive } from '../core/validate.js';
import { domainError } from '../core/errors.js';
import type { Model } from '../model/types.js';

/** Proof-note id: proofs-notes/con-general-sparse-head.md. */
export const SPARSE_HEAD_ARCHITECTURE_ID = 'con-general-sparse-head';

/** Largest singular value of a 2×H matrix with rows u, v: sqrt of the top eigenvalue of its 2×2 Gram. */
function spectral2Rows(u: Float64Array, v: Float64Array): number {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < u.length; i++) {
    a += u[i] * u[i];
    b += u[i] * v[i];
    c += v[i] * v[i];
  }
  const tr = a + c;
  const disc = Math.sqrt(Math.max(0, (a - c) * (a - c) + 4 * b * b));
  return Math.sqrt((tr + disc) / 2);
}

/**
 * The Architecture of a model made by `construct` (one [CLS] head, W_QK = q e_0ᵀ, W_V = e_1, readout
 * 1 → H → 1 with biases), with the norms the bounds read taken from its weights (con-general-sparse-head).
 * B_X is √(1 + ‖p_t‖²) = √2 by construction.
 * @param model - a model built by construct / buildSparseHead.
 * @throws DomainError when the model does not have that shape.
 */
export function sparseHeadArchitecture(model: Model): Architecture {
  const fn = 'sparseHeadArchitecture';
  if (model.layers.length !== 0 || model.clsHeads.length !== 1 || model.readout.length !== 2)
    throw domainError(fn, 'model', 'a construction (no layers, one [CLS] head, 2 readout layers)', model.meta?.construction);
  const d = model.width;
  const h = model.clsHeads[0];
  // W_QK = q e_0ᵀ: all its mass is in column 0; Frobenius = spectral = ‖q‖₂ (checked: nothing elsewhere).
  let q2 = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const x = h.wQK.data[i * d + j];
      if (j === 0) q2 += x * x;
      else if (x !== 0) throw domainError(fn, 'model', 'a W_QK supported on column 0 (q e_0ᵀ)', `entry (${i}, ${j}) = ${x}`);
    }
  }
  let v2 = 0;
  for (const x of h.wV.data) v2 += x * x;
  const [l1, l2] = model.readout;
  const H = l1.weight.cols;
  const w1 = l1.weight.data;
  const b1 = l1.bias ?? new Float64Array(H);
  let f1 = 0;
  let w1sq = 0; // ‖W_1‖_F² without the bias row: W_1 is 1×H, so its row (2,1) norm is ‖W_1‖₂
  for (let j = 0; j < H; j++) {
    f1 += w1[j] * w1[j] + b1[j] * b1[j];
    w1sq += w1[j] * w1[j];
  }
  let f2 = 0;
  let r2 = 0; // Σ_i |W_2[i, 0]|: row (2,1) norm of the H×1 output weight
  for (const x of l2.weight.data) {
    f2 += x * x;
    r2 += Math.abs(x);
  }
  if (l2.bias) for (const x of l2.bias) f2 += x * x;
  const qk = Math.sqrt(q2);
  const vNorm = Math.sqrt(v2);
  return {
    kind: 'scalar',
    contextLength: model.contextLength,
    width: d,
    inputRowNorm: Math.SQRT2,
    layers: [],
    clsHeads: [
      {
        qkFrobenius: qk,
        qkSpectral: qk,
        valueFrobenius: vNorm,
        valueSpectral: vNorm,
        valueDim: 1,
        activationLipschitz: 1,
        identity: h.activation === 'identity',
        outputFrobenius: 1,
        outputSpectral: 1,
        count: 1,
      },
    ],
    readout: [
      {
        frobenius: Math.sqrt(f1),
        spectral: l1.bias ? spectral2Rows(Float64Array.from(w1), Float64Array.from(b1)) : Math.sqrt(f1),
        inputDim: 1,
        outputDim: H,
        lipschitz: 1,
        bias: l1.bias !== null,
        identity: l1.activation === 'identity',
        rowGroup21: Math.sqrt(w1sq),
      },
      { frobenius: Math.sqrt(f2), spectral: Math.sqrt(f2), inputDim: H, outputDim: 1, lipschitz: 1, bias: l2.bias !== null, identity: l2.activation === 'identity', rowGroup21: r2 },
    ],
  };
}

/** Search cap of constructionSampleSize: 2^52 (the bounds take a safe-integer m; bounds' own cap is 2^50). */
export const CONSTRUCTION_SAMPLE_SIZE_CAP = 2 ** 52;

/** Relative precision of constructionSampleSize: it returns hi with gap(hi) ≤ target and hi/lo ≤ 1 + this. */
export const CONSTRUCTION_SAMPLE_SIZE_REL_PRECISION = 1e-3;

/**
 * Sample size m* at which the bound of bounds/api.ts (boundForArchitectureGap at margin γ, confidence
 * δ) on the class of the constructed weights reaches generalization gap ≤ targetGap: doubling from 1,
 * then bisection in log space until hi/lo ≤ 1 + 10⁻³ (the gap is non-increasing in m,
 * alg-sample-size-inversion); returns ⌈hi⌉, so gap(m*) ≤ targetGap and m* overshoots the least such m
 * by at most 0.1 %. Infinity beyond 2^52.
 * @param model - a model built by construct / buildSparseHead.
 * @param opts - γ (margin, > 0), δ (delta, in (0, 1)) and the target gap (> 0).
 * @throws DomainError for a bad γ, δ or targetGap, or a model not of the construction's shape.
 */
export function constructionSampleSize(model: Model, opts: { margin: number; delta: number; targetGap: number }): number {
  requirePositive('constructionSampleSize', 'margin', opts.margin);
  requireOpenUnit('constructionSampleSize', 'delta', opts.delta);
  requirePositive('constructionSampleSize', 'targetGap', opts.targetGap);
  const arch = sparseHeadArchitecture(model);
  const gap = (m: number) => boundForArchitectureGap(arch, m, opts.margin, opts.delta);
  if (gap(1) <= opts.targetGap) return 1;
  let hi = 2;
  while (gap(hi) > opts.targetGap) {
    if (hi >= CONSTRUCTION_SAMPLE_SIZE_CAP) return Infinity;
    hi *= 2;
  }
  let lo = hi / 2;
  while (hi / lo > 1 + CONSTRUCTION_SAMPLE_SIZE_REL_PRECISION && hi - lo > 1) {
    // mid is strictly between lo and hi: hi − lo > 1 and hi/lo > 1.001 (m ≤ 2^52, all safe integers).
    const mid = Math.round(Math.sqrt(lo * hi)); // the bounds take an integer m
    if (gap(mid) > opts.targetGap) lo = mid;
    else hi = mid;
  }
  return Math.ceil(hi);
}

/**
 * ℓ∞ covers of norm-bounded linear classes on n points, by the mistake-bound (perceptron) argument
 * (proofs-notes/lem-linear-linf-cover.md; our own proof, NOT Zhang 2002's constants):
 *
 *   points x_1..x_n with ‖x_i‖₂ ≤ b, class {x ↦ ⟨w, x⟩ : ‖w‖₂ ≤ a}:
 *   ln N_∞(ε) ≤ M · ln(2n + 1),   M = max(0, ⌈a²b²/ε²⌉ − 1)  (the largest integer < a²b²/ε²).
 *
 * Matrix maps (lifted form): for x ↦ Wᵀx ∈ R^p with ‖W‖_F ≤ a, cover the n·p scalar maps
 * x_i ↦ ⟨W, x_i e_jᵀ⟩ at radius ε/√p; then max_i ‖(W − Ŵ)ᵀx_i‖₂ ≤ ε. This is the d-dependent route:
 * p enters the exponent linearly (M ≈ p·a²b²/ε²) and the log as ln(2np + 1).
 */
import { requireInteger, requirePositive } from '../core/validate.js';
import { domainError } from '../core/errors.js';

/** Result id of this module (proofs-notes/lem-linear-linf-cover.md). */
export const LINEAR_COVER_ID = 'lem-linear-linf-cover';

/** Id of the multiset count of the centres (proofs-notes/lem-multiset-centres.md). */
export const MULTISET_CENTRES_ID = 'lem-multiset-centres';

/**
 * Upper bound on ln C(N + M, M), the log of the number of multisets of size ≤ M drawn from N symbols
 * (lem-multiset-centres): exact sum Σ_{j≤M} ln(1 + N/j) for M ≤ 64, else Robbins' Stirling bounds
 * N ln(1 + M/N) + M ln(1 + N/M) + ½ ln((N + M)/(2πNM)) + 1/(12(N + M)); never above M ln(N + 1).
 * @param symbols - N ≥ 1 (any finite number; N = 2n for the mistake-bound encoder).
 * @param size - M, an integer ≥ 0.
 */
export function logMultisetCount(symbols: number, size: number): number {
  const N = symbols;
  const M = size;
  if (M <= 0) return 0;
  const plain = M * Math.log(N + 1);
  let v: number;
  if (M <= 64) {
    v = 0;
    for (let j = 1; j <= M; j++) v += Math.log1p(N / j);
  }
  // ½ ln((N + M)/(2πNM)) as a difference of logs: the product N·M overflows float64 once M > ~1e296 / N,
  // and the quotient then gave ln 0 = −∞ (found by a search over wide budgets).
  else v = N * Math.log1p(M / N) + M * Math.log1p(N / M) + 0.5 * (Math.log(N + M) - Math.log(2 * Math.PI) - Math.log(N) - Math.log(M)) + 1 / (12 * (N + M));
  // Float64 rounding of the sums (relative ~1e-15): round the bound up by far more than that.
  return Math.min(plain, v * (1 + 1e-12));
}

/**
 * The constant κ in the mistake count M = ⌈κ·a²b²/ε²⌉ − 1 (κ = 1 is what the note proves). Exposed
 * only so that the mutation test can run the properties against κ = 1/2.
 */
export const MISTAKE_BOUND_CONSTANT = 1;

/** Inputs of the scalar linear ℓ∞ cover (lem-linear-linf-cover). */
export interface LinearCoverParams {
  /** a: bound on ‖w‖₂ (or ‖W‖_F for the lifted matrix form). */
  readonly weightNorm: number;
  /** b: bound on every ‖x_i‖₂. */
  readonly pointNorm: number;
  /** n: number of points (integer ≥ 1). */
  readonly points: number;
  /** ε > 0: ℓ∞ covering radius. */
  readonly eps: number;
}

/**
 * M = max(0, ⌈κ a²b²/ε²⌉ − 1): the most updates the mistake-bound cover can make (lem-linear-linf-cover).
 * @param weightNorm - a, the bound on ‖w‖₂, > 0.
 * @param pointNorm - b, the bound on the points' ‖x_i‖₂, > 0.
 * @param eps - ε, the covering radius, > 0.
 * @param kappa - κ, default MISTAKE_BOUND_CONSTANT = 1.
 * @throws DomainError on non-positive or non-finite inputs, or when a²b²/ε² overflows.
 */
export function mistakeBound(weightNorm: number, pointNorm: number, eps: number, kappa = MISTAKE_BOUND_CONSTANT): number {
  requirePositive('mistakeBound', 'weightNorm', weightNorm);
  requirePositive('mistakeBound', 'pointNorm', pointNorm);
  requirePositive('mistakeBound', 'eps', eps);
  // a b / ε first, then squared: squaring a, b or ε alone underflows for tiny (valid) budgets, and 0/0
  // was NaN (found by the explorer's tests at B_w = γ = 5e-324).
  const q = (weightNorm / eps) * pointNorm;
  const r = kappa * q * q;
  if (!Number.isFinite(r)) throw domainError('mistakeBound', 'a²b²/ε²', 'finite', r);
  return Math.max(0, Math.ceil(r) - 1);
}

/**
 * ln N_∞ of {x ↦ ⟨w,x⟩ : ‖w‖₂ ≤ a} on n points of norm ≤ b at radius ε: M·ln(2n+1) (lem-linear-linf-cover).
 * @param p - a (weightNorm), b (pointNorm), n (points, ≥ 1) and ε (eps).
 * @param kappa - κ, default MISTAKE_BOUND_CONSTANT = 1.
 * @param multiset - true: count the centres as multisets of updates, ln C(2n + M, M) (lem-multiset-centres);
 *   false (default): M ln(2n + 1).
 * @throws DomainError on non-positive or non-finite a, b, ε, or n < 1.
 */
export function linearLogCovering(p: LinearCoverParams, kappa = MISTAKE_BOUND_CONSTANT, multiset = false): number {
  requirePointCount('linearLogCovering', p.points);
  const M = mistakeBound(p.weightNorm, p.pointNorm, p.eps, kappa);
  return multiset ? logMultisetCount(2 * p.points, M) : M * Math.log(2 * p.points + 1);
}

/**
 * ln N_∞ of the matrix maps {x ↦ Wᵀx ∈ R^p : ‖W‖_F ≤ a} on n points, error measured by
 * max_i ‖(W − Ŵ)ᵀx_i‖₂ ≤ ε (lifted route: n·p rank-one points at radius ε/√p; lem-linear-linf-cover).
 * @param p - a, b, n and ε as for linearLogCovering, plus p = outputDim (an integer ≥ 1).
 * @param kappa - κ, default MISTAKE_BOUND_CONSTANT = 1.
 * @param multiset - count centres as multisets (lem-multiset-centres); default false.
 * @throws DomainError on bad a, b, ε, n, or p not an integer ≥ 1.
 */
export function matrixLogCovering(p: LinearCoverParams & { readonly outputDim: number }, kappa = MISTAKE_BOUND_CONSTANT, multiset = false): number {
  requireInteger('matrixLogCovering', 'outputDim', p.outputDim, 1);
  requirePointCount('matrixLogCovering', p.points);
  return linearLogCovering({ weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points * p.outputDim, eps: p.eps / Math.sqrt(p.outputDim) }, kappa, multiset);
}

/** n may exceed 2^53 (n = m(T+1)² at T = 2^20): any finite number ≥ 1; only ln(2n+1) is used. */
function requirePointCount(fn: string, n: number): void {
  if (typeof n !== 'number' || !Number.isFinite(n) || !(n >= 1)) throw domainError(fn, 'points', 'a finite number >= 1', n);
}

/** Output of the executable mistake-bound cover. */
export interface MistakeBoundRun {
  /** The (point index, sign) sequence that determines the cover centre. */
  readonly updates: ReadonlyArray<{ readonly index: number; readonly sign: 1 | -1 }>;
  /** The centre ŵ the sequence decodes to. */
  readonly centre: Float64Array;
  /** max_i |⟨ŵ − w*, x_i⟩| at the end. */
  readonly maxError: number;
}

/**
 * Run the cover's encoder: w_0 = 0; while some i has |⟨w_t − w*, x_i⟩| > ε take the least such i and
 * set w_{t+1} = w_t − η·sign·x_i with η = ε/b². Stops after maxUpdates updates (never reached when
 * the lemma holds). Used by the properties to check the proof's update count.
 */
export function runMistakeBoundCover(points: readonly Float64Array[], target: Float64Array, eps: number, pointNorm: number, maxUpdates = 1_000_000): MistakeBoundRun {
  requirePositive('runMistakeBoundCover', 'eps', eps);
  requirePositive('runMistakeBoundCover', 'pointNorm', pointNorm);
  const d = target.length;
  const w = new Float64Array(d);
  const eta = eps / (pointNorm * pointNorm);
  const updates: { index: number; sign: 1 | -1 }[] = [];
  const resid = (x: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (w[j] - target[j]) * x[j];
    return s;
  };
  for (;;) {
    let hit = -1;
    let r = 0;
    for (let i = 0; i < points.length; i++) {
      r = resid(points[i]);
      if (Math.abs(r) > eps) {
        hit = i;
        break;
      }
    }
    if (hit < 0 || updates.length >= maxUpdates) break;
    const sign: 1 | -1 = r > 0 ? 1 : -1;
    const x = points[hit];
    for (let j = 0; j < d; j++) w[j] -= eta * sign * x[j];
    updates.push({ index: hit, sign });
  }
  let maxError = 0;
  for (const x of points) maxError = Math.max(maxError, Math.abs(resid(x)));
  return { updates, centre: w, maxError };
}

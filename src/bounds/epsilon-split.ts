/**
 * Splitting the covering radius ε between the parts of a composite cover
 * (proofs-notes/lem-epsilon-split.md). Part i costs α_i/ε_i² (smooth form) and its radius enters the
 * total error with weight β_i: Σ_i β_i ε_i ≤ ε.
 * - closed form (Edelman et al. Lemma A.8 shape, REFERENCES §6, re-derived in the note):
 *     min Σ α_i/ε_i² = γ³/ε²,  γ = Σ α_i^{1/3} β_i^{2/3},  at ε_i = (ε/γ)(α_i/β_i)^{1/3};
 * - numerical: minimize any convex objective of the error shares θ_i = β_i ε_i/ε on the simplex by
 *   pairwise golden-section exchanges (used on the smooth objective, then checked against the closed
 *   form in properties/lem-epsilon-split.prop.ts).
 */
import { domainError } from '../core/errors.js';

/** Result id of this module: proofs-notes/lem-epsilon-split.md. */
export const EPSILON_SPLIT_ID = 'lem-epsilon-split';

/** γ = Σ α_i^{1/3} β_i^{2/3}; the optimal smooth cost is γ³/ε². */
export function splitGamma(alphas: readonly number[], betas: readonly number[]): number {
  if (alphas.length !== betas.length || alphas.length === 0) throw domainError('splitGamma', 'alphas/betas', 'non-empty arrays of equal length', `${alphas.length}/${betas.length}`);
  let g = 0;
  for (let i = 0; i < alphas.length; i++) {
    if (!(alphas[i] >= 0) || !Number.isFinite(alphas[i])) throw domainError('splitGamma', `alphas[${i}]`, 'a finite number >= 0', alphas[i]);
    if (!(betas[i] > 0) || !Number.isFinite(betas[i])) throw domainError('splitGamma', `betas[${i}]`, 'a finite number > 0', betas[i]);
    g += Math.cbrt(alphas[i]) * Math.cbrt(betas[i] * betas[i]);
  }
  return g;
}

/** Closed-form optimal shares θ_i = α_i^{1/3}β_i^{2/3}/γ (sum 1). */
export function closedFormShares(alphas: readonly number[], betas: readonly number[]): Float64Array {
  const g = splitGamma(alphas, betas);
  const th = new Float64Array(alphas.length);
  for (let i = 0; i < th.length; i++) th[i] = g > 0 ? (Math.cbrt(alphas[i]) * Math.cbrt(betas[i] * betas[i])) / g : 1 / th.length;
  return th;
}

/** Smooth cost Σ α_i/ε_i² at shares θ (ε_i = θ_i ε/β_i); Infinity when a part with α_i > 0 gets no share. */
export function smoothSplitCost(alphas: readonly number[], betas: readonly number[], shares: ArrayLike<number>, eps: number): number {
  let s = 0;
  for (let i = 0; i < alphas.length; i++) {
    if (alphas[i] === 0) continue;
    const e = (shares[i] * eps) / betas[i];
    s += e > 0 ? alphas[i] / (e * e) : Infinity;
  }
  return s;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Minimize f over the probability simplex of dimension dim by pairwise golden-section exchanges of
 * mass, starting from `start` (default uniform). Deterministic. Returns the best shares found.
 */
export function minimizeOnSimplex(f: (theta: Float64Array) => number, dim: number, opts: { start?: ArrayLike<number>; sweeps?: number; iterations?: number } = {}): Float64Array {
  const th = new Float64Array(dim);
  if (opts.start) th.set(Array.from(opts.start));
  else th.fill(1 / dim);
  const sweeps = opts.sweeps ?? 8;
  const iters = opts.iterations ?? 48;
  const trial = new Float64Array(dim);
  const at = (i: number, j: number, t: number) => {
    trial.set(th);
    trial[i] += t;
    trial[j] -= t;
    return f(trial);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let i = 0; i < dim; i++) {
      for (let j = i + 1; j < dim; j++) {
        let lo = -th[i];
        let hi = th[j];
        if (hi - lo <= 0) continue;
        let x1 = hi - GOLDEN * (hi - lo);
        let x2 = lo + GOLDEN * (hi - lo);
        let f1 = at(i, j, x1);
        let f2 = at(i, j, x2);
        for (let k = 0; k < iters; k++) {
          if (f1 <= f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - GOLDEN * (hi - lo);
            f1 = at(i, j, x1);
          } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + GOLDEN * (hi - lo);
            f2 = at(i, j, x2);
          }
        }
        const t = (lo + hi) / 2;
        if (at(i, j, t) <= f(th)) {
          th[i] += t;
          th[j] -= t;
        }
      }
    }
  }
  return th;
}

/** Numerically optimal shares of the smooth objective (scale-free: independent of ε). */
export function numericShares(alphas: readonly number[], betas: readonly number[]): Float64Array {
  return minimizeOnSimplex((th) => smoothSplitCost(alphas, betas, th, 1), alphas.length);
}

/**
 * A composite ℓ∞ cover as a list of linear parts (proofs-notes/thm-head-covering.md §"parts"): each
 * part is one lifted linear cover (lem-linear-linf-cover) whose radius ε_i enters the total output
 * error with weight β_i (copies: multiplicity). Given the split, the log covering number is the sum of
 * the parts' exact (ceiling) costs; the split comes from lem-epsilon-split.
 */
import { linearLogCovering, matrixLogCovering, MISTAKE_BOUND_CONSTANT } from './linear-cover.js';
import { closedFormShares, numericShares, splitGamma } from './epsilon-split.js';

/** One linear part of a composite cover. */
export interface CoverPart {
  /** Where it sits, e.g. "layer 1 head · scores". */
  readonly label: string;
  /** a: Frobenius budget of the weight. */
  readonly weightNorm: number;
  /** b: bound on the points' norm (for the centres' inputs). */
  readonly pointNorm: number;
  /** n: number of points (samples × positions × queries). */
  readonly points: number;
  /** p: output dimension (lifted cover at radius ε_i/√p); 1 for scalar maps. */
  readonly outputDim: number;
  /** Input dimension (parameter count inDim·outputDim; used by the volumetric baseline only). */
  readonly inputDim: number;
  /** Identical copies (heads with the same budgets); each gets the same radius. */
  readonly multiplicity: number;
  /** Weight of one copy's radius in the total output error. */
  readonly errorWeight: number;
  /**
   * true: the radius bounds every output coordinate (ℓ∞ over outputs; cover at radius ε_i on the n·p
   * lifted points); false/absent: it bounds the ℓ2 norm of the output (lifted cover at ε_i/√p).
   */
  readonly perCoordinate?: boolean;
}

/** α_i of the smooth form: multiplicity · a²b²p · ln(2np + 1) (no factor p for a per-coordinate part). */
export function partAlpha(p: CoverPart): number {
  return p.multiplicity * (p.weightNorm * p.pointNorm) ** 2 * (p.perCoordinate ? 1 : p.outputDim) * Math.log(2 * p.points * p.outputDim + 1);
}

/** β_i: multiplicity · error weight. */
export function partBeta(p: CoverPart): number {
  return p.multiplicity * p.errorWeight;
}

/** Exact cost of one part (all copies) at per-copy radius e. */
export function partLogCover(p: CoverPart, e: number, kappa = MISTAKE_BOUND_CONSTANT): number {
  if (p.perCoordinate) return p.multiplicity * linearLogCovering({ weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points * p.outputDim, eps: e }, kappa);
  return p.multiplicity * matrixLogCovering({ weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points, outputDim: p.outputDim, eps: e }, kappa);
}

/** Precomputed split of a composite cover: shares from the numeric optimum and from the closed form. */
export interface PartsSplit {
  readonly parts: readonly CoverPart[];
  readonly numeric: Float64Array;
  readonly closedForm: Float64Array;
  /** K = γ³: smooth ln N(ε) ≤ K/ε². */
  readonly smoothConstant: number;
}

/** Compute both splits once (they do not depend on ε). */
export function splitParts(parts: readonly CoverPart[]): PartsSplit {
  if (parts.length === 0) return { parts, numeric: new Float64Array(0), closedForm: new Float64Array(0), smoothConstant: 0 };
  const alphas = parts.map(partAlpha);
  const betas = parts.map(partBeta);
  const g = splitGamma(alphas, betas);
  return { parts, numeric: numericShares(alphas, betas), closedForm: closedFormShares(alphas, betas), smoothConstant: g ** 3 };
}

/** Exact Σ_i cost_i at shares θ (ε_i = θ_i ε / β_i). */
export function logCoverAtShares(parts: readonly CoverPart[], shares: ArrayLike<number>, eps: number, kappa = MISTAKE_BOUND_CONSTANT): number {
  let s = 0;
  for (let i = 0; i < parts.length; i++) {
    const e = (shares[i] * eps) / partBeta(parts[i]);
    if (!(e > 0)) return Infinity;
    s += partLogCover(parts[i], e, kappa);
  }
  return s;
}

/**
 * ln N_∞(ε) of the composite class: 0 when ε ≥ F (the zero function covers), else the better of the
 * exact costs at the numeric and closed-form splits. Always ≤ K/ε².
 */
export function compositeLogCover(split: PartsSplit, eps: number, rangeBound: number, kappa = MISTAKE_BOUND_CONSTANT): number {
  if (eps >= rangeBound) return 0;
  return Math.min(logCoverAtShares(split.parts, split.numeric, eps, kappa), logCoverAtShares(split.parts, split.closedForm, eps, kappa));
}

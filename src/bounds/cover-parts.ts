/**
 * A composite ℓ∞ cover as a list of linear parts (proofs-notes/thm-head-covering.md §"parts"): each
 * part is one lifted linear cover (lem-linear-linf-cover) whose radius ε_i enters the total output
 * error with weight β_i (copies: multiplicity). Given the split, the log covering number is the sum of
 * the parts' exact (ceiling) costs; the split comes from lem-epsilon-split.
 */
import { linearLogCovering, matrixLogCovering, MISTAKE_BOUND_CONSTANT } from './linear-cover.js';
import { maureyLogCovering } from './maurey-cover.js';
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
  /**
   * The part's weight has a (2,1) budget (columns convention) and an L2(P_n) Maurey cover applies
   * (lem-maurey-l2-cover): used when the costing has l2Maurey. exclusive: the part's points are only
   * bounded in L2(P_n) once earlier parts are Maurey-covered (readout stages), so the ℓ∞ mistake-bound
   * cover is not used for it at all; otherwise the cheaper of the two covers is taken.
   */
  readonly maurey?: { readonly groupBudget: number; readonly inputDim: number; readonly outputDim: number; readonly exclusive: boolean };
  /**
   * pointNorm is base + perEps·F (then augmented by a bias 1 when bias): the centre's input exceeds the
   * true bound base by at most the upstream error ≤ ε·perEps; with the slackEps costing the point norm
   * at total radius ε is min(pointNorm, aug(base + perEps·ε)) (lem-readout-slack).
   */
  readonly slack?: { readonly base: number; readonly perEps: number; readonly bias: boolean };
}

/** Which tightenings a cost evaluation uses (src/bounds/tightenings.ts); all off when absent. */
export interface CoverCosting {
  /** κ of the mistake bound (mutation tests only; default MISTAKE_BOUND_CONSTANT). */
  readonly kappa?: number;
  /** Count the mistake-bound centres as multisets (lem-multiset-centres). */
  readonly multiset?: boolean;
  /** Maurey L2(P_n) covers for the parts that carry `maurey` (lem-maurey-l2-cover). */
  readonly l2Maurey?: boolean;
  /** Point norms P + ε/μ instead of P + F/μ for the parts that carry `slack` (lem-readout-slack). */
  readonly slackEps?: boolean;
}

/** A part's point norm at total radius ε under the costing (lem-readout-slack). */
export function pointNormAt(p: CoverPart, eps: number, costing: CoverCosting = {}): number {
  if (!costing.slackEps || !p.slack || !(eps >= 0)) return p.pointNorm;
  const b = p.slack.base + p.slack.perEps * eps;
  return Math.min(p.pointNorm, p.slack.bias ? Math.hypot(b, 1) : b);
}

/** Whether the part is covered by Maurey under the costing ('only', 'either' or 'never'). */
function maureyUse(p: CoverPart, costing: CoverCosting): 'only' | 'either' | 'never' {
  if (!costing.l2Maurey || !p.maurey || p.perCoordinate) return 'never';
  return p.maurey.exclusive ? 'only' : 'either';
}

/**
 * α_i of the smooth form under a costing, at total radius ε for the point norm (default: the F
 * version pointNorm): mistake bound mult·a²b²p·ln(2np+1), Maurey mult·a²b²ln(2dk), or the smaller.
 */
export function partAlphaFor(p: CoverPart, costing: CoverCosting, eps?: number): number {
  const b = eps === undefined ? p.pointNorm : pointNormAt(p, eps, costing);
  const mistake = p.multiplicity * (p.weightNorm * b) ** 2 * (p.perCoordinate ? 1 : p.outputDim) * Math.log(2 * p.points * p.outputDim + 1);
  const use = maureyUse(p, costing);
  if (use === 'never' || !p.maurey) return mistake;
  const maurey = p.multiplicity * (p.maurey.groupBudget * b) ** 2 * Math.log(2 * p.maurey.inputDim * p.maurey.outputDim);
  return use === 'only' ? maurey : Math.min(mistake, maurey);
}

/**
 * Exact cost of one part (all copies) at per-copy radius e, when the composite's total radius is eps,
 * under the costing (every tightening of the part level: multiset, Maurey, slack).
 */
export function partCostFor(p: CoverPart, e: number, eps: number, costing: CoverCosting): number {
  if (!(e > 0)) return Infinity;
  const b = pointNormAt(p, eps, costing);
  const kappa = costing.kappa ?? MISTAKE_BOUND_CONSTANT;
  const use = maureyUse(p, costing);
  const maurey = () => {
    const m = p.maurey as NonNullable<CoverPart['maurey']>;
    return p.multiplicity * maureyLogCovering({ groupBudget: m.groupBudget, pointNorm: b, inputDim: m.inputDim, outputDim: m.outputDim, eps: e });
  };
  if (use === 'only') return maurey();
  const q = { ...p, pointNorm: b };
  const mistake = partLogCover(q, e, kappa, costing.multiset ?? false);
  return use === 'either' ? Math.min(mistake, maurey()) : mistake;
}

/** α_i of the smooth form: multiplicity · a²b²p · ln(2np + 1) (no factor p for a per-coordinate part). */
export function partAlpha(p: CoverPart): number {
  return p.multiplicity * (p.weightNorm * p.pointNorm) ** 2 * (p.perCoordinate ? 1 : p.outputDim) * Math.log(2 * p.points * p.outputDim + 1);
}

/** β_i: multiplicity · error weight. */
export function partBeta(p: CoverPart): number {
  return p.multiplicity * p.errorWeight;
}

/** Exact mistake-bound cost of one part (all copies) at per-copy radius e (multiset: lem-multiset-centres). */
export function partLogCover(p: CoverPart, e: number, kappa = MISTAKE_BOUND_CONSTANT, multiset = false): number {
  if (p.perCoordinate) return p.multiplicity * linearLogCovering({ weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points * p.outputDim, eps: e }, kappa, multiset);
  return p.multiplicity * matrixLogCovering({ weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points, outputDim: p.outputDim, eps: e }, kappa, multiset);
}

/** Precomputed split of a composite cover: shares from the numeric optimum and from the closed form. */
export interface PartsSplit {
  readonly parts: readonly CoverPart[];
  readonly numeric: Float64Array;
  readonly closedForm: Float64Array;
  /** K = γ³ of the α's under the costing (ceilings dropped): the smooth size Σ α_i/ε_i² at the optimum is K/ε². */
  readonly smoothConstant: number;
  /** The costing the split was computed for. */
  readonly costing: CoverCosting;
}

/** Compute both splits once (they do not depend on ε); α's under the costing (default: the first chain). */
export function splitParts(parts: readonly CoverPart[], costing: CoverCosting = {}): PartsSplit {
  if (parts.length === 0) return { parts, numeric: new Float64Array(0), closedForm: new Float64Array(0), smoothConstant: 0, costing };
  const alphas = parts.map((p) => partAlphaFor(p, costing));
  const betas = parts.map(partBeta);
  const g = splitGamma(alphas, betas);
  return { parts, numeric: numericShares(alphas, betas), closedForm: closedFormShares(alphas, betas), smoothConstant: g ** 3, costing };
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

/** Exact Σ_i cost_i at shares θ under a costing (the split's), total radius ε. */
export function logCoverAtSharesFor(parts: readonly CoverPart[], shares: ArrayLike<number>, eps: number, costing: CoverCosting): number {
  let s = 0;
  for (let i = 0; i < parts.length; i++) s += partCostFor(parts[i], (shares[i] * eps) / partBeta(parts[i]), eps, costing);
  return s;
}

/**
 * ln N(ε) of the composite class (ℓ∞ over samples for the first chain; L2(P_n) once a Maurey part is in
 * use, which is what Dudley needs): 0 when ε ≥ F (the zero function covers), else the better of the
 * exact costs at the numeric split and at the closed-form split (recomputed at ε when point norms depend
 * on ε: three splits then). Any split with Σ β_i ε_i ≤ ε gives a valid cover; `kappa` overrides the costing's (mutation tests).
 */
export function compositeLogCover(split: PartsSplit, eps: number, rangeBound: number, kappa?: number): number {
  if (eps >= rangeBound) return 0;
  const costing = kappa === undefined ? split.costing : { ...split.costing, kappa };
  const atNumeric = logCoverAtSharesFor(split.parts, split.numeric, eps, costing);
  const atClosed = logCoverAtSharesFor(split.parts, split.closedForm, eps, costing);
  if (!(costing.slackEps && split.parts.some((p) => p.slack))) return Math.min(atNumeric, atClosed);
  // Point norms depend on ε: also try the closed-form split of the α's at this ε.
  const closedHere = closedFormShares(
    split.parts.map((p) => partAlphaFor(p, costing, eps)),
    split.parts.map(partBeta),
  );
  return Math.min(atNumeric, atClosed, logCoverAtSharesFor(split.parts, closedHere, eps, costing));
}

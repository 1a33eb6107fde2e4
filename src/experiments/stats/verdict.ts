/**
 * The learning verdict per (model, task), a rule fixed before the data (proofs-notes/alg-learning-verdict.md):
 * from per-T intervals [L_T, U_T] ∋ m*(T) (bootstrap over seeds at level 1 − α/K, censoring included) the
 * exact range [β_min, β_max] of the least-squares log-log slope over the box; 'contradicted' if
 * β_min ≥ 1/2 (lemma: a log law a + b ln T with a, b ≥ 0 has slope < 1/ln 8 < 1/2 on T ≥ 8), 'supported' if
 * every T has a point m*, the selection picks a + b ln T and β_max < 1/2, else 'inconclusive'.
 */
import { domainError } from '../../core/errors.js';
import { selectMstarModel, type MstarSelection } from './model-selection.js';

/** Id of the verdict rule (proofs-notes/alg-learning-verdict.md). */
export const LEARNING_VERDICT_ID = 'alg-learning-verdict';

/** The exponent bound β₀: a log law with a, b ≥ 0 has log-log slope < 1/ln 8 < β₀ on T ≥ 8 (lemma). */
export const VERDICT_EXPONENT_BOUND = 0.5;
/** Least T allowed in a decided verdict (the lemma needs T ≥ 8). */
export const VERDICT_MIN_T = 8;
/** Least number of distinct T for a decided verdict. */
export const VERDICT_MIN_POINTS = 3;
/** Family-wise α: per-T bootstrap intervals are taken at level 1 − α/K (Bonferroni). */
export const VERDICT_ALPHA = 0.05;

/** One T of a curve. */
export interface VerdictPoint {
  /** T, an integer ≥ 1 (≥ 8 for a decided verdict). */
  readonly contextLength: number;
  /** m̂*(T), or null when the search did not find it (above mMax or unresolved). */
  readonly point: number | null;
  /** Lower end L_T of the interval for m*(T): finite, ≥ 1. */
  readonly lower: number;
  /** Upper end U_T of the interval for m*(T): ≥ lower, Infinity allowed. */
  readonly upper: number;
}

/** The verdict. */
export interface LearningVerdict {
  /**
   * With ≥ 3 distinct T, all ≥ 8: 'contradicted' if β_min ≥ 1/2; 'supported' if every T has a point m*, the
   * selection picks a + b ln T and β_max < 1/2; otherwise (and always with fewer or smaller T) 'inconclusive'.
   */
  readonly verdict: 'supported' | 'contradicted' | 'inconclusive';
  /** One sentence: why. */
  readonly reason: string;
  /** Range of the log-log slope over the box (null when not computable: < 2 distinct T). */
  readonly exponentRange: {
    /** β_min, the least slope over the box (may be −Infinity when an upper end is Infinity). */
    readonly min: number;
    /** β_max, the largest slope over the box (may be Infinity when an upper end is Infinity). */
    readonly max: number;
  } | null;
  /** The model selection over the T with a point m* (alg-mstar-model-selection). */
  readonly selection: MstarSelection;
}

/**
 * Exact range of the OLS slope Σ c_i ln m_i (c_i = (x_i − x̄)/Σ(x_j − x̄)², x = ln T) over the box
 * Π [lower_i, upper_i] (alg-learning-verdict). Trusts its points (learningVerdict validates them).
 * @param points - T with interval ends [L_T, U_T]; `point` is not read.
 * @throws DomainError `exponentRange: contextLengths must be at least 2 distinct values` otherwise.
 */
export function exponentRange(points: readonly VerdictPoint[]): {
  /** β_min, the least slope over the box (may be −Infinity when an upper end is Infinity). */
  min: number;
  /** β_max, the largest slope over the box (may be Infinity when an upper end is Infinity). */
  max: number;
} {
  const xs = points.map((p) => Math.log(p.contextLength));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  if (!(sxx > 0))
    throw domainError(
      'exponentRange',
      'contextLengths',
      'at least 2 distinct values',
      points.map((p) => p.contextLength),
    );
  let min = 0;
  let max = 0;
  points.forEach((p, i) => {
    const c = (xs[i] - mx) / sxx;
    if (c === 0) return;
    const lo = Math.log(p.lower);
    const hi = Math.log(p.upper);
    min += c > 0 ? c * lo : c * hi;
    max += c > 0 ? c * hi : c * lo;
  });
  return { min, max };
}

/** Validate points; throws DomainError naming the bad value. */
function checkPoints(points: readonly VerdictPoint[]): void {
  const fn = 'learningVerdict';
  const seen = new Set<number>();
  for (const p of points) {
    if (!Number.isSafeInteger(p.contextLength) || p.contextLength < 1) throw domainError(fn, 'contextLength', 'an integer >= 1', p.contextLength);
    if (seen.has(p.contextLength)) throw domainError(fn, 'contextLength', 'distinct', p.contextLength);
    seen.add(p.contextLength);
    if (!(Number.isFinite(p.lower) && p.lower >= 1)) throw domainError(fn, 'lower', 'finite and >= 1', p.lower);
    if (!(p.upper >= p.lower) || Number.isNaN(p.upper)) throw domainError(fn, 'upper', `>= lower = ${p.lower} (Infinity allowed)`, p.upper);
    if (p.point !== null && !(Number.isFinite(p.point) && p.point >= 1)) throw domainError(fn, 'point', 'null or finite and >= 1', p.point);
  }
}

/**
 * Apply the verdict rule of the module comment (alg-learning-verdict).
 * @param points - one per T: m̂*(T) or null, and its interval [L_T, U_T] (level 1 − α/K).
 * @throws DomainError `learningVerdict: <contextLength|lower|upper|point> must be ...` for a bad point,
 * or a repeated T.
 */
export function learningVerdict(points: readonly VerdictPoint[]): LearningVerdict {
  checkPoints(points);
  const sorted = [...points].sort((a, b) => a.contextLength - b.contextLength);
  const found = sorted.filter((p) => p.point !== null);
  const selection = selectMstarModel(
    found.map((p) => p.contextLength),
    found.map((p) => p.point as number),
  );
  const K = sorted.length;
  const range = K >= 2 ? exponentRange(sorted) : null;
  const b0 = VERDICT_EXPONENT_BOUND;
  if (K < VERDICT_MIN_POINTS) return { verdict: 'inconclusive', reason: `too few T values (${K} < ${VERDICT_MIN_POINTS})`, exponentRange: range, selection };
  if (sorted[0].contextLength < VERDICT_MIN_T)
    return { verdict: 'inconclusive', reason: `T = ${sorted[0].contextLength} < ${VERDICT_MIN_T}: the exponent bound needs T >= ${VERDICT_MIN_T}`, exponentRange: range, selection };
  const r = range!;
  if (r.min >= b0)
    return {
      verdict: 'contradicted',
      reason: `every m*(T) in the intervals has log-log slope >= ${r.min.toFixed(3)} >= ${b0}, which no a + b ln T with a, b >= 0 reaches on T >= ${VERDICT_MIN_T}`,
      exponentRange: r,
      selection,
    };
  const censored = sorted.filter((p) => p.point === null).map((p) => p.contextLength);
  if (censored.length)
    return {
      verdict: 'inconclusive',
      reason: `m* not found at T = ${censored.join(', ')} (above mMax or unresolved) and the slope range [${fmtSlope(r.min)}, ${fmtSlope(r.max)}] does not exclude ${b0}`,
      exponentRange: r,
      selection,
    };
  if (selection.selected !== 'a + b ln T') {
    const what =
      selection.status === 'selected'
        ? `the selection picks ${selection.selected}`
        : `the selection is ${selection.status}${selection.candidates.length ? ` (${selection.candidates.join(' | ')})` : ''}`;
    return { verdict: 'inconclusive', reason: `${what}, and the slope range [${fmtSlope(r.min)}, ${fmtSlope(r.max)}] does not exclude ${b0}`, exponentRange: r, selection };
  }
  if (r.max < b0) return { verdict: 'supported', reason: `a + b ln T is selected and the slope range [${fmtSlope(r.min)}, ${fmtSlope(r.max)}] lies below ${b0}`, exponentRange: r, selection };
  return { verdict: 'inconclusive', reason: `a + b ln T is selected but the slope range [${fmtSlope(r.min)}, ${fmtSlope(r.max)}] reaches ${b0}`, exponentRange: r, selection };
}

function fmtSlope(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : x > 0 ? '∞' : '−∞';
}

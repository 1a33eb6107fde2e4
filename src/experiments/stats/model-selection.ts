/**
 * Fits of m*(T) by a + b·ln T, a + b·T and a·T^b (the power law by least squares in log-log), each judged
 * by its residual sum of squares on the m scale, and the selection rule fixed before the data
 * (proofs-notes/alg-mstar-model-selection.md): with K ≥ 3 distinct T, the least-RSS law is selected when
 * K·ln(RSS_j / RSS_best) ≥ 2 (the AIC difference of two-parameter laws) for every other law j; else
 * 'ambiguous'; with fewer points 'too few points'.
 */
import { domainError } from '../../core/errors.js';
import { fitLine } from '../fits.js';

/** Id of the selection rule (proofs-notes/alg-mstar-model-selection.md). */
export const MSTAR_MODEL_SELECTION_ID = 'alg-mstar-model-selection';

/** Least number of distinct T for a selection. */
export const SELECTION_MIN_POINTS = 3;
/** AIC margin the selected law must beat every other law by. */
export const SELECTION_AIC_MARGIN = 2;

/** The three laws. */
export const MSTAR_LAWS = ['a + b ln T', 'a + b T', 'a T^b'] as const;
/** One of the three laws. */
export type MstarLaw = (typeof MSTAR_LAWS)[number];

/** One fitted law. */
export interface LawFit {
  /** Which law: a + b ln T, a + b T, or a T^b. */
  readonly law: MstarLaw;
  /** Intercept a (the power law's prefactor e^{intercept of the log-log fit}). */
  readonly a: number;
  /** Slope b (the power law's exponent). */
  readonly b: number;
  /** Residuals m_i − f(T_i) on the m scale. */
  readonly residuals: readonly number[];
  /** Residual sum of squares on the m scale. */
  readonly rss: number;
}

/** The selection. */
export interface MstarSelection {
  /** The T values given, in order. */
  readonly contextLengths: readonly number[];
  /** The m*(T) values given, in order. */
  readonly mStar: readonly number[];
  /** The three fits (empty with fewer than 2 distinct T). */
  readonly fits: readonly LawFit[];
  /** 'selected' (one law beats every other by the margin), 'ambiguous', or 'too few points' (K < 3). */
  readonly status: 'selected' | 'ambiguous' | 'too few points';
  /** The selected law (status 'selected'), else null. */
  readonly selected: MstarLaw | null;
  /** Laws within the margin of the best (status 'ambiguous'), or the selected law alone. */
  readonly candidates: readonly MstarLaw[];
  /** K·ln(RSS_law / RSS_best) per law (Infinity when RSS_best = 0 < RSS_law, 0 for the best). */
  readonly aicDelta: Readonly<Record<MstarLaw, number>> | null;
}

/**
 * Evaluate a fitted law at T (alg-mstar-model-selection).
 * @param f - the law and its coefficients a, b.
 * @param T - the context length (> 0 for the ln and power laws).
 */
export function lawValue(f: Pick<LawFit, 'law' | 'a' | 'b'>, T: number): number {
  return f.law === 'a + b ln T' ? f.a + f.b * Math.log(T) : f.law === 'a + b T' ? f.a + f.b * T : f.a * T ** f.b;
}

/**
 * Fit the three laws by least squares (the power law in log-log), each with residuals and RSS on the
 * m scale (alg-mstar-model-selection).
 * @param Ts - the T values, finite and > 0, at least 2 distinct.
 * @param ms - m*(T) at each T, finite and > 0, as many as Ts.
 * @throws DomainError `fitMstarLaws: <points|contextLengths|mStar> must be ...`, or fitLine's for fewer
 * than 2 distinct T.
 */
export function fitMstarLaws(Ts: readonly number[], ms: readonly number[]): LawFit[] {
  const fn = 'fitMstarLaws';
  if (Ts.length !== ms.length) throw domainError(fn, 'points', 'as many m* as T', ms.length);
  for (const T of Ts) if (!(Number.isFinite(T) && T > 0)) throw domainError(fn, 'contextLengths', 'finite and > 0', T);
  for (const m of ms) if (!(Number.isFinite(m) && m > 0)) throw domainError(fn, 'mStar', 'finite and > 0', m);
  const lnT = Ts.map(Math.log);
  const logLaw = fitLine(lnT, ms, 'a + b log T');
  const linLaw = fitLine(Ts, ms, 'a + b T');
  const pw = fitLine(lnT, ms.map(Math.log), 'a + b log T');
  const out: LawFit[] = [
    { law: 'a + b ln T', a: logLaw.a, b: logLaw.b, residuals: [], rss: 0 },
    { law: 'a + b T', a: linLaw.a, b: linLaw.b, residuals: [], rss: 0 },
    { law: 'a T^b', a: Math.exp(pw.a), b: pw.b, residuals: [], rss: 0 },
  ];
  return out.map((f) => {
    const residuals = ms.map((m, i) => m - lawValue(f, Ts[i]));
    return { ...f, residuals, rss: residuals.reduce((s, r) => s + r * r, 0) };
  });
}

/**
 * Apply the selection rule of the module comment (alg-mstar-model-selection).
 * @param Ts - the T values with a found m*.
 * @param ms - m*(T) at each T, same order.
 * @throws DomainError for unequal lengths or bad values (as fitMstarLaws).
 */
export function selectMstarModel(Ts: readonly number[], ms: readonly number[]): MstarSelection {
  const K = new Set(Ts).size;
  const base = { contextLengths: [...Ts], mStar: [...ms] };
  if (K < 2) {
    if (Ts.length !== ms.length) throw domainError('selectMstarModel', 'points', 'as many m* as T', ms.length);
    return { ...base, fits: [], status: 'too few points', selected: null, candidates: [], aicDelta: null };
  }
  const fits = fitMstarLaws(Ts, ms);
  if (K < SELECTION_MIN_POINTS) return { ...base, fits, status: 'too few points', selected: null, candidates: [], aicDelta: null };
  const best = fits.reduce((a, b) => (b.rss < a.rss ? b : a));
  const delta = (f: LawFit): number => (f === best ? 0 : best.rss === 0 ? (f.rss === 0 ? 0 : Infinity) : K * Math.log(f.rss / best.rss));
  const aicDelta = Object.fromEntries(fits.map((f) => [f.law, delta(f)])) as Record<MstarLaw, number>;
  const close = fits.filter((f) => f !== best && !(delta(f) >= SELECTION_AIC_MARGIN));
  if (close.length === 0) return { ...base, fits, status: 'selected', selected: best.law, candidates: [best.law], aicDelta };
  return { ...base, fits, status: 'ambiguous', selected: null, candidates: [best.law, ...close.map((f) => f.law)], aicDelta };
}

/**
 * Discrete Dudley chaining (proofs-notes/lem-dudley-discrete.md), after Shalev-Shwartz & Ben-David
 * Lemma 27.4 (VERBATIM in REFERENCES §3), specialised to A = F|_S ⊂ R^m with c = √m·F (F = sup|f|,
 * centre ā = 0) and a per-sample ℓ∞ cover at radius F·2^{−k} (which is a Euclidean cover of A at
 * radius c·2^{−k}):
 *   R̂_S(F) ≤ min( F, min_{M ≥ 1} [ F·2^{−M} + (6F/√m) Σ_{k=1}^{M} 2^{−k} √(ln N_∞(F·2^{−k})) ] )
 * (M = 0 is the trivial R̂ ≤ F, since |f| ≤ F).
 */
import { requireInteger, requireNonNegative } from '../core/validate.js';

/** Result id of this module: proofs-notes/lem-dudley-discrete.md. */
export const DUDLEY_ID = 'lem-dudley-discrete';

/** The 6 of Lemma 27.4 (Massart on N² pairs; lem-dudley-discrete); a parameter only for the mutation test. */
export const DUDLEY_CHAIN_CONSTANT = 6;

/** Id of the consecutive-pairs form (proofs-notes/lem-dudley-pairs.md). */
export const DUDLEY_PAIRS_ID = 'lem-dudley-pairs';

/**
 * 3√2, the constant of the pairs form: R̂ ≤ F2^{−M} + (3√2 F/√m) Σ_k 2^{−k} √(ln N_k + ln N_{k−1}),
 * ln N_0 = 0 (lem-dudley-pairs: increments ≤ 3c2^{−k}, Massart's √2). A parameter only for the mutation test.
 */
export const DUDLEY_PAIRS_CONSTANT = 3 * Math.SQRT2;

/** Largest number of chaining levels tried (lem-dudley-discrete; 2^−60 is below float64 resolution of any useful radius). */
export const DUDLEY_MAX_LEVELS = 60;

/** Result of the chaining bound (lem-dudley-discrete). */
export interface DudleyResult {
  /** Upper bound on the empirical Rademacher complexity R̂_S. */
  readonly value: number;
  /** The best number of levels M (0: the trivial bound F). */
  readonly levels: number;
}

/**
 * Empirical Rademacher bound R̂_S ≤ min_M [F 2^−M + (6F/√m) Σ_{k=1..M} 2^−k √(ln N_∞(F 2^−k))], the
 * discrete Dudley chain (lem-dudley-discrete). Levels stop at the first non-finite ln N.
 * @param logCover - ε ↦ ln N_∞(F, ε) (natural log), for ε in (0, F].
 * @param rangeBound - F = sup |f| over the class, ≥ 0.
 * @param sampleSize - m, an integer ≥ 1.
 * @param chainConstant - the 6 of the chain, default DUDLEY_CHAIN_CONSTANT (with pairs: DUDLEY_PAIRS_CONSTANT).
 * @param pairs - true: Massart over the pairs of consecutive levels, √(ln N_k + ln N_{k−1}) with ln N_0 = 0
 *   and the constant 3√2 (lem-dudley-pairs), at each M the smaller of it and Lemma 27.4's form (unless
 *   chainConstant is given: mutation tests); false (default): Lemma 27.4 as cited.
 * @throws DomainError when rangeBound is negative or not finite, or m is not an integer ≥ 1.
 */
export function dudleyRademacher(logCover: (eps: number) => number, rangeBound: number, sampleSize: number, chainConstant?: number, pairs = false): DudleyResult {
  const F = requireNonNegative('dudleyRademacher', 'rangeBound', rangeBound);
  const m = requireInteger('dudleyRademacher', 'sampleSize', sampleSize, 1);
  if (F === 0) return { value: 0, levels: 0 };
  const C = chainConstant ?? (pairs ? DUDLEY_PAIRS_CONSTANT : DUDLEY_CHAIN_CONSTANT);
  let sum = 0;
  let best = F;
  let bestM = 0;
  let prev = 0;
  let classic = 0;
  for (let k = 1; k <= DUDLEY_MAX_LEVELS; k++) {
    const lnN = logCover(F * 2 ** -k);
    if (!Number.isFinite(lnN)) break;
    sum += 2 ** -k * Math.sqrt(pairs ? lnN + prev : lnN);
    classic += 2 ** -k * Math.sqrt(lnN);
    prev = lnN;
    // With pairs, Lemma 27.4's own form is a valid bound too (at any M): keep the smaller, so the pairs form never loses.
    const v = F * 2 ** -k + (F / Math.sqrt(m)) * (pairs && chainConstant === undefined ? Math.min(C * sum, DUDLEY_CHAIN_CONSTANT * classic) : C * sum);
    if (v < best) {
      best = v;
      bestM = k;
    }
  }
  return { value: best, levels: bestM };
}

/**
 * The finite class of the sparse-compression certificate (proofs-notes/thm-sparse-compression-certificate.md §1):
 * pairs (I, table) with I ⊂ {1..T}, |I| = s, fixed before the data, and
 * - 'general': any table, |G| = C(T, s)·2^{2^s};
 * - 'symmetric': tables that depend only on the number of ones on I, |G| = C(T, s)·2^{s+1};
 * - 'adaptive': the prior π = ½·uniform(general) + ½·uniform(symmetric), so a symmetric g pays
 *   ln(1/π(g)) = −ln(½/|G_gen| + ½/|G_sym|) and any other g pays ln 2 + ln |G_gen|.
 * The certificate uses ln(1/π(g)) in place of ln |G| (Σ_g π(g) ≤ 1 over the index set).
 */
import { symmetricLevels } from '../constructions/targets.js';
import type { BooleanTarget } from '../model/types.js';

/** Proof-note id: proofs-notes/thm-sparse-compression-certificate.md. */
export const COMPRESSION_CLASS_ID = 'thm-sparse-compression-certificate';

/** The classes a certificate may union over, fixed before the data (thm-sparse-compression-certificate §1). */
export const COMPRESSION_CLASSES = ['general', 'symmetric', 'adaptive'] as const;
/** One of COMPRESSION_CLASSES. */
export type CompressionClass = (typeof COMPRESSION_CLASSES)[number];

/**
 * ln C(T, s) = Σ_{i<s} ln((T − i)/(i + 1)), for integers 0 ≤ s ≤ T (s ≤ 30 in use: exact to rounding).
 * @param T - the context length. @param s - the support size.
 */
export function logChoose(T: number, s: number): number {
  let r = 0;
  for (let i = 0; i < s; i++) r += Math.log((T - i) / (i + 1));
  return r;
}

/** ln |G_gen| = ln C(T, s) + 2^s ln 2: supports × all truth tables (thm-sparse-compression-certificate §1). */
export function logGeneralClassSize(T: number, s: number): number {
  return logChoose(T, s) + 2 ** s * Math.LN2;
}

/** ln |G_sym| = ln C(T, s) + (s + 1) ln 2: supports × symmetric tables (one bit per weight level 0..s). */
export function logSymmetricClassSize(T: number, s: number): number {
  return logChoose(T, s) + (s + 1) * Math.LN2;
}

/** Whether the table depends only on the number of ones on the support (def-sparse-boolean-targets). */
export function isSymmetricTarget(g: BooleanTarget): boolean {
  return symmetricLevels(g.table, g.support.length) !== null;
}

/**
 * ln(1/π(g)) of g under the class prior (uniform over the class, or the adaptive mixture), or null when
 * g is not in the class (a non-symmetric table with class 'symmetric').
 * @param g - an s-sparse target on T positions (checked by the caller).
 * @param T - the context length.
 * @param cls - the class fixed before the data.
 */
export function logInversePrior(g: BooleanTarget, T: number, cls: CompressionClass): number | null {
  const s = g.support.length;
  const sym = isSymmetricTarget(g);
  const lg = logGeneralClassSize(T, s);
  if (cls === 'general') return lg;
  const ls = logSymmetricClassSize(T, s);
  if (cls === 'symmetric') return sym ? ls : null;
  if (!sym) return Math.LN2 + lg;
  // −ln(½e^{−lg} + ½e^{−ls}) with ls ≤ lg: ln 2 + ls − log1p(e^{ls − lg}).
  return Math.LN2 + ls - Math.log1p(Math.exp(ls - lg));
}

/**
 * The ℓ1/Maurey baseline's entry in a bound report (lem-l1-maurey-baseline): its cover fed through the
 * report's own Dudley and margin steps (passed in, so this file does not fix them).
 */
import type { Architecture } from './architecture.js';
import { L1_MAUREY_BASELINE_ID, l1MaureyCover, l1MaureyLogCover, l1MaureySmoothConstant } from './baselines.js';

/** Id of the result this entry reports: proofs-notes/lem-l1-maurey-baseline.md. */
export const L1_MAUREY_REPORT_ID = L1_MAUREY_BASELINE_ID;

/** One baseline entry (the shape of BoundReport.baselines values). */
export interface L1MaureyEntry {
  /** The baseline's generalization gap. */
  readonly value: number;
  /** One line naming the note and how the baseline differs. */
  readonly description: string;
  /** Its Rademacher bound. */
  readonly rademacher: number;
  /** ln N_{L2(P_m)}(F/2). */
  readonly logCoveringAtHalfRange: number;
  /** K of ln N ≤ K/ε² (smooth form). */
  readonly smoothConstant: number;
  /** e^S of the first [CLS] head (the softmax step's price). */
  readonly softmaxFactor: number;
  /** Extra figures a report entry may carry. */
  readonly [k: string]: unknown;
}

/** What l1MaureyReport returns: the entry, keyed as in BoundReport.baselines, when the class is covered. */
export interface L1MaureyBaselines {
  /** The baseline (absent for classes with self-attention layers). */
  l1Maurey?: L1MaureyEntry;
}

/**
 * `{ l1Maurey: entry }` for a class the baseline covers (no self-attention layers), else `{}` (lem-l1-maurey-baseline).
 * Also `{}` when the baseline does not evaluate in float64 (its softmax price e^S or its K overflows, or a
 * figure is NaN): a baseline is a comparison, so it is left out rather than sinking the bound it sits beside.
 * @param arch - the class.
 * @param chain - (ln N(ε), F) ↦ the report's Rademacher bound and gap (its Dudley and margin steps, confidence and union included).
 */
export function l1MaureyReport(arch: Architecture, chain: (logCover: (eps: number) => number, rangeBound: number) => { rademacher: number; gap: number }): L1MaureyBaselines {
  const cover = l1MaureyCover(arch);
  if (!cover) return {};
  if (!cover.softmaxFactors.every(Number.isFinite)) return {};
  const smoothConstant = l1MaureySmoothConstant(cover.parts);
  if (!Number.isFinite(smoothConstant)) return {};
  const logCover = (eps: number) => l1MaureyLogCover(cover, eps);
  const r = chain(logCover, cover.rangeBound);
  const entry: L1MaureyEntry = {
    value: r.gap,
    description: `${L1_MAUREY_BASELINE_ID} (OURS): Maurey L2(P_n) covers (entrywise l1 or (2,1) budgets from the Frobenius ones), softmax through the rms score error at cost e^S (S = score bound); ln N free of T and m, logarithmic in d; classes without self-attention layers`,
    rademacher: r.rademacher,
    logCoveringAtHalfRange: logCover(cover.rangeBound / 2),
    smoothConstant,
    softmaxFactor: cover.softmaxFactors[0],
  };
  if (![entry.value, entry.rademacher, entry.logCoveringAtHalfRange].every(Number.isFinite)) return {};
  return { l1Maurey: entry };
}

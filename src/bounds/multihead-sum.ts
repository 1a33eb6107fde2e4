/**
 * H [CLS] heads read by one shared linear readout (proofs-notes/thm-multihead-rademacher-sum.md, OURS):
 * f = wᵀ Σ_h σ(W_V^hᵀ Xᵀ a_h) = Σ_h f_h with f_h in the one-head class F_h (readout budget B_w each), so
 *   R̂_S(F) ≤ R̂_S(Σ_h F_h) ≤ Σ_h R̂_S(F_h)   (the sup of a sum is at most the sum of the sups),
 * and each F_h is bounded by the one-head chain. It replaces covering the sum at radius ε/H per head.
 */
import type { Architecture } from './architecture.js';

/** Result id of this module: proofs-notes/thm-multihead-rademacher-sum.md. */
export const MULTIHEAD_SUM_ID = 'thm-multihead-rademacher-sum';

/**
 * Whether the class is a sum of [CLS] heads read by one linear map: no self-attention layers, one bias-free
 * identity readout stage with one output, and at least two heads in total.
 */
export function multiheadSumApplies(arch: Architecture): boolean {
  const r = arch.readout;
  const heads = arch.clsHeads.reduce((s, h) => s + h.count, 0);
  return arch.layers.length === 0 && r.length === 1 && r[0].identity && !r[0].bias && r[0].outputDim === 1 && heads >= 2;
}

/** One single-head class of a sum class and how many heads share it. */
export interface HeadClass {
  /** Heads with these budgets. */
  readonly count: number;
  /** The one-head architecture (kind 'head' or 'scalar'). */
  readonly architecture: Architecture;
}

/**
 * The one-head classes F_h of a sum class, each with its multiplicity (heads with equal budgets share one
 * class): R̂(F) ≤ Σ count · R̂(class). Kind 'head' stays 'head' (generic query); otherwise 'scalar'.
 */
export function singleHeadClasses(arch: Architecture): HeadClass[] {
  const kind = arch.kind === 'head' ? 'head' : 'scalar';
  return arch.clsHeads.map((h) => ({ count: h.count, architecture: { ...arch, kind, clsHeads: [{ ...h, count: 1 }] } }));
}

/** Σ_h count_h · R̂_h: the sum bound from the one-head bounds (thm-multihead-rademacher-sum). */
export function sumOfHeadRademacher(parts: readonly { readonly count: number; readonly rademacher: number }[]): number {
  return parts.reduce((s, p) => s + p.count * p.rademacher, 0);
}

/**
 * ℓ∞ cover of H [CLS] heads summed and read out (proofs-notes/thm-multihead-covering.md): the parts of
 * every head are added to the product cover; the output errors add, so ε is split across heads and
 * parts by lem-epsilon-split (identical heads get equal radii: optimal by symmetry and convexity of
 * the smooth cost). ln N grows like H³ at fixed per-head budgets and fixed ε (H copies, each at ε/H).
 */
import type { HeadBudget } from './architecture.js';

/** Result id of this module: proofs-notes/thm-multihead-covering.md. */
export const MULTIHEAD_COVERING_ID = 'thm-multihead-covering';

/** Replicate one head's budgets H times (the request form of a multi-head layer). */
export function replicateHeads(h: Omit<HeadBudget, 'count'>, heads: number): HeadBudget[] {
  return [{ ...h, count: heads }];
}

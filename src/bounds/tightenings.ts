/**
 * The switchable tightenings of the bound chain (issue 11 item 3; proofs-notes/alg-bound-waterfall.md):
 * each is a separately proven step, on by default (the default chain is the tightest rigorous one), and a
 * request may turn any of them off (`disabledTightenings`; 'all' gives the first chain). The order of
 * TIGHTENINGS is the order of the waterfall (src/bounds/waterfall.ts).
 */

/** The tightenings, in waterfall order, each with the proof note that justifies it. */
export const TIGHTENINGS = ['expectedRademacher', 'massartPairs', 'multisetCentres', 'slackEps', 'l2Maurey', 'coverOnlyQK', 'multiheadRademacherSum'] as const;

/** One tightening's name. */
export type TighteningName = (typeof TIGHTENINGS)[number];

/** Which tightenings are on (true) for one evaluation of the chain. */
export type Tightenings = Readonly<Record<TighteningName, boolean>>;

/** The proof note of each tightening. */
export const TIGHTENING_NOTES: Readonly<Record<TighteningName, string>> = {
  expectedRademacher: 'thm-expected-margin-bound',
  massartPairs: 'lem-dudley-pairs',
  multisetCentres: 'lem-multiset-centres',
  slackEps: 'lem-readout-slack',
  l2Maurey: 'lem-maurey-l2-cover',
  coverOnlyQK: 'thm-qk-only-chaining',
  multiheadRademacherSum: 'thm-multihead-rademacher-sum',
};

/** One line per tightening: what it changes (for reports and --help). */
export const TIGHTENING_DESCRIPTIONS: Readonly<Record<TighteningName, string>> = {
  expectedRademacher: 'margin bound in its expected-Rademacher form: sqrt(ln(1/δ)/(2m)) instead of 3 sqrt(ln(2/δ)/(2m))',
  massartPairs: 'Dudley chaining with Massart over the N_k·N_{k−1} pairs of consecutive levels instead of N_k²',
  multisetCentres: 'mistake-bound cover centres counted as multisets: ln C(2n + M, M) instead of M ln(2n + 1)',
  slackEps: 'readout point norms P + ε/μ instead of P + F/μ',
  l2Maurey: 'L2(P_n) Maurey covers (Bartlett–Foster–Telgarsky Lemma 3.2) for the value and readout parts; ℓ∞ kept for the scores',
  coverOnlyQK: 'identity σ with a linear readout: chain over a cover of W_QK only, the linear part’s supremum bounded exactly',
  multiheadRademacherSum: 'H heads with a shared linear readout: R̂(Σ_h F_h) ≤ Σ_h R̂(F_h) instead of one cover of the sum',
};

/** Every tightening on: the default chain. */
export const ALL_TIGHTENINGS: Tightenings = Object.freeze(Object.fromEntries(TIGHTENINGS.map((t) => [t, true])) as Record<TighteningName, boolean>);

/** Every tightening off: the first chain (the bounds as they were before issue 11 item 3). */
export const NO_TIGHTENINGS: Tightenings = Object.freeze(Object.fromEntries(TIGHTENINGS.map((t) => [t, false])) as Record<TighteningName, boolean>);

/**
 * The tightenings left on when `disabled` are turned off ('all': every one).
 * @param disabled - names from TIGHTENINGS or 'all' (already validated by the request schema).
 */
export function resolveTightenings(disabled: readonly (TighteningName | 'all')[] | undefined): Tightenings {
  if (!disabled || disabled.length === 0) return ALL_TIGHTENINGS;
  if (disabled.includes('all')) return NO_TIGHTENINGS;
  return Object.freeze(Object.fromEntries(TIGHTENINGS.map((t) => [t, !disabled.includes(t)])) as Record<TighteningName, boolean>);
}

/** The first `count` tightenings of TIGHTENINGS on, the rest off: level `count` of the waterfall. */
export function tighteningsUpTo(count: number): Tightenings {
  return Object.freeze(Object.fromEntries(TIGHTENINGS.map((t, i) => [t, i < count])) as Record<TighteningName, boolean>);
}

/**
 * Chaining over a cover of W_QK alone for the identity-σ head with a linear readout
 * (proofs-notes/thm-qk-only-chaining.md, OURS). The class f(X) = ⟨u, v(Q; X)⟩, v = Xᵀ softmax(X Q z),
 * ‖u‖₂ ≤ a = B_V B_w, rows and query ≤ B, ‖Q‖_F ≤ B_QK, is linear in u, so
 *   m R̂_S = E sup_Q a ‖Σ_i σ_i v_i(Q)‖₂
 * exactly; chaining v(Q) over ℓ∞ score covers at radii e_k = e_0 r^{−k} (e_0 = B_QK B², the zero centre),
 * each increment is a finite family of vector sequences with per-sample norms ≤ D_k = min(2B, Bc(e_k + e_{k−1})),
 * and E max_j ‖Σ σ_i Δ^j_i‖ ≤ √m D_k (1 + √(2 ln N)) (Jensen + bounded differences):
 *   R̂_S ≤ min( aB, a [ B/√m + Σ_{k=1}^{M} D_k (1 + √(2 ln P_k))/√m + min(2B, B c e_M) ] ),
 * P_k = N_k N_{k−1} (pairs, N_0 = 1) or N_k² (without massartPairs), N_k the mistake-bound score cover
 * (multiset count when multisetCentres), minimized over M ≤ 60 and r ∈ QK_CHAIN_RATIOS.
 */
import { linearLogCovering } from './linear-cover.js';

/** Result id of this module: proofs-notes/thm-qk-only-chaining.md. */
export const QK_ONLY_CHAINING_ID = 'thm-qk-only-chaining';

/** The level ratios r tried (any fixed decreasing sequence of radii gives a valid bound; the least is kept). */
export const QK_CHAIN_RATIOS: readonly number[] = [Math.SQRT2, 2, 3, 4];

/**
 * The 1 of (1 + √(2 ln N)): E‖Σσ_iΔ_i‖ ≤ √(Σ‖Δ_i‖²) (Jensen). A parameter only for the mutation test.
 */
export const QK_CHAIN_MEAN_TERM = 1;

/** Inputs of the W_QK-only chaining bound (thm-qk-only-chaining). */
export interface QkChainParams {
  /** B_QK: Frobenius budget of W_QK. */
  readonly qkFrobenius: number;
  /** a: bound on ‖u‖₂ = ‖W_V w‖₂ (B_V B_w). */
  readonly linearNorm: number;
  /** B: bound on every row and on the query. */
  readonly rowNorm: number;
  /** T (the score points per sample are T + 1). */
  readonly contextLength: number;
  /** m. */
  readonly sampleSize: number;
  /** c of lem-softmax-linf-l1. */
  readonly softmaxConstant: number;
  /** Count the score cover's centres as multisets (lem-multiset-centres). */
  readonly multiset: boolean;
  /** Massart over the pairs of consecutive levels (lem-dudley-pairs) instead of N_k². */
  readonly pairs: boolean;
  /** The mean term's constant (default QK_CHAIN_MEAN_TERM; mutation tests only). */
  readonly meanTerm?: number;
}

/** The bound and the chain it came from. */
export interface QkChainResult {
  /** The bound on R̂_S. */
  readonly value: number;
  /** M, the number of levels (0: the trivial aB). */
  readonly levels: number;
  /** r, the level ratio. */
  readonly ratio: number;
}

/**
 * R̂_S of the identity head with a linear readout, chaining over W_QK only (thm-qk-only-chaining).
 * Pure: trusts its input (the bounds API validates budgets).
 */
export function qkOnlyRademacher(p: QkChainParams): QkChainResult {
  const { qkFrobenius: Bqk, linearNorm: a, rowNorm: B, sampleSize: m, softmaxConstant: c } = p;
  const trivial = a * B;
  let best: QkChainResult = { value: trivial, levels: 0, ratio: 2 };
  if (!(trivial > 0)) return { value: 0, levels: 0, ratio: 2 };
  const e0 = Bqk * B * B;
  const n = m * (p.contextLength + 1);
  const rootM = Math.sqrt(m);
  const one = p.meanTerm ?? QK_CHAIN_MEAN_TERM;
  if (!(e0 > 0)) return { value: Math.min(trivial, (a * B) / rootM), levels: 0, ratio: 2 };
  for (const r of QK_CHAIN_RATIOS) {
    let sum = B / rootM;
    let prevLn = 0;
    let prevE = e0;
    for (let k = 1; k <= 60; k++) {
      const e = e0 * r ** -k;
      const lnN = linearLogCovering({ weightNorm: Bqk, pointNorm: B * B, points: n, eps: e }, 1, p.multiset);
      if (!Number.isFinite(lnN)) break;
      const lnP = p.pairs ? lnN + prevLn : 2 * lnN;
      const D = Math.min(2 * B, B * c * (e + prevE));
      sum += (D * (one + Math.sqrt(2 * lnP))) / rootM;
      const v = a * (sum + Math.min(2 * B, B * c * e));
      if (v < best.value) best = { value: v, levels: k, ratio: r };
      prevLn = lnN;
      prevE = e;
      if (a * sum >= best.value) break;
    }
  }
  return best;
}

/**
 * Baselines reported next to the log-T bound (proofs-notes/lem-baseline-bounds.md).
 *
 * 1. Parameter counting (volumetric, id lem-volumetric-param-cover): a Euclidean ball of radius a in
 *    R^P has a proper ε-cover of size ≤ (1 + 2a/ε)^P. Covering every weight block i (P_i parameters,
 *    Frobenius budget a_i) at radius r_i and using the same error propagation as the parts
 *    (a change ‖ΔW‖_F ≤ r moves the output by ≤ β_i b_i r) gives
 *      ln N_∞(ε) ≤ Σ_i mult_i P_i ln(1 + 2 a_i / r_i),  Σ_i mult_i β_i b_i r_i = ε,
 *    with the split θ_i ∝ mult_i P_i. No T at all, but linear in the parameter count P.
 * 2. Naive softmax route (id lem-naive-softmax-route): replace the ℓ∞→ℓ1 softmax step (c = 1) by
 *    ‖a − â‖₁ ≤ √(T+1)‖a − â‖₂ ≤ √(T+1)·½‖s − ŝ‖₂ ≤ ((T+1)/2)‖s − ŝ‖_∞ (Nair 2025: softmax is
 *    ½-Lipschitz in ℓ2, VERBATIM abstract in REFERENCES §5). Same cover, c = (T+1)/2: polynomial in T.
 * 3. Trauger & Tewari (2024): NOT implemented; their theorem statements were not found (REFERENCES §4,
 *    and a search of the stored pages returned only their abstract and introduction).
 * 4. A T-independent baseline in their spirit, OURS (id lem-l1-maurey-baseline): Maurey covers in
 *    L2(P_n) of linear maps under entrywise ℓ1 budgets, ln N ≤ ⌈a²b²/ε²⌉ ln(2D) for ‖W‖_{1,1} ≤ a and
 *    ‖x‖_∞ ≤ b (D = number of entries), free of the number of points n, hence of m and T; the softmax
 *    step through the rms of the score error, ‖softmax(s) − softmax(ŝ)‖₁ ≤ e^S·rms(s − ŝ) for scores
 *    in [−S, S] (S = score bound of the budgets), the value cover in L2 of the centre's attention. The
 *    ℓ1 budgets come from the Frobenius ones, ‖W‖_{1,1} ≤ √D‖W‖_F, since requests carry no ℓ1 budget.
 *    Classes without self-attention layers only.
 */
import type { CoverPart } from './cover-parts.js';
import { partBeta } from './cover-parts.js';
import { closedFormShares, splitGamma } from './epsilon-split.js';
import type { Architecture } from './architecture.js';

/** Id of the parameter-counting baseline: proofs-notes/lem-volumetric-param-cover.md. */
export const VOLUMETRIC_BASELINE_ID = 'lem-volumetric-param-cover';
/** Id of the naive (polynomial in T) baseline: proofs-notes/lem-naive-softmax-route.md. */
export const NAIVE_SOFTMAX_BASELINE_ID = 'lem-naive-softmax-route';

/**
 * Total parameter count P = Σ_i mult_i P_i of the parts, P_i = inputDim·outputDim (lem-volumetric-param-cover).
 * @param parts - the composite cover's parts (architectureCover).
 */
export function parameterCount(parts: readonly CoverPart[]): number {
  let P = 0;
  for (const p of parts) P += p.multiplicity * p.inputDim * p.outputDim;
  return P;
}

/** The 2 of the volumetric factor P·ln(1 + 2a/r) (ball of radius a in R^P, proper cover at radius r; lem-volumetric-param-cover); exposed for the mutation test. */
export const VOLUMETRIC_CONSTANT = 2;

/**
 * ln N_∞(ε) of the parameter-counting baseline: Σ_i mult_i P_i ln(1 + 2a_i/r_i) with the split θ_i ∝
 * mult_i P_i; 0 when ε ≥ F (lem-volumetric-param-cover). Trusts its typed input (no checks).
 * @param parts - the composite cover's parts (architectureCover).
 * @param eps - ε > 0, the ℓ∞ covering radius.
 * @param rangeBound - F = sup |f| over the class.
 * @param constant - the volumetric constant, default VOLUMETRIC_CONSTANT = 2.
 */
export function volumetricLogCover(parts: readonly CoverPart[], eps: number, rangeBound: number, constant = VOLUMETRIC_CONSTANT): number {
  if (eps >= rangeBound) return 0;
  const P = parameterCount(parts);
  let s = 0;
  for (const p of parts) {
    const Pi = p.multiplicity * p.inputDim * p.outputDim;
    const theta = Pi / P;
    const r = (theta * eps) / (partBeta(p) * p.pointNorm);
    s += Pi * Math.log(1 + (constant * p.weightNorm) / r);
  }
  return s;
}

/**
 * The naive route's softmax constant c = (T+1)/2, in place of c = 1 (lem-naive-softmax-route).
 * @param contextLength - T.
 */
export function naiveSoftmaxConstant(contextLength: number): number {
  return (contextLength + 1) / 2;
}

/** Id of the T-independent ℓ1/Maurey baseline (OURS): proofs-notes/lem-l1-maurey-baseline.md. */
export const L1_MAUREY_BASELINE_ID = 'lem-l1-maurey-baseline';

/**
 * Maurey's L2(μ) cover of {x ↦ Wᵀx : ‖W‖_{1,1} ≤ a} on points with ‖x‖_∞ ≤ b, any probability μ on the
 * points: ln N ≤ ⌈a²b²/ε²⌉·ln(2D), D = number of entries of W; 0 when ε ≥ ab (the zero map) (lem-l1-maurey-baseline §1).
 * The same expression with a = a (2,1) budget (columns) and b = an ℓ2 bound of the points is Bartlett–Foster–
 * Telgarsky's Lemma 3.2 (p = 2, (r, s) = (∞, 1); note §1b).
 * @param a - ℓ1 budget (or (2,1) budget). @param b - ℓ∞ (or ℓ2) bound of the points. @param entries - D. @param eps - radius > 0.
 * @param constant - the 1 in front of a²b²/ε² (exposed for the mutation test).
 */
export function maureyLogCover(a: number, b: number, entries: number, eps: number, constant = 1): number {
  const r = a * b;
  if (eps >= r) return 0;
  return Math.ceil((constant * r * r) / (eps * eps)) * Math.log(2 * entries);
}

/**
 * The factor of the rms softmax step: ‖softmax(s) − softmax(ŝ)‖₁ ≤ e^S·√((1/n)Σ_u (s_u − ŝ_u)²) for s, ŝ in
 * [−S, S]^n, any n (lem-l1-maurey-baseline §2).
 * @param scoreBound - S ≥ 0.
 */
export function softmaxRmsFactor(scoreBound: number): number {
  return Math.exp(scoreBound);
}

/** One part of the ℓ1/Maurey cover: a linear map covered in L2(μ) by the cheaper of two Maurey routes (lem-l1-maurey-baseline §3). */
export interface MaureyPart {
  /** Where it sits, e.g. "[CLS] head 1 · scores". */
  readonly label: string;
  /** ℓ1 route: entrywise ℓ1 budget of the weight. */
  readonly l1Budget: number;
  /** ℓ1 route: ℓ∞ bound of the points. */
  readonly pointBound: number;
  /** (2,1) route: budget of Σ_l ‖W_{:,l}‖₂ (columns = outputs). */
  readonly group21Budget: number;
  /** (2,1) route: ℓ2 bound of the points. */
  readonly pointNorm: number;
  /** D: the number of entries of the weight. */
  readonly entries: number;
  /** β: weight of this part's L2 radius in the L2(P_m) error of f. */
  readonly errorWeight: number;
  /** Identical copies (heads with equal budgets). */
  readonly multiplicity: number;
}

/** The ℓ1/Maurey cover of a class: its parts, the range bound F, and the softmax factors used. */
export interface MaureyCover {
  /** The parts in order (per head: scores, values; then each readout stage; or per head scores and the value·readout vector). */
  readonly parts: readonly MaureyPart[];
  /** F = sup |f| over the class. */
  readonly rangeBound: number;
  /** e^{S_h} of each [CLS] head budget (S_h = its score bound). */
  readonly softmaxFactors: readonly number[];
  /** Whether the value and readout maps were covered as one vector W_V w (identity σ, one linear readout). */
  readonly combinedValueReadout: boolean;
}

/** The smaller of the two routes' a·b (the radius at which one centre suffices). */
function partScale(p: MaureyPart): number {
  return Math.min(p.l1Budget * p.pointBound, p.group21Budget * p.pointNorm);
}

/** Cost of one copy of a part at radius e: the cheaper route (both are valid covers). */
export function maureyPartLogCover(p: MaureyPart, e: number): number {
  return Math.min(maureyLogCover(p.l1Budget, p.pointBound, p.entries, e), maureyLogCover(p.group21Budget, p.pointNorm, p.entries, e));
}

/**
 * The ℓ1/Maurey cover of a class without self-attention layers ([CLS] heads summed, any readout chain)
 * (lem-l1-maurey-baseline §3); ℓ1 budgets √D·(Frobenius budget), (2,1) budgets √(outputs)·(Frobenius budget);
 * null when the class has layers or heads of different output dimensions.
 * @param arch - the class (architectureFromRequest / architectureFromModel / a grid cell).
 */
export function l1MaureyCover(arch: Architecture): MaureyCover | null {
  if (arch.layers.length > 0 || arch.clsHeads.length === 0 || arch.readout.length === 0) return null;
  const d = arch.width;
  const BX = arch.inputRowNorm;
  const k = arch.clsHeads[0].valueDim;
  if (arch.clsHeads.some((h) => h.valueDim !== k) || arch.readout[0].inputDim !== k) return null;
  const parts: MaureyPart[] = [];
  const softmaxFactors: number[] = [];
  const scorePart = (h: Architecture['clsHeads'][number], i: number, errorWeight: number): MaureyPart => {
    const aQK = d * h.qkFrobenius; // ‖W‖_{1,1} ≤ √(d·d)·‖W‖_F
    const S = Math.min(h.qkSpectral, aQK) * BX * BX; // |x_uᵀ W x_0| ≤ ‖W‖_σ B_X², ≤ ‖W‖_{1,1} B_∞²
    softmaxFactors.push(softmaxRmsFactor(S));
    // (2,1) route: W ↦ ⟨W, x_u x_0ᵀ⟩ is one output, so the (2,1) budget is ‖W‖_F and the points have ‖x_u x_0ᵀ‖_F ≤ B_X².
    return {
      label: `[CLS] head ${i + 1} · scores`,
      l1Budget: aQK,
      pointBound: BX * BX,
      group21Budget: h.qkFrobenius,
      pointNorm: BX * BX,
      entries: d * d,
      errorWeight: errorWeight * softmaxRmsFactor(S),
      multiplicity: h.count,
    };
  };
  const last = arch.readout[arch.readout.length - 1];
  const combined = arch.readout.length === 1 && last.identity && !last.bias && last.outputDim === 1 && arch.clsHeads.every((h) => h.identity);
  if (combined) {
    // f = Σ_h (W_V^h w)ᵀ Xᵀ a_h with ‖W_V^h w‖₂ ≤ B_V^h B_w: one vector per head (note §3, identity case).
    const Bw = last.spectral;
    arch.clsHeads.forEach((h, i) => {
      const a2 = h.valueSpectral * Bw;
      parts.push(scorePart(h, i, a2 * BX));
      parts.push({ label: `[CLS] head ${i + 1} · value·readout`, l1Budget: Math.sqrt(d) * a2, pointBound: BX, group21Budget: a2, pointNorm: BX, entries: d, errorWeight: 1, multiplicity: h.count });
    });
    let F = 0;
    for (const h of arch.clsHeads) F += h.count * h.valueSpectral * Bw * BX;
    return { parts, rangeBound: F, softmaxFactors, combinedValueReadout: true };
  }
  // Readout chain: R_l bounds ‖u_l‖₂ of members (and of the projected centres); G_l = Lipschitz constant of stages l+1.. .
  const R: number[] = [0];
  for (const h of arch.clsHeads) R[0] += h.count * h.activationLipschitz * h.valueSpectral * BX;
  arch.readout.forEach((st, l) => {
    R.push(st.lipschitz * st.spectral * Math.sqrt(R[l] * R[l] + (st.bias ? 1 : 0)));
  });
  const G: number[] = new Array(arch.readout.length + 1).fill(1);
  for (let l = arch.readout.length - 1; l >= 0; l--) G[l] = G[l + 1] * arch.readout[l].lipschitz * arch.readout[l].spectral;
  arch.clsHeads.forEach((h, i) => {
    const headWeight = G[0] * h.activationLipschitz;
    parts.push(scorePart(h, i, headWeight * h.valueSpectral * BX));
    const D = d * h.valueDim;
    parts.push({
      label: `[CLS] head ${i + 1} · values`,
      l1Budget: Math.sqrt(D) * h.valueFrobenius,
      pointBound: BX,
      group21Budget: Math.sqrt(h.valueDim) * h.valueFrobenius,
      pointNorm: BX,
      entries: D,
      errorWeight: headWeight,
      multiplicity: h.count,
    });
  });
  arch.readout.forEach((st, l) => {
    const rows = st.inputDim + (st.bias ? 1 : 0);
    const D = rows * st.outputDim;
    const b = Math.max(R[l], st.bias ? 1 : 0);
    parts.push({
      label: `readout stage ${l + 1}`,
      l1Budget: Math.sqrt(D) * st.frobenius,
      pointBound: b,
      group21Budget: Math.sqrt(st.outputDim) * st.frobenius,
      pointNorm: Math.sqrt(R[l] * R[l] + (st.bias ? 1 : 0)),
      entries: D,
      errorWeight: G[l + 1] * st.lipschitz,
      multiplicity: 1,
    });
  });
  return { parts, rangeBound: R[R.length - 1], softmaxFactors, combinedValueReadout: false };
}

/** α_i = multiplicity·(ab)²·ln(2D) (cheaper route) and β_i = multiplicity·errorWeight of the smooth split (lem-epsilon-split). */
function maureyAlphaBeta(parts: readonly MaureyPart[]): { alphas: number[]; betas: number[] } {
  return {
    alphas: parts.map((p) => p.multiplicity * partScale(p) ** 2 * Math.log(2 * p.entries)),
    betas: parts.map((p) => p.multiplicity * p.errorWeight),
  };
}

/** K of the smooth form ln N(ε) ≤ K/ε² (up to the ceilings): γ³ of lem-epsilon-split with the parts' α, β. */
export function l1MaureySmoothConstant(parts: readonly MaureyPart[]): number {
  const { alphas, betas } = maureyAlphaBeta(parts);
  return splitGamma(alphas, betas) ** 3;
}

/**
 * ln N_{L2(P_m)}(ε) of the class: Σ_i multiplicity_i·maureyPartLogCover(part_i, ε_i) at the closed-form
 * shares ε_i = θ_i ε / β_i (any split is valid; lem-l1-maurey-baseline §3).
 * @param cover - l1MaureyCover's result. @param eps - ε > 0.
 */
export function l1MaureyLogCover(cover: MaureyCover, eps: number): number {
  if (eps >= cover.rangeBound) return 0;
  const { alphas, betas } = maureyAlphaBeta(cover.parts);
  const th = closedFormShares(alphas, betas);
  let s = 0;
  cover.parts.forEach((p, i) => {
    s += p.multiplicity * maureyPartLogCover(p, (th[i] * eps) / betas[i]);
  });
  return s;
}

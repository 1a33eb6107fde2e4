/**
 * ℓ∞ cover of an L-layer Transformer with a [CLS] readout (proofs-notes/thm-transformer-covering.md).
 * Layer l (input rows ≤ B_l; B_1 = B_X, B_{l+1} = R_l by Π_R, or without Π_R the forward bound plus
 * F/Λ_l^low, the most a centre's rows can exceed it) is covered on the centre outputs of
 * the layers below; its output error (max-row ℓ2) reaches the output multiplied by
 *   Λ_l = Π_{j>l} Lip_j · Lip_top      (lem-layer-lipschitz),
 * so parts of layer l, per head:
 *   scores ⟨W_QK, x_u x_tᵀ⟩ on m(T+1)² points of norm ≤ B_l², weight Λ_l ‖W_C‖ L_σ B_V B_l c;
 *   value  W_Vᵀ v̂_t on m(T+1) centre points (norm ≤ B_l), k outputs, weight Λ_l ‖W_C‖ L_σ;
 *   output W_Cᵀ σ(Ŵ_Vᵀ v̂_t) on m(T+1) points (norm ≤ L_σ B_V B_l + F/(Λ_l‖W_C‖)), d outputs, weight Λ_l.
 * T enters only through logs: ln(2m(T+1)²+1) and ln(2m(T+1)p+1). Depth enters through Π Lip_j.
 */
import type { Architecture } from './architecture.js';
import type { CoverPart } from './cover-parts.js';
import { topBlockParts, topLipschitzFloor } from './head-covering.js';
import { layerLipschitz } from './layer-lipschitz.js';

/** Result id of this module: proofs-notes/thm-transformer-covering.md. */
export const TRANSFORMER_COVERING_ID = 'thm-transformer-covering';

/** Everything the composite cover of an architecture needs (thm-transformer-covering). */
export interface ArchitectureCover {
  /** The linear parts of the composite cover (one lifted linear cover each), in chain order. */
  readonly parts: CoverPart[];
  /** F = sup |f|. */
  readonly rangeBound: number;
  /** Centre-side row bounds B_l, l = 1..L+1 (B_{L+1}: rows read by the top block). */
  readonly rowBounds: number[];
  /** Lip_l, l = 1..L. */
  readonly layerLipschitz: number[];
  /** Lip_top. */
  readonly topLipschitz: number;
  /** Λ_l, l = 1..L. */
  readonly layerMultipliers: number[];
}

/**
 * Build the parts of the whole class's ℓ∞ cover (thm-transformer-covering; one layer: thm-head-covering,
 * thm-multihead-covering). Trusts its typed input (validated by the bounds API's request schema).
 * @param arch - the class's norm budgets.
 * @param sampleSize - m, the number of samples the cover is over.
 * @param softmaxConstant - c of lem-softmax-linf-l1 (1 proven; the naive baseline passes (T+1)/2).
 * @param valueRoute - the top block's value cover: 'l2' (lifted ℓ2 cover, default) or 'linf' (per-coordinate
 *   route of thm-head-covering; used only when readout[0].rowGroup21 is known).
 */
export function architectureCover(arch: Architecture, sampleSize: number, softmaxConstant: number, valueRoute: 'l2' | 'linf' = 'l2'): ArchitectureCover {
  const T = arch.contextLength;
  const d = arch.width;
  const m = sampleSize;
  const c = softmaxConstant;
  // True row bounds (for F) and centre-side row bounds (for points and Lipschitz constants).
  const fwd = (l: (typeof arch.layers)[number], B: number) => (l.residual ? B : 0) + l.heads.reduce((s, h) => s + h.count * h.outputSpectral * h.activationLipschitz * h.valueSpectral * B, 0);
  const trueRows = [arch.inputRowNorm];
  for (const l of arch.layers) {
    const next = fwd(l, trueRows[trueRows.length - 1]);
    trueRows.push(l.projectionRadius === null ? next : Math.min(l.projectionRadius, next));
  }
  const Ftrue = topBlockParts({ heads: arch.clsHeads, readout: arch.readout, rowNorm: trueRows[trueRows.length - 1], contextLength: T, width: d, sampleSize: m, softmaxConstant: c }).rangeBound;
  // Λ_l ≥ Λ_l^low (B-free factors of lem-layer-lipschitz): an unprojected layer's centre rows exceed the
  // true forward bound by at most its output error E_l ≤ ε/Λ_l ≤ F/Λ_l^low.
  const lipFloor = arch.layers.map((l) => (l.residual ? 1 : 0) + l.heads.reduce((s, h) => s + h.count * h.outputSpectral * h.activationLipschitz * h.valueSpectral, 0));
  const lambdaLow: number[] = new Array(arch.layers.length);
  let accLow = topLipschitzFloor(arch.clsHeads, arch.readout);
  for (let l = arch.layers.length - 1; l >= 0; l--) {
    lambdaLow[l] = accLow;
    accLow *= lipFloor[l];
  }
  const rowBounds = [arch.inputRowNorm];
  arch.layers.forEach((l, i) => {
    const R = l.projectionRadius;
    rowBounds.push(R !== null ? R : fwd(l, rowBounds[i]) + (lambdaLow[i] > 0 ? Ftrue / lambdaLow[i] : Infinity));
  });
  const Btop = rowBounds[rowBounds.length - 1];
  const top = topBlockParts({
    heads: arch.clsHeads,
    readout: arch.readout,
    rowNorm: Btop,
    trueRowNorm: trueRows[trueRows.length - 1],
    contextLength: T,
    width: d,
    sampleSize: m,
    softmaxConstant: c,
    valueRoute,
  });
  const F = top.rangeBound;
  const lips = arch.layers.map((l, i) =>
    layerLipschitz(
      {
        rowNorm: rowBounds[i],
        residual: l.residual,
        heads: l.heads.flatMap((h) =>
          Array.from({ length: h.count }, () => ({ qkSpectral: h.qkSpectral, valueSpectral: h.valueSpectral, outputSpectral: h.outputSpectral, activationLipschitz: h.activationLipschitz })),
        ),
      },
      c,
    ),
  );
  const Lambda: number[] = new Array(arch.layers.length);
  let acc = top.inputLipschitz;
  for (let l = arch.layers.length - 1; l >= 0; l--) {
    Lambda[l] = acc;
    acc *= lips[l];
  }
  const parts: CoverPart[] = [];
  arch.layers.forEach((layer, l) => {
    const B = rowBounds[l];
    const Lam = Lambda[l];
    for (const h of layer.heads) {
      const tag = `layer ${l + 1} head`;
      parts.push({
        label: `${tag} · scores ⟨W_QK, x_u x_tᵀ⟩`,
        weightNorm: h.qkFrobenius,
        pointNorm: B * B,
        points: m * (T + 1) * (T + 1),
        outputDim: 1,
        inputDim: d * d,
        multiplicity: h.count,
        errorWeight: Lam * h.outputSpectral * h.activationLipschitz * h.valueSpectral * B * c,
      });
      parts.push({
        label: `${tag} · value W_Vᵀ v̂`,
        weightNorm: h.valueFrobenius,
        pointNorm: B,
        points: m * (T + 1),
        outputDim: h.valueDim,
        inputDim: d,
        multiplicity: h.count,
        errorWeight: Lam * h.outputSpectral * h.activationLipschitz,
      });
      const slack = Lam * h.outputSpectral > 0 ? F / (Lam * h.outputSpectral) : 0;
      parts.push({
        label: `${tag} · output W_Cᵀ σ(·)`,
        weightNorm: h.outputFrobenius,
        pointNorm: h.activationLipschitz * h.valueSpectral * B + slack,
        // The centre's input exceeds L_σ B_V B by at most the upstream error ≤ ε/(Λ_l‖W_C‖) (lem-readout-slack).
        slack: { base: h.activationLipschitz * h.valueSpectral * B, perEps: Lam * h.outputSpectral > 0 ? 1 / (Lam * h.outputSpectral) : 0, bias: false },
        points: m * (T + 1),
        outputDim: d,
        inputDim: h.valueDim,
        multiplicity: h.count,
        errorWeight: Lam,
      });
    }
  });
  parts.push(...top.parts);
  // Parts whose map is identically zero or whose error never reaches the output cost nothing.
  const live = parts.filter((p) => p.weightNorm * p.pointNorm > 0 && p.errorWeight > 0);
  return { parts: live, rangeBound: F, rowBounds, layerLipschitz: lips, topLipschitz: top.inputLipschitz, layerMultipliers: Lambda };
}

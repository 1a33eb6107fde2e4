/**
 * ℓ∞ cover of the scalar [CLS] head class (and of the generic-query head read by a linear readout),
 * proofs-notes/thm-head-covering.md. For heads read by the readout chain φ_out:
 *   f(X) = φ_out( Σ_j σ(W_V^jᵀ Xᵀ softmax(X W_QK^j z)) ),   rows and query of norm ≤ B,
 * the cover is a product of linear parts (cover-parts.ts):
 *   score part  (per head): ⟨W_QK, x_u zᵀ⟩ on n = m(T+1) points of norm ≤ B², weight μ₀ L_σ B_V B c;
 *   value part  (per head): W_Vᵀ v̂ on the m centre points v̂ = Xᵀâ (‖v̂‖ ≤ B), lifted to k outputs,
 *                            weight μ₀ L_σ;
 *   readout stage r: Wᵀ v on m centre points (norm ≤ P_{r−1} + F/μ_{r−1}), weight ρ_r μ_r;
 * with μ_r = Π_{i>r} ρ_i S_i, F = sup|f|. When σ and the readout are linear (one bias-free identity
 * stage w), value and readout merge into one scalar part u = W_V w, ‖u‖₂ ≤ B_V B_w: dimension-free.
 * T enters only through ln(2m(T+1)+1).
 */
import type { HeadBudget, ReadoutBudget } from './architecture.js';
import type { CoverPart } from './cover-parts.js';
import { headInputLipschitz } from './layer-lipschitz.js';

/** Result id of this module: proofs-notes/thm-head-covering.md. */
export const HEAD_COVERING_ID = 'thm-head-covering';

/** Id of the ε slack of the readout point norms (proofs-notes/lem-readout-slack.md). */
export const READOUT_SLACK_ID = 'lem-readout-slack';

/**
 * Lower bound on the top block's input Lipschitz constant that holds for every row bound (the B = 0
 * value of lem-layer-lipschitz's factors): used to bound the centres' row growth in unprojected layers.
 */
export function topLipschitzFloor(heads: readonly HeadBudget[], readout: readonly ReadoutBudget[]): number {
  let mu0 = 1;
  for (const r of readout) mu0 *= r.lipschitz * r.spectral;
  const linear = readout.length === 1 && !readout[0].bias && readout[0].identity && readout[0].outputDim === 1 && heads.length > 0 && heads.every((h) => h.identity);
  if (heads.length === 0) return mu0;
  return heads.reduce((s, h) => s + h.count * (linear ? 1 : h.activationLipschitz) * h.valueSpectral * mu0, 0);
}

/** The top block: [CLS] heads + readout, over inputs with rows of norm ≤ rowNorm. */
export interface TopBlock {
  readonly parts: CoverPart[];
  /** F = sup |f| over the class. */
  readonly rangeBound: number;
  /** Lipschitz constant of the block in its input (max-row metric), lem-layer-lipschitz. */
  readonly inputLipschitz: number;
}

const aug = (b: number, bias: boolean) => (bias ? Math.hypot(b, 1) : b);

/**
 * Build the parts of the top block (thm-head-covering). `queryRowsPerSample` is 1 ([CLS] or one
 * generic query per sample). Pure: no validation (api.ts validates budgets).
 */
export function topBlockParts(p: {
  readonly heads: readonly HeadBudget[];
  readonly readout: readonly ReadoutBudget[];
  readonly rowNorm: number;
  /** Row bound of the TRUE inputs (≤ rowNorm), used for F = sup|f|; defaults to rowNorm. */
  readonly trueRowNorm?: number;
  readonly contextLength: number;
  readonly width: number;
  readonly sampleSize: number;
  readonly softmaxConstant: number;
  /** 'l2' (default) or 'linf': the per-coordinate value route (needs readout[0].rowGroup21). */
  readonly valueRoute?: 'l2' | 'linf';
}): TopBlock {
  const { heads, readout, rowNorm: B, contextLength: T, width: d, sampleSize: m, softmaxConstant: c } = p;
  const Bt = p.trueRowNorm ?? B;
  const parts: CoverPart[] = [];
  const scorePart = (h: HeadBudget, weight: number): CoverPart => ({
    label: 'cls head · scores ⟨W_QK, x_u zᵀ⟩',
    weightNorm: h.qkFrobenius,
    pointNorm: B * B,
    points: m * (T + 1),
    outputDim: 1,
    inputDim: d * d,
    multiplicity: h.count,
    errorWeight: weight,
  });
  const linear = readout.length === 1 && !readout[0].bias && readout[0].identity && readout[0].outputDim === 1 && heads.length > 0 && heads.every((h) => h.identity);
  if (linear) {
    const Bw = readout[0].spectral;
    let F = 0;
    let lip = 0;
    for (const h of heads) {
      F += h.count * h.valueSpectral * Bw * Bt;
      lip += h.count * headInputLipschitz({ qkSpectral: h.qkSpectral, valueSpectral: h.valueSpectral, outputSpectral: Bw, activationLipschitz: 1 }, B, c);
      parts.push(scorePart(h, Bw * h.valueSpectral * B * c));
      parts.push({
        label: 'cls head · value·readout u = W_V w',
        weightNorm: h.valueSpectral * Bw,
        pointNorm: B,
        points: m,
        outputDim: 1,
        inputDim: d,
        multiplicity: h.count,
        errorWeight: 1,
        // u ∈ R^d is one column: ‖u‖_{2,1} = ‖u‖₂ ≤ B_V B_w (lem-maurey-l2-cover).
        maurey: { groupBudget: h.valueSpectral * Bw, inputDim: d, outputDim: 1, exclusive: false },
      });
    }
    return { parts, rangeBound: F, inputLipschitz: lip };
  }
  // Forward norm bounds P_r and multipliers μ_r.
  let P0 = 0;
  for (const h of heads) P0 += h.count * h.activationLipschitz * h.valueSpectral * B;
  if (heads.length === 0) P0 = B;
  // P: forward norm bounds on the centres' side (rows ≤ B); F from the true rows (≤ Bt).
  const P: number[] = [P0];
  for (const r of readout) P.push(r.lipschitz * r.spectral * aug(P[P.length - 1], r.bias));
  let Ft = heads.length === 0 ? Bt : heads.reduce((s, h) => s + h.count * h.activationLipschitz * h.valueSpectral * Bt, 0);
  for (const r of readout) Ft = r.lipschitz * r.spectral * aug(Ft, r.bias);
  const F = Ft;
  const mu: number[] = new Array(readout.length + 1);
  mu[readout.length] = 1;
  for (let r = readout.length - 1; r >= 0; r--) mu[r] = readout[r].lipschitz * readout[r].spectral * mu[r + 1];
  const linf = p.valueRoute === 'linf' && heads.length > 0 && readout[0].rowGroup21 !== undefined;
  // Point norms of the readout stages' centre inputs.
  const Pc: number[] = [P[0]];
  if (linf) {
    // Centre pooled vector Σ σ(Ŵ_Vᵀ v̂) with ‖Ŵ_V‖_F ≤ 2‖W_V‖_F (mistake-bound centres), then either the
    // centres' own Frobenius growth or the true chain on it plus the readout-only error F/μ.
    Pc[0] = heads.reduce((s, h) => s + h.count * h.activationLipschitz * 2 * h.valueFrobenius * B, 0);
    const Q = [Pc[0]];
    readout.forEach((r, i) => {
      Q.push(r.lipschitz * r.spectral * aug(Q[i], r.bias));
      Pc.push(Math.min(r.lipschitz * 2 * r.frobenius * aug(Pc[i], r.bias), mu[i + 1] > 0 ? Q[i + 1] + F / mu[i + 1] : Infinity));
    });
  }
  readout.forEach((r, i) => {
    const pointNorm = linf ? Pc[i] : P[i] + (mu[i] > 0 ? F / mu[i] : 0);
    const inDim = r.inputDim + (r.bias ? 1 : 0);
    parts.push({
      label: `readout stage ${i + 1}`,
      weightNorm: r.frobenius,
      pointNorm: aug(pointNorm, r.bias),
      points: m,
      outputDim: r.outputDim,
      inputDim: inDim,
      multiplicity: 1,
      errorWeight: r.lipschitz * mu[i + 1],
      // ℓ2 route only: the centre's input is within (upstream error) ≤ ε/μ_{r−1} of the true one
      // (lem-readout-slack), and with Maurey value parts only in L2(P_n), so the stage is Maurey-covered
      // alone (lem-maurey-l2-cover); ‖W‖_{2,1} ≤ √p‖W‖_F.
      ...(linf
        ? {}
        : {
            slack: { base: P[i], perEps: mu[i] > 0 ? 1 / mu[i] : 0, bias: r.bias },
            maurey: { groupBudget: r.outputDim === 1 ? r.frobenius : Math.sqrt(r.outputDim) * r.frobenius, inputDim: inDim, outputDim: r.outputDim, exclusive: true },
          }),
    });
  });
  let lip = heads.length === 0 ? mu[0] : 0;
  for (const h of heads) {
    lip += h.count * headInputLipschitz({ qkSpectral: h.qkSpectral, valueSpectral: h.valueSpectral, outputSpectral: mu[0], activationLipschitz: h.activationLipschitz }, B, c);
    parts.push(scorePart(h, mu[0] * h.activationLipschitz * h.valueSpectral * B * c));
    if (linf) {
      const r0 = readout[0];
      parts.push({
        label: 'cls head · value W_Vᵀ v̂ (per coordinate)',
        weightNorm: h.valueFrobenius,
        pointNorm: B,
        points: m,
        outputDim: h.valueDim,
        inputDim: d,
        multiplicity: h.count,
        errorWeight: h.activationLipschitz * r0.lipschitz * (r0.rowGroup21 as number) * mu[1],
        perCoordinate: true,
      });
    } else
      parts.push({
        label: 'cls head · value W_Vᵀ v̂',
        weightNorm: h.valueFrobenius,
        pointNorm: B,
        points: m,
        outputDim: h.valueDim,
        inputDim: d,
        multiplicity: h.count,
        errorWeight: mu[0] * h.activationLipschitz,
        // (2,1) budget of W_V (columns), or √k‖W_V‖_F when only the Frobenius budget is known (lem-maurey-l2-cover).
        maurey: { groupBudget: h.valueGroup21 ?? Math.sqrt(h.valueDim) * h.valueFrobenius, inputDim: d, outputDim: h.valueDim, exclusive: false },
      });
  }
  return { parts, rangeBound: F, inputLipschitz: lip };
}

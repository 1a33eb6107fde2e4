/**
 * architectureCover's output (thm-transformer-covering) against a second evaluation written from the note's
 * statement, field by field: the true and centre-side row bounds (Π_R, or fwd_l(B_l) + F/Λ_l^low without it),
 * Lip_l (lem-layer-lipschitz), Λ_l = Lip_top Π_{j>l} Lip_j, and every layer part's a, b, n, p, β, slack and
 * label from the note's table; the top block's parts are thm-head-covering's at B_{L+1} (compared with
 * topBlockParts at the hand row bounds). The property file checks that the composite cover is valid, which a
 * loosened constant keeps; these checks pin the numbers, so `a*b -> a/b`, dropped terms, swapped min/max and
 * wrong filters fail. Budgets are distinct non-unit values (B_X = 1.3, c = 1.7, counts 2 and 3, T = 3, d = 5,
 * m = 7) so a swapped operator moves a value; heads with a zero budget check the live-part filter.
 */
import { describe, expect, test } from 'vitest';
import type { Architecture, HeadBudget, LayerBudget, ReadoutBudget } from '../../../src/bounds/architecture.js';
import { architectureCover } from '../../../src/bounds/transformer-covering.js';
import { topBlockParts } from '../../../src/bounds/head-covering.js';

/** Relative tolerance of a second float evaluation of the same formula (different operation order). */
const REL = 1e-12;

const close = (got: number, want: number) => {
  if (want === Infinity) expect(got).toBe(Infinity);
  else expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want) + 1e-300);
};

function head(o: Partial<HeadBudget> = {}): HeadBudget {
  return {
    qkFrobenius: 1.9,
    qkSpectral: 0.7,
    valueFrobenius: 1.6,
    valueSpectral: 0.9,
    valueDim: 3,
    activationLipschitz: 1.1,
    identity: false,
    outputFrobenius: 1.4,
    outputSpectral: 0.8,
    count: 2,
    ...o,
  };
}

const READOUT: ReadoutBudget[] = [{ frobenius: 1.5, spectral: 1.2, inputDim: 3, outputDim: 1, lipschitz: 1, bias: false, identity: false }];

function arch(layers: LayerBudget[], cls: HeadBudget[] = [head({ count: 1, valueSpectral: 1.05, qkSpectral: 0.6 })], readout = READOUT): Architecture {
  return { kind: 'transformer', contextLength: 3, width: 5, inputRowNorm: 1.3, layers, clsHeads: cls, readout };
}

/** The note's quantities, evaluated by hand for a top block with one nonlinear readout stage (no bias). */
function reference(a: Architecture, m: number, c: number) {
  const T = a.contextLength;
  const rho = a.readout[0].lipschitz;
  const S = a.readout[0].spectral;
  const mu0 = rho * S;
  // Row growth of the true layer: [res]B + Σ_h count‖W_C‖L_σB_V B.
  const growth = (l: LayerBudget) => l.heads.reduce((s, h) => s + h.count * h.outputSpectral * h.activationLipschitz * h.valueSpectral, 0);
  const fwd = (l: LayerBudget, B: number) => (l.residual ? B : 0) + growth(l) * B;
  const trueRows = [a.inputRowNorm];
  for (const l of a.layers) {
    const next = fwd(l, trueRows[trueRows.length - 1]);
    trueRows.push(l.projectionRadius === null ? next : Math.min(l.projectionRadius, next));
  }
  const Bt = trueRows[trueRows.length - 1];
  // F = ρ S Σ count L_σ B_V B_t (thm-head-covering, one stage, no bias).
  const F = mu0 * a.clsHeads.reduce((s, h) => s + h.count * h.activationLipschitz * h.valueSpectral * Bt, 0);
  const lipTopLow = mu0 * a.clsHeads.reduce((s, h) => s + h.count * h.activationLipschitz * h.valueSpectral, 0);
  const L = a.layers.length;
  const lamLow = a.layers.map((_, l) => {
    let v = lipTopLow;
    for (let j = l + 1; j < L; j++) v *= (a.layers[j].residual ? 1 : 0) + growth(a.layers[j]);
    return v;
  });
  const rows = [a.inputRowNorm];
  a.layers.forEach((l, i) => rows.push(l.projectionRadius !== null ? l.projectionRadius : fwd(l, rows[i]) + (lamLow[i] > 0 ? F / lamLow[i] : Infinity)));
  const Btop = rows[L];
  // Lip of a head at row bound B: ‖W_C‖ L_σ B_V (1 + 2cB²‖W_QK‖₂) (lem-layer-lipschitz).
  const headLip = (out: number, h: HeadBudget, B: number) => out * h.activationLipschitz * h.valueSpectral * (1 + 2 * c * B * B * h.qkSpectral);
  const lips = a.layers.map((l, i) => (l.residual ? 1 : 0) + l.heads.reduce((s, h) => s + h.count * headLip(h.outputSpectral, h, rows[i]), 0));
  const lipTop = a.clsHeads.reduce((s, h) => s + h.count * headLip(mu0, h, Btop), 0);
  const Lam = a.layers.map((_, l) => {
    let v = lipTop;
    for (let j = l + 1; j < L; j++) v *= lips[j];
    return v;
  });
  const parts: { label: string; a: number; b: number; n: number; p: number; inDim: number; mult: number; beta: number; slack?: { base: number; perEps: number } }[] = [];
  a.layers.forEach((layer, l) => {
    const B = rows[l];
    for (const h of layer.heads) {
      const tag = `layer ${l + 1} head`;
      parts.push({
        label: `${tag} · scores ⟨W_QK, x_u x_tᵀ⟩`,
        a: h.qkFrobenius,
        b: B ** 2,
        n: m * (T + 1) ** 2,
        p: 1,
        inDim: a.width ** 2,
        mult: h.count,
        beta: Lam[l] * h.outputSpectral * h.activationLipschitz * h.valueSpectral * B * c,
      });
      parts.push({ label: `${tag} · value W_Vᵀ v̂`, a: h.valueFrobenius, b: B, n: m * (T + 1), p: h.valueDim, inDim: a.width, mult: h.count, beta: Lam[l] * h.outputSpectral * h.activationLipschitz });
      const mu = Lam[l] * h.outputSpectral;
      const base = h.activationLipschitz * h.valueSpectral * B;
      parts.push({
        label: `${tag} · output W_Cᵀ σ(·)`,
        a: h.outputFrobenius,
        b: base + (mu > 0 ? F / mu : 0),
        n: m * (T + 1),
        p: a.width,
        inDim: h.valueDim,
        mult: h.count,
        beta: Lam[l],
        slack: { base, perEps: mu > 0 ? 1 / mu : 0 },
      });
    }
  });
  const live = parts.filter((p) => p.a * p.b > 0 && p.beta > 0);
  return { trueRows, F, rows, lips, lipTop, Lam, live, Btop, Bt };
}

function checkAgainstReference(a: Architecture, m: number, c: number) {
  const got = architectureCover(a, m, c);
  const want = reference(a, m, c);
  close(got.rangeBound, want.F);
  expect(got.rowBounds).toHaveLength(want.rows.length);
  got.rowBounds.forEach((v, i) => close(v, want.rows[i]));
  expect(got.layerLipschitz).toHaveLength(want.lips.length);
  got.layerLipschitz.forEach((v, i) => close(v, want.lips[i]));
  close(got.topLipschitz, want.lipTop);
  expect(got.layerMultipliers).toHaveLength(want.Lam.length);
  got.layerMultipliers.forEach((v, i) => close(v, want.Lam[i]));
  const top = topBlockParts({ heads: a.clsHeads, readout: a.readout, rowNorm: want.Btop, trueRowNorm: want.Bt, contextLength: a.contextLength, width: a.width, sampleSize: m, softmaxConstant: c });
  const topLive = top.parts.filter((p) => p.weightNorm * p.pointNorm > 0 && p.errorWeight > 0);
  expect(got.parts).toHaveLength(want.live.length + topLive.length);
  want.live.forEach((w, i) => {
    const p = got.parts[i];
    expect(p.label).toBe(w.label);
    close(p.weightNorm, w.a);
    close(p.pointNorm, w.b);
    expect(p.points).toBe(w.n);
    expect(p.outputDim).toBe(w.p);
    expect(p.inputDim).toBe(w.inDim);
    expect(p.multiplicity).toBe(w.mult);
    close(p.errorWeight, w.beta);
    expect(p.perCoordinate ?? false).toBe(false);
    expect(p.maurey).toBeUndefined();
    if (w.slack) {
      expect(p.slack?.bias).toBe(false);
      close(p.slack?.base as number, w.slack.base);
      close(p.slack?.perEps as number, w.slack.perEps);
    } else expect(p.slack).toBeUndefined();
  });
  topLive.forEach((t, i) => {
    const p = got.parts[want.live.length + i];
    expect(p.label).toBe(t.label);
    close(p.weightNorm, t.weightNorm);
    close(p.pointNorm, t.pointNorm);
    close(p.errorWeight, t.errorWeight);
    expect(p.points).toBe(t.points);
  });
  return { got, want };
}

describe('architectureCover = the note’s table, evaluated by hand', () => {
  test('two layers, both projected (R = 1.1, 0.95), two head entries per layer with counts 2 and 3, c = 1.7', () => {
    const a = arch([
      { heads: [head(), head({ count: 3, qkFrobenius: 2.3, qkSpectral: 0.5, valueDim: 2, activationLipschitz: 0.9, outputSpectral: 1.15 })], residual: true, projectionRadius: 1.1 },
      { heads: [head({ valueSpectral: 1.2, outputFrobenius: 2.1 })], residual: false, projectionRadius: 0.95 },
    ]);
    const { got, want } = checkAgainstReference(a, 7, 1.7);
    // Projected layers: the centre rows are R_l; the true rows the smaller of R_l and the forward bound.
    expect(got.rowBounds).toEqual([1.3, 1.1, 0.95]);
    expect(want.trueRows[1]).toBeLessThan(want.rows[1] + 1); // sanity of the reference itself
    expect(got.parts).toHaveLength(3 * 3 + 3);
  });

  test('no Π_R: centre rows are fwd_l(B_l) + F/Λ_l^low; the true rows (F) use no slack; a projection above fwd keeps fwd', () => {
    const a = arch([
      { heads: [head(), head({ count: 3, valueSpectral: 0.6, outputSpectral: 1.3 })], residual: true, projectionRadius: null },
      { heads: [head({ activationLipschitz: 1.4, valueSpectral: 0.75 })], residual: true, projectionRadius: null },
      { heads: [head({ count: 1 })], residual: false, projectionRadius: 50 },
    ]);
    const { got, want } = checkAgainstReference(a, 4, 1);
    // Unprojected layers exceed the true forward bound by exactly F/Λ_l^low > 0.
    expect(got.rowBounds[1]).toBeGreaterThan(want.trueRows[1]);
    expect(got.rowBounds[3]).toBe(50);
    // Layer 3's R = 50 is above its forward bound, so the true row bound (hence F) is the forward one.
    expect(want.trueRows[3]).toBeLessThan(50);
  });

  test('a layer whose heads cannot reach the output (‖W_C‖ = 0): scores and value parts dropped, output part kept with slack 0', () => {
    const a = arch([{ heads: [head({ outputSpectral: 0 })], residual: true, projectionRadius: null }]);
    const { got } = checkAgainstReference(a, 5, 1.3);
    const layerParts = got.parts.filter((p) => p.label.startsWith('layer 1'));
    expect(layerParts.map((p) => p.label)).toEqual(['layer 1 head · output W_Cᵀ σ(·)']);
    // ‖W_C‖ = 0: the centre's W_C input is the true one (no F/(Λ‖W_C‖) term), perEps 0.
    expect(layerParts[0].pointNorm).toBeCloseTo(1.1 * 0.9 * 1.3, 14);
    expect(layerParts[0].slack?.perEps).toBe(0);
  });

  test('zero Frobenius budgets drop exactly their parts (a·b = 0), errorWeight 0 drops too', () => {
    // Third entry: B_V = ‖W_C‖ = 0, so its output part has b = 0 (a > 0) and β > 0: dropped all the same.
    const a = arch([
      { heads: [head({ qkFrobenius: 0, valueFrobenius: 0 }), head({ count: 1, outputFrobenius: 0 }), head({ count: 1, valueSpectral: 0, outputSpectral: 0 })], residual: false, projectionRadius: 1.2 },
    ]);
    const { got } = checkAgainstReference(a, 3, 1);
    expect(got.parts.filter((p) => p.label.startsWith('layer')).map((p) => p.label)).toEqual([
      'layer 1 head · output W_Cᵀ σ(·)',
      'layer 1 head · scores ⟨W_QK, x_u x_tᵀ⟩',
      'layer 1 head · value W_Vᵀ v̂',
    ]);
  });

  test('Λ^low = 0 (a readout of spectral budget 0): the unprojected centre row bound is +Infinity, not F/0', () => {
    // No cls heads: the top block reads the rows through the readout, Lip_top^low = μ_0 = ρS = 0, so the
    // note's F/Λ^low has no finite value (and F = 0 here: 0/0 would be NaN). Nothing reaches the output.
    const a: Architecture = {
      kind: 'transformer',
      contextLength: 2,
      width: 3,
      inputRowNorm: 1.3,
      layers: [{ heads: [head()], residual: true, projectionRadius: null }],
      clsHeads: [],
      readout: [{ ...READOUT[0], spectral: 0 }],
    };
    const got = architectureCover(a, 3, 1);
    expect(got.rowBounds[0]).toBe(1.3);
    expect(got.rowBounds[1]).toBe(Infinity);
    expect(got.rangeBound).toBe(0);
    expect(got.layerMultipliers).toEqual([0]);
  });

  test('no layers: the cover is the top block alone, Λ empty', () => {
    const a = arch([]);
    const got = architectureCover(a, 6, 1);
    expect(got.layerMultipliers).toEqual([]);
    expect(got.layerLipschitz).toEqual([]);
    expect(got.rowBounds).toEqual([1.3]);
    const top = topBlockParts({ heads: a.clsHeads, readout: a.readout, rowNorm: 1.3, contextLength: 3, width: 5, sampleSize: 6, softmaxConstant: 1 });
    expect(got.parts.map((p) => p.label)).toEqual(top.parts.map((p) => p.label));
    close(got.rangeBound, top.rangeBound);
  });
});

/**
 * The ℓ1/Maurey entry of a bound report (src/bounds/baseline-l1-report.ts through boundForArchitecture,
 * lem-l1-maurey-baseline): its figures are those of the cover (ln N at F/2, the smooth constant K, e^S of the
 * first head), and the entry is left out, without sinking the bound, when the softmax price of ANY head
 * overflows float64 (here the second of two heads: targets `every -> some` and the removal of that check),
 * when K alone overflows (e^S finite, ln N(F/2) finite) and when ln N(F/2) alone overflows (K finite): each
 * check of the module is needed on its own (targets the removal of the K check and of the final
 * all-figures-finite check, `every -> some`, and its array emptied).
 * Imported through api.ts on purpose: the report module is reached only through it.
 */
import { describe, expect, test } from 'vitest';
import type { Architecture, HeadBudget } from '../../../src/bounds/architecture.js';
import { boundForArchitecture } from '../../../src/bounds/api.js';
import { l1MaureyCover, l1MaureyLogCover, l1MaureySmoothConstant } from '../../../src/bounds/baselines.js';

const head = (o: Partial<HeadBudget>): HeadBudget => ({
  qkFrobenius: 0.5,
  qkSpectral: 0.5,
  valueFrobenius: 1.2,
  valueSpectral: 1.1,
  valueDim: 3,
  activationLipschitz: 1,
  identity: false,
  outputFrobenius: 1,
  outputSpectral: 1,
  count: 1,
  ...o,
});
const arch = (heads: HeadBudget[]): Architecture => ({
  kind: 'multihead',
  contextLength: 32,
  width: 4,
  inputRowNorm: 1.5,
  layers: [],
  clsHeads: heads,
  readout: [{ frobenius: 0.9, spectral: 0.9, inputDim: 3, outputDim: 1, lipschitz: 1, bias: false, identity: false }],
});
const opts = { sampleSize: 1e6, margin: 0.5, delta: 0.05 };

describe('l1Maurey entry of a bound report', () => {
  test("the entry's figures are the cover's", () => {
    const a = arch([head({}), head({ qkSpectral: 0.2, count: 2 })]);
    const e = boundForArchitecture(a, opts).baselines.l1Maurey as unknown as { logCoveringAtHalfRange: number; smoothConstant: number; softmaxFactor: number; value: number; rademacher: number };
    const c = l1MaureyCover(a);
    if (c === null) throw new Error('null cover');
    expect(e.logCoveringAtHalfRange).toBe(l1MaureyLogCover(c, c.rangeBound / 2));
    expect(e.logCoveringAtHalfRange).toBeGreaterThan(0);
    expect(e.smoothConstant).toBe(l1MaureySmoothConstant(c.parts));
    // e^S of head 1: S = min(‖W_QK‖_σ, d‖W_QK‖_F)·B_X² = 0.5·2.25.
    expect(e.softmaxFactor).toBeCloseTo(Math.exp(0.5 * 2.25), 12);
    expect(Number.isFinite(e.value) && Number.isFinite(e.rademacher)).toBe(true);
  });

  test('left out when the second head’s e^S overflows; the bound itself is still given', () => {
    // Head 2: S = min(1e4, 4·1e4)·2.25 ≈ 2.2e4, e^S = +Infinity in float64; head 1 is finite.
    const a = arch([head({}), head({ qkSpectral: 1e4, qkFrobenius: 1e4 })]);
    const c = l1MaureyCover(a);
    expect(c?.softmaxFactors.map(Number.isFinite)).toEqual([true, false]);
    const r = boundForArchitecture(a, opts);
    expect(r.baselines.l1Maurey).toBeUndefined();
    expect(Number.isFinite(r.generalizationGap)).toBe(true);
  });

  /** One identity [CLS] head and an identity readout (the combined form): S = ‖W_QK‖_σ·B_X² with B_X = 1. */
  const identityArch = (qkFrobenius: number, qkSpectral: number, valueSpectral: number): Architecture => ({
    ...arch([head({ qkFrobenius, qkSpectral, valueSpectral, valueFrobenius: valueSpectral, identity: true })]),
    inputRowNorm: 1,
    readout: [{ frobenius: 1, spectral: 1, inputDim: 3, outputDim: 1, lipschitz: 1, bias: false, identity: true }],
  });

  test('left out when K = γ³ overflows although e^S and ln N(F/2) are finite', () => {
    // S = 340 (e^S ≈ 1e147), F = 1e5: the score part's β = F·e^S ≈ 1e152 gives γ ≈ 1e106, γ³ = +Infinity;
    // ln N(F/2) ≈ 4K/F² stays ≈ 3e301 (the smooth cost is homogeneous of degree 2 in F).
    const a = identityArch(340, 340, 1e5);
    const c = l1MaureyCover(a);
    if (c === null) throw new Error('null cover');
    expect(c.softmaxFactors.every(Number.isFinite)).toBe(true);
    expect(l1MaureySmoothConstant(c.parts)).toBe(Infinity);
    expect(Number.isFinite(l1MaureyLogCover(c, c.rangeBound / 2))).toBe(true);
    const r = boundForArchitecture(a, opts);
    expect(r.baselines.l1Maurey).toBeUndefined();
    expect(Number.isFinite(r.generalizationGap)).toBe(true);
  });

  test('left out when ln N(F/2) overflows although K and e^S are finite', () => {
    // S = 340, ‖W_QK‖_F = 1e7, F = 1e−10: K ≈ 7e289 is finite, ln N(F/2) ≈ 4K/F² is not.
    const a = identityArch(1e7, 340, 1e-10);
    const c = l1MaureyCover(a);
    if (c === null) throw new Error('null cover');
    expect(c.softmaxFactors.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(l1MaureySmoothConstant(c.parts))).toBe(true);
    expect(l1MaureyLogCover(c, c.rangeBound / 2)).toBe(Infinity);
    const r = boundForArchitecture(a, opts);
    expect(r.baselines.l1Maurey).toBeUndefined();
    expect(Number.isFinite(r.generalizationGap)).toBe(true);
  });
});

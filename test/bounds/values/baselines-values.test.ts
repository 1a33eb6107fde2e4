/**
 * The baselines of src/bounds/baselines.ts (lem-baseline-bounds, lem-volumetric-param-cover,
 * lem-l1-maurey-baseline §1–§3) against a second evaluation written here from the notes, on classes with
 * B_X ≠ 1, distinct dimensions, multiplicities > 1 and non-unit Lipschitz and spectral budgets, so that
 * `a * b -> a / b` mutants move every figure (the published-figure tests use B_X = 1 and unit budgets):
 * - volumetricLogCover / parameterCount: Σ_i mult_i P_i ln(1 + 2a_i/r_i), r_i = θ_i ε/(β_i b_i), θ_i ∝ mult_i P_i,
 *   and 0 exactly at ε = F (the `>=` edge);
 * - maureyLogCover: ⌈a²b²/ε²⌉ ln(2D), 0 exactly at ε = ab;
 * - l1MaureyCover: every part's budgets, point bounds, entries, error weights, multiplicity and label, the range
 *   bound F and the softmax factors e^{S_h}, in the readout-chain form (two stages, a bias) and in the combined
 *   value·readout form (note §3, identity case); each condition of the combined form and of the null cases
 *   failing alone;
 * - l1MaureySmoothConstant and l1MaureyLogCover: γ³ with α_i = mult·(min of the routes' a·b)²·ln(2D) and the
 *   closed-form shares, and 0 exactly at ε = F.
 */
import { describe, expect, test } from 'vitest';
import type { Architecture, HeadBudget, ReadoutBudget } from '../../../src/bounds/architecture.js';
import { type MaureyPart, l1MaureyCover, l1MaureyLogCover, l1MaureySmoothConstant, maureyLogCover, parameterCount, volumetricLogCover } from '../../../src/bounds/baselines.js';
import type { CoverPart } from '../../../src/bounds/cover-parts.js';

/** Relative rounding allowance for expressions of a few dozen float operations. */
const REL = 1e-12;
const close = (got: number, want: number, what: string) => expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(want)));

describe('volumetric baseline (lem-volumetric-param-cover)', () => {
  const parts: CoverPart[] = [
    { label: 'a', weightNorm: 1.5, pointNorm: 2.5, points: 7, outputDim: 3, inputDim: 5, multiplicity: 2, errorWeight: 1.3 },
    { label: 'b', weightNorm: 0.7, pointNorm: 0.4, points: 7, outputDim: 1, inputDim: 4, multiplicity: 1, errorWeight: 2.2 },
  ];
  test('P = Σ mult·in·out and the sum Σ mult P_i ln(1 + 2a_i/r_i)', () => {
    // P = 2·5·3 + 1·4·1 = 34.
    expect(parameterCount(parts)).toBe(34);
    const eps = 0.37;
    let want = 0;
    for (const [Pi, a, beta, b] of [
      [30, 1.5, 2 * 1.3, 2.5],
      [4, 0.7, 2.2, 0.4],
    ]) {
      const r = ((Pi / 34) * eps) / (beta * b);
      want += Pi * Math.log(1 + (2 * a) / r);
    }
    close(volumetricLogCover(parts, eps, 10), want, 'volumetric');
    // Another constant in place of 2 enters as constant·a.
    const r0 = ((30 / 34) * eps) / (2.6 * 2.5);
    const r1 = ((4 / 34) * eps) / (2.2 * 0.4);
    close(volumetricLogCover(parts, eps, 10, 3), 30 * Math.log(1 + 4.5 / r0) + 4 * Math.log(1 + 2.1 / r1), 'constant 3');
  });
  test('0 once ε ≥ F, positive just below', () => {
    expect(volumetricLogCover(parts, 10, 10)).toBe(0);
    expect(volumetricLogCover(parts, 12, 10)).toBe(0);
    expect(volumetricLogCover(parts, 9.99, 10)).toBeGreaterThan(0);
  });
});

describe('Maurey cover of a linear class (lem-l1-maurey-baseline §1)', () => {
  test('⌈a²b²/ε²⌉ ln(2D), 0 at ε = ab', () => {
    // a = 3, b = 0.5: ab = 1.5; at ε = 0.4: ⌈2.25/0.16⌉ = ⌈14.0625⌉ = 15.
    close(maureyLogCover(3, 0.5, 12, 0.4), 15 * Math.log(24), 'maurey');
    close(maureyLogCover(3, 0.5, 12, 0.4, 2), 29 * Math.log(24), 'constant 2');
    expect(maureyLogCover(3, 0.5, 12, 1.5)).toBe(0);
    // Just below ab: ⌈2.25/1.49²⌉ = ⌈1.013…⌉ = 2.
    close(maureyLogCover(3, 0.5, 12, 1.49), 2 * Math.log(24), 'just below ab');
  });
});

const head = (o: Partial<HeadBudget>): HeadBudget => ({
  qkFrobenius: 1,
  qkSpectral: 1,
  valueFrobenius: 1,
  valueSpectral: 1,
  valueDim: 3,
  activationLipschitz: 1,
  identity: false,
  outputFrobenius: 1,
  outputSpectral: 1,
  count: 1,
  ...o,
});
const stage = (o: Partial<ReadoutBudget>): ReadoutBudget => ({ frobenius: 1, spectral: 1, inputDim: 3, outputDim: 1, lipschitz: 1, bias: false, identity: true, ...o });
const arch = (o: Partial<Architecture>): Architecture => ({ kind: 'multihead', contextLength: 16, width: 5, inputRowNorm: 1.7, layers: [], clsHeads: [], readout: [], ...o });

/** Expected part, written field by field from the note. */
type Want = Omit<MaureyPart, 'label'> & { label: string };
function expectParts(got: readonly MaureyPart[], want: readonly Want[]) {
  expect(got.length).toBe(want.length);
  got.forEach((p, i) => {
    expect(p.label).toBe(want[i].label);
    for (const key of ['l1Budget', 'pointBound', 'group21Budget', 'pointNorm', 'entries', 'errorWeight', 'multiplicity'] as const) close(p[key], want[i][key], `${p.label}.${key}`);
  });
}

describe('l1MaureyCover: readout chain (note §3)', () => {
  const BX = 1.7;
  const d = 5;
  // Head 1: ‖W_QK‖_σ = 0.3 < d·‖W_QK‖_F (score bound from the spectral budget); head 2: d·‖W_QK‖_F = 0.25 < 2 (from ℓ1).
  const h1 = head({ qkFrobenius: 0.6, qkSpectral: 0.3, valueFrobenius: 1.1, valueSpectral: 0.9, activationLipschitz: 1.3, count: 2 });
  const h2 = head({ qkFrobenius: 0.05, qkSpectral: 2, valueFrobenius: 0.8, valueSpectral: 0.6, activationLipschitz: 0.7, count: 1 });
  const s1 = stage({ frobenius: 2.1, spectral: 1.4, inputDim: 3, outputDim: 4, lipschitz: 0.9, bias: true, identity: false });
  const s2 = stage({ frobenius: 0.8, spectral: 0.75, inputDim: 4, outputDim: 1, lipschitz: 1.2, bias: false, identity: false });
  const A = arch({ clsHeads: [h1, h2], readout: [s1, s2] });

  // R_0 = Σ count·L_σ·B_V·B_X; R_1 = L_1 s_1 √(R_0² + 1) (bias); R_2 = L_2 s_2 R_1. G_2 = 1, G_1 = L_2 s_2, G_0 = G_1 L_1 s_1.
  const R0 = 2 * 1.3 * 0.9 * BX + 0.7 * 0.6 * BX;
  const R1 = 0.9 * 1.4 * Math.sqrt(R0 ** 2 + 1);
  const R2 = 1.2 * 0.75 * R1;
  const G1 = 1.2 * 0.75;
  const G0 = G1 * 0.9 * 1.4;
  const S1 = 0.3 * BX ** 2;
  const S2 = d * 0.05 * BX ** 2;

  test('parts, range bound and softmax factors', () => {
    const c = l1MaureyCover(A);
    expect(c).not.toBeNull();
    if (c === null) return;
    expect(c.combinedValueReadout).toBe(false);
    close(c.rangeBound, R2, 'F');
    expect(c.softmaxFactors.length).toBe(2);
    close(c.softmaxFactors[0], Math.exp(S1), 'e^S1');
    close(c.softmaxFactors[1], Math.exp(S2), 'e^S2');
    const score = (i: number, h: HeadBudget, S: number): Want => ({
      label: `[CLS] head ${i} · scores`,
      l1Budget: d * h.qkFrobenius,
      pointBound: BX * BX,
      group21Budget: h.qkFrobenius,
      pointNorm: BX * BX,
      entries: d * d,
      errorWeight: G0 * h.activationLipschitz * h.valueSpectral * BX * Math.exp(S),
      multiplicity: h.count,
    });
    const values = (i: number, h: HeadBudget): Want => ({
      label: `[CLS] head ${i} · values`,
      l1Budget: Math.sqrt(d * 3) * h.valueFrobenius,
      pointBound: BX,
      group21Budget: Math.sqrt(3) * h.valueFrobenius,
      pointNorm: BX,
      entries: d * 3,
      errorWeight: G0 * h.activationLipschitz,
      multiplicity: h.count,
    });
    expectParts(c.parts, [
      score(1, h1, S1),
      values(1, h1),
      score(2, h2, S2),
      values(2, h2),
      // Stage 1: rows 3 + 1 (bias), D = 16; ℓ∞ points ≤ max(R_0, 1), ℓ2 points ≤ √(R_0² + 1).
      { label: 'readout stage 1', l1Budget: 4 * 2.1, pointBound: Math.max(R0, 1), group21Budget: 2 * 2.1, pointNorm: Math.sqrt(R0 ** 2 + 1), entries: 16, errorWeight: G1 * 0.9, multiplicity: 1 },
      { label: 'readout stage 2', l1Budget: 2 * 0.8, pointBound: R1, group21Budget: 0.8, pointNorm: R1, entries: 4, errorWeight: 1.2, multiplicity: 1 },
    ]);
  });

  test('smooth constant γ³ and the log cover at the closed-form shares', () => {
    const c = l1MaureyCover(A);
    if (c === null) throw new Error('null cover');
    // α_i = mult·(min(l1·pointBound, group21·pointNorm))²·ln(2D), β_i = mult·errorWeight (lem-epsilon-split).
    const alpha = c.parts.map((p) => p.multiplicity * Math.min(p.l1Budget * p.pointBound, p.group21Budget * p.pointNorm) ** 2 * Math.log(2 * p.entries));
    const beta = c.parts.map((p) => p.multiplicity * p.errorWeight);
    const w = alpha.map((a, i) => Math.cbrt(a * beta[i] * beta[i]));
    const gamma = w.reduce((x, y) => x + y, 0);
    close(l1MaureySmoothConstant(c.parts), gamma ** 3, 'γ³');
    const eps = 0.05 * c.rangeBound;
    let want = 0;
    c.parts.forEach((p, i) => {
      const e = ((w[i] / gamma) * eps) / beta[i];
      const route = (a: number, b: number) => (e >= a * b ? 0 : Math.ceil((a * b) ** 2 / e ** 2) * Math.log(2 * p.entries));
      want += p.multiplicity * Math.min(route(p.l1Budget, p.pointBound), route(p.group21Budget, p.pointNorm));
    });
    close(l1MaureyLogCover(c, eps), want, 'ln N');
    expect(l1MaureyLogCover(c, c.rangeBound)).toBe(0);
    expect(l1MaureyLogCover(c, c.rangeBound * 0.999)).toBeGreaterThan(0);
  });
});

describe('l1MaureyCover: combined value·readout (note §3, identity case)', () => {
  const BX = 1.7;
  const d = 5;
  const h1 = head({ qkFrobenius: 0.6, qkSpectral: 0.3, valueSpectral: 0.9, identity: true, count: 3 });
  const h2 = head({ qkFrobenius: 0.2, qkSpectral: 0.5, valueSpectral: 1.6, identity: true, count: 1 });
  const last = stage({ frobenius: 1.25, spectral: 1.25, inputDim: 3, outputDim: 1 });
  const A = arch({ clsHeads: [h1, h2], readout: [last] });

  test('one vector W_V w per head, F = Σ count·B_V·B_w·B_X', () => {
    const c = l1MaureyCover(A);
    if (c === null) throw new Error('null cover');
    expect(c.combinedValueReadout).toBe(true);
    close(c.rangeBound, 3 * 0.9 * 1.25 * BX + 1.6 * 1.25 * BX, 'F');
    const parts: Want[] = [];
    [h1, h2].forEach((h, i) => {
      const S = Math.min(h.qkSpectral, d * h.qkFrobenius) * BX * BX;
      const a2 = h.valueSpectral * 1.25;
      parts.push({
        label: `[CLS] head ${i + 1} · scores`,
        l1Budget: d * h.qkFrobenius,
        pointBound: BX * BX,
        group21Budget: h.qkFrobenius,
        pointNorm: BX * BX,
        entries: d * d,
        errorWeight: a2 * BX * Math.exp(S),
        multiplicity: h.count,
      });
      parts.push({ label: `[CLS] head ${i + 1} · value·readout`, l1Budget: Math.sqrt(d) * a2, pointBound: BX, group21Budget: a2, pointNorm: BX, entries: d, errorWeight: 1, multiplicity: h.count });
    });
    expectParts(c.parts, parts);
  });

  test('each condition of the combined form, failing alone, gives the readout chain', () => {
    const chain = (a: Architecture) => l1MaureyCover(a)?.combinedValueReadout;
    expect(chain(A)).toBe(true);
    expect(chain(arch({ clsHeads: [h1, h2], readout: [stage({ inputDim: 3, outputDim: 3 }), stage({ inputDim: 3 })] }))).toBe(false);
    expect(chain(arch({ clsHeads: [h1, h2], readout: [{ ...last, identity: false }] }))).toBe(false);
    expect(chain(arch({ clsHeads: [h1, h2], readout: [{ ...last, bias: true }] }))).toBe(false);
    expect(chain(arch({ clsHeads: [h1, { ...h2, identity: false }], readout: [last] }))).toBe(false);
    expect(chain(arch({ clsHeads: [{ ...h1, identity: false }, h2], readout: [last] }))).toBe(false);
  });
});

describe('l1MaureyCover: classes it does not cover', () => {
  const h = head({});
  test('null for layers, no heads, no readout, unequal value dims, readout input ≠ k', () => {
    expect(l1MaureyCover(arch({ kind: 'transformer', layers: [{ heads: [h], residual: true, projectionRadius: null }], clsHeads: [h], readout: [stage({})] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [], readout: [stage({})] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [h], readout: [] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [h, head({ valueDim: 2 })], readout: [stage({})] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [head({ valueDim: 2 }), h], readout: [stage({ inputDim: 2 })] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [h], readout: [stage({ inputDim: 4 })] }))).toBeNull();
    expect(l1MaureyCover(arch({ clsHeads: [h, h], readout: [stage({})] }))).not.toBeNull();
  });
});

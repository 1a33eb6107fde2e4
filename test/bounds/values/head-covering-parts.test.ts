/**
 * topBlockParts and topLipschitzFloor (thm-head-covering, src/bounds/head-covering.ts) against a second
 * evaluation written from the note's table, called directly (before this file no test in the module's mutation
 * filter reached the dimension-free branch or the per-coordinate route at all):
 *   scores (per head):   a = B_QK, b = B², n = m(T+1), p = 1, inputDim d², β = μ₀ L_σ B_V B c;
 *   value (per head):    a = ‖W_V‖_F, b = B, n = m, p = k, β = μ₀ L_σ, Maurey budget B_V^{2,1} (else √k‖W_V‖_F);
 *   readout stage r:     a = A_r, b = ‖(P_{r−1} + F/μ_{r−1}, [1])‖, n = m, p_r, β = ρ_r μ_r, slack (P_{r−1}, 1/μ_{r−1}),
 *                        Maurey budget √p_r A_r (exclusive);
 *   dimension-free (σ = id, one bias-free identity stage w, scalar output): scores with β = B_w B_V B c and one
 *                        value·readout part a = B_V B_w, b = B, n = m, p = 1, β = 1;
 *   per-coordinate route (G_1 known): value β = L_σ ρ_1 G_1 μ_1 per coordinate, readout points the centres'
 *                        min(ρ_r 2A_r ‖(P^c_{r−1}, [1])‖, Q_r + F/μ_r), P^c_0 = Σ 2 L_σ ‖W_V‖_F B;
 *   F = P_R from the true rows, P_0 = Σ count L_σ B_V B (B with no heads), P_r = ρ_r S_r ‖(P_{r−1}, [1])‖,
 *   μ_r = Π_{i>r} ρ_i S_i, Lip = Σ count μ₀ L_σ B_V (1 + 2 c B² ‖W_QK‖₂) (lem-layer-lipschitz; μ₀ with no heads).
 * Every field of every part is compared (numbers to REL, labels and flags exactly, no extra or missing field),
 * on a grid of architectures chosen so that each conjunct of the "linear" test and of the route test is the
 * only false one somewhere (heads none / identity / mixed / non-identity; readouts of one or three stages, bias,
 * identity, scalar or vector output), and budgets are distinct non-unit values so `a*b -> a/b` moves a number.
 * A readout stage with S = 0 checks the μ = 0 fallbacks (perEps 0, no F/μ), the two readout-point branches of
 * the per-coordinate route are both attained (asserted), and topLipschitzFloor is checked against its hand
 * formula and against the top block's Lipschitz constant at B = 0, which it must equal (it is used as a lower
 * bound on that constant for every row bound).
 */
import { describe, expect, test } from 'vitest';
import { fc, test as ftest } from '../../helpers/fc-test.js';
import type { HeadBudget, ReadoutBudget } from '../../../src/bounds/architecture.js';
import type { CoverPart } from '../../../src/bounds/cover-parts.js';
import { topBlockParts, topLipschitzFloor } from '../../../src/bounds/head-covering.js';

/** Relative tolerance of a second float evaluation of the same formula (different operation order, hypot vs sqrt). */
const REL = 1e-12;

type Route = 'l2' | 'linf';
interface Setup {
  readonly heads: readonly HeadBudget[];
  readonly readout: readonly ReadoutBudget[];
  readonly rowNorm: number;
  readonly trueRowNorm?: number;
  readonly contextLength: number;
  readonly width: number;
  readonly sampleSize: number;
  readonly softmaxConstant: number;
  readonly valueRoute?: Route;
}

const augNorm = (x: number, bias: boolean) => (bias ? Math.sqrt(x * x + 1) : x);

/** lem-layer-lipschitz's head factor: S_out L_σ B_V (1 + 2 c B² ‖W_QK‖₂). */
const headLip = (h: HeadBudget, outS: number, L: number, B: number, c: number) => outS * L * h.valueSpectral * (1 + 2 * c * B * B * h.qkSpectral);

/** The note's table, written out. */
function reference(s: Setup): { parts: CoverPart[]; rangeBound: number; inputLipschitz: number } {
  const { heads, readout, rowNorm: B, contextLength: T, width: d, sampleSize: m, softmaxConstant: c } = s;
  const Bt = s.trueRowNorm === undefined ? B : s.trueRowNorm;
  const parts: CoverPart[] = [];
  const score = (h: HeadBudget, beta: number): CoverPart => ({
    label: 'cls head · scores ⟨W_QK, x_u zᵀ⟩',
    weightNorm: h.qkFrobenius,
    pointNorm: B ** 2,
    points: m * T + m,
    outputDim: 1,
    inputDim: d ** 2,
    multiplicity: h.count,
    errorWeight: beta,
  });
  const r0 = readout[0];
  const dimensionFree = readout.length === 1 && !r0.bias && r0.identity && r0.outputDim === 1 && heads.length > 0 && heads.every((h) => h.identity);
  if (dimensionFree) {
    const Bw = r0.spectral;
    let F = 0;
    let lip = 0;
    for (const h of heads) {
      F += h.count * Bt * h.valueSpectral * Bw;
      lip += h.count * headLip(h, Bw, 1, B, c);
      parts.push(score(h, B * c * Bw * h.valueSpectral));
      parts.push({
        label: 'cls head · value·readout u = W_V w',
        weightNorm: Bw * h.valueSpectral,
        pointNorm: B,
        points: m,
        outputDim: 1,
        inputDim: d,
        multiplicity: h.count,
        errorWeight: 1,
        maurey: { groupBudget: Bw * h.valueSpectral, inputDim: d, outputDim: 1, exclusive: false },
      });
    }
    return { parts, rangeBound: F, inputLipschitz: lip };
  }
  const R = readout.length;
  const pooled = (rows: number, a: (h: HeadBudget) => number) => (heads.length === 0 ? rows : heads.map((h) => h.count * h.activationLipschitz * a(h) * rows).reduce((x, y) => x + y, 0));
  const P = [pooled(B, (h) => h.valueSpectral)];
  const Ptrue = [pooled(Bt, (h) => h.valueSpectral)];
  for (let r = 1; r <= R; r++) {
    const st = readout[r - 1];
    P.push(st.lipschitz * st.spectral * augNorm(P[r - 1], st.bias));
    Ptrue.push(st.lipschitz * st.spectral * augNorm(Ptrue[r - 1], st.bias));
  }
  const F = Ptrue[R];
  // μ[r] = Π_{i ≥ r} ρ_i S_i over the 0-based stages (the note's μ_{r−1} for its 1-based stage r).
  const mu = Array.from({ length: R + 1 }, (_, r) => readout.slice(r).reduce((x, st) => x * st.lipschitz * st.spectral, 1));
  const perCoordinate = s.valueRoute === 'linf' && heads.length > 0 && r0.rowGroup21 !== undefined;
  const Pc = [pooled(B, (h) => 2 * h.valueFrobenius)];
  const Q = [Pc[0]];
  for (let r = 1; r <= R; r++) {
    const st = readout[r - 1];
    Q.push(st.lipschitz * st.spectral * augNorm(Q[r - 1], st.bias));
    const own = 2 * st.lipschitz * st.frobenius * augNorm(Pc[r - 1], st.bias);
    Pc.push(mu[r] > 0 ? Math.min(own, Q[r] + F / mu[r]) : own);
  }
  readout.forEach((st, i) => {
    const inDim = st.bias ? st.inputDim + 1 : st.inputDim;
    const centreIn = perCoordinate ? Pc[i] : mu[i] > 0 ? P[i] + F / mu[i] : P[i];
    const part: CoverPart = {
      label: `readout stage ${i + 1}`,
      weightNorm: st.frobenius,
      pointNorm: augNorm(centreIn, st.bias),
      points: m,
      outputDim: st.outputDim,
      inputDim: inDim,
      multiplicity: 1,
      errorWeight: st.lipschitz * mu[i + 1],
    };
    parts.push(
      perCoordinate
        ? part
        : {
            ...part,
            slack: { base: P[i], perEps: mu[i] > 0 ? 1 / mu[i] : 0, bias: st.bias },
            maurey: { groupBudget: Math.sqrt(st.outputDim) * st.frobenius, inputDim: inDim, outputDim: st.outputDim, exclusive: true },
          },
    );
  });
  let lip = heads.length === 0 ? mu[0] : 0;
  for (const h of heads) {
    lip += h.count * headLip(h, mu[0], h.activationLipschitz, B, c);
    parts.push(score(h, B * c * mu[0] * h.activationLipschitz * h.valueSpectral));
    const value = { weightNorm: h.valueFrobenius, pointNorm: B, points: m, outputDim: h.valueDim, inputDim: d, multiplicity: h.count };
    if (perCoordinate)
      parts.push({ label: 'cls head · value W_Vᵀ v̂ (per coordinate)', ...value, errorWeight: h.activationLipschitz * r0.lipschitz * (r0.rowGroup21 ?? Number.NaN) * mu[1], perCoordinate: true });
    else
      parts.push({
        label: 'cls head · value W_Vᵀ v̂',
        ...value,
        errorWeight: mu[0] * h.activationLipschitz,
        maurey: { groupBudget: h.valueGroup21 === undefined ? Math.sqrt(h.valueDim) * h.valueFrobenius : h.valueGroup21, inputDim: d, outputDim: h.valueDim, exclusive: false },
      });
  }
  return { parts, rangeBound: F, inputLipschitz: lip };
}

/** Structural equality with numbers to REL: same keys (so a dropped or emptied field fails), same labels and flags. */
function expectSame(got: unknown, want: unknown, path: string): void {
  if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    const g = got as number;
    if (!Number.isFinite(want)) expect(g, path).toBe(want);
    else expect(Math.abs(g - want), `${path}: got ${g}, want ${want}`).toBeLessThanOrEqual(REL * Math.abs(want));
  } else if (typeof want === 'object' && want !== null) {
    expect(typeof got, path).toBe('object');
    const g = got as Record<string, unknown>;
    const w = want as Record<string, unknown>;
    expect(Object.keys(g).sort(), path).toEqual(Object.keys(w).sort());
    for (const k of Object.keys(w)) expectSame(g[k], w[k], `${path}.${k}`);
  } else expect(got, path).toBe(want);
}

function expectReference(s: Setup, name: string): void {
  const got = topBlockParts(s);
  const want = reference(s);
  expect(got.parts.length, `${name}: number of parts`).toBe(want.parts.length);
  expectSame(got, want, name);
}

// Budgets: distinct non-unit values. Identity heads declare L_σ = 1 (the request schema rejects any other).
const idHead = (o: Partial<HeadBudget> = {}): HeadBudget => ({
  qkFrobenius: 1.9,
  qkSpectral: 0.7,
  valueFrobenius: 1.6,
  valueSpectral: 0.9,
  valueDim: 3,
  activationLipschitz: 1,
  identity: true,
  outputFrobenius: 0,
  outputSpectral: 0,
  count: 2,
  ...o,
});
const idHead2 = idHead({ qkFrobenius: 0.45, qkSpectral: 0.3, valueFrobenius: 2.2, valueSpectral: 1.35, valueDim: 5, count: 3, valueGroup21: 3.1 });
const nlHead = idHead({ qkFrobenius: 1.2, qkSpectral: 0.85, valueFrobenius: 0.75, valueSpectral: 0.6, valueDim: 4, activationLipschitz: 0.8, identity: false, count: 3 });

const stage = (o: Partial<ReadoutBudget> = {}): ReadoutBudget => ({ frobenius: 1.7, spectral: 1.15, inputDim: 3, outputDim: 1, lipschitz: 1, bias: false, identity: true, ...o });
const linearW = [stage()];
const biasW = [stage({ bias: true })];
const reluW = [stage({ identity: false, lipschitz: 0.9 })];
const vectorW = [stage({ outputDim: 2 })];
/** Three stages: the first linear-looking (no bias, identity, scalar) so only the length test fails. */
const threeLinear = [stage({ outputDim: 1 }), stage({ frobenius: 0.8, spectral: 0.55, inputDim: 1, outputDim: 1 }), stage({ frobenius: 1.3, spectral: 1.05, inputDim: 1 })];
/** Three dense stages (bias in the middle, ρ_1 = 0.85 and ρ_2 = 0.6), row norms G_1 known. */
const mlp = [
  stage({ frobenius: 2.4, spectral: 1.4, inputDim: 3, outputDim: 4, identity: false, lipschitz: 0.85, rowGroup21: 3.3 }),
  stage({ frobenius: 1.9, spectral: 0.95, inputDim: 4, outputDim: 2, identity: false, lipschitz: 0.6, bias: true }),
  stage({ frobenius: 0.7, spectral: 0.65, inputDim: 2, outputDim: 1, identity: true, lipschitz: 1 }),
];
const mlpBiased = [mlp[0], mlp[1], { ...mlp[2], bias: true }];
const linearWithG = [stage({ rowGroup21: 2.05 })];

const common = { rowNorm: 1.3, trueRowNorm: 1.1, contextLength: 5, width: 4, sampleSize: 9, softmaxConstant: 1.7 };

const headSets: [string, HeadBudget[]][] = [
  ['no heads', []],
  ['one identity head', [idHead()]],
  ['two identity heads', [idHead(), idHead2]],
  ['identity + non-identity', [idHead(), nlHead]],
  ['non-identity head', [nlHead]],
];
const readouts: [string, ReadoutBudget[]][] = [
  ['linear w', linearW],
  ['w with bias', biasW],
  ['ReLU stage', reluW],
  ['vector output', vectorW],
  ['three linear-looking stages', threeLinear],
  ['three-stage MLP', mlp],
  ['MLP, biased last stage', mlpBiased],
  ['linear w with G_1', linearWithG],
];

describe('topBlockParts = the note’s table, part by part', () => {
  for (const [hn, heads] of headSets)
    for (const [rn, readout] of readouts)
      for (const valueRoute of ['l2', 'linf'] as const)
        test(`${hn}, ${rn}, ${valueRoute} route`, () => {
          expectReference({ ...common, heads, readout, valueRoute }, `${hn}/${rn}/${valueRoute}`);
        });

  test('the grid reaches every branch: dimension-free, l2 and per-coordinate parts occur', () => {
    const labels = new Set<string>();
    for (const [, heads] of headSets)
      for (const [, readout] of readouts) for (const valueRoute of ['l2', 'linf'] as const) for (const p of topBlockParts({ ...common, heads, readout, valueRoute }).parts) labels.add(p.label);
    expect([...labels].sort()).toEqual(
      [
        'cls head · scores ⟨W_QK, x_u zᵀ⟩',
        'cls head · value·readout u = W_V w',
        'cls head · value W_Vᵀ v̂',
        'cls head · value W_Vᵀ v̂ (per coordinate)',
        'readout stage 1',
        'readout stage 2',
        'readout stage 3',
      ].sort(),
    );
  });

  test('default route is l2 and trueRowNorm defaults to rowNorm', () => {
    const { trueRowNorm: _t, ...noTrue } = common;
    for (const readout of [mlp, linearW]) {
      expectReference({ ...noTrue, heads: [idHead(), nlHead], readout }, 'no route, no trueRowNorm');
      expectReference({ ...noTrue, heads: [idHead()], readout }, 'identity head, no trueRowNorm');
    }
    // F from the true rows: for the dimension-free class F = Σ count B_V B_w B_t exactly.
    const F = topBlockParts({ ...common, heads: [idHead()], readout: linearW }).rangeBound;
    expect(Math.abs(F - 2 * 0.9 * 1.15 * 1.1)).toBeLessThanOrEqual(REL * F);
  });

  test('per-coordinate route: both branches of min(ρ 2A ‖(P^c, 1)‖, Q + F/μ) are used (small and large rows)', () => {
    // Small rows: the biased downstream stages make F/μ ≥ 1 while the centres' own growth is ≈ 2ρA P^c ≪ 1.
    const heads = [idHead(), nlHead];
    for (const rowNorm of [0.01, 1.3, 4.5]) {
      const s = { ...common, rowNorm, trueRowNorm: rowNorm * 0.9, heads, readout: mlpBiased, valueRoute: 'linf' as const };
      expectReference(s, `linf rows ${rowNorm}`);
    }
    // Which branch is attained at stage 2's input (the first min), recomputed by hand.
    const branch = (rowNorm: number) => {
      const B = rowNorm;
      const Pc0 = 2 * 1 * 2 * 1.6 * B + 3 * 0.8 * 2 * 0.75 * B;
      const P0t = (2 * 1 * 0.9 + 3 * 0.8 * 0.6) * B * 0.9;
      const st = mlpBiased;
      let Ft = P0t;
      for (const r of st) Ft = r.lipschitz * r.spectral * augNorm(Ft, r.bias);
      const mu1 = st[1].lipschitz * st[1].spectral * st[2].lipschitz * st[2].spectral;
      const own = 2 * st[0].lipschitz * st[0].frobenius * Pc0;
      const chain = st[0].lipschitz * st[0].spectral * Pc0 + Ft / mu1;
      return own < chain ? 'own' : 'chain';
    };
    expect([branch(0.01), branch(4.5)]).toEqual(['own', 'chain']);
  });

  test('a readout stage with S = 0 (μ = 0 upstream): no F/μ term, perEps 0, finite point norms', () => {
    const dead = [mlp[0], mlp[1], { ...mlp[2], spectral: 0 }];
    for (const valueRoute of ['l2', 'linf'] as const) {
      const s = { ...common, heads: [idHead(), nlHead], readout: dead, valueRoute };
      expectReference(s, `dead stage ${valueRoute}`);
      const got = topBlockParts(s);
      expect(got.rangeBound).toBe(0);
      for (const p of got.parts) expect(Number.isFinite(p.pointNorm), p.label).toBe(true);
    }
    // The ℓ2 route's stages: slack rate 1/μ replaced by 0 (a zero multiplier lets no upstream error through).
    const l2 = topBlockParts({ ...common, heads: [nlHead], readout: dead });
    expect(l2.parts.filter((p) => p.slack).map((p) => p.slack?.perEps)).toEqual([0, 0, 0]);
  });

  test('an empty readout chain is the identity map: μ₀ = 1, F = P_0 (l2 route)', () => {
    for (const heads of [[nlHead], [idHead(), nlHead]]) expectReference({ ...common, heads, readout: [] }, 'empty readout');
    const got = topBlockParts({ ...common, heads: [nlHead], readout: [] });
    // F = count L_σ B_V B_t = 3 · 0.8 · 0.6 · 1.1.
    expect(Math.abs(got.rangeBound - 3 * 0.8 * 0.6 * 1.1)).toBeLessThanOrEqual(REL);
  });

  ftest.prop(
    [
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      fc.double({ min: 0.1, max: 1, noNaN: true }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.double({ min: 0.1, max: 2, noNaN: true }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7),
      fc.constantFrom<Route>('l2', 'linf'),
    ],
    { seed: 52011, numRuns: 24 },
  )('random budgets on the grid’s shapes: every field equals the table', (B, shrink, vS, vF, L, count, shape, valueRoute) => {
    const h1 = idHead({ valueSpectral: vS, valueFrobenius: vS + vF, count });
    const h2 = { ...nlHead, activationLipschitz: L, valueSpectral: vS / 2, count: count + 1 };
    const heads = shape % 2 === 0 ? [h1] : [h1, h2];
    const readout = readouts[shape][1];
    expectReference({ ...common, rowNorm: B, trueRowNorm: B * shrink, heads, readout, valueRoute }, `random shape ${shape}`);
  });
});

describe('topLipschitzFloor: the B = 0 value of the top block’s Lipschitz constant', () => {
  /** μ₀ Σ count L_σ B_V (L_σ = 1 on the dimension-free class), or μ₀ with no heads. */
  function floorByHand(heads: readonly HeadBudget[], readout: readonly ReadoutBudget[]): number {
    const mu0 = readout.reduce((x, st) => x * st.lipschitz * st.spectral, 1);
    if (heads.length === 0) return mu0;
    const r0 = readout[0];
    const linear = readout.length === 1 && !r0.bias && r0.identity && r0.outputDim === 1 && heads.every((h) => h.identity);
    return heads.reduce((x, h) => x + h.count * (linear ? 1 : h.activationLipschitz) * h.valueSpectral * mu0, 0);
  }

  for (const [hn, heads] of headSets)
    for (const [rn, readout] of readouts)
      test(`${hn}, ${rn}: the hand formula and topBlockParts(B = 0).inputLipschitz`, () => {
        const got = topLipschitzFloor(heads, readout);
        const want = floorByHand(heads, readout);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * want);
        const atZero = topBlockParts({ ...common, rowNorm: 0, trueRowNorm: 0, heads, readout }).inputLipschitz;
        expect(Math.abs(got - atZero)).toBeLessThanOrEqual(REL * atZero);
      });

  test('it is a lower bound on the top block’s Lipschitz constant at every row bound', () => {
    for (const [, heads] of headSets)
      for (const [, readout] of readouts)
        for (const B of [0.2, 1.3, 7]) expect(topLipschitzFloor(heads, readout)).toBeLessThanOrEqual(topBlockParts({ ...common, rowNorm: B, heads, readout }).inputLipschitz * (1 + REL));
  });

  test('identity heads read by a linear readout are costed with L_σ = 1 whatever activationLipschitz says, by both functions', () => {
    // The dimension-free branch treats σ = id as 1-Lipschitz; the floor must agree with it (it bounds Λ from below),
    // while the same heads under a biased readout are costed with their declared L_σ in both.
    const odd = [idHead({ activationLipschitz: 1.5 }), idHead2];
    for (const readout of [linearW, biasW, threeLinear, vectorW]) {
      const atZero = topBlockParts({ ...common, rowNorm: 0, heads: odd, readout }).inputLipschitz;
      expect(Math.abs(topLipschitzFloor(odd, readout) - atZero)).toBeLessThanOrEqual(REL * atZero);
    }
    // Linear w: 1.15 · (2 · 1 · 0.9 + 3 · 1 · 1.35); with a bias: 1.15 · (2 · 1.5 · 0.9 + 3 · 1.35).
    expect(Math.abs(topLipschitzFloor(odd, linearW) - 1.15 * (1.8 + 4.05))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(topLipschitzFloor(odd, biasW) - 1.15 * (2.7 + 4.05))).toBeLessThanOrEqual(1e-12);
    // Non-unit ρ S and several stages: μ₀ = Π ρ_r S_r = (0.85 · 1.4)(0.6 · 0.95)(1 · 0.65).
    expect(Math.abs(topLipschitzFloor([], mlp) - 0.85 * 1.4 * 0.6 * 0.95 * 0.65)).toBeLessThanOrEqual(1e-12);
  });
});

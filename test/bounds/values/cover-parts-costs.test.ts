/**
 * cover-parts.ts against a second evaluation of every cost written from the notes, part by part:
 *   mistake bound (lem-linear-linf-cover): mult·(⌈κ p a²b²/e²⌉ − 1)₊·ln(2np + 1) (lifted), or
 *     mult·(⌈κ a²b²/e²⌉ − 1)₊·ln(2np + 1) (per coordinate), multiset form mult·ln C(2np + M, M)
 *     (lem-multiset-centres, the binomial computed exactly with BigInt);
 *   Maurey (lem-maurey-l2-cover): mult·⌈g²b²/e²⌉·ln(2dk), 0 when g b ≤ e; 'either' parts take the smaller,
 *     exclusive parts Maurey only, per-coordinate parts never;
 *   slack (lem-readout-slack): b(ε) = min(b_F, aug(base + perEps·ε)) under slackEps;
 *   α_i = mult·a²b²p·ln(2np+1) (or Maurey's mult·g²b²ln(2dk)), β_i = mult·errorWeight, K = γ³ (lem-epsilon-split);
 *   ln N(ε) = 0 for ε ≥ F, else the least exact cost over the split's share vectors (three with slack).
 * The property files check that the composite cover is valid, which a loosened constant keeps; these checks
 * pin the numbers, so swapped operators, min/max, dropped branches and wrong defaults fail. Inputs are
 * distinct non-unit values (mult 2 and 3, p = 2, 3, n > 1) with every κa²b²/e² kept away from an integer.
 */
import { describe, expect, test } from 'vitest';
import {
  type CoverPart,
  type CoverCosting,
  type PartsSplit,
  compositeLogCover,
  logCoverAtShares,
  logCoverAtSharesFor,
  partAlpha,
  partAlphaFor,
  partBeta,
  partCostFor,
  partLogCover,
  pointNormAt,
  splitParts,
} from '../../../src/bounds/cover-parts.js';
import { lnBinomial } from './ln-binomial.js';

/** Relative tolerance between two float evaluations of one formula (logs, cube roots, 12-digit multiset raise). */
const REL = 1e-10;
/** How far κa²b²/e² must stay from an integer for the ceiling to be stable under re-association. */
const CEIL_MARGIN = 1e-6;

const close = (got: number, want: number) => {
  if (!Number.isFinite(want)) expect(got).toBe(want);
  else expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want) + 1e-14);
};

/** ceil(r) with a check that r is not within CEIL_MARGIN of an integer (so the ceiling is unambiguous). */
function safeCeil(r: number): number {
  const f = r - Math.floor(r);
  expect(Math.min(f, 1 - f)).toBeGreaterThan(CEIL_MARGIN);
  return Math.ceil(r);
}

/** M = (⌈κ a²b²/e²⌉ − 1)₊. */
const mistakes = (a: number, b: number, e: number, kappa: number) => Math.max(0, safeCeil((kappa * (a * b) ** 2) / e ** 2) - 1);

/**
 * The note's evaluation of ln C(N + M, M) (lem-multiset-centres): exact for M ≤ 64, Robbins' Stirling bound
 * N ln(1 + M/N) + M ln(1 + N/M) + ½ ln((N + M)/(2πNM)) + 1/(12(N + M)) above, raised by 1e-12, capped by M ln(N + 1).
 */
function lnMultiset(N: number, M: number): number {
  if (M <= 0) return 0;
  const v = M <= 64 ? lnBinomial(N, M) : N * Math.log1p(M / N) + M * Math.log1p(N / M) + 0.5 * Math.log((N + M) / (2 * Math.PI * N * M)) + 1 / (12 * (N + M));
  return Math.min(M * Math.log(N + 1), v * (1 + 1e-12));
}

/** Hand cost of one mistake-bound part at per-copy radius e. */
function handMistake(p: CoverPart, b: number, e: number, kappa = 1, multiset = false): number {
  const np = p.points * p.outputDim;
  const M = p.perCoordinate ? mistakes(p.weightNorm, b, e, kappa) : mistakes(p.weightNorm, b, e / Math.sqrt(p.outputDim), kappa);
  return p.multiplicity * (multiset ? lnMultiset(2 * np, M) : M * Math.log(2 * np + 1));
}

/** Hand Maurey cost at radius e with point norm b. */
function handMaurey(p: CoverPart, b: number, e: number): number {
  const m = p.maurey as NonNullable<CoverPart['maurey']>;
  const q = (m.groupBudget * b) / e;
  return p.multiplicity * (q <= 1 ? 0 : safeCeil(q * q)) * Math.log(2 * m.inputDim * m.outputDim);
}

/** Hand point norm at ε under the costing (lem-readout-slack). */
function handB(p: CoverPart, eps: number, c: CoverCosting): number {
  if (!c.slackEps || !p.slack || !(eps >= 0)) return p.pointNorm;
  const v = p.slack.base + p.slack.perEps * eps;
  return Math.min(p.pointNorm, p.slack.bias ? Math.sqrt(v * v + 1) : v);
}

/** Hand cost of one part under a costing. */
function handCost(p: CoverPart, e: number, eps: number, c: CoverCosting): number {
  if (!(e > 0)) return Infinity;
  const b = handB(p, eps, c);
  const useMaurey = c.l2Maurey && p.maurey && !p.perCoordinate;
  if (useMaurey && p.maurey?.exclusive) return handMaurey(p, b, e);
  const mis = handMistake(p, b, e, c.kappa ?? 1, c.multiset ?? false);
  return useMaurey ? Math.min(mis, handMaurey(p, b, e)) : mis;
}

const handTotal = (parts: CoverPart[], shares: ArrayLike<number>, eps: number, c: CoverCosting) =>
  parts.reduce((s, p, i) => s + handCost(p, (shares[i] * eps) / (p.multiplicity * p.errorWeight), eps, c), 0);

const base = { inputDim: 4, label: 'test part' };
/** Lifted part (p = 3, mult 2). */
const P1: CoverPart = { ...base, weightNorm: 1.7, pointNorm: 1.3, points: 6, outputDim: 3, multiplicity: 2, errorWeight: 0.8 };
/** Per-coordinate part (p = 2, mult 3). */
const P2: CoverPart = { ...base, weightNorm: 1.1, pointNorm: 2.1, points: 5, outputDim: 2, multiplicity: 3, errorWeight: 0.6, perCoordinate: true };
/** Lifted part with a Maurey alternative (either). */
const P3: CoverPart = {
  ...base,
  weightNorm: 1.9,
  pointNorm: 1.2,
  points: 4,
  outputDim: 2,
  multiplicity: 1,
  errorWeight: 1.3,
  maurey: { groupBudget: 1.5, inputDim: 3, outputDim: 2, exclusive: false },
};
/** Readout-like part: slack with bias, Maurey exclusive. */
const P4: CoverPart = {
  ...base,
  weightNorm: 1.4,
  pointNorm: 3.5,
  points: 4,
  outputDim: 1,
  multiplicity: 1,
  errorWeight: 1,
  slack: { base: 0.9, perEps: 1.3, bias: true },
  maurey: { groupBudget: 1.4, inputDim: 4, outputDim: 1, exclusive: true },
};
/** Part with a per-coordinate flag and a Maurey budget: Maurey must never be used for it. */
const P5: CoverPart = { ...P2, maurey: { groupBudget: 0.01, inputDim: 2, outputDim: 2, exclusive: true } };

const ALL: CoverCosting = { multiset: true, l2Maurey: true, slackEps: true };

describe('pointNormAt: min(b_F, aug(base + perEps·ε)) under slackEps, b_F otherwise', () => {
  const p: CoverPart = { ...P1, pointNorm: 3.2, slack: { base: 0.7, perEps: 2.5, bias: false } };
  test('values at ε = 0.4, 0, 2 and the bias form', () => {
    expect(pointNormAt(p, 0.4, { slackEps: true })).toBeCloseTo(1.7, 15);
    expect(pointNormAt(p, 0, { slackEps: true })).toBe(0.7);
    // 0.7 + 2.5·2 = 5.7 exceeds b_F: the F version stays.
    expect(pointNormAt(p, 2, { slackEps: true })).toBe(3.2);
    const q: CoverPart = { ...p, slack: { base: 0.7, perEps: 2.5, bias: true } };
    expect(pointNormAt(q, 0.4, { slackEps: true })).toBeCloseTo(Math.sqrt(1.7 ** 2 + 1), 14);
  });
  test('b_F when slackEps is off, the part has no slack, or ε is negative or NaN', () => {
    expect(pointNormAt(p, 0.4)).toBe(3.2);
    expect(pointNormAt(p, 0.4, { slackEps: false, l2Maurey: true })).toBe(3.2);
    expect(pointNormAt(P1, 0.4, { slackEps: true })).toBe(1.3);
    expect(pointNormAt(p, -1, { slackEps: true })).toBe(3.2);
    expect(pointNormAt(p, Number.NaN, { slackEps: true })).toBe(3.2);
  });
});

describe('α_i and β_i: the smooth constants of lem-epsilon-split', () => {
  const alphaMistake = (p: CoverPart, b = p.pointNorm) => p.multiplicity * (p.weightNorm * b) ** 2 * (p.perCoordinate ? 1 : p.outputDim) * Math.log(2 * p.points * p.outputDim + 1);
  const alphaMaurey = (p: CoverPart, b = p.pointNorm) => {
    const m = p.maurey as NonNullable<CoverPart['maurey']>;
    return p.multiplicity * (m.groupBudget * b) ** 2 * Math.log(2 * m.inputDim * m.outputDim);
  };
  test('partAlpha / partBeta by hand', () => {
    close(partAlpha(P1), 2 * (1.7 * 1.3) ** 2 * 3 * Math.log(2 * 6 * 3 + 1));
    close(partAlpha(P2), 3 * (1.1 * 2.1) ** 2 * 1 * Math.log(2 * 5 * 2 + 1));
    close(partBeta(P1), 1.6);
    close(partBeta(P2), 3 * 0.6);
  });
  test('partAlphaFor: mistake α without l2Maurey; min with Maurey (either); Maurey alone (exclusive); never per coordinate', () => {
    for (const p of [P1, P2, P3, P4, P5]) close(partAlphaFor(p, {}), alphaMistake(p));
    // P3: Maurey α 1.5²·1.2²·ln 12 < mistake α, so 'either' takes Maurey.
    expect(alphaMaurey(P3)).toBeLessThan(alphaMistake(P3));
    close(partAlphaFor(P3, { l2Maurey: true }), alphaMaurey(P3));
    // 'either' with Maurey the larger: the mistake α stays.
    const P3big: CoverPart = { ...P3, maurey: { groupBudget: 9, inputDim: 3, outputDim: 2, exclusive: false } };
    expect(alphaMaurey(P3big)).toBeGreaterThan(alphaMistake(P3big));
    close(partAlphaFor(P3big, { l2Maurey: true }), alphaMistake(P3big));
    // Exclusive: Maurey even where it is the larger.
    const P4big: CoverPart = { ...P4, maurey: { groupBudget: 9, inputDim: 4, outputDim: 1, exclusive: true } };
    expect(alphaMaurey(P4big)).toBeGreaterThan(alphaMistake(P4big));
    close(partAlphaFor(P4big, { l2Maurey: true }), alphaMaurey(P4big));
    close(partAlphaFor(P5, { l2Maurey: true }), alphaMistake(P5));
    close(partAlphaFor(P1, { l2Maurey: true }), alphaMistake(P1));
  });
  test('partAlphaFor at ε uses the slack point norm; without ε the F point norm', () => {
    const bEps = Math.sqrt((0.9 + 1.3 * 0.5) ** 2 + 1);
    close(partAlphaFor(P4, { slackEps: true }, 0.5), alphaMistake(P4, bEps));
    close(partAlphaFor(P4, { slackEps: true }), alphaMistake(P4, 3.5));
    close(partAlphaFor(P4, ALL, 0.5), alphaMaurey(P4, bEps));
  });
});

describe('partCostFor / partLogCover: exact costs by hand', () => {
  const EPS = [0.37, 0.61, 1.13];
  test('mistake bound, lifted and per coordinate, default κ = 1 and κ = 0.55, sets and multisets', () => {
    for (const e of EPS)
      for (const p of [P1, P2, P3]) {
        close(partLogCover(p, e), handMistake(p, p.pointNorm, e));
        close(partLogCover(p, e, 0.55), handMistake(p, p.pointNorm, e, 0.55));
        close(partLogCover(p, e, 1, true), handMistake(p, p.pointNorm, e, 1, true));
        close(partCostFor(p, e, 0.9, {}), handMistake(p, p.pointNorm, e));
        close(partCostFor(p, e, 0.9, { kappa: 0.55 }), handMistake(p, p.pointNorm, e, 0.55));
        close(partCostFor(p, e, 0.9, { multiset: true }), handMistake(p, p.pointNorm, e, 1, true));
        close(partCostFor(p, e, 0.9, { multiset: false, kappa: 0.55 }), handMistake(p, p.pointNorm, e, 0.55));
      }
    // The multiset count is strictly smaller here, so the default (sets) is visible.
    expect(handMistake(P1, 1.3, 0.37, 1, true)).toBeLessThan(handMistake(P1, 1.3, 0.37));
  });
  test('Maurey: either takes the smaller, exclusive takes Maurey, per coordinate never', () => {
    for (const e of EPS) {
      close(partCostFor(P3, e, 2, { l2Maurey: true }), Math.min(handMistake(P3, 1.2, e), handMaurey(P3, 1.2, e)));
      close(partCostFor(P4, e, 2, { l2Maurey: true }), handMaurey(P4, 3.5, e));
      close(partCostFor(P5, e, 2, { l2Maurey: true }), handMistake(P5, 2.1, e));
    }
    // The cases are not degenerate: at e = 0.37 Maurey is the smaller for P3, and differs from the mistake cost for P4.
    expect(handMaurey(P3, 1.2, 0.37)).toBeLessThan(handMistake(P3, 1.2, 0.37));
    expect(handMaurey(P4, 3.5, 0.37)).not.toBe(handMistake(P4, 3.5, 0.37));
    // Where the mistake bound is the smaller, 'either' keeps it.
    const P3big: CoverPart = { ...P3, maurey: { groupBudget: 9, inputDim: 3, outputDim: 2, exclusive: false } };
    expect(handMaurey(P3big, 1.2, 0.61)).toBeGreaterThan(handMistake(P3big, 1.2, 0.61));
    close(partCostFor(P3big, 0.61, 2, { l2Maurey: true }), handMistake(P3big, 1.2, 0.61));
    // Multiplicity multiplies the Maurey count too.
    const P4two: CoverPart = { ...P4, multiplicity: 2 };
    close(partCostFor(P4two, 0.61, 2, { l2Maurey: true }), handMaurey(P4two, 3.5, 0.61));
  });
  test('slack point norm at ε feeds both covers', () => {
    for (const e of EPS) {
      close(partCostFor(P4, e, 0.5, { slackEps: true }), handMistake(P4, handB(P4, 0.5, { slackEps: true }), e));
      close(partCostFor(P4, e, 0.5, ALL), handMaurey(P4, handB(P4, 0.5, ALL), e));
    }
    expect(handB(P4, 0.5, ALL)).toBeLessThan(3.5);
  });
  test('a non-positive or NaN per-copy radius costs +Infinity', () => {
    for (const e of [0, -0.5, Number.NaN]) {
      expect(partCostFor(P1, e, 1, {})).toBe(Infinity);
      expect(partCostFor(P4, e, 1, ALL)).toBe(Infinity);
    }
  });
});

describe('splits and composite costs', () => {
  const PARTS = [P1, P2, P3, P4];
  test('splitParts of no parts: empty shares, K = 0, the costing kept', () => {
    const s = splitParts([], ALL);
    expect(s.parts).toEqual([]);
    expect(Array.from(s.numeric)).toEqual([]);
    expect(Array.from(s.closedForm)).toEqual([]);
    expect(s.smoothConstant).toBe(0);
    expect(s.costing).toBe(ALL);
  });
  test('splitParts: closed-form shares α^{1/3}β^{2/3}/γ and K = γ³ from the costing’s α', () => {
    for (const c of [{}, ALL]) {
      const s = splitParts(PARTS, c);
      const alphas = PARTS.map((p) => partAlphaFor(p, c));
      const g = PARTS.reduce((acc, p, i) => acc + Math.cbrt(alphas[i] * (p.multiplicity * p.errorWeight) ** 2), 0);
      close(s.smoothConstant, g ** 3);
      PARTS.forEach((p, i) => close(s.closedForm[i], Math.cbrt(alphas[i] * (p.multiplicity * p.errorWeight) ** 2) / g));
      // The numeric optimum is the same split to 1e-4.
      PARTS.forEach((_, i) => expect(Math.abs(s.numeric[i] - s.closedForm[i])).toBeLessThan(1e-4));
      expect(s.costing).toBe(c);
    }
    // The costing changes the α's (Maurey for P3, P4): the splits differ.
    expect(splitParts(PARTS, ALL).smoothConstant).toBeLessThan(splitParts(PARTS, {}).smoothConstant);
  });
  test('logCoverAtShares / logCoverAtSharesFor: Σ of exact costs at e_i = θ_i ε/β_i; a zero share is +Infinity', () => {
    const th = [0.3, 0.2, 0.35, 0.15];
    for (const eps of [0.5, 1.7]) {
      close(logCoverAtShares(PARTS, th, eps), handTotal(PARTS, th, eps, {}));
      close(logCoverAtShares(PARTS, th, eps, 0.55), handTotal(PARTS, th, eps, { kappa: 0.55 }));
      close(logCoverAtSharesFor(PARTS, th, eps, ALL), handTotal(PARTS, th, eps, ALL));
      close(logCoverAtSharesFor(PARTS, th, eps, {}), handTotal(PARTS, th, eps, {}));
    }
    expect(logCoverAtShares(PARTS, [0.5, 0, 0.25, 0.25], 1)).toBe(Infinity);
    expect(logCoverAtShares(PARTS, [0.5, -0.1, 0.35, 0.25], 1)).toBe(Infinity);
    expect(logCoverAtSharesFor(PARTS, [0.5, 0, 0.25, 0.25], 1, ALL)).toBe(Infinity);
    expect(logCoverAtShares([], [], 1)).toBe(0);
  });

  /** A split with hand-chosen share vectors (any split with Σ θ_i = 1 is valid, lem-epsilon-split). */
  const handSplit = (parts: CoverPart[], numeric: number[], closedForm: number[], costing: CoverCosting): PartsSplit => ({
    parts,
    numeric: Float64Array.from(numeric),
    closedForm: Float64Array.from(closedForm),
    smoothConstant: 1,
    costing,
  });

  test('compositeLogCover: 0 from ε = F on, else the smaller cost of the two share vectors (either may win)', () => {
    const parts = [P1, P2];
    const a = [0.7, 0.3];
    const b = [0.2, 0.8];
    for (const eps of [0.45, 0.9]) {
      const ca = handTotal(parts, a, eps, {});
      const cb = handTotal(parts, b, eps, {});
      expect(ca).not.toBe(cb);
      close(compositeLogCover(handSplit(parts, a, b, {}), eps, 5), Math.min(ca, cb));
      close(compositeLogCover(handSplit(parts, b, a, {}), eps, 5), Math.min(ca, cb));
    }
    // ε = F exactly: the zero function covers (the cost just below F is positive).
    expect(handTotal(parts, a, 2, {})).toBeGreaterThan(0);
    expect(compositeLogCover(handSplit(parts, a, b, {}), 2, 2)).toBe(0);
    expect(compositeLogCover(handSplit(parts, a, b, {}), 3, 2)).toBe(0);
  });

  test('compositeLogCover: the κ argument overrides the costing’s, and the costing’s κ is used when none is given', () => {
    const parts = [P1, P2];
    const a = [0.6, 0.4];
    const s = handSplit(parts, a, a, { kappa: 0.55, multiset: true });
    close(compositeLogCover(s, 0.45, 5), handTotal(parts, a, 0.45, { kappa: 0.55, multiset: true }));
    close(compositeLogCover(s, 0.45, 5, 1), handTotal(parts, a, 0.45, { kappa: 1, multiset: true }));
    expect(handTotal(parts, a, 0.45, { kappa: 0.55, multiset: true })).toBeLessThan(handTotal(parts, a, 0.45, { kappa: 1, multiset: true }));
  });

  test('compositeLogCover with slack parts: the closed-form split of the α’s at ε is tried too, and can win', () => {
    // P6: the F point norm (8) is far above base + perEps·ε at small ε, so α at ε is much smaller than α at F.
    const P6: CoverPart = { ...base, weightNorm: 1.2, pointNorm: 8, points: 5, outputDim: 2, multiplicity: 1, errorWeight: 1, slack: { base: 0.5, perEps: 1, bias: false } };
    const parts = [P6, P1];
    const c: CoverCosting = { slackEps: true };
    const s = splitParts(parts, c);
    for (const eps of [0.3, 0.5]) {
      const betas = parts.map((p) => p.multiplicity * p.errorWeight);
      const alphaEps = parts.map((p) => {
        const bb = handB(p, eps, c);
        return p.multiplicity * (p.weightNorm * bb) ** 2 * p.outputDim * Math.log(2 * p.points * p.outputDim + 1);
      });
      const g = alphaEps.reduce((acc, al, i) => acc + Math.cbrt(al * betas[i] ** 2), 0);
      const here = alphaEps.map((al, i) => Math.cbrt(al * betas[i] ** 2) / g);
      const atHere = handTotal(parts, here, eps, c);
      const atNumeric = handTotal(parts, s.numeric, eps, c);
      const atClosed = handTotal(parts, s.closedForm, eps, c);
      // The ε split is strictly the best of the three here.
      expect(atHere).toBeLessThan(Math.min(atNumeric, atClosed));
      close(compositeLogCover(s, eps, 10), atHere);
      // Without slackEps only the two precomputed splits count (their costs at the F point norms).
      const s0 = splitParts(parts, {});
      close(compositeLogCover(s0, eps, 10), Math.min(handTotal(parts, s0.numeric, eps, {}), handTotal(parts, s0.closedForm, eps, {})));
    }
  });

  test('compositeLogCover when no point norm depends on ε: exactly the split’s two share vectors, no third', () => {
    // Two poor share vectors; the closed form of the α's would be much cheaper, so a third split would show.
    const P6: CoverPart = { ...base, weightNorm: 1.2, pointNorm: 8, points: 5, outputDim: 2, multiplicity: 1, errorWeight: 1, slack: { base: 0.5, perEps: 1, bias: false } };
    const bad1 = [0.95, 0.05];
    const bad2 = [0.9, 0.1];
    const eps = 0.5;
    // slackEps off (parts with slack): point norms are the F ones.
    for (const [parts, c] of [
      [[P6, P1], {}],
      [[P1, P2], { slackEps: true }],
    ] as [CoverPart[], CoverCosting][]) {
      const closed = splitParts(parts, c).closedForm;
      expect(handTotal(parts, closed, eps, c)).toBeLessThan(Math.min(handTotal(parts, bad1, eps, c), handTotal(parts, bad2, eps, c)));
      close(compositeLogCover(handSplit(parts, bad1, bad2, c), eps, 10), Math.min(handTotal(parts, bad1, eps, c), handTotal(parts, bad2, eps, c)));
    }
  });

  test('compositeLogCover with slack: the least of the three costs even when a precomputed split is the best', () => {
    const P6: CoverPart = { ...base, weightNorm: 1.2, pointNorm: 0.9, points: 5, outputDim: 2, multiplicity: 1, errorWeight: 1, slack: { base: 0.5, perEps: 1, bias: false } };
    const parts = [P6, P1];
    const c: CoverCosting = { slackEps: true };
    const eps = 0.3;
    // A hand split far from optimal as "numeric", a good one as "closed form".
    const good = [0.3, 0.7];
    const bad = [0.9, 0.1];
    const s = handSplit(parts, bad, good, c);
    const betas = [1, 1.6];
    const alphaEps = parts.map((p) => p.multiplicity * (p.weightNorm * handB(p, eps, c)) ** 2 * p.outputDim * Math.log(2 * p.points * p.outputDim + 1));
    const g = alphaEps.reduce((acc, al, i) => acc + Math.cbrt(al * betas[i] ** 2), 0);
    const here = alphaEps.map((al, i) => Math.cbrt(al * betas[i] ** 2) / g);
    const costs = [handTotal(parts, bad, eps, c), handTotal(parts, good, eps, c), handTotal(parts, here, eps, c)];
    close(compositeLogCover(s, eps, 10), Math.min(...costs));
    expect(new Set(costs).size).toBe(3);
  });
});

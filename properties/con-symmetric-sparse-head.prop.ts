/**
 * con-symmetric-sparse-head: for random T, s ≤ 8, symmetric functions (parity, AND, OR, majority,
 * threshold-k) and random supports, the one-hot construction is certified on all 2^T inputs with the
 * requested margin; for T ≤ 14 the exhaustive minimum margin through the reference model equals the
 * certifier's; the readout has at most s + 1 units; measured norms stay within the note's formulas; and
 * the level readout (level-readout.ts), run through readoutForward, is the interpolant of the knots
 * (n + λ_off/2, y_n γ_out), constant outside, with y_n·g = γ_out − 2γ_out·λ_off·|t − 1/2| (or γ_out when the
 * neighbour agrees) ≥ γ_out(1 − λ_off) > 0 at u = n + t·λ_off (lem-sparse-head-scales); a readout with
 * knots at n + λ_off instead is caught.
 * Note: proofs-notes/con-symmetric-sparse-head.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { construct, certify } from '../src/constructions/api.js';
import { sparseHeadNormBounds } from '../src/constructions/norm-formulas.js';
import { MARGIN_SLACK } from '../src/constructions/scales.js';
import { buildLevelReadout } from '../src/constructions/level-readout.js';
import { readoutForward } from '../src/model/readout.js';
import { close, REL_TOL_FLOAT64 } from '../src/core/tolerances.js';
import type { DenseLayer } from '../src/model/types.js';
import { arbSizes, arbSymmetricFn, arbSupportSeed, arbMargin, exhaustiveMinMargin, normViolations } from './support/constructions.js';

const arbSpec = (minT: number, maxT: number) =>
  arbSizes(minT, maxT, 8).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), fn: arbSymmetricFn(s), seed: arbSupportSeed, margin: arbMargin }));

/** Level labels y_0..y_N (N ≤ 16), Z′, λ_off ∈ [0, 1), γ_out, level fractions t and free points u. */
const arbLevelReadout = fc.record({
  labels: fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 1, maxLength: 17 }),
  inverseLeastWeight: fc.double({ min: 1e-2, max: 1e3, noNaN: true }),
  leak: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  outputScale: fc.double({ min: 1e-2, max: 1e3, noNaN: true }),
  ts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
  us: fc.array(fc.double({ min: -2, max: 20, noNaN: true }), { minLength: 1, maxLength: 8 }),
});

/**
 * The lemma's closed form at u = n + t·λ_off (level units, u = Z′v), from the labels alone:
 * y_n g = γ_out − 2γ_out·λ_off·(t − 1/2) when t ≥ 1/2 and y_{n+1} ≠ y_n, γ_out − 2γ_out·λ_off·(1/2 − t) when
 * t < 1/2 and y_{n−1} ≠ y_n, else γ_out (a missing neighbour counts as agreeing).
 */
function levelValue(labels: readonly (1 | -1)[], gOut: number, leak: number, n: number, t: number): number {
  const other = t >= 0.5 ? labels[n + 1] : labels[n - 1];
  const drop = other !== undefined && other !== labels[n] ? 2 * gOut * leak * Math.abs(t - 0.5) : 0;
  return labels[n] * (gOut - drop);
}

/** Piecewise-linear interpolant of (n + λ_off/2, y_n γ_out), constant outside the knots, at u. */
function knotInterpolant(labels: readonly (1 | -1)[], gOut: number, leak: number, u: number): number {
  const N = labels.length - 1;
  const x = u - leak / 2;
  if (x <= 0) return labels[0] * gOut;
  if (x >= N) return labels[N] * gOut;
  const n = Math.floor(x);
  const f = x - n;
  return gOut * (labels[n] + f * (labels[n + 1] - labels[n]));
}

/** First disagreement of the readout (through readoutForward) with the closed forms, or null. */
function levelReadoutFailure(
  layers: readonly DenseLayer[],
  p: { labels: readonly (1 | -1)[]; inverseLeastWeight: number; leak: number; outputScale: number; ts: readonly number[]; us: readonly number[] },
): string | null {
  const { labels, inverseLeastWeight: Z, leak, outputScale: gOut } = p;
  const absTol = 1e-9 * gOut;
  const g = (u: number) => readoutForward(layers, [u / Z]); // v = u / Z′
  for (let n = 0; n < labels.length; n++) {
    for (const t of [0, 0.5, 1, ...p.ts]) {
      const got = g(n + t * leak);
      const want = levelValue(labels, gOut, leak, n, t);
      if (!close(got, want, REL_TOL_FLOAT64, absTol)) return `level ${n}, t = ${t}: g = ${got}, closed form ${want}`;
      // The sign is right with margin γ_out(1 − λ_off) on the whole level interval.
      if (!(labels[n] * got >= gOut * (1 - leak) * (1 - REL_TOL_FLOAT64) - absTol)) return `level ${n}, t = ${t}: margin ${labels[n] * got} < γ_out(1 − λ_off)`;
    }
  }
  for (const u of p.us) {
    const got = g(u);
    const want = knotInterpolant(labels, gOut, leak, u);
    if (!close(got, want, REL_TOL_FLOAT64, absTol * (1 + Math.abs(u)))) return `u = ${u}: g = ${got}, interpolant ${want}`;
  }
  return null;
}

describe('con-symmetric-sparse-head', () => {
  test.prop([arbSpec(1, 14)], { seed: 4101, numRuns: 40 })('T <= 14: certified, and the exhaustive minimum margin equals the certificate', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    expect(c.family).toBe('symmetric');
    const cert = certify(c.model);
    expect(cert.method).toBe('exact-position-keys');
    expect(cert.certified).toBe(true);
    expect(cert.attained).toBe(true);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
    const ex = exhaustiveMinMargin(c.model, c.target);
    expect(close(ex.min, cert.minMargin, 1e-9, 1e-12)).toBe(true);
    expect(c.model.readout[0].weight.cols).toBeLessThanOrEqual(p.s + 1);
  });

  test.prop([arbSpec(15, 4096)], { seed: 4102, numRuns: 8 })('T up to 2^12: certified with the requested margin', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    expect(cert.minMargin).toBeGreaterThanOrEqual(p.margin);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
  });

  test.prop([arbSpec(1, 120)], { seed: 4103, numRuns: 25 })('measured norms (SVD, streamed B_X) stay within the explicit formulas', (p) => {
    const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin });
    expect(normViolations(c.model, sparseHeadNormBounds(p.T, p.s, p.margin, 'onehot', 'symmetric'))).toEqual([]);
  });

  test.prop([arbLevelReadout], { seed: 4104, numRuns: 200 })('buildLevelReadout: knot interpolant, the lemma’s level values and margin (knots moved to n + λ_off are caught)', (p) => {
    const built = buildLevelReadout(p.labels, p.inverseLeastWeight, p.leak, p.outputScale);
    expect(levelReadoutFailure(built.layers, p)).toBeNull();
    // One unit per kept knot: at most N + 1, and at most two per label change (a single unit if constant).
    let changes = 0;
    for (let n = 1; n < p.labels.length; n++) if (p.labels[n] !== p.labels[n - 1]) changes++;
    const H = built.layers[0].weight.cols;
    expect(H).toBe(built.knots.length);
    expect(H).toBeLessThanOrEqual(Math.min(p.labels.length, Math.max(1, 2 * changes)));
    // Mutation: knots at n + λ_off (bias −(n + λ_off)): caught whenever labels change and λ_off is not tiny.
    const [l1, l2] = built.layers;
    const shifted: DenseLayer[] = [{ ...l1, bias: l1.bias!.map((b) => b - p.leak / 2) }, l2];
    if (changes > 0 && p.leak > 1e-6) expect(levelReadoutFailure(shifted, p)).not.toBeNull();
  });
});

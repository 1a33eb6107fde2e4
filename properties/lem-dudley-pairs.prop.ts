/**
 * lem-dudley-pairs (proofs-notes/lem-dudley-pairs.md): chaining with Massart over consecutive pairs.
 * - Finite A ⊂ R^m: the EXACT R(A) (all 2^m signs) never exceeds the pairs bound computed from greedy
 *   covers of A at every radius c2^{−k} (random sets and an adversarial search over the points).
 * - Massart exactly, and its mutant without the √2 rejected by B = {b, −b}.
 * - The increment step ‖π_k a − π_{k−1} a‖ ≤ 3r on random covers; the mutant 2r rejected by an explicit instance.
 * - Never above the N_k² form (Lemma 27.4) when the N_k are non-decreasing.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { dudleyRademacher, DUDLEY_PAIRS_ID, DUDLEY_PAIRS_CONSTANT } from '../src/bounds/dudley.js';
import { adversarialSearch, randomStarts } from '../src/bounds/checks/adversarial-search.js';
import { createRng } from '../src/core/rng.js';

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.hypot(...Array.from(a, (x, i) => x - b[i]));

/** Exact (1/m) E_σ max_{a∈A} ⟨σ, a⟩ over all 2^m sign vectors. */
function exactRademacher(A: readonly Float64Array[], m: number): number {
  let total = 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    let best = -Infinity;
    for (const a of A) {
      let s = 0;
      for (let i = 0; i < m; i++) s += (mask & (1 << i) ? 1 : -1) * a[i];
      best = Math.max(best, s);
    }
    total += best;
  }
  return total / (1 << m) / m;
}

/** Size of a greedy cover of A at Euclidean radius r (centres in A; a valid cover). */
function greedyCoverSize(A: readonly Float64Array[], r: number): number {
  const centres: Float64Array[] = [];
  for (const a of A) if (!centres.some((c) => dist(a, c) <= r)) centres.push(a);
  return centres.length;
}

/** exact R(A) / pairs bound (the pairs form alone: the constant passed explicitly), with F = c/√m, c = max‖a‖ (A ⊂ ball(0, c)), ln N(ε) = ln |greedy cover at √m ε|. */
function ratioFor(A: readonly Float64Array[], m: number, constant = DUDLEY_PAIRS_CONSTANT): number {
  const c = Math.max(...A.map(norm));
  if (!(c > 0)) return 0;
  const F = c / Math.sqrt(m);
  const bound = dudleyRademacher((eps) => Math.log(greedyCoverSize(A, Math.sqrt(m) * eps)), F, m, constant, true).value;
  return exactRademacher(A, m) / bound;
}

function pointsFrom(x: Float64Array, m: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j + m <= x.length; j += m) out.push(x.slice(j, j + m));
  return out;
}

describe(DUDLEY_PAIRS_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 24 })], { seed: 14001, numRuns: 60 })('exact R(A) ≤ the pairs bound from greedy covers', (seed, m, size) => {
    const rng = createRng(seed);
    const A = Array.from({ length: size }, () => Float64Array.from({ length: m }, () => rng.normal() * (rng.float() < 0.5 ? 1 : 0.1)));
    expect(ratioFor(A, m)).toBeLessThanOrEqual(1);
  });

  test('adversarial search over the points of A (m = 6, |A| = 12): ratio ≤ 1', () => {
    const m = 6;
    const res = adversarialSearch((x) => ratioFor(pointsFrom(x, m), m), randomStarts(14002, 3, m * 12, 1), 14003, 300);
    expect(res.ratio).toBeLessThanOrEqual(1);
    expect(res.ratio).toBeGreaterThan(0.05);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })], { seed: 14004, numRuns: 80 })('Massart: E max ⟨σ, b⟩ ≤ r√(2 ln|B|) exactly', (seed, m, size) => {
    const rng = createRng(seed);
    const B = Array.from({ length: size }, () => Float64Array.from({ length: m }, () => rng.normal()));
    const r = Math.max(...B.map(norm));
    expect(exactRademacher(B, m) * m).toBeLessThanOrEqual(r * Math.sqrt(2 * Math.log(size)) + 1e-12);
  });

  test('mutant: Massart without the √2 is beaten by B = {b, −b}', () => {
    const b = Float64Array.of(1, 0);
    const exact = exactRademacher([b, b.map((x) => -x)], 2) * 2;
    expect(exact).toBeCloseTo(1, 12);
    expect(exact).toBeGreaterThan(Math.sqrt(Math.log(2)));
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.05, max: 1, noNaN: true })], { seed: 14005, numRuns: 100 })(
    'increments of nearest-centre projections onto any two covers at radii r, 2r are ≤ 3r',
    (seed, d, r) => {
      const rng = createRng(seed);
      const A = Array.from({ length: 10 }, () => Float64Array.from({ length: d }, () => rng.normal()));
      // Covers with centres anywhere: each point's own centre placed at a random offset of norm ≤ radius.
      const cover = (rad: number) =>
        A.map((a) => {
          const u = Float64Array.from({ length: d }, () => rng.normal());
          const s = (rad * rng.float()) / (norm(u) || 1);
          return a.map((x, i) => x + s * u[i]);
        });
      const Ck = cover(r);
      const Ck1 = cover(2 * r);
      const nearest = (a: Float64Array, C: Float64Array[]) => C.reduce((best, c) => (dist(a, c) < dist(a, best) ? c : best), C[0]);
      for (const a of A) expect(dist(nearest(a, Ck), nearest(a, Ck1))).toBeLessThanOrEqual(3 * r * (1 + 1e-12));
    },
  );

  test('mutant: increments ≤ 2r is beaten (a = 0, C_{k−1} = {2r(1 − η)}, C_k = {−r(1 − η)})', () => {
    const r = 1;
    const eta = 1e-3;
    const inc = Math.abs(-r * (1 - eta) - 2 * r * (1 - eta));
    expect(inc).toBeGreaterThan(2 * r);
    expect(inc).toBeLessThanOrEqual(3 * r);
  });

  test.prop([fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 1, max: 1e7 }), fc.double({ min: 0, max: 1e4, noNaN: true })], { seed: 14006, numRuns: 100 })(
    'never above Lemma 27.4 for non-decreasing N_k',
    (F, m, K) => {
      const cov = (eps: number) => Math.max(0, K / (eps * eps) - 1);
      expect(dudleyRademacher(cov, F, m, undefined, true).value).toBeLessThanOrEqual(dudleyRademacher(cov, F, m).value * (1 + 1e-12));
    },
  );
});

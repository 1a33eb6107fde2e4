/**
 * alg-bootstrap-mstar: the bootstrap of m* over seeds. The original-sample statistic is the search's
 * answer; the replicates follow the exact resampling distribution (DKW band against an enumeration of
 * all multisets of seeds); improving a seed never raises the interval; without censoring L = U.
 * Mutant rejected: resampling without replacement (a permutation).
 * Note: proofs-notes/alg-bootstrap-mstar.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { bootstrapMstar, boundsFromDecisions, drawWeights, mstarForWeights, type SeedOutcomeTable } from '../src/experiments/stats/bootstrap-mstar.js';
import { countOutcomes, decideProbe, type SeedOutcome } from '../src/experiments/stats/outcome.js';
import { BracketSearch } from '../src/experiments/bracket-search.js';
import { createRng } from '../src/core/rng.js';

const OUTCOMES: SeedOutcome[] = ['success', 'statistical-failure', 'censored'];

/** A random table: P probes at m = 16·2^i, n seeds, outcome codes from the arbitrary. */
const arbTable = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    P: fc.integer({ min: 1, max: 5 }),
    k: fc.integer({ min: 1, max: 5 }),
    codes: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 25, maxLength: 25 }),
  })
  .map(
    ({ n, P, k, codes }): SeedOutcomeTable => ({
      required: Math.min(k, n),
      probes: Array.from({ length: P }, (_, i) => ({ m: 16 * 2 ** i, outcomes: Array.from({ length: n }, (_, j) => OUTCOMES[codes[i * 5 + j]]) })),
    }),
  );

/** All weight vectors (multiplicities) of n draws from n seeds with their multinomial probabilities. */
function allResamples(n: number): { w: number[]; p: number }[] {
  const out: { w: number[]; p: number }[] = [];
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const rec = (i: number, left: number, w: number[]) => {
    if (i === n - 1) {
      const ww = [...w, left];
      out.push({ w: ww, p: fact(n) / ww.reduce((a, x) => a * fact(x), 1) / n ** n });
      return;
    }
    for (let x = 0; x <= left; x++) rec(i + 1, left - x, [...w, x]);
  };
  rec(0, n, []);
  return out;
}

/** Max CDF distance between the replicates' U and the exact resampling law of U. */
function dkwDistance(t: SeedOutcomeTable, sampler: (n: number) => number[], B: number): number {
  const n = t.probes[0].outcomes.length;
  const exact = new Map<number, number>();
  for (const { w, p } of allResamples(n)) {
    const u = mstarForWeights(t, w).upper;
    exact.set(u, (exact.get(u) ?? 0) + p);
  }
  const emp = new Map<number, number>();
  for (let b = 0; b < B; b++) {
    const u = mstarForWeights(t, sampler(n)).upper;
    emp.set(u, (emp.get(u) ?? 0) + 1 / B);
  }
  const values = [...new Set([...exact.keys(), ...emp.keys()])].sort((a, b) => a - b);
  let fe = 0;
  let fx = 0;
  let worst = 0;
  for (const v of values) {
    fe += emp.get(v) ?? 0;
    fx += exact.get(v) ?? 0;
    worst = Math.max(worst, Math.abs(fe - fx));
  }
  return worst;
}

const B = 4000;
const DKW = Math.sqrt(Math.log(2 / 1e-9) / (2 * B)); // 0.052: exceeded with probability <= 1e-9

describe('alg-bootstrap-mstar', () => {
  test.prop([arbTable, fc.integer({ min: 1, max: 1e6 })], { seed: 808, numRuns: 60 })('replicates follow the exact resampling distribution (DKW band)', (t, seed) => {
    const rng = createRng(seed);
    expect(dkwDistance(t, (n) => drawWeights(rng, n), B)).toBeLessThanOrEqual(DKW);
  });

  test('mutation: resampling without replacement (a permutation) is rejected by the same band', () => {
    const t: SeedOutcomeTable = {
      required: 2,
      probes: [
        { m: 16, outcomes: ['success', 'success', 'statistical-failure'] },
        { m: 32, outcomes: ['success', 'success', 'success'] },
      ],
    };
    // Exact: P(U = 32) = 7/27; a permutation always gives U = 16.
    expect(dkwDistance(t, (n) => new Array<number>(n).fill(1), B)).toBeGreaterThan(DKW);
    const rng = createRng(5);
    expect(dkwDistance(t, (n) => drawWeights(rng, n), B)).toBeLessThanOrEqual(DKW);
  });

  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 64, maxLength: 64 }), fc.integer({ min: 1, max: 300 })], {
    seed: 909,
    numRuns: 400,
  })('the original-sample statistic equals BracketSearch on the same decisions', (n, kRaw, codes, mStart) => {
    const k = Math.min(kRaw, n);
    const outcomeAt = (m: number): SeedOutcome[] => Array.from({ length: n }, (_, j) => OUTCOMES[codes[((Math.imul(m, 2654435761) >>> 0) % 60) + j] ?? 0]);
    const s = new BracketSearch({ mStart, mMax: mStart * 64, resolution: 2 ** 0.25 });
    const probes: { m: number; outcomes: SeedOutcome[] }[] = [];
    while (!s.done) {
      const m = s.next()!;
      const outcomes = outcomeAt(m);
      probes.push({ m, outcomes });
      s.record(m, decideProbe(countOutcomes(outcomes), k));
    }
    const out = s.outcome();
    const b = bootstrapMstar({ probes, required: k }, { replicates: 50 });
    expect(b.point.upper).toBe(out.hi ?? Infinity);
    if (out.status === 'found') expect(b.point.lower).toBeLessThanOrEqual(out.hi!);
  });

  test.prop([arbTable, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 1e6 })], { seed: 1010, numRuns: 300 })(
    'turning a failure into a success never raises either end (same seed)',
    (t, at, seed) => {
      const cells = t.probes.flatMap((p, i) => p.outcomes.map((o, j) => ({ i, j, o }))).filter((c) => c.o === 'statistical-failure');
      fc.pre(cells.length > 0);
      const c = cells[at % cells.length];
      const better: SeedOutcomeTable = { ...t, probes: t.probes.map((p, i) => ({ m: p.m, outcomes: p.outcomes.map((o, j) => (i === c.i && j === c.j ? 'success' : o)) })) };
      const a = bootstrapMstar(t, { seed, replicates: 300 });
      const b = bootstrapMstar(better, { seed, replicates: 300 });
      expect(b.lower).toBeLessThanOrEqual(a.lower);
      expect(b.upper).toBeLessThanOrEqual(a.upper);
    },
  );

  test.prop([arbTable, fc.integer({ min: 1, max: 1e6 })], { seed: 1111, numRuns: 200 })('without censored outcomes L = U in every replicate; same seed, same interval; lower <= upper', (t, seed) => {
    const clean: SeedOutcomeTable = { ...t, probes: t.probes.map((p) => ({ m: p.m, outcomes: p.outcomes.map((o) => (o === 'censored' ? 'statistical-failure' : o)) })) };
    const a = bootstrapMstar(clean, { seed, replicates: 200 });
    expect(a.resolvedFraction).toBe(1);
    expect(bootstrapMstar(clean, { seed, replicates: 200 })).toEqual(a);
    const w = bootstrapMstar(t, { seed, replicates: 200 });
    expect(w.lower).toBeLessThanOrEqual(w.upper);
  });

  test('bounds from decisions: censored probes between the last failure and the first success widen [L, U]', () => {
    expect(boundsFromDecisions([16, 32, 64, 128], ['failure', 'censored', 'censored', 'success'])).toEqual({ lower: 32, upper: 128, resolved: false });
    expect(boundsFromDecisions([16, 32], ['failure', 'failure'])).toEqual({ lower: 33, upper: Infinity, resolved: true });
    expect(boundsFromDecisions([16, 32], ['failure', 'censored'])).toEqual({ lower: 32, upper: Infinity, resolved: false });
    expect(boundsFromDecisions([16, 32], ['success', 'success'])).toEqual({ lower: 16, upper: 16, resolved: true });
  });

  test('bad input is refused with the parameter named', () => {
    expect(() => bootstrapMstar({ probes: [], required: 1 })).toThrow(/bootstrapMstar: probes/);
    expect(() => bootstrapMstar({ probes: [{ m: 1, outcomes: ['success'] }], required: 1 }, { level: 1 })).toThrow(/level/);
    expect(() =>
      bootstrapMstar({
        probes: [
          { m: 1, outcomes: ['success'] },
          { m: 2, outcomes: [] },
        ],
        required: 1,
      }),
    ).toThrow(/outcomes/);
  });
});

/**
 * alg-sample-complexity: the bracket search (doubling, then geometric bisection) finds the least m at
 * which a monotone success predicate turns true, to the stated resolution, never probing above mMax;
 * an unreachable threshold is reported above-max; censored (undecided) probes never move the bracket. Search cost is checked against the note's bound.
 * Mutants (a search that answers lo, and one that skips bisection) are rejected by the same checker.
 * The fits recover exact lines and the counting floor matches exact binomials.
 * Note: proofs-notes/alg-sample-complexity.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { BracketSearch, type BracketOutcome, type BracketSearchOptions } from '../src/experiments/bracket-search.js';
import { fitLine, log2Binomial } from '../src/experiments/fits.js';

/** Run a search against the monotone predicate m ≥ mTrue. */
function runSearch(o: BracketSearchOptions, mTrue: number): BracketOutcome {
  const s = new BracketSearch(o);
  for (let guard = 0; !s.done; guard++) {
    if (guard > 200) throw new Error('search does not terminate');
    const m = s.next()!;
    s.record(m, m >= mTrue);
  }
  return s.outcome();
}

/** The contract of the search; returns the first violation, or null. */
function violation(o: BracketSearchOptions, mTrue: number, out: BracketOutcome): string | null {
  for (const p of out.probes) {
    if (p.m < 1 || p.m > o.mMax) return `probe ${p.m} outside [1, mMax]`;
    if (p.success !== p.m >= mTrue) return `probe ${p.m} recorded wrongly`;
  }
  if (mTrue > o.mMax) return out.status === 'above-max' && out.hi === null ? null : `expected above-max, got ${out.status}`;
  if (out.status !== 'found' || out.hi === null || out.lo === null) return `expected found, got ${out.status}`;
  if (!(out.lo < mTrue && mTrue <= out.hi)) return `m* = ${mTrue} not in (${out.lo}, ${out.hi}]`;
  if (!out.probes.some((p) => p.m === out.hi && p.success)) return 'hi is not a succeeding probe';
  if (!(out.hi - out.lo <= 1 || out.hi / out.lo <= o.resolution)) return `bracket (${out.lo}, ${out.hi}] wider than the resolution ${o.resolution}`;
  return null;
}

const arbOptions = fc
  .record({ mStart: fc.integer({ min: 1, max: 300 }), extra: fc.integer({ min: 0, max: 20000 }), resolution: fc.double({ min: 1.01, max: 4, noNaN: true }) })
  .map(({ mStart, extra, resolution }): BracketSearchOptions => ({ mStart, mMax: mStart + extra, resolution }));

describe('alg-sample-complexity: bracket search', () => {
  test.prop([arbOptions, fc.integer({ min: 1, max: 25000 })], { seed: 5150, numRuns: 2000 })('finds m* within the resolution or reports censoring', (o, mTrue) => {
    const out = runSearch(o, mTrue);
    expect(violation(o, mTrue, out)).toBeNull();
    // Cost: ⌈log2(mMax/mStart)⌉ + 1 doublings, ⌈log2(mStart)⌉ + 1 halvings, then bisection steps.
    const bisect = Math.ceil(Math.log2(Math.log(2) / Math.log(o.resolution))) + 1;
    const budget = Math.ceil(Math.log2(o.mMax / o.mStart)) + Math.ceil(Math.log2(o.mStart)) + 2 + Math.max(bisect, Math.ceil(Math.log2(o.mStart + 1)) + 1);
    expect(out.probes.length).toBeLessThanOrEqual(budget);
  });

  test('the default experiment grid: resolution 2^{1/4} takes two bisection probes after a doubling bracket', () => {
    const out = runSearch({ mStart: 16, mMax: 4096, resolution: 2 ** 0.25 }, 300);
    expect(out.probes.map((p) => p.m)).toEqual([16, 32, 64, 128, 256, 512, 362, 304, 279].slice(0, out.probes.length));
    expect(violation({ mStart: 16, mMax: 4096, resolution: 2 ** 0.25 }, 300, out)).toBeNull();
  });

  test.prop([arbOptions, fc.integer({ min: 2, max: 25000 })], { seed: 77, numRuns: 300 })('mutation: answering lo instead of hi is rejected', (o, mTrue) => {
    fc.pre(mTrue <= o.mMax);
    const out = runSearch(o, mTrue);
    const mutant: BracketOutcome = { ...out, hi: out.lo };
    expect(violation(o, mTrue, mutant)).not.toBeNull();
  });

  test('mutation: a search that stops after doubling (no bisection) is rejected', () => {
    const o = { mStart: 16, mMax: 4096, resolution: 2 ** 0.25 };
    const probes = [16, 32, 64, 128, 256, 512].map((m) => ({ m, success: m >= 300, decision: m >= 300 ? ('success' as const) : ('failure' as const) }));
    expect(violation(o, 300, { status: 'found', hi: 512, lo: 256, probes })).toMatch(/resolution/);
  });
});

/** Run a search where the probes in `hidden` come back censored (undecided, note §5). */
function runCensored(o: BracketSearchOptions, mTrue: number, hidden: (m: number) => boolean, asFailure = false): BracketOutcome {
  const s = new BracketSearch(o);
  for (let guard = 0; !s.done; guard++) {
    if (guard > 200) throw new Error('search does not terminate');
    const m = s.next()!;
    s.record(m, hidden(m) ? (asFailure ? 'failure' : 'censored') : m >= mTrue ? 'success' : 'failure');
  }
  return s.outcome();
}

/** The contract with censored probes; returns the first violation, or null. */
function censoredViolation(o: BracketSearchOptions, mTrue: number, hidden: (m: number) => boolean, out: BracketOutcome): string | null {
  const seen = new Set<number>();
  for (const p of out.probes) {
    if (seen.has(p.m)) return `probe ${p.m} repeated`;
    seen.add(p.m);
    if (p.m < 1 || p.m > o.mMax) return `probe ${p.m} outside [1, mMax]`;
    if (hidden(p.m) !== (p.decision === 'censored')) return `probe ${p.m} decision ${p.decision}`;
  }
  if (out.lo !== null && !(out.lo < mTrue)) return `lo = ${out.lo} is not below m* = ${mTrue}`;
  if (out.hi !== null && !(mTrue <= out.hi)) return `hi = ${out.hi} is below m* = ${mTrue}`;
  if (out.status === 'found') {
    if (out.hi === null || out.lo === null) return 'found without a bracket';
    if (!(out.hi - out.lo <= 1 || out.hi / out.lo <= o.resolution)) return 'found bracket wider than the resolution';
  }
  if (out.status === 'above-max' && !(mTrue > o.mMax)) return 'above-max although m* <= mMax';
  if (out.status === 'unresolved' && !out.probes.some((p) => p.decision === 'censored')) return 'unresolved without a censored probe';
  return null;
}

describe('alg-sample-complexity: censored probes (note §5)', () => {
  test.prop([arbOptions, fc.integer({ min: 1, max: 25000 }), fc.integer({ min: 0, max: 2 ** 30 })], { seed: 4242, numRuns: 2000 })(
    'only decided probes move the bracket; unresolved only with a censored probe',
    (o, mTrue, mask) => {
      const hidden = (m: number) => ((Math.imul(m, 0x9e3779b1) ^ mask) >>> 0) % 3 === 0;
      expect(censoredViolation(o, mTrue, hidden, runCensored(o, mTrue, hidden))).toBeNull();
    },
  );

  test('mutation: counting censored probes as failures is rejected', () => {
    const o = { mStart: 16, mMax: 4096, resolution: 2 ** 0.25 };
    const hidden = (m: number) => m === 512;
    const out = runCensored(o, 300, hidden, true);
    expect(censoredViolation(o, 300, hidden, out)).toMatch(/lo = 512|decision/);
    expect(censoredViolation(o, 300, hidden, runCensored(o, 300, hidden))).toBeNull();
  });
});

describe('alg-sample-complexity: fits and the counting floor', () => {
  test.prop([fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.uniqueArray(fc.integer({ min: 1, max: 4096 }), { minLength: 2, maxLength: 8 })], {
    seed: 99,
    numRuns: 200,
  })('a + b x is recovered exactly from exact data, residuals ~ 0', (a, b, Ts) => {
    const xs = Ts.map((T) => Math.log(T));
    const f = fitLine(
      xs,
      xs.map((x) => a + b * x),
      'a + b log T',
    );
    const scale = 1 + Math.abs(a) + Math.abs(b) * 10;
    expect(Math.abs(f.a - a)).toBeLessThan(1e-8 * scale);
    expect(Math.abs(f.b - b)).toBeLessThan(1e-8 * scale);
    for (const r of f.residuals) expect(Math.abs(r)).toBeLessThan(1e-8 * scale);
  });

  test.prop([fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 8 })], { seed: 3, numRuns: 200 })(
    'least squares: residuals sum to 0 and are orthogonal to x',
    (ys) => {
      const xs = ys.map((_, i) => i + 1);
      const f = fitLine(xs, ys, 'a + b T');
      const sum = f.residuals.reduce((s, r) => s + r, 0);
      const dot = f.residuals.reduce((s, r, i) => s + r * xs[i], 0);
      expect(Math.abs(sum)).toBeLessThan(1e-9 * (1 + ys.reduce((s, y) => s + Math.abs(y), 0)));
      expect(Math.abs(dot)).toBeLessThan(1e-8 * (1 + ys.reduce((s, y) => s + Math.abs(y), 0)) * xs.length);
    },
  );

  test.prop([fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 12 })], { seed: 11, numRuns: 300 })('log2 C(T, s) matches the exact BigInt binomial', (T, s) => {
    fc.pre(s <= T);
    let c = 1n;
    for (let i = 0; i < s; i++) c = (c * BigInt(T - i)) / BigInt(i + 1);
    const exact = Math.log2(Number(c));
    expect(Math.abs(log2Binomial(T, s) - exact)).toBeLessThan(1e-9 * (1 + exact));
  });
});

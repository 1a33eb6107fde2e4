/**
 * alg-learning-verdict: the lemma (a log law a + b ln T with a, b >= 0 has least-squares log-log slope in
 * [0, 1/ln T_1) on T >= T_1), attacked by random and local search; the rule on exact data (log law
 * supported, power law with exponent >= 0.5 contradicted); widening intervals never flips a decided
 * verdict to the opposite one, and the trivial box [1, ∞) is always inconclusive; censored T are never
 * supported. Mutants rejected: an exponent bound of 0.3, and a rule that ignores the intervals.
 * Note: proofs-notes/alg-learning-verdict.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { exponentRange, learningVerdict, VERDICT_EXPONENT_BOUND, type VerdictPoint } from '../src/experiments/stats/verdict.js';
import { selectMstarModel } from '../src/experiments/stats/model-selection.js';

const GRID = [8, 16, 32, 64, 128, 256];
const arbTs = fc.subarray(GRID, { minLength: 3 });

/** OLS slope of ln y on ln T. */
function logLogSlope(Ts: number[], ys: number[]): number {
  return exponentRange(Ts.map((T, i) => ({ contextLength: T, point: ys[i], lower: ys[i], upper: ys[i] }))).min;
}

const tight = (Ts: number[], f: (T: number) => number): VerdictPoint[] => Ts.map((T) => ({ contextLength: T, point: f(T), lower: f(T), upper: f(T) }));

describe('alg-learning-verdict: the lemma', () => {
  test.prop([fc.uniqueArray(fc.integer({ min: 8, max: 4096 }), { minLength: 2, maxLength: 8 }), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true })], {
    seed: 31,
    numRuns: 3000,
  })('log law with a, b >= 0: 0 <= slope < 1/ln T_1', (Ts, a, b) => {
    const s = logLogSlope(
      Ts,
      Ts.map((T) => a + b * Math.log(T)),
    );
    expect(s).toBeGreaterThanOrEqual(-1e-12);
    expect(s * Math.log(Math.min(...Ts))).toBeLessThan(1 + 1e-9);
  });

  test('local search for the worst slope · ln T_1 stays below 1 (attained only in the limit a = 0, T_K -> T_1)', () => {
    let worst = 0;
    for (const start of [8, 9, 16, 100]) {
      let a = 0;
      let span = 64;
      for (let it = 0; it < 400; it++) {
        const Ts = [start, start + Math.max(1, Math.round(span))];
        const r =
          logLogSlope(
            Ts,
            Ts.map((T) => a + Math.log(T)),
          ) * Math.log(start);
        worst = Math.max(worst, r);
        span = Math.max(1, span * 0.9);
        a = Math.max(0, a - 0.01);
      }
    }
    expect(worst).toBeLessThan(1);
    expect(worst).toBeGreaterThan(0.9);
  });

  test('mutation: an exponent bound of 0.3 would call the exact log law a = 0, b = 1 contradicted', () => {
    const s = logLogSlope([8, 16, 32], [8, 16, 32].map(Math.log));
    expect(s).toBeGreaterThan(0.3);
    expect(s).toBeLessThan(VERDICT_EXPONENT_BOUND);
    expect(learningVerdict(tight([8, 16, 32], Math.log)).verdict).not.toBe('contradicted');
  });
});

describe('alg-learning-verdict: the rule', () => {
  test.prop([arbTs, fc.double({ min: 1, max: 1000, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true })], { seed: 32, numRuns: 300 })(
    'exact log-law data with tight intervals is supported',
    (Ts, a, b) => {
      expect(learningVerdict(tight(Ts, (T) => a + b * Math.log(T))).verdict).toBe('supported');
    },
  );

  test.prop([arbTs, fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0.51, max: 2, noNaN: true })], { seed: 33, numRuns: 300 })(
    'exact power-law data with exponent >= 0.51 is contradicted',
    (Ts, a, b) => {
      expect(learningVerdict(tight(Ts, (T) => a * T ** b)).verdict).toBe('contradicted');
    },
  );

  const arbPoints = fc
    .tuple(arbTs, fc.array(fc.tuple(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true }), fc.boolean()), { minLength: 6, maxLength: 6 }))
    .map(([Ts, xs]): VerdictPoint[] =>
      Ts.map((T, i) => ({ contextLength: T, point: xs[i][2] ? xs[i][0] : null, lower: xs[i][0] / xs[i][1], upper: xs[i][0] * xs[i][1] })).map((p) => ({ ...p, lower: Math.max(1, p.lower) })),
    );

  test.prop([arbPoints, fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 })], { seed: 34, numRuns: 500 })(
    'widening never flips supported <-> contradicted; [1, ∞) is inconclusive; censored T never supported',
    (pts, f) => {
      const v = learningVerdict(pts).verdict;
      const wide = pts.map((p, i) => ({ ...p, lower: Math.max(1, p.lower / f[2 * i]), upper: p.upper * f[2 * i + 1] }));
      const w = learningVerdict(wide).verdict;
      if (v === 'supported') expect(w).not.toBe('contradicted');
      if (v === 'contradicted') expect(w).not.toBe('supported');
      if (w !== 'inconclusive') expect(w).toBe(v);
      expect(learningVerdict(pts.map((p) => ({ ...p, lower: 1, upper: Infinity }))).verdict).toBe('inconclusive');
      if (pts.some((p) => p.point === null)) expect(v).not.toBe('supported');
    },
  );

  test('mutation: a rule that uses the points and ignores the intervals is rejected', () => {
    const pointsOnly = (pts: VerdictPoint[]) => {
      const sel = selectMstarModel(
        pts.map((p) => p.contextLength),
        pts.map((p) => p.point as number),
      );
      const r = exponentRange(pts.map((p) => ({ ...p, lower: p.point as number, upper: p.point as number })));
      return r.min >= 0.5 ? 'contradicted' : sel.selected === 'a + b ln T' && r.max < 0.5 ? 'supported' : 'inconclusive';
    };
    const pts = tight([8, 16, 32, 64], (T) => 3 * T);
    expect(pointsOnly(pts.map((p) => ({ ...p, lower: 1, upper: Infinity })))).toBe('contradicted');
    expect(learningVerdict(pts.map((p) => ({ ...p, lower: 1, upper: Infinity }))).verdict).toBe('inconclusive');
  });

  test('fewer than 3 T, or T < 8, is inconclusive; bad points are refused', () => {
    expect(learningVerdict(tight([8, 16], (T) => T)).verdict).toBe('inconclusive');
    expect(learningVerdict(tight([4, 16, 64], (T) => T)).reason).toMatch(/T = 4 < 8/);
    expect(() => learningVerdict([{ contextLength: 8, point: null, lower: 0, upper: 1 }])).toThrow(/learningVerdict: lower/);
    expect(() => learningVerdict([{ contextLength: 8, point: null, lower: 5, upper: 2 }])).toThrow(/learningVerdict: upper/);
  });
});

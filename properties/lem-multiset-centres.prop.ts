/**
 * lem-multiset-centres (proofs-notes/lem-multiset-centres.md): the mistake-bound cover has at most
 * C(2n + M, M) centres. logMultisetCount ≥ the exact ln C(N + M, M) and ≤ M ln(N + 1); the encoder's centre
 * depends only on the multiset of its updates; an explicit count of the distinct centres on small instances
 * never exceeds C(2n + M, M), while the mutant count C(2n, M) (sets, no repetition) is exceeded.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { logMultisetCount, mistakeBound, runMistakeBoundCover, MULTISET_CENTRES_ID } from '../src/bounds/linear-cover.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';
import { createRng } from '../src/core/rng.js';

/** ln C(N + M, M) by the exact sum Σ_{j≤M} ln(1 + N/j) (M moderate). */
function exactLogBinomial(N: number, M: number): number {
  let s = 0;
  for (let j = 1; j <= M; j++) s += Math.log1p(N / j);
  return s;
}

/** C(n, k) as a number (small arguments). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return r;
}

/** Distinct centres the encoder produces for targets on a grid of the ball ‖w‖ ≤ a (d = 1 or 2). */
function distinctCentres(points: Float64Array[], a: number, eps: number, b: number, grid: number): number {
  const d = points[0].length;
  const seen = new Set<string>();
  const targets: Float64Array[] = [];
  if (d === 1) for (let i = 0; i <= grid; i++) targets.push(Float64Array.of(-a + (2 * a * i) / grid));
  else
    for (let i = 0; i <= grid; i++)
      for (let j = 0; j <= grid; j++) {
        const w = Float64Array.of(-a + (2 * a * i) / grid, -a + (2 * a * j) / grid);
        if (Math.hypot(w[0], w[1]) <= a) targets.push(w);
      }
  for (const w of targets) {
    const run = runMistakeBoundCover(points, w, eps, b);
    seen.add(Array.from(run.centre, (x) => x.toFixed(9)).join(','));
  }
  return seen.size;
}

describe(MULTISET_CENTRES_ID, () => {
  test.prop([fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 3000 })], { seed: 15001, numRuns: 300 })('exact ln C(N+M, M) ≤ logMultisetCount ≤ M ln(N+1)', (N, M) => {
    const v = logMultisetCount(N, M);
    expect(v).toBeGreaterThanOrEqual(exactLogBinomial(N, M) * (1 - 1e-13));
    expect(v).toBeLessThanOrEqual(M * Math.log(N + 1) * (1 + 1e-12));
  });

  test.prop([fc.double({ min: 1, max: 1e300, noNaN: true }), fc.double({ min: 65, max: 1e307, noNaN: true })], { seed: 15005, numRuns: 400 })(
    'over the whole float64 range (N·M overflowing included) the Robbins form is finite, >= M ln(1 + N/M) and <= M ln(N+1)',
    (Nraw, Mraw) => {
      const N = Math.round(Nraw);
      const M = Math.round(Mraw);
      const v = logMultisetCount(N, M);
      // ln C(N+M, M) ≥ M ln(1 + N/M) (each factor (N+j)/j ≥ (N+M)/M): a lower bound valid at any size.
      expect(v).toBeGreaterThanOrEqual(M * Math.log1p(N / M) * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(M * Math.log(N + 1) * (1 + 1e-12));
      if (Number.isFinite(M * Math.log(N + 1))) expect(Number.isFinite(v)).toBe(true);
    },
  );

  test('adversarial search for the Robbins form below the exact count: never', () => {
    const ratio = (x: Float64Array) => {
      const N = Math.max(1, Math.round(Math.exp(Math.abs(x[0]) * 3)));
      const M = 65 + Math.round(Math.abs(x[1]) * 500);
      return exactLogBinomial(N, M) / logMultisetCount(N, M);
    };
    const res = adversarialSearch(ratio, [Float64Array.of(0, 0), Float64Array.of(3, 1), Float64Array.of(8, 4)], 15002, 600, 1);
    expect(res.ratio).toBeLessThanOrEqual(1);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })], { seed: 15003, numRuns: 100 })('the centre is a function of the multiset of updates', (seed, n, d) => {
    const rng = createRng(seed);
    const pts = Array.from({ length: n }, () => {
      const v = Float64Array.from({ length: d }, () => rng.normal());
      const s = Math.hypot(...v) || 1;
      return v.map((x) => x / s);
    });
    const w = Float64Array.from({ length: d }, () => rng.normal() * 0.5);
    const eps = 0.1;
    const run = runMistakeBoundCover(pts, w, eps, 1);
    // Decode the sorted list: same centre (up to rounding of the sum's order).
    const sorted = [...run.updates].sort((p, q) => p.index - q.index || p.sign - q.sign);
    const c = new Float64Array(d);
    for (const u of sorted) for (let j = 0; j < d; j++) c[j] -= eps * u.sign * pts[u.index][j];
    for (let j = 0; j < d; j++) expect(c[j]).toBeCloseTo(run.centre[j], 10);
  });

  test.prop([fc.integer(), fc.constantFrom(1, 2), fc.constantFrom(1, 2), fc.double({ min: 0.15, max: 0.6, noNaN: true })], { seed: 15004, numRuns: 24 })(
    'explicit cover count: distinct centres ≤ C(2n + M, M)',
    (seed, n, d, eps) => {
      const rng = createRng(seed);
      const pts = Array.from({ length: n }, () => {
        const v = Float64Array.from({ length: d }, () => rng.normal());
        const s = Math.hypot(...v) || 1;
        return v.map((x) => x / s);
      });
      const M = mistakeBound(1, 1, eps);
      const count = distinctCentres(pts, 1, eps, 1, d === 1 ? 4000 : 120);
      expect(Math.log(count)).toBeLessThanOrEqual(logMultisetCount(2 * n, M) + 1e-9);
    },
  );

  test('mutant: counting sets, C(2n, M), is exceeded (n = 1, M ≥ 3)', () => {
    const eps = 0.2;
    const M = mistakeBound(1, 1, eps);
    expect(M).toBeGreaterThanOrEqual(3);
    const count = distinctCentres([Float64Array.of(1)], 1, eps, 1, 4000);
    expect(count).toBeGreaterThan(binomial(2, M));
    expect(count).toBeLessThanOrEqual(binomial(2 + M, M));
  });
});

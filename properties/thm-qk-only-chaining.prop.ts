/**
 * thm-qk-only-chaining (proofs-notes/thm-qk-only-chaining.md):
 * - step 5 exactly: E max_j ‖Σσ_iΔ^j_i‖ ≤ √(max_j Σ_i‖Δ^j_i‖²)(1 + √(2 ln N)) over all 2^m signs, random and
 *   adversarial families; mutant without the mean term (QK_CHAIN_MEAN_TERM = 0) exceeded at N = 1;
 * - steps 2–3 on explicit covers: the level centres are built by the mistake-bound encoder on the score
 *   points; per-sample increments ≤ D_k = min(2B, Bc(e_k + e_{k−1})), tail ≤ Bc e_M; mutant D_k = Bc e_k exceeded;
 * - the bound ≤ aB and non-increasing in m.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { qkOnlyRademacher, QK_ONLY_CHAINING_ID } from '../src/bounds/qk-chaining.js';
import { runMistakeBoundCover, mistakeBound } from '../src/bounds/linear-cover.js';
import { adversarialSearch, randomStarts } from '../src/bounds/checks/adversarial-search.js';
import { softmax } from '../src/core/softmax.js';
import { createRng } from '../src/core/rng.js';

/** [E max_j ‖Σσ_iΔ^j_i‖ exactly, √(max_j Σ‖Δ^j_i‖²)] for families fam[j][i] ∈ R^dim. */
function vectorMassart(fam: readonly (readonly Float64Array[])[]): [number, number] {
  const m = fam[0].length;
  const dim = fam[0][0].length;
  let total = 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    let best = 0;
    for (const D of fam) {
      const s = new Float64Array(dim);
      for (let i = 0; i < m; i++) for (let q = 0; q < dim; q++) s[q] += (mask & (1 << i) ? 1 : -1) * D[i][q];
      best = Math.max(best, Math.hypot(...s));
    }
    total += best;
  }
  const v = Math.max(...fam.map((D) => Math.sqrt(D.reduce((s, x) => s + x.reduce((t, y) => t + y * y, 0), 0))));
  return [total / (1 << m), v];
}

function familyFrom(x: Float64Array, N: number, m: number, dim: number): Float64Array[][] {
  return Array.from({ length: N }, (_, j) => Array.from({ length: m }, (_, i) => x.slice((j * m + i) * dim, (j * m + i + 1) * dim)));
}

/** One head instance: m samples of T+1 rows in R^d (norm ≤ 1), z = x_0, and Q (‖Q‖_F ≤ Bqk). */
interface Head {
  readonly X: Float64Array[][];
  readonly Q: Float64Array;
  readonly d: number;
  readonly Bqk: number;
}

function headFrom(x: Float64Array, m: number, T: number, d: number, Bqk: number): Head {
  let o = 0;
  const X = Array.from({ length: m }, () =>
    Array.from({ length: T + 1 }, () => {
      const r = x.slice(o, o + d);
      o += d;
      const n = Math.hypot(...r);
      return n > 1 ? r.map((v) => v / n) : r;
    }),
  );
  const q = x.slice(o, o + d * d);
  const qn = Math.hypot(...q);
  return { X, Q: qn > Bqk ? q.map((v) => (v * Bqk) / qn) : q, d, Bqk };
}

/** v_i(Q) = X_iᵀ softmax(X_i Q x_0) for every sample. */
function pooled(h: Head, Q: Float64Array): Float64Array[] {
  const d = h.d;
  return h.X.map((rows) => {
    const z = rows[0];
    const s = rows.map((xu) => {
      let t = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t += xu[i] * Q[i * d + j] * z[j];
      return t;
    });
    const a = softmax(s);
    return Float64Array.from({ length: d }, (_, j) => rows.reduce((acc, xu, u) => acc + a[u] * xu[j], 0));
  });
}

/** Max over levels and samples of increment/D_k (or /(Bc e_k) for the mutant), and tail/(Bc e_M); B = c = 1. */
function chainRatios(h: Head, levels: number): { inc: number; mutant: number; tail: number } {
  const pts = h.X.flatMap((rows) => rows.map((xu) => Float64Array.from({ length: h.d * h.d }, (_, q) => xu[Math.floor(q / h.d)] * rows[0][q % h.d])));
  const e0 = h.Bqk;
  let prevV = pooled(h, new Float64Array(h.d * h.d));
  let prevE = e0;
  let inc = 0;
  let mutant = 0;
  let last = prevV;
  let eM = e0;
  for (let k = 1; k <= levels; k++) {
    const e = e0 * 2 ** -k;
    const run = runMistakeBoundCover(pts, h.Q, e, 1);
    if (run.updates.length > mistakeBound(h.Bqk, 1, e)) throw new Error('encoder exceeded M');
    const v = pooled(h, run.centre);
    for (let i = 0; i < v.length; i++) {
      const n = Math.hypot(...v[i].map((x, j) => x - prevV[i][j]));
      inc = Math.max(inc, n / Math.min(2, e + prevE));
      mutant = Math.max(mutant, n / e);
    }
    prevV = v;
    prevE = e;
    last = v;
    eM = e;
  }
  const truth = pooled(h, h.Q);
  const tail = Math.max(...truth.map((t, i) => Math.hypot(...t.map((x, j) => x - last[i][j])) / Math.min(2, eM)));
  return { inc, mutant, tail };
}

describe(QK_ONLY_CHAINING_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 })], { seed: 18001, numRuns: 60 })(
    'vector Massart exactly: E max_j ‖Σσ_iΔ^j_i‖ ≤ √(max Σ‖Δ‖²)(1 + √(2 ln N))',
    (seed, N, m, dim) => {
      const rng = createRng(seed);
      const [e, v] = vectorMassart(
        familyFrom(
          Float64Array.from({ length: N * m * dim }, () => rng.normal()),
          N,
          m,
          dim,
        ),
      );
      expect(e).toBeLessThanOrEqual(v * (1 + Math.sqrt(2 * Math.log(N))) * (1 + 1e-12));
    },
  );

  test('vector Massart: adversarial search ratio ≤ 1; the mutant without the mean term is exceeded at N = 1', () => {
    for (const N of [1, 2, 4]) {
      const m = 8;
      const dim = 2;
      const res = adversarialSearch(
        (x) => {
          const [e, v] = vectorMassart(familyFrom(x, N, m, dim));
          return e / (v * (1 + Math.sqrt(2 * Math.log(N))));
        },
        randomStarts(18002 + N, 2, N * m * dim, 1),
        18010 + N,
        150,
      );
      expect(res.ratio).toBeLessThanOrEqual(1);
    }
    const [e, v] = vectorMassart([[Float64Array.of(1, 0), Float64Array.of(0, 1), Float64Array.of(1, 1)]]);
    const mutantMeanTerm = 0; // QK_CHAIN_MEAN_TERM mutated from 1 to 0
    expect(e).toBeGreaterThan(v * (mutantMeanTerm + Math.sqrt(2 * Math.log(1))));
    expect(e).toBeLessThanOrEqual(v);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.2, max: 3, noNaN: true })], { seed: 18020, numRuns: 40 })(
    'explicit covers: increments ≤ D_k and tail ≤ Bc e_M',
    (seed, m, T, d, Bqk) => {
      const rng = createRng(seed);
      const h = headFrom(
        Float64Array.from({ length: m * (T + 1) * d + d * d }, () => rng.normal() * 2),
        m,
        T,
        d,
        Bqk,
      );
      const r = chainRatios(h, 6);
      expect(r.inc).toBeLessThanOrEqual(1 + 1e-9);
      expect(r.tail).toBeLessThanOrEqual(1 + 1e-9);
    },
  );

  test('explicit covers: adversarial search ≤ 1; the mutant D_k = Bc e_k is exceeded', () => {
    const [m, T, d, Bqk] = [2, 2, 2, 2];
    const dim = m * (T + 1) * d + d * d;
    const res = adversarialSearch((x) => chainRatios(headFrom(x, m, T, d, Bqk), 5).inc, randomStarts(18030, 3, dim, 2), 18031, 300);
    expect(res.ratio).toBeLessThanOrEqual(1 + 1e-9);
    const mut = adversarialSearch((x) => chainRatios(headFrom(x, m, T, d, Bqk), 5).mutant, randomStarts(18032, 3, dim, 2), 18033, 300);
    expect(mut.ratio).toBeGreaterThan(1);
  });

  test.prop([fc.integer({ min: 1, max: 1e8 }), fc.integer({ min: 1, max: 2 ** 20 }), fc.double({ min: 0.1, max: 4, noNaN: true }), fc.double({ min: 0.1, max: 4, noNaN: true })], {
    seed: 18040,
    numRuns: 50,
  })('the bound ≤ aB and non-increasing in m', (m, T, Bqk, a) => {
    const p = { qkFrobenius: Bqk, linearNorm: a, rowNorm: 1, contextLength: T, sampleSize: m, softmaxConstant: 1, multiset: true, pairs: true };
    const v = qkOnlyRademacher(p).value;
    expect(v).toBeLessThanOrEqual(a);
    expect(qkOnlyRademacher({ ...p, sampleSize: m * 2 }).value).toBeLessThanOrEqual(v * (1 + 1e-12));
  });
});

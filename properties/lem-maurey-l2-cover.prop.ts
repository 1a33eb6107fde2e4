/**
 * lem-maurey-l2-cover (proofs-notes/lem-maurey-l2-cover.md): BFT Lemma 3.2 is cited; this attacks the
 * constant of its ⌈a²b²/ε²⌉ through the Maurey construction the count rests on (our reconstruction): atoms
 * ±ab·(Xe_i/‖Xe_i‖)e_jᵀ with weights |A_ij|‖Xe_i‖/(ab) (the rest split between ±V_00) have mean XA; the
 * average of k i.i.d. atoms has E‖avg − XA‖_F² ≤ a²b²/k, computed EXACTLY over all (2dp)^k tuples, so some
 * tuple is within ab/√k. Mutant a²b²/(2k) exceeded. Also the normalized formula and the zero centre.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { maureyLogCovering, MAUREY_COVER_ID } from '../src/bounds/maurey-cover.js';
import { adversarialSearch, randomStarts } from '../src/bounds/checks/adversarial-search.js';
import { createRng } from '../src/core/rng.js';

interface MaureyCase {
  readonly n: number;
  readonly d: number;
  readonly p: number;
  /** X row-major n×d. */
  readonly X: Float64Array;
  /** A row-major d×p. */
  readonly A: Float64Array;
  /** The budget a ≥ ‖A‖_{2,1}. */
  readonly a: number;
}

const group21Cols = (c: MaureyCase) => {
  let s = 0;
  for (let j = 0; j < c.p; j++) {
    let q = 0;
    for (let i = 0; i < c.d; i++) q += c.A[i * c.p + j] ** 2;
    s += Math.sqrt(q);
  }
  return s;
};

/** [exact E‖avg_k − XA‖_F², min over tuples of ‖avg − XA‖_F, a²b²] for k i.i.d. atoms. */
function maureyExact(c: MaureyCase, k: number): [number, number, number] {
  const { n, d, p, X, A, a } = c;
  const colNorm = (i: number) => Math.hypot(...Array.from({ length: n }, (_, r) => X[r * d + i]));
  const b = Math.hypot(...X);
  const XA = new Float64Array(n * p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) for (let i = 0; i < d; i++) XA[r * p + j] += X[r * d + i] * A[i * p + j];
  const atoms: { prob: number; V: Float64Array }[] = [];
  let used = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < p; j++) {
      const cn = colNorm(i);
      const V = new Float64Array(n * p);
      if (cn > 0) for (let r = 0; r < n; r++) V[r * p + j] = (a * b * X[r * d + i]) / cn;
      const w = cn > 0 ? (Math.abs(A[i * p + j]) * cn) / (a * b) : 0;
      used += w;
      const sg = A[i * p + j] >= 0 ? 1 : -1;
      atoms.push({ prob: w, V: V.map((v) => sg * v) });
      atoms.push({ prob: 0, V: V.map((v) => -sg * v) });
    }
  const rest = Math.max(0, 1 - used);
  atoms[0] = { prob: atoms[0].prob + rest / 2, V: atoms[0].V };
  atoms[1] = { prob: atoms[1].prob + rest / 2, V: atoms[1].V };
  let mean = 0;
  let best = Infinity;
  const idx = new Array<number>(k).fill(0);
  for (;;) {
    let prob = 1;
    const avg = new Float64Array(n * p);
    for (const t of idx) {
      prob *= atoms[t].prob;
      for (let q = 0; q < avg.length; q++) avg[q] += atoms[t].V[q] / k;
    }
    const e2 = avg.reduce((s, v, q) => s + (v - XA[q]) ** 2, 0);
    mean += prob * e2;
    if (prob > 0) best = Math.min(best, Math.sqrt(e2));
    let pos = 0;
    while (pos < k && ++idx[pos] === atoms.length) idx[pos++] = 0;
    if (pos === k) break;
  }
  return [mean, best, (a * b) ** 2];
}

function caseFrom(x: Float64Array, n: number, d: number, p: number, slack = 1): MaureyCase {
  const X = x.slice(0, n * d);
  const A = x.slice(n * d, n * d + d * p);
  const c = { n, d, p, X, A, a: 1 };
  return { ...c, a: Math.max(1e-9, group21Cols(c) * slack) };
}

describe(MAUREY_COVER_ID, () => {
  test.prop(
    [fc.integer(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 1, max: 2, noNaN: true })],
    {
      seed: 17001,
      numRuns: 60,
    },
  )('exact E‖avg_k − XA‖² ≤ a²b²/k, and some k-average is within ab/√k', (seed, n, d, p, k, slack) => {
    const rng = createRng(seed);
    const c = caseFrom(
      Float64Array.from({ length: n * d + d * p }, () => rng.normal()),
      n,
      d,
      p,
      slack,
    );
    const [mean, best, ab2] = maureyExact(c, k);
    expect(mean).toBeLessThanOrEqual((ab2 / k) * (1 + 1e-9));
    expect(best).toBeLessThanOrEqual(Math.sqrt(ab2 / k) * (1 + 1e-9));
  });

  test('adversarial search (n = 2, d = 2, p = 2, k = 3): ratio ≤ 1; mutant a²b²/(2k) exceeded at XA = 0', () => {
    const ratio = (x: Float64Array) => {
      const [mean, , ab2] = maureyExact(caseFrom(x, 2, 2, 2), 3);
      return mean / (ab2 / 3);
    };
    const res = adversarialSearch(ratio, randomStarts(17002, 3, 8, 1), 17003, 300);
    expect(res.ratio).toBeLessThanOrEqual(1 + 1e-9);
    const zero = { n: 2, d: 2, p: 2, X: Float64Array.of(1, 0, 0, 1), A: new Float64Array(4), a: 1 };
    const [mean, , ab2] = maureyExact(zero, 3);
    expect(mean).toBeGreaterThan(ab2 / (2 * 3));
  });

  test.prop(
    [
      fc.double({ min: 0.01, max: 10, noNaN: true }),
      fc.double({ min: 0.01, max: 10, noNaN: true }),
      fc.double({ min: 1e-3, max: 10, noNaN: true }),
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 64 }),
    ],
    {
      seed: 17004,
      numRuns: 200,
    },
  )('normalized form = BFT with b = √n b̄, ε = √n ε̄; 0 exactly when a b̄ ≤ ε̄', (a, bb, e, n, d, k) => {
    const v = maureyLogCovering({ groupBudget: a, pointNorm: bb, inputDim: d, outputDim: k, eps: e });
    const r = (a * Math.sqrt(n) * bb) ** 2 / (Math.sqrt(n) * e) ** 2;
    if (a * bb <= e * (1 - 1e-12)) expect(v).toBe(0);
    else if (a * bb > e * (1 + 1e-12)) {
      // The same count up to float64 rounding of r at an integer (the ceiling may then differ by one).
      const L = Math.log(2 * d * k);
      expect(v).toBeGreaterThanOrEqual(Math.ceil(r * (1 - 1e-12)) * L * (1 - 1e-12));
      expect(v).toBeLessThanOrEqual(Math.ceil(r * (1 + 1e-12)) * L * (1 + 1e-12));
    }
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], { seed: 17005, numRuns: 100 })(
    'the zero centre is within ‖X‖_F ‖A‖_{2,1}',
    (seed, n, d, p) => {
      const rng = createRng(seed);
      const c = caseFrom(
        Float64Array.from({ length: n * d + d * p }, () => rng.normal()),
        n,
        d,
        p,
      );
      const XA = new Float64Array(n * p);
      for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) for (let i = 0; i < d; i++) XA[r * p + j] += c.X[r * d + i] * c.A[i * p + j];
      expect(Math.hypot(...XA)).toBeLessThanOrEqual(Math.hypot(...c.X) * c.a * (1 + 1e-12));
    },
  );
});

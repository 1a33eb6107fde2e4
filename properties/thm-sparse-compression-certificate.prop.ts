/**
 * thm-sparse-compression-certificate (proofs-notes/thm-sparse-compression-certificate.md), attacked:
 * - the class: exact enumeration on small T, s of the pairs (support, table), of the symmetric tables
 *   (2^{s+1} of 2^{2^s}), of every function on {0,1}^T that depends on at most s coordinates (each is
 *   some pair's), and Σ_g π(g) ≤ 1 for every class prior;
 * - the tail: binomialLogCdf against an exact BigInt rational sum; the inversion is valid
 *   (P[Bin(m,p) ≤ k] < δ' just above ε̄) and tight (≥ δ' just below), adversarially at p next to ε̄(k);
 *   the per-function failure probability Σ_{k: ε̄(k) < p} P[K = k] ≤ δ' at adversarial p;
 * - the whole statement: on tiny instances (T ≤ 2, s = 1, m ≤ 9, any distribution of (x, y)) the exact
 *   probability, over all multinomial samples, that some pair of the class breaks its bound is ≤ δ;
 * - the two mutants the statement rejects: the class size without the 2^{2^s} tables (exact failure
 *   probability 0.109 > δ = 0.06 on a pure-noise instance), and the inversion of the strict tail P[K < k];
 * - the orderings binomial ≤ kl ≤ Hoeffding, binomial(K = 0) ≤ Occam, and monotonicity in m, K, δ, T;
 * - the certificate on constructed heads: the sign certifies, the bound equals the closed form; a
 *   negated or vanishing model (f ≡ 0: a zero output is an error) gives no bound.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { binomialLogCdf, binomialTailInversion, hoeffdingBound, klInversion, occamRealizable, COMPRESSION_TAIL_ID } from '../src/bounds/compression-tail.js';
import { isSymmetricTarget, logChoose, logGeneralClassSize, logInversePrior, logSymmetricClassSize, COMPRESSION_CLASSES } from '../src/bounds/compression-class.js';
import { compressionCertificate } from '../src/bounds/compression-certificate.js';
import { targetLabel } from '../src/model/target.js';
import { construct } from '../src/constructions/api.js';
import type { BooleanTarget, Model } from '../src/model/types.js';
import { fromData } from '../src/core/matrix.js';

/** All s-subsets of 1..T, increasing. */
function subsets(T: number, s: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (acc.length === s) {
      out.push([...acc]);
      return;
    }
    for (let p = start; p <= T; p++) rec(p + 1, [...acc, p]);
  };
  rec(1, []);
  return out;
}

/** All 2^{2^s} tables of s variables. */
function tables(s: number): string[] {
  const n = 2 ** s;
  return Array.from({ length: 2 ** n }, (_, v) => v.toString(2).padStart(n, '0'));
}

/** Every pair (support, table) of the general class. */
function pairs(T: number, s: number): BooleanTarget[] {
  return subsets(T, s).flatMap((support) => tables(s).map((table) => ({ support, table })));
}

/** The truth table of g over all 2^T inputs, as a string ('1' = +1). */
function fullTable(g: BooleanTarget, T: number): string {
  let out = '';
  for (let v = 0; v < 2 ** T; v++) {
    const bits = Array.from({ length: T }, (_, t) => (v >> t) & 1);
    out += targetLabel(g, bits) === 1 ? '1' : '0';
  }
  return out;
}

/** P[Bin(m, u/v) ≤ k] exactly as a BigInt rational, converted to a float at the end. */
function exactCdf(k: number, m: number, u: number, v: number): number {
  let num = 0n;
  let c = 1n;
  const U = BigInt(u);
  const W = BigInt(v - u);
  for (let j = 0; j <= k; j++) {
    num += c * U ** BigInt(j) * W ** BigInt(m - j);
    c = (c * BigInt(m - j)) / BigInt(j + 1);
  }
  const den = BigInt(v) ** BigInt(m);
  if (num === 0n) return 0;
  const shift = den.toString(2).length - num.toString(2).length + 80;
  const q = shift >= 0 ? (num << BigInt(shift)) / den : num / den;
  return Number(q) * 2 ** -shift;
}

/** ln P[Bin(m, p) = j] by the plain product form (an oracle independent of Loader's form). */
function plainLogPmf(j: number, m: number, p: number): number {
  let c = 0;
  for (let i = 0; i < j; i++) c += Math.log((m - i) / (i + 1));
  return c + (j === 0 ? 0 : j * Math.log(p)) + (m - j === 0 ? 0 : (m - j) * Math.log1p(-p));
}

/** Probability that some pair breaks its bound, over all samples of size m from `dist` (outcome = (x, y)), exactly by multinomial enumeration. */
function simultaneousFailure(T: number, s: number, m: number, dist: number[], logInv: (g: BooleanTarget) => number, delta: number, invert = binomialTailInversion): number {
  const outcomes = dist.length; // index o = 2·x + (y > 0 ? 1 : 0), x in 0..2^T − 1
  const gs = pairs(T, s);
  const wrong = gs.map((g) =>
    Array.from({ length: outcomes }, (_, o) => {
      const x = o >> 1;
      const y = o & 1 ? 1 : -1;
      return (
        targetLabel(
          g,
          Array.from({ length: T }, (_, t) => (x >> t) & 1),
        ) !== y
      );
    }),
  );
  const errs = wrong.map((w) => w.reduce((acc, bad, o) => acc + (bad ? dist[o] : 0), 0));
  const bounds = gs.map((g) => Array.from({ length: m + 1 }, (_, k) => invert(k, m, Math.log(delta) - logInv(g))));
  const lnFact = [0];
  for (let i = 1; i <= m; i++) lnFact.push(lnFact[i - 1] + Math.log(i));
  let fail = 0;
  const counts = new Array<number>(outcomes).fill(0);
  const rec = (o: number, left: number) => {
    if (o === outcomes - 1) {
      counts[o] = left;
      let lp = lnFact[m];
      for (let i = 0; i < outcomes; i++) {
        if (counts[i] > 0 && dist[i] === 0) return;
        lp += counts[i] > 0 ? counts[i] * Math.log(dist[i]) - lnFact[counts[i]] : 0;
      }
      for (let gi = 0; gi < gs.length; gi++) {
        let K = 0;
        for (let i = 0; i < outcomes; i++) if (wrong[gi][i]) K += counts[i];
        if (errs[gi] > bounds[gi][K]) {
          fail += Math.exp(lp);
          return;
        }
      }
      return;
    }
    for (let c = 0; c <= left; c++) {
      counts[o] = c;
      rec(o + 1, left - c);
    }
  };
  rec(0, m);
  return fail;
}

/** Mutant: ε̄ from the strict tail P[K < k] ≥ δ' (the off-by-one "right tail" error). */
function strictTailInversion(k: number, m: number, logDelta: number): number {
  return k === 0 ? 0 : binomialTailInversion(k - 1, m, logDelta);
}

describe(COMPRESSION_TAIL_ID, () => {
  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 })], { seed: 14001, numRuns: 40 })(
    'class: C(T, s) supports × 2^{2^s} tables enumerated; 2^{s+1} symmetric; every ≤ s-sparse function is a pair; Σπ ≤ 1',
    (T, sRaw) => {
      const s = Math.min(sRaw, T);
      const all = pairs(T, s);
      expect(all.length).toBe(Math.round(Math.exp(logGeneralClassSize(T, s))));
      const sym = all.filter(isSymmetricTarget);
      expect(sym.length).toBe(Math.round(Math.exp(logSymmetricClassSize(T, s))));
      expect(tables(s).filter((t) => isSymmetricTarget({ support: subsets(s, s)[0], table: t })).length).toBe(2 ** (s + 1));
      for (const cls of COMPRESSION_CLASSES) {
        let total = 0;
        for (const g of all) {
          const lp = logInversePrior(g, T, cls);
          if (lp !== null) total += Math.exp(-lp);
          else expect(cls === 'symmetric' && !isSymmetricTarget(g)).toBe(true);
        }
        expect(total).toBeLessThanOrEqual(1 + 1e-12);
        expect(total).toBeGreaterThan(1 - 1e-9); // each prior is a probability over the index set
      }
      if (T <= 4) {
        // Every function on {0,1}^T depending on at most s coordinates equals some pair's function.
        const seen = new Set(all.map((g) => fullTable(g, T)));
        const n = 2 ** T;
        for (let f = 0; f < 2 ** n; f++) {
          const tab = Array.from({ length: n }, (_, v) => (f >> v) & 1);
          const relevant = Array.from({ length: T }, (_, t) => tab.some((val, v) => val !== tab[v ^ (1 << t)])).filter(Boolean).length;
          if (relevant <= s) expect(seen.has(tab.map(String).join(''))).toBe(true);
        }
        expect(seen.size).toBeLessThanOrEqual(all.length);
      }
    },
  );

  test.prop([fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 63 })], { seed: 14002, numRuns: 150 })(
    'binomialLogCdf equals the exact rational sum (p = u/64) to 1e−12 relative',
    (m, kRaw, u) => {
      const k = Math.min(kRaw, m);
      const exact = exactCdf(k, m, u, 64);
      const got = Math.exp(binomialLogCdf(k, m, u / 64));
      expect(Math.abs(got - exact)).toBeLessThanOrEqual(1e-12 * exact + 1e-300);
    },
  );

  test.prop([fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0.001, max: 0.999, noNaN: true })], { seed: 14003, numRuns: 60 })(
    'Loader terms agree with the plain product form',
    (m, jRaw, p) => {
      const j = Math.min(jRaw, m);
      const a = binomialLogCdf(j, m, p);
      let plain = -Infinity;
      for (let i = 0; i <= j; i++) {
        const t = plainLogPmf(i, m, p);
        plain = Math.max(plain, t) + Math.log1p(Math.exp(-Math.abs(plain - t)));
      }
      expect(Math.abs(a - Math.min(0, plain))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(plain)));
    },
  );

  test.prop([fc.integer({ min: 1, max: 100000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -40, max: -1e-3, noNaN: true })], { seed: 14004, numRuns: 200 })(
    'ε̄(k): valid just above (tail < δ′) and tight just below (tail ≥ δ′(1 − 1e−6)); k = 0 is 1 − δ′^{1/m}',
    (m, frac, logDelta) => {
      const k = Math.min(m - 1, Math.floor(frac * m));
      const e = binomialTailInversion(k, m, logDelta);
      expect(e).toBeGreaterThan(0);
      expect(e).toBeLessThanOrEqual(1);
      expect(binomialLogCdf(k, m, e)).toBeLessThan(logDelta);
      const below = e * (1 - 1e-9);
      if (below > 0) expect(binomialLogCdf(k, m, below)).toBeGreaterThanOrEqual(logDelta + Math.log1p(-1e-6));
      if (k === 0) expect(e).toBeCloseTo(-Math.expm1(logDelta / m), 14);
    },
  );

  test.prop([fc.integer({ min: 1, max: 80 }), fc.double({ min: 1e-6, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 1e-6, noNaN: true })], {
    seed: 14005,
    numRuns: 200,
  })('per-function failure Σ_{k: ε̄(k) < p} P[K = k] ≤ δ′ at adversarial p (just above some ε̄(j)); the strict-tail mutant exceeds it', (m, dp, jRaw, bump) => {
    const logDelta = Math.log(dp);
    const eb = Array.from({ length: m + 1 }, (_, k) => binomialTailInversion(k, m, logDelta));
    const j = Math.min(jRaw, m - 1);
    const p = Math.min(1, eb[j] * (1 + bump) + 1e-15);
    let fail = 0;
    for (let k = 0; k <= m; k++) if (eb[k] < p) fail += Math.exp(plainLogPmf(k, m, p));
    expect(fail).toBeLessThanOrEqual(dp * (1 + 1e-9));
    // Mutant: with ε̄(0) = 0 the event {K = 0} alone breaks it for small p.
    const q = 1e-6 / m; // (1 − q)^m ≈ 1 − 1e−6 > δ′
    const mutFail = Array.from({ length: m + 1 }, (_, k) => k).reduce((acc, k) => acc + (strictTailInversion(k, m, logDelta) < q ? Math.exp(plainLogPmf(k, m, q)) : 0), 0);
    expect(mutFail).toBeGreaterThan(dp);
  });

  test.prop(
    [
      fc.constantFrom(1, 2),
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 8, maxLength: 8 }),
      fc.double({ min: 0.01, max: 0.9, noNaN: true }),
      fc.constantFrom(...COMPRESSION_CLASSES),
    ],
    { seed: 14006, numRuns: 25 },
  )('exact simultaneous failure over every multinomial sample ≤ δ (T ≤ 2, s = 1, any distribution of (x, y))', (T, mRaw, w, delta, cls) => {
    const outcomes = 2 ** T * 2;
    const m = T === 2 ? Math.min(mRaw, 6) : mRaw;
    const weights = w.slice(0, outcomes).map((x) => x + 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const dist = total === 0 ? weights.map(() => 1 / outcomes) : weights.map((x) => x / total);
    const logInv = (g: BooleanTarget) => logInversePrior(g, T, cls) ?? Infinity;
    expect(simultaneousFailure(T, 1, m, dist, logInv, delta)).toBeLessThanOrEqual(delta * (1 + 1e-9));
  });

  test('mutant: the class size without the 2^{2^s} tables breaks the statement (pure noise, T = 1, s = 1, m = 10, δ = 0.06)', () => {
    const dist = [0.25, 0.25, 0.25, 0.25]; // x uniform, y independent and uniform: every pair has error 1/2
    const right = simultaneousFailure(1, 1, 10, dist, (g) => logGeneralClassSize(1, g.support.length), 0.06);
    const mutant = simultaneousFailure(1, 1, 10, dist, (g) => logChoose(1, g.support.length), 0.06);
    expect(right).toBeLessThanOrEqual(0.06);
    expect(mutant).toBeGreaterThan(0.1); // 2·P[Bin(10, ½) ≤ 2] = 0.109 at least
  });

  test.prop([fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -60, max: -1e-3, noNaN: true })], { seed: 14007, numRuns: 200 })(
    'binomial ≤ kl ≤ Hoeffding; K = 0: binomial ≤ Occam',
    (m, frac, logDelta) => {
      const k = Math.min(m, Math.floor(frac * m));
      const b = binomialTailInversion(k, m, logDelta);
      const kl = klInversion(k, m, logDelta);
      expect(b).toBeLessThanOrEqual(kl * (1 + 1e-9));
      expect(kl).toBeLessThanOrEqual(Math.max(1, hoeffdingBound(k, m, logDelta)) * (1 + 1e-12));
      // P[Bin(m, k/m) ≤ k] ≥ ½ (mean = median when mp is an integer), so for δ′ ≤ ½ the bound is ≥ the training rate.
      if (logDelta <= -Math.LN2) expect(b).toBeGreaterThanOrEqual(k / m - 1e-12);
      if (k === 0) expect(b).toBeLessThanOrEqual(occamRealizable(m, logDelta));
    },
  );

  test.prop(
    [
      fc.integer({ min: 2, max: 5000 }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
      fc.integer({ min: 3, max: 4096 }),
      fc.integer({ min: 1, max: 3 }),
    ],
    { seed: 14008, numRuns: 100 },
  )('monotone: non-increasing in m (fixed K) and δ, non-decreasing in K and T', (m, frac, delta, T, s) => {
    const k = Math.floor(frac * m);
    const bound = (mm: number, kk: number, d: number, TT: number) => binomialTailInversion(kk, mm, Math.log(d) - logGeneralClassSize(TT, s));
    const b = bound(m, k, delta, T);
    expect(bound(m + 1, k, delta, T)).toBeLessThanOrEqual(b * (1 + 1e-9));
    expect(bound(m, k, delta * 1.5, T)).toBeLessThanOrEqual(b * (1 + 1e-9));
    if (k < m) expect(bound(m, k + 1, delta, T)).toBeGreaterThanOrEqual(b * (1 - 1e-9));
    expect(bound(m, k, delta, T + 1)).toBeGreaterThanOrEqual(b * (1 - 1e-9));
  });

  test.prop([fc.constantFrom('parity', 'and', 'majority', 'table:01101001'), fc.integer({ min: 8, max: 64 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 20 })], {
    seed: 14009,
    numRuns: 12,
  })('constructed head: the sign certifies and the bound is the closed form; negated or vanishing model: no bound', (fnName, T, seed, K) => {
    const s = 3;
    const c = construct({ fn: fnName, contextLength: T, sparsity: s, seed });
    const m = 1000;
    const r = compressionCertificate(c.model, c.target, { sampleSize: m, trainErrors: 0, delta: 0.05 });
    expect(r.signAgrees).toBe(true);
    expect(r.bound).toBeCloseTo(-Math.expm1(-(logGeneralClassSize(T, s) + Math.log(20)) / m), 12);
    const agn = compressionCertificate(c.model, c.target, { sampleSize: m, trainErrors: K, delta: 0.05 });
    expect(agn.form).toBe('agnostic');
    expect(agn.bound as number).toBeGreaterThan(r.bound as number);
    const scaled = (factor: number): Model => ({
      ...c.model,
      readout: c.model.readout.map((l, i) =>
        i === c.model.readout.length - 1
          ? {
              ...l,
              weight: fromData(
                l.weight.rows,
                l.weight.cols,
                l.weight.data.map((x) => x * factor),
              ),
              bias: l.bias ? l.bias.map((x) => x * factor) : null,
            }
          : l,
      ),
    });
    for (const bad of [scaled(-1), scaled(0)]) {
      const b = compressionCertificate(bad, c.target, { sampleSize: m, trainErrors: 0, delta: 0.05 });
      expect(b.signAgrees).toBe(false);
      expect(b.bound).toBeNull();
      expect(b.vacuous).toBe(true);
    }
  });
});

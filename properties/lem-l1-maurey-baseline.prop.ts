/**
 * lem-l1-maurey-baseline (proofs-notes/lem-l1-maurey-baseline.md), attacked:
 * - §1 Maurey: the exact second moment of one atom draw gives E∫‖(W̄ − W)ᵀx‖²dμ ≤ a²b²/K for adversarial W,
 *   points and weights μ; a seeded draw of K = ⌈a²b²/ε²⌉ atoms meets the radius ε; centres stay in the ℓ1 ball;
 *   §1b the (2,1) atoms likewise;
 * - §2 softmax: ‖softmax(s) − softmax(ŝ)‖₁ ≤ e^S·rms(s − ŝ) on fc-chosen and structured boxes; the mutant
 *   without e^S is rejected on the structured instance (n = e^{2S}, one score moved);
 * - §3 error accounting: on random small heads an explicit centre (Maurey draws, clipped scores, projected
 *   value, Maurey readout; and the identity route v = W_V w) is within Σβ_iε_i of the reference head in
 *   L2(P_m), with the measured radii;
 * - the reported baseline is identical for every T, grows with d, and is absent for classes with layers.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { L1_MAUREY_BASELINE_ID, maureyLogCover, softmaxRmsFactor } from '../src/bounds/baselines.js';
import { computeBound, type BoundRequest } from '../src/bounds/api.js';
import { createRng, type Rng } from '../src/core/rng.js';
import { fromData, fromRows, type Matrix } from '../src/core/matrix.js';
import { entrywiseL1, spectralNorm } from '../src/core/norms.js';
import { softmax } from '../src/core/softmax.js';
import { headForward } from '../src/model/head.js';

/** Maurey's atom distribution for W (D entries): probabilities over ±a·E_j (index 2j: +, 2j+1: −). */
function atomProbabilities(w: Float64Array, a: number): Float64Array {
  const p = new Float64Array(2 * w.length);
  let used = 0;
  w.forEach((x, j) => {
    p[2 * j + (x >= 0 ? 0 : 1)] = Math.abs(x) / a;
    used += Math.abs(x) / a;
  });
  const rest = Math.max(0, 1 - used);
  p[0] += rest / 2;
  p[1] += rest / 2;
  return p;
}

/** The average of K atoms drawn from p (seeded). */
function maureyDraw(p: Float64Array, a: number, K: number, rng: Rng): Float64Array {
  const out = new Float64Array(p.length / 2);
  const cdf = new Float64Array(p.length);
  let c = 0;
  p.forEach((x, i) => {
    c += x;
    cdf[i] = c;
  });
  for (let r = 0; r < K; r++) {
    const u = rng.float() * c;
    let i = 0;
    while (i < cdf.length - 1 && cdf[i] <= u) i++;
    out[i >> 1] += ((i & 1) === 0 ? a : -a) / K;
  }
  return out;
}

/** Points (rows, D_in) and weights μ; ‖x‖_∞ ≤ b. */
const arbInstance = fc.record({
  din: fc.integer({ min: 1, max: 5 }),
  dout: fc.integer({ min: 1, max: 3 }),
  n: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer(),
  slack: fc.double({ min: 1, max: 3, noNaN: true }),
});

/** Rows x as the matrix with entries in [−b, b] (some at ±b exactly), b = 1. */
function points(rng: Rng, n: number, din: number): Float64Array[] {
  return Array.from({ length: n }, () => Float64Array.from({ length: din }, () => (rng.float() < 0.3 ? (rng.bit() ? 1 : -1) : 2 * rng.float() - 1)));
}

/** ‖(W)ᵀx‖₂² for W stored row-major din×dout. */
function mapNorm2(w: Float64Array, x: Float64Array, dout: number): number {
  let s = 0;
  for (let l = 0; l < dout; l++) {
    let v = 0;
    for (let j = 0; j < x.length; j++) v += w[j * dout + l] * x[j];
    s += v * v;
  }
  return s;
}

describe(L1_MAUREY_BASELINE_ID, () => {
  test.prop([arbInstance], { seed: 15001, numRuns: 200 })('§1: E∫‖(W̄ − W)ᵀx‖²dμ ≤ a²b²/K exactly; a seeded draw meets ε; centres in the ℓ1 ball', ({ din, dout, n, seed, slack }) => {
    const rng = createRng(seed);
    const D = din * dout;
    const w = Float64Array.from({ length: D }, () => rng.normal() * (rng.float() < 0.3 ? 0 : 1));
    const a = entrywiseL1(fromData(din, dout, w)) * slack + 1e-12;
    const xs = points(rng, n, din);
    const mu = Array.from({ length: n }, () => rng.float() + 1e-3);
    const muSum = mu.reduce((s, x) => s + x, 0);
    const p = atomProbabilities(w, a);
    // E‖Vᵀx‖² = Σ_j p_±j a² x_{row(j)}² (atom ±a E_j maps x to ±a x_row e_col).
    let second = 0;
    xs.forEach((x, i) => {
      let e = 0;
      for (let j = 0; j < D; j++) e += (p[2 * j] + p[2 * j + 1]) * a * a * x[Math.floor(j / dout)] ** 2;
      second += (mu[i] / muSum) * (e - mapNorm2(w, x, dout));
    });
    expect(second).toBeLessThanOrEqual(a * a * (1 + 1e-12));
    const eps = a * (0.2 + rng.float() * 0.6);
    const K = Math.ceil((a * a) / (eps * eps));
    expect(maureyLogCover(a, 1, D, eps)).toBeCloseTo(K * Math.log(2 * D), 9);
    let best = Infinity;
    for (let t = 0; t < 40; t++) {
      const wb = maureyDraw(p, a, K, rng);
      expect(entrywiseL1(fromData(din, dout, wb))).toBeLessThanOrEqual(a * (1 + 1e-12));
      const diff = wb.map((x, j) => x - w[j]);
      best = Math.min(best, Math.sqrt(xs.reduce((s, x, i) => s + (mu[i] / muSum) * mapNorm2(diff, x, dout), 0)));
    }
    expect(best).toBeLessThanOrEqual(eps * (1 + 1e-9));
    expect(maureyLogCover(a, 1, D, a * 1.0001)).toBe(0);
  });

  test.prop([arbInstance], { seed: 15005, numRuns: 150 })('§1b: (2,1) atoms ±(ab/c_j)E_jl: Σ|W_jl|c_j ≤ ‖W‖_{2,1}‖X_μ‖_F and a seeded draw meets ε', ({ din, dout, n, seed, slack }) => {
    const rng = createRng(seed);
    const w = Float64Array.from({ length: din * dout }, () => rng.normal() * (rng.float() < 0.3 ? 0 : 1));
    const xs = Array.from({ length: n }, () => Float64Array.from({ length: din }, () => rng.normal()));
    const mu = Array.from({ length: n }, () => rng.float() + 1e-3);
    const muSum = mu.reduce((t, x) => t + x, 0);
    const c = Array.from({ length: din }, (_, j) => Math.sqrt(xs.reduce((t, x, i) => t + (mu[i] / muSum) * x[j] ** 2, 0)));
    const b = Math.max(...xs.map((x) => Math.hypot(...x))); // ≥ ‖X_μ‖_F
    let g21 = 0;
    for (let l = 0; l < dout; l++) g21 += Math.sqrt(Array.from({ length: din }, (_, j) => w[j * dout + l] ** 2).reduce((t, x) => t + x, 0));
    const a = g21 * slack + 1e-12;
    let alpha = 0;
    w.forEach((x, idx) => {
      alpha += Math.abs(x) * c[Math.floor(idx / dout)];
    });
    expect(alpha).toBeLessThanOrEqual(g21 * Math.hypot(...c) * (1 + 1e-12));
    expect(Math.hypot(...c)).toBeLessThanOrEqual(b * (1 + 1e-12));
    // Atom (j, l, ±) = ±(ab/c_j)E_jl with probability |W_jl| c_j/(ab); the rest split on ± of one atom.
    const j0 = c.findIndex((x) => x > 0);
    if (j0 < 0) return;
    const probs = new Float64Array(2 * w.length);
    let used = 0;
    w.forEach((x, idx) => {
      const cj = c[Math.floor(idx / dout)];
      const q = cj > 0 ? (Math.abs(x) * cj) / (a * b) : 0;
      probs[2 * idx + (x >= 0 ? 0 : 1)] = q;
      used += q;
    });
    probs[2 * j0 * dout] += Math.max(0, 1 - used) / 2;
    probs[2 * j0 * dout + 1] += Math.max(0, 1 - used) / 2;
    const eps = a * b * (0.2 + rng.float() * 0.6);
    const K = Math.ceil((a * b) ** 2 / eps ** 2);
    let best = Infinity;
    for (let t = 0; t < 40; t++) {
      const unit = maureyDraw(probs, 1, K, rng); // ±1/K per atom drawn; rescale each entry by its atom's size ab/c_j
      const wb = unit.map((x, idx) => (x === 0 ? 0 : (x * a * b) / c[Math.floor(idx / dout)]));
      const diff = wb.map((x, idx) => x - w[idx]);
      best = Math.min(best, Math.sqrt(xs.reduce((t2, x, i) => t2 + (mu[i] / muSum) * mapNorm2(diff, x, dout), 0)));
    }
    expect(best).toBeLessThanOrEqual(eps * (1 + 1e-9));
  });

  const rmsDiff = (s: ArrayLike<number>, t: ArrayLike<number>) => Math.sqrt(Array.from(s).reduce((acc, x, i) => acc + (x - t[i]) ** 2, 0) / s.length);
  const l1Diff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((acc, x, i) => acc + Math.abs(x - b[i]), 0);

  test.prop([fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.integer(), fc.constantFrom('uniform', 'corners', 'spike')], { seed: 15002, numRuns: 400 })(
    '§2: ‖Δ softmax‖₁ ≤ e^S rms(Δs) for scores in [−S, S]^n',
    (n, S, seed, kind) => {
      const rng = createRng(seed);
      const draw = () => (kind === 'corners' ? (rng.bit() ? S : -S) : (2 * rng.float() - 1) * S);
      const s = Float64Array.from({ length: n }, draw);
      const t = kind === 'spike' ? s.map((x, i) => (i === 0 ? -S + rng.float() * (x + S) : x)) : Float64Array.from({ length: n }, draw);
      if (kind === 'spike') s[0] = S;
      const lhs = l1Diff(softmax(s), softmax(t));
      expect(lhs).toBeLessThanOrEqual(softmaxRmsFactor(S) * rmsDiff(s, t) * (1 + 1e-9) + 1e-15);
    },
  );

  test('§2: structured instance (n = e^{2S}, one score nudged) has ratio → e^S/2; the mutant without e^S is rejected', () => {
    for (const S of [1, 2, 3]) {
      const n = Math.round(Math.exp(2 * S));
      const s = new Float64Array(n).fill(-S);
      s[0] = S;
      const t = Float64Array.from(s);
      t[0] = S - 1e-4;
      const lhs = l1Diff(softmax(s), softmax(t));
      const r = rmsDiff(s, t);
      expect(lhs).toBeLessThanOrEqual(softmaxRmsFactor(S) * r);
      expect(lhs / (softmaxRmsFactor(S) * r)).toBeGreaterThan(0.45);
      expect(lhs).toBeGreaterThan(r); // mutant: factor 1 instead of e^S
    }
  });

  test.prop(
    [fc.integer(), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('identity', 'relu' as const), fc.integer({ min: 1, max: 12 })],
    { seed: 15003, numRuns: 60 },
  )('§3: an explicit centre is within Σβ_iε_i of the head in L2(P_m), measured radii', (seed, d, k, T, act, K) => {
    const rng = createRng(seed);
    const m = 5;
    const mat = (r: number, c: number, sc: number) =>
      fromData(
        r,
        c,
        Float64Array.from({ length: r * c }, () => rng.normal() * sc),
      );
    const wQK = mat(d, d, rng.float() * 2);
    const wV = mat(d, k, 1);
    const w = Float64Array.from({ length: k }, () => rng.normal());
    const head = { wQK, wV, activation: act };
    const Xs: Matrix[] = Array.from({ length: m }, () => fromRows(Array.from({ length: T + 1 }, () => points(rng, 1, d)[0])));
    const Binf = Math.max(...Xs.flatMap((X) => Array.from(X.data).map(Math.abs)));
    const BX = Math.max(...Xs.flatMap((X) => Array.from({ length: X.rows }, (_, u) => Math.hypot(...X.data.subarray(u * d, (u + 1) * d)))));
    const aQK = entrywiseL1(wQK);
    const S = aQK * Binf * Binf; // bounds member and atom scores
    const BV = spectralNorm(wV);
    const Bw = Math.hypot(...w);
    // Centres by one Maurey draw each (any centre works for the accounting).
    const qk = maureyDraw(atomProbabilities(wQK.data, aQK), aQK, K, rng);
    const aV = entrywiseL1(wV);
    const v = maureyDraw(atomProbabilities(wV.data, aV), aV, K, rng);
    const aw = w.reduce((s0, x) => s0 + Math.abs(x), 0);
    const wh = maureyDraw(atomProbabilities(w, aw), aw, K, rng);
    let es = 0;
    let ev = 0;
    let ew = 0;
    let err = 0;
    for (const X of Xs) {
      const x0 = X.data.subarray(0, d);
      const rows = Array.from({ length: T + 1 }, (_, u) => X.data.subarray(u * d, (u + 1) * d));
      const sc = rows.map((x) => x.reduce((acc, xj, j) => acc + xj * x0.reduce((a2, zl, l) => a2 + wQK.data[j * d + l] * zl, 0), 0));
      const shat = rows.map((x) =>
        Math.max(
          -S,
          Math.min(
            S,
            x.reduce((acc, xj, j) => acc + xj * x0.reduce((a2, zl, l) => a2 + qk[j * d + l] * zl, 0), 0),
          ),
        ),
      );
      sc.forEach((s0, u) => {
        es += (s0 - shat[u]) ** 2 / ((T + 1) * m);
      });
      const ah = softmax(shat);
      const diffV = v.map((x, i) => wV.data[i] - x);
      rows.forEach((x, u) => {
        ev += (ah[u] * mapNorm2(diffV, x, k)) / m;
      });
      // Centre head output: Π_{B_V B_X}(V̂ᵀ Xᵀ â), then σ.
      const pre = new Float64Array(k);
      rows.forEach((x, u) => {
        for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) pre[l] += ah[u] * x[j] * v[j * k + l];
      });
      const nrm = Math.hypot(...pre);
      const rad = BV * BX;
      const proj = nrm > rad ? pre.map((x) => (x * rad) / nrm) : pre;
      const oh = act === 'relu' ? proj.map((x) => Math.max(0, x)) : proj;
      const fhat = oh.reduce((acc, x, l) => acc + wh[l] * x, 0);
      ew += oh.reduce((acc, x, l) => acc + (w[l] - wh[l]) * x, 0) ** 2 / m;
      const f = headForward(head, X, x0).reduce((acc, x, l) => acc + w[l] * x, 0);
      err += (f - fhat) ** 2 / m;
    }
    const bound = Bw * 1 * (BV * BX * softmaxRmsFactor(S) * Math.sqrt(es) + Math.sqrt(ev)) + Math.sqrt(ew);
    expect(Math.sqrt(err)).toBeLessThanOrEqual(bound * (1 + 1e-9) + 1e-12);
    if (act === 'identity') {
      // Identity route: v = W_V w covered as one vector; f̂ = v̂ᵀXᵀâ, error ≤ ‖v‖ B_X e^S ε_s + ε_v (note §3).
      const vv = Float64Array.from({ length: d }, (_, j) => w.reduce((acc, wl, l) => acc + wV.data[j * k + l] * wl, 0));
      const av = vv.reduce((acc, x) => acc + Math.abs(x), 0) + 1e-300;
      const vh = maureyDraw(atomProbabilities(vv, av), av, K, rng);
      let ev2 = 0;
      let err2 = 0;
      for (const X of Xs) {
        const x0 = X.data.subarray(0, d);
        const rows = Array.from({ length: T + 1 }, (_, u) => X.data.subarray(u * d, (u + 1) * d));
        const shat = rows.map((x) =>
          Math.max(
            -S,
            Math.min(
              S,
              x.reduce((acc, xj, j) => acc + xj * x0.reduce((a2, zl, l) => a2 + qk[j * d + l] * zl, 0), 0),
            ),
          ),
        );
        const ah = softmax(shat);
        let fhat = 0;
        rows.forEach((x, u) => {
          const dv = x.reduce((acc, xj, j) => acc + xj * (vv[j] - vh[j]), 0);
          ev2 += (ah[u] * dv * dv) / m;
          fhat += ah[u] * x.reduce((acc, xj, j) => acc + xj * vh[j], 0);
        });
        const f = headForward(head, X, x0).reduce((acc, x, l) => acc + w[l] * x, 0);
        err2 += (f - fhat) ** 2 / m;
      }
      const bound2 = Math.hypot(...vv) * BX * softmaxRmsFactor(S) * Math.sqrt(es) + Math.sqrt(ev2);
      expect(Math.sqrt(err2)).toBeLessThanOrEqual(bound2 * (1 + 1e-9) + 1e-12);
    }
  });

  const base: BoundRequest = {
    model: 'scalar',
    contextLength: 64,
    width: 8,
    sampleSize: 1e7,
    inputNorm: 1,
    normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
    activationLipschitz: 1,
    margin: 1,
    delta: 0.05,
  };
  test.prop([fc.constantFrom('scalar', 'multihead' as const), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 16 })], { seed: 15004, numRuns: 10 })(
    'reported baseline: identical for every T, grows with d; absent with layers',
    (model, log2T, log2T2, d) => {
      const a = computeBound({ ...base, model, width: d, contextLength: 2 ** log2T });
      const b = computeBound({ ...base, model, width: d, contextLength: 2 ** log2T2 });
      const wide = computeBound({ ...base, model, width: d + 8, contextLength: 2 ** log2T });
      expect(a.baselines.l1Maurey.value).toBe(b.baselines.l1Maurey.value);
      expect(wide.baselines.l1Maurey.value).toBeGreaterThanOrEqual(a.baselines.l1Maurey.value);
      expect(wide.baselines.l1Maurey.smoothConstant as number).toBeGreaterThan(a.baselines.l1Maurey.smoothConstant as number);
      expect(computeBound({ ...base, model: 'transformer', width: d }).baselines.l1Maurey).toBeUndefined();
    },
  );
});

/**
 * lem-readout-slack (proofs-notes/lem-readout-slack.md): the centre's pooled head output, the point of the
 * first readout stage, has norm ≤ P_0 + (β_s e_s + β_v e_v)/μ_0 = L_σ B_V B + L_σ(B_V B c e_s + e_v) with the
 * MEASURED part errors e_s = max_u |s_u − ŝ_u| and e_v = ‖(W_V − Ŵ_V)ᵀ v̂‖ (so ≤ P_0 + ε/μ_0 for every centre
 * of a cover at total radius ε). Random heads and centres plus an adversarial search; the mutant point
 * norm P_0 (no slack) is exceeded.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { READOUT_SLACK_ID } from '../src/bounds/head-covering.js';
import { adversarialSearch, randomStarts } from '../src/bounds/checks/adversarial-search.js';
import { spectralNorm } from '../src/core/norms.js';
import { fromData } from '../src/core/matrix.js';
import { softmax } from '../src/core/softmax.js';
import { createRng } from '../src/core/rng.js';

const ACTS = { identity: (x: number) => x, relu: (x: number) => Math.max(0, x), tanh: Math.tanh } as const;
type Act = keyof typeof ACTS;

interface Inst {
  readonly T: number;
  readonly d: number;
  readonly k: number;
  readonly B: number;
  readonly act: Act;
}

/** Unpack x into rows X (norm ≤ B each), W_QK, W_V, Ŵ_QK, Ŵ_V; return [‖ĥ‖, P_0 + slack, P_0]. */
function evaluate(inst: Inst, x: Float64Array): [number, number, number] {
  const { T, d, k, B } = inst;
  let o = 0;
  const take = (n: number) => {
    const v = x.slice(o, o + n);
    o += n;
    return v;
  };
  const X: Float64Array[] = [];
  for (let t = 0; t <= T; t++) {
    const r = take(d);
    const n = Math.hypot(...r);
    X.push(n > B ? r.map((v) => (v * B) / n) : r);
  }
  const Wqk = take(d * d);
  const Wv = take(d * k);
  const Cqk = take(d * d);
  const Cv = take(d * k);
  const z = X[0];
  const scores = (W: Float64Array) =>
    X.map((xu) => {
      let s = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += xu[i] * W[i * d + j] * z[j];
      return s;
    });
  const s = scores(Wqk);
  const sh = scores(Cqk);
  const pool = (a: Float64Array) => Float64Array.from({ length: d }, (_, j) => X.reduce((acc, xu, u) => acc + a[u] * xu[j], 0));
  const vh = pool(softmax(sh));
  const mapV = (W: Float64Array, v: Float64Array) => Float64Array.from({ length: k }, (_, c) => v.reduce((acc, vi, i) => acc + vi * W[i * k + c], 0));
  const f = ACTS[inst.act];
  const hHat = mapV(Cv, vh).map(f);
  const BV = spectralNorm(fromData(d, k, Wv));
  const es = Math.max(...s.map((v, u) => Math.abs(v - sh[u])));
  const diff = mapV(
    Wv.map((w, i) => w - Cv[i]),
    vh,
  );
  const ev = Math.hypot(...diff);
  const P0 = BV * B; // L_σ = 1 for all three activations
  return [Math.hypot(...hHat), P0 + BV * B * 1 * es + ev, P0];
}

const dims = (i: Inst) => (i.T + 1) * i.d + 2 * i.d * i.d + 2 * i.d * i.k;

describe(READOUT_SLACK_ID, () => {
  test.prop([fc.integer(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom<Act>('identity', 'relu', 'tanh')], {
    seed: 16001,
    numRuns: 150,
  })('‖ĥ‖ ≤ P_0 + L_σ(B_V B c e_s + e_v) for random heads and centres', (seed, T, d, k, act) => {
    const inst = { T, d, k, B: 1, act };
    const rng = createRng(seed);
    const x = Float64Array.from({ length: dims(inst) }, () => rng.normal());
    const [h, bound] = evaluate(inst, x);
    expect(h).toBeLessThanOrEqual(bound * (1 + 1e-12) + 1e-15);
  });

  test('adversarial search: ratio ≤ 1; the mutant P_0 (no slack) is exceeded', () => {
    for (const act of ['identity', 'relu', 'tanh'] as const) {
      const inst = { T: 2, d: 2, k: 2, B: 1, act };
      const res = adversarialSearch(
        (x) => {
          const [h, b] = evaluate(inst, x);
          return h / b;
        },
        randomStarts(16002, 4, dims(inst), 1),
        16003,
        1000,
      );
      expect(res.ratio).toBeLessThanOrEqual(1 + 1e-12);
      const mut = adversarialSearch(
        (x) => {
          const [h, , p0] = evaluate(inst, x);
          return h / p0;
        },
        randomStarts(16004, 4, dims(inst), 1),
        16005,
        400,
      );
      expect(mut.ratio).toBeGreaterThan(1);
    }
  });
});

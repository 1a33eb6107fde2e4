/**
 * The exact certifier (alg-certify-position-keys, rounding-safe per alg-certify-rounding;
 * src/constructions/certify-exact.ts) against two independent evaluations on hand-built position-key
 * models (one-hot positions, the bit on its own column, keys read only the positions):
 *  - brute force over all 2^T inputs through the reference model (src/model/forward), and
 *  - the note's continuous minimum, computed here by hand: a = softmax(s), h = σ(base + Δ S) at the two ends
 *    S_z and S_z + Σ_{u∉I} a_u of every support assignment z, and the readout's analytic kinks between.
 * minMargin must equal the continuous minimum, certifiedLowerBound must lie below the brute-force minimum
 * and within a tolerance of minMargin, `attained` must say whether an extreme input reaches it, and the
 * worst input must be a real input with the reported margin. Interior-kink models with geometric
 * attention (a_u ∝ 2^−u, so the background sums form a grid) check the worst-input search: the greedy
 * input below the kink and the flip just past it are the two grid points nearest the kink, so the
 * reported worst margin is the brute-force minimum, for increasing and decreasing x(S) and both labels.
 * Also: several heads and k > 1 (the composite readout, H·k channels) against the equivalent single
 * channel; every refusal of exactCertifierObstacle with its message; requestedMargin validation; and
 * makeCertificate's verdict, slack and NaN rules. Targets the survivors of the minimum/tie/kink loop, the
 * worst-input search, the obstacle checks and the certificate assembly.
 */
import { describe, expect, test } from 'vitest';
import { fc } from '../../helpers/fc-test.js';
import { certifyExact, exactCertifierApplies, exactCertifierObstacle, makeCertificate } from '../../../src/constructions/certify-exact.js';
import { fromData } from '../../../src/core/matrix.js';
import { softmax } from '../../../src/core/softmax.js';
import { forward } from '../../../src/model/forward.js';
import { targetLabel } from '../../../src/model/target.js';
import type { Activation } from '../../../src/model/activations.js';
import type { BooleanTarget, DenseLayer, Model } from '../../../src/model/types.js';
import { type Spec, positionKeysModel } from './position-keys-model.js';

/** Relative tolerance between the certifier's float64 figures and the oracles (both float64, few operations). */
const REL = 1e-9;

/** F(h) = Σ_j w2_j relu(w1_j h + b1_j) + b2 as a readout. */
function relu1D(w1: readonly number[], b1: readonly number[], w2: readonly number[], b2: number): DenseLayer[] {
  return [
    { weight: fromData(1, w1.length, Float64Array.from(w1)), bias: Float64Array.from(b1), activation: 'relu' },
    { weight: fromData(w1.length, 1, Float64Array.from(w2)), bias: Float64Array.of(b2), activation: 'identity' },
  ];
}

const act = (sigma: Activation, v: number) => (sigma === 'relu' ? Math.max(0, v) : sigma === 'tanh' ? Math.tanh(v) : v);

/** Attention a = softmax(s_0, s_1..s_T), by hand. */
function attention(spec: Spec): number[] {
  const s = [spec.s0, ...spec.scores];
  const mx = Math.max(...s);
  const e = s.map((x) => Math.exp(x - mx));
  const tot = e.reduce((p, q) => p + q, 0);
  return e.map((x) => x / tot);
}

/**
 * The note's continuous minimum for one channel (C = 1) and a 1 → H → 1 ReLU readout: for every support
 * assignment z, min of y·F(h) over h between σ(base + Δ S_z) and σ(base + Δ (S_z + bg)), at the ends and
 * at the analytic kinks −b1_j / w1_j between. Also the minimum over the ends only (what inputs attain).
 */
function continuousMin(spec: Spec, target: BooleanTarget): { min: number; endMin: number; kinkMin: number } {
  const a = attention(spec);
  const col = spec.heads[0][0];
  let base = a[0] * col.c0;
  for (let u = 1; u <= spec.T; u++) base += a[u] * col.pos[u - 1];
  const [l1, l2] = spec.readout;
  const w1 = Array.from(l1.weight.data);
  const b1 = Array.from(l1.bias ?? new Float64Array(w1.length));
  const w2 = Array.from(l2.weight.data);
  const b2 = l2.bias ? l2.bias[0] : 0;
  const Fh = (h: number) => w1.reduce((acc, w, j) => acc + w2[j] * Math.max(0, w * h + b1[j]), b2);
  const kinks = w1.flatMap((w, j) => (w !== 0 && w2[j] !== 0 ? [-b1[j] / w] : []));
  const s = target.support.length;
  let bg = 0;
  for (let u = 1; u <= spec.T; u++) if (!target.support.includes(u)) bg += a[u];
  let endMin = Infinity;
  let kinkMin = Infinity;
  for (let z = 0; z < 2 ** s; z++) {
    let Sz = 0;
    for (let j = 0; j < s; j++) if ((z >> (s - 1 - j)) & 1) Sz += a[target.support[j]];
    const y = target.table[z] === '1' ? 1 : -1;
    const hA = act(spec.sigma, base + col.delta * Sz);
    const hB = act(spec.sigma, base + col.delta * (Sz + bg));
    const lo = Math.min(hA, hB);
    const hi = Math.max(hA, hB);
    const ends = Math.min(y * Fh(hA), y * Fh(hB));
    endMin = Math.min(endMin, ends);
    kinkMin = Math.min(kinkMin, ...kinks.filter((k) => k > lo && k < hi).map((k) => y * Fh(k)));
  }
  return { min: Math.min(endMin, kinkMin), endMin, kinkMin };
}

/** Brute force over all 2^T inputs through the reference model. */
function bruteForce(model: Model, target: BooleanTarget): number {
  let min = Infinity;
  const bits = new Uint8Array(model.contextLength);
  for (let x = 0; x < 2 ** model.contextLength; x++) {
    for (let i = 0; i < bits.length; i++) bits[i] = (x >> i) & 1;
    min = Math.min(min, targetLabel(target, bits) * forward(model, bits));
  }
  return min;
}

const marginOf = (model: Model, target: BooleanTarget, worst: string) => {
  const bits = Uint8Array.from(worst, (ch) => (ch === '1' ? 1 : 0));
  return targetLabel(target, bits) * forward(model, bits);
};

/** The checks every certificate must pass against brute force; returns the brute-force minimum. */
function expectSoundCertificate(model: Model, target: BooleanTarget, tol: number): number {
  const cert = certifyExact(model, target);
  const ex = bruteForce(model, target);
  expect(cert.worstInput).toHaveLength(model.contextLength);
  expect(Math.abs(marginOf(model, target, cert.worstInput) - cert.worstInputMargin)).toBeLessThanOrEqual(tol);
  expect(cert.worstInputMargin).toBeGreaterThanOrEqual(ex - tol);
  expect(cert.minMargin).toBeLessThanOrEqual(ex + tol);
  expect(cert.certifiedLowerBound).toBeLessThanOrEqual(ex + tol * 1e-3);
  expect(cert.certifiedLowerBound).toBeLessThanOrEqual(cert.minMargin);
  expect(cert.certifiedLowerBound).toBeGreaterThanOrEqual(cert.minMargin - tol);
  expect(cert.certified).toBe(cert.certifiedLowerBound > 0);
  if (cert.attained) {
    expect(Math.abs(cert.minMargin - ex)).toBeLessThanOrEqual(tol);
    expect(Math.abs(cert.worstInputMargin - cert.minMargin)).toBeLessThanOrEqual(tol);
  }
  return ex;
}

describe('certifyExact against brute force and the continuous minimum (one channel)', () => {
  // Multiples of 1/64 (no subnormal corner cases; kinks rarely on a float end).
  const num = (lo: number, hi: number) => fc.integer({ min: Math.ceil(lo * 64), max: Math.floor(hi * 64) }).map((k) => k / 64);
  const arb = fc
    .record({
      T: fc.integer({ min: 2, max: 6 }),
      s: fc.integer({ min: 1, max: 2 }),
      sigma: fc.constantFrom<Activation>('identity', 'relu'),
      H: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .chain(({ T, s, sigma, H }) =>
      fc.record({
        T: fc.constant(T),
        sigma: fc.constant(sigma),
        scores: fc.array(num(-2, 2), { minLength: T, maxLength: T }),
        s0: num(-2, 2),
        delta: num(-3, 3).filter((x) => Math.abs(x) > 0.1),
        c0: num(-1, 1),
        pos: fc.array(num(-1, 1), { minLength: T, maxLength: T }),
        w1: fc.array(num(-3, 3), { minLength: H, maxLength: H }),
        b1: fc.array(num(-2, 2), { minLength: H, maxLength: H }),
        w2: fc.array(num(-3, 3), { minLength: H, maxLength: H }),
        b2: num(-1, 1),
        plant: fc.option(fc.record({ at: fc.double({ min: 0.05, max: 0.95, noNaN: true }), w: fc.constantFrom(-4, 4) }), { nil: undefined, freq: 3 }),
        support: fc.shuffledSubarray(
          Array.from({ length: T }, (_, i) => i + 1),
          { minLength: Math.min(s, T), maxLength: Math.min(s, T) },
        ),
        table: fc.array(fc.constantFrom('0', '1'), { minLength: 2 ** Math.min(s, T), maxLength: 2 ** Math.min(s, T) }).map((t) => t.join('')),
      }),
    );
  const cases = fc.sample(arb, { seed: 9141, numRuns: 90 });

  test('90 random models (T ≤ 6, s ≤ 2, σ identity/ReLU, 1 → H → 1 readouts): minMargin = the continuous minimum, bound sound and tight, attained iff an extreme input reaches it', () => {
    let interior = 0;
    let ends = 0;
    for (const c of cases) {
      const heads = [[{ delta: c.delta, c0: c.c0, pos: c.pos }]];
      const w1 = [...c.w1];
      const b1 = [...c.b1];
      const w2 = [...c.w2];
      if (c.plant) {
        // Plant a V (or Λ) of slope ±4 with its kink inside the h-range of the all-0 assignment's backgrounds.
        const a = attention({ T: c.T, scores: c.scores, s0: c.s0, heads, sigma: c.sigma, readout: [] });
        let base = a[0] * c.c0;
        let bg = 0;
        for (let u = 1; u <= c.T; u++) {
          base += a[u] * c.pos[u - 1];
          if (!c.support.includes(u)) bg += a[u];
        }
        const hA = act(c.sigma, base);
        const hB = act(c.sigma, base + c.delta * bg);
        const kink = hA + c.plant.at * (hB - hA);
        w1.push(1, -1);
        b1.push(-kink, kink);
        w2.push(c.plant.w, c.plant.w);
      }
      const spec: Spec = { T: c.T, scores: c.scores, s0: c.s0, heads, sigma: c.sigma, readout: relu1D(w1, b1, w2, c.b2) };
      const model = positionKeysModel(spec);
      const target: BooleanTarget = { support: c.support, table: c.table };
      expect(exactCertifierApplies(model)).toBe(true);
      const scale = 1 + Math.abs(c.b2) + w1.reduce((acc, w, j) => acc + Math.abs(w2[j]) * (Math.abs(w) * 6 + Math.abs(b1[j])), 0);
      const tol = REL * scale;
      const ex = expectSoundCertificate(model, target, tol);
      const cert = certifyExact(model, target);
      const oracle = continuousMin(spec, target);
      expect(Math.abs(cert.minMargin - oracle.min), JSON.stringify(c)).toBeLessThanOrEqual(tol);
      if (oracle.endMin < oracle.kinkMin - tol) {
        // An extreme input (background all 0 or all 1) reaches the minimum.
        ends++;
        expect(cert.attained, `${JSON.stringify(c)} ${cert.minMargin} ${oracle.min} ${oracle.endMin} ${ex} ${cert.worstInputMargin}`).toBe(true);
        expect(Math.abs(cert.worstInputMargin - oracle.min)).toBeLessThanOrEqual(tol);
      } else if (ex > oracle.min + 10 * tol) {
        // Only an interior kink, below every input's margin: not attained.
        interior++;
        expect(cert.attained).toBe(false);
        expect(cert.worstInputMargin).toBeGreaterThan(cert.minMargin);
      }
    }
    // Both kinds occur among the cases (the sample is fixed; this guards the test's own reach).
    expect(ends).toBeGreaterThan(20);
    expect(interior).toBeGreaterThan(5);
  });
});

describe('the worst-input search at an interior kink (geometric attention)', () => {
  // T = 7, support {1} with a large score; background positions 2..7 with s_u = −u ln 2 (a_u ∝ 2^−u), so
  // the background sums are the grid S_z + a_7·k, k = 0..63, and the greedy over a_u descending from the
  // all-0 background stops at the largest grid point on side A of the kink. The kink sits at
  // k0 + φ grid steps with k0 even: φ = 0.3 makes that greedy point the worst input, φ = 0.7 the flip
  // just past it (the smallest remaining a_u, which is a_7 since k0 is even).
  const T = 7;
  const scores = [3, ...Array.from({ length: T - 1 }, (_, i) => -(i + 2) * Math.LN2)];
  const spec0 = { T, scores, s0: 0, sigma: 'identity' as Activation };
  const a = attention({ ...spec0, heads: [], readout: [] });
  const step = a[T];
  for (const delta of [2, -2]) {
    for (const phi of [0.3, 0.7]) {
      for (const y of [1, -1] as const) {
        test(`Δ = ${delta}, kink at grid 22 + ${phi}, label ${y}: the reported worst margin is the brute-force minimum, not attained`, () => {
          const k0 = 22;
          // z = 0 (support bit 0): S = a_7·k, h = Δ S; the kink at h* = Δ·a_7·(k0 + φ).
          const hStar = delta * step * (k0 + phi);
          // y·F has its minimum −0.5 at h*: F = ±(4|h − h*| − 0.5) (a V for y = +1, a Λ for y = −1).
          const readout = relu1D([1, -1], [-hStar, hStar], [4 * y, 4 * y], -0.5 * y);
          const spec: Spec = { ...spec0, heads: [[{ delta, c0: 0, pos: Array(T).fill(0) }]], readout };
          const model = positionKeysModel(spec);
          const target: BooleanTarget = { support: [1], table: y === 1 ? '11' : '00' };
          const tol = 1e-9;
          const ex = expectSoundCertificate(model, target, tol);
          const cert = certifyExact(model, target);
          expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(tol);
          // The nearest grid point is min(φ, 1 − φ) = 0.3 steps away: margin −0.5 + 4·|Δ|·a_7·0.3.
          expect(Math.abs(ex - (-0.5 + 4 * Math.abs(delta) * step * 0.3))).toBeLessThanOrEqual(tol);
          expect(Math.abs(cert.worstInputMargin - ex)).toBeLessThanOrEqual(tol);
          expect(cert.attained).toBe(false);
          // The worst input: support bit 0 and background k0 (φ = 0.3) or k0 + 1 (φ = 0.7) in binary, a_2 the top bit.
          const k = phi < 0.5 ? k0 : k0 + 1;
          const bg = Array.from({ length: T - 1 }, (_, i) => (k >> (T - 2 - i)) & 1).join('');
          expect(cert.worstInput).toBe(`0${bg}`);
        });
      }
    }
  }

  // The note's search, replayed on the grid: the greedy stops at k_b = ⌊k0 + φ⌋ grid steps (the binary
  // digits of k_b are the flipped a_u), the flip just past it is the smallest unflipped a_u, i.e.
  // k_b + 2^j for j the lowest zero bit of k_b; the report is the best of the extreme input and these two.
  const bitsOf = (k: number) => `0${Array.from({ length: T - 1 }, (_, i) => (k >> (T - 2 - i)) & 1).join('')}`;
  for (const k0 of [23, 27, 40]) {
    for (const [left, right] of [
      [1, 12],
      [12, 1],
      [3, 3],
    ]) {
      for (const delta of [2, -2]) {
        test(`asymmetric kink (slopes ${left}, ${right}) at grid ${k0} + 0.6, Δ = ${delta}: the best of the extreme, the greedy input and the flip past it`, () => {
          const hStar = delta * step * (k0 + 0.6);
          // F(h) = left·relu(h* − h) + right·relu(h − h*) − 0.5 for Δ > 0 (in S: left below S*, right above).
          const [wl, wr] = delta > 0 ? [left, right] : [right, left];
          const readout = relu1D([1, -1], [-hStar, hStar], [wr, wl], -0.5);
          const model = positionKeysModel({ ...spec0, heads: [[{ delta, c0: 0, pos: Array(T).fill(0) }]], readout });
          const target: BooleanTarget = { support: [1], table: '11' };
          const tol = 1e-9;
          expectSoundCertificate(model, target, tol);
          const cert = certifyExact(model, target);
          const kb = k0;
          let j = 0;
          while ((kb >> j) & 1) j++;
          const ka = kb + 2 ** j;
          const below = marginOf(model, target, bitsOf(kb));
          const above = marginOf(model, target, bitsOf(ka));
          const ends = [marginOf(model, target, bitsOf(0)), marginOf(model, target, bitsOf(2 ** (T - 1) - 1))];
          const extreme = Math.min(...ends);
          const want = Math.min(extreme, below, above);
          expect(Math.abs(cert.worstInputMargin - want)).toBeLessThanOrEqual(tol);
          const wantBits = want === extreme ? bitsOf(ends[0] <= ends[1] ? 0 : 2 ** (T - 1) - 1) : above < below ? bitsOf(ka) : bitsOf(kb);
          expect(cert.worstInput).toBe(wantBits);
          expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(tol);
          expect(cert.attained).toBe(false);
        });
      }
    }
  }

  // The same replay with the weights rising along the positions (a_u ∝ 2^u: the search must sort its flips),
  // a [CLS] value c0 = 100 (base = 100·a_0 ≈ 0.25 > the fall Δ·Σ a_u: x stays positive while it falls with S when Δ < 0), and a position 8 whose
  // score −10^4 gives it attention exactly 0: flipping it cannot move S, so it stays 0 in the reported input.
  for (const k0 of [27, 40]) {
    for (const delta of [2, -2]) {
      test(`rising weights, a zero-attention position, c0 = 100: kink at grid ${k0} + 0.6, Δ = ${delta}`, () => {
        const T8 = 8;
        const scoresUp = [6, ...Array.from({ length: 6 }, (_, i) => i * Math.LN2 - 2), -1e4];
        const specUp = { T: T8, scores: scoresUp, s0: 0, sigma: 'identity' as Activation };
        const aUp = attention({ ...specUp, heads: [], readout: [] });
        expect(aUp[8]).toBe(0);
        const stepUp = aUp[2];
        const base = aUp[0] * 100;
        expect(base + delta * (1 - aUp[0] - aUp[1])).toBeGreaterThan(0);
        const hStar = base + delta * stepUp * (k0 + 0.6);
        const [wl, wr] = delta > 0 ? [12, 1] : [1, 12];
        const readout = relu1D([1, -1], [-hStar, hStar], [wr, wl], -0.5);
        const model = positionKeysModel({ ...specUp, heads: [[{ delta, c0: 100, pos: Array(T8).fill(0) }]], readout });
        const target: BooleanTarget = { support: [1], table: '11' };
        const tol = 1e-9;
        expectSoundCertificate(model, target, tol);
        const cert = certifyExact(model, target);
        // Position 2 + j carries 2^j grid steps; position 8 is 0 except in the all-1 background.
        const bitsUp = (k: number, last = 0) => `0${Array.from({ length: 6 }, (_, j) => (k >> j) & 1).join('')}${last}`;
        let j = 0;
        while ((k0 >> j) & 1) j++;
        const ka = k0 + 2 ** j;
        const below = marginOf(model, target, bitsUp(k0));
        const above = marginOf(model, target, bitsUp(ka));
        const extreme = Math.min(marginOf(model, target, bitsUp(0)), marginOf(model, target, bitsUp(63, 1)));
        expect(Math.min(below, above)).toBeLessThan(extreme);
        expect(Math.abs(cert.worstInputMargin - Math.min(below, above))).toBeLessThanOrEqual(tol);
        expect(cert.worstInput).toBe(above < below ? bitsUp(ka) : bitsUp(k0));
        expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(tol);
        expect(cert.attained).toBe(false);
      });
    }
  }

  test('when the extreme input beats every searched input, the extreme is reported', () => {
    // F: a steep V (slopes 400) to −0.5 at h* = Δ·a_7·(22 + 0.3), then down again with slope −400 to −0.48
    // at the all-1 end x_B of z = 0, flat beyond (z = 1 stays at −0.48 + 0). The grid points near h* are
    // ≥ 0.3 steps away (margin ≥ −0.5 + 400·0.3·a_7 ≈ −0.457): the all-1 background (−0.48) is the worst input.
    const delta = 2;
    const hStar = delta * step * 22.3;
    const xB = delta * a.slice(2).reduce((p, q) => p + q, 0);
    const peak = (hStar + xB + 0.02 / 400) / 2; // F(x_B) = −0.5 + 400(peak − h*) − 400(x_B − peak) = −0.48
    const flat = xB; // (the certifier's own float x_B: base 0 + Δ·(a_2 + … + a_7) summed in position order)
    const readout = relu1D([1, -1, 1, 1], [-hStar, hStar, -peak, -flat], [400, 400, -800, 400], -0.5);
    const model = positionKeysModel({ ...spec0, heads: [[{ delta, c0: 0, pos: Array(T).fill(0) }]], readout });
    const target: BooleanTarget = { support: [1], table: '11' };
    const tol = 1e-9;
    const ex = expectSoundCertificate(model, target, tol);
    const cert = certifyExact(model, target);
    expect(Math.abs(ex + 0.48)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(cert.minMargin + 0.5)).toBeLessThanOrEqual(tol);
    expect(Math.abs(cert.worstInputMargin - ex)).toBeLessThanOrEqual(tol);
    expect(cert.worstInput).toBe(`0${'1'.repeat(T - 1)}`);
    expect(cert.attained).toBe(false);
  });

  test('a kink exactly on a background sum (x = a_6): the greedy takes that flip, and the bound is attained', () => {
    // base = 0, Δ = 1, σ = identity: x = S, so the float x of background {6} is a_6 itself (S = 0 + a_6).
    const c = a[6];
    const readout = relu1D([1, -1], [-c, c], [4, 4], -0.5);
    const model = positionKeysModel({ ...spec0, heads: [[{ delta: 1, c0: 0, pos: Array(T).fill(0) }]], readout });
    const target: BooleanTarget = { support: [1], table: '11' };
    expectSoundCertificate(model, target, 1e-9);
    const cert = certifyExact(model, target);
    expect(cert.minMargin).toBe(-0.5);
    expect(cert.worstInputMargin).toBe(-0.5);
    expect(cert.attained).toBe(true);
    expect(cert.worstInput).toBe('0000010');
  });

  test('a tie between an interior kink and an end that reaches the same value: the attained one is reported', () => {
    // base = 0, Δ = 1, σ = identity: x = S. The kink sits exactly at the z = 1 end x = a_1 (the float the
    // certifier computes: S_z = 0 + a_1), inside the z = 0 range [0, Σ_{u≥2} a_u] (a_1 < that sum here).
    const scoresTie = [-1, ...Array.from({ length: T - 1 }, () => 0)];
    const aTie = softmax([0, ...scoresTie]);
    const c = aTie[1];
    expect(c).toBeLessThan(aTie.slice(2).reduce((p, q) => p + q, 0));
    const readout = relu1D([1, -1], [-c, c], [4, 4], -0.5);
    const model = positionKeysModel({ T, scores: scoresTie, s0: 0, sigma: 'identity', heads: [[{ delta: 1, c0: 0, pos: Array(T).fill(0) }]], readout });
    const target: BooleanTarget = { support: [1], table: '11' };
    expectSoundCertificate(model, target, 1e-9);
    const cert = certifyExact(model, target);
    expect(cert.minMargin).toBe(-0.5);
    expect(cert.attained).toBe(true);
    expect(cert.worstInputMargin).toBe(-0.5);
    expect(cert.worstInput).toBe(`1${'0'.repeat(T - 1)}`);
  });
});

describe('certifyExact: equal minima of two support assignments', () => {
  test('an assignment whose extreme input reaches the minimum is kept over a later one that reaches it only at an unreachable kink', () => {
    // a = (1, 1, 1, 3)/6, support {1}, base 0, Δ = 1 (x = S). F = −0.5 + 4|x| − 8 relu(x − 1/4) + 8 relu(x − 1/2):
    // F(0) = F(1/2) = −0.5 exactly (dyadic), F > −0.5 elsewhere. z = 0 (x ∈ [0, 2/3]) attains −0.5 at x = 0
    // (all-zero input); z = 1 (x ∈ [1/6, 5/6]) has −0.5 only at the kink 1/2, which no subset sum
    // 1/6 + {0, 1/6, 1/2, 2/3} hits. The bound is attained, by the all-zero input.
    const readout = relu1D([1, -1, 1, 1], [0, 0, -0.25, -0.5], [4, 4, -8, 8], -0.5);
    const model = positionKeysModel({ T: 3, scores: [0, 0, Math.log(3)], s0: 0, sigma: 'identity', heads: [[{ delta: 1, c0: 0, pos: [0, 0, 0] }]], readout });
    const target: BooleanTarget = { support: [1], table: '11' };
    const ex = expectSoundCertificate(model, target, 1e-9);
    const cert = certifyExact(model, target);
    expect(cert.minMargin).toBe(-0.5);
    expect(ex).toBe(-0.5);
    expect(cert.attained).toBe(true);
    expect(cert.worstInputMargin).toBe(-0.5);
    expect(cert.worstInput).toBe('000');
  });
});

describe('certifyExact: an outward evaluation that overflows', () => {
  test('Inf − Inf in the readout enclosure makes the bound −Infinity: never certified, with or without γ', () => {
    // Zero scores (a_u = 1/3), h = 4 S ∈ [0, 8/3]; the readout 1e308 h − 1e308 h overflows for h > 1.79
    // (the z = 1 range), so that z's enclosure is NaN; the z = 0 range stays finite.
    const T = 2;
    const readout: DenseLayer[] = [
      { weight: fromData(1, 2, Float64Array.of(1e308, 1e308)), bias: null, activation: 'identity' },
      { weight: fromData(2, 1, Float64Array.of(1, -1)), bias: null, activation: 'identity' },
    ];
    const model = positionKeysModel({ T, scores: [0, 0], s0: 0, sigma: 'identity', heads: [[{ delta: 4, c0: 0, pos: [0, 0] }]], readout });
    for (const gamma of [undefined, 1e-300]) {
      const cert = certifyExact(model, { support: [1], table: '01' }, gamma);
      expect(cert.certifiedLowerBound).toBe(-Infinity);
      expect(cert.certified).toBe(false);
    }
  });

  test('a NaN margin on every input (Inf − Inf in the float64 readout) is reported as minMargin −Infinity, not attained', () => {
    // x = 1 + S ≥ 1, relu(1e308·x) twice, then 4·h − 4·h = Inf − Inf = NaN on every input. Before the fix the
    // NaN margins never beat the initial +Infinity: minMargin +Infinity, attained true (verdict already false).
    const readout: DenseLayer[] = [
      { weight: fromData(1, 2, Float64Array.of(1e308, 1e308)), bias: null, activation: 'relu' },
      { weight: fromData(2, 1, Float64Array.of(4, -4)), bias: null, activation: 'identity' },
    ];
    const model = positionKeysModel({ T: 3, scores: [0, 0, 0], s0: 0, sigma: 'identity', heads: [[{ delta: 1, c0: 1, pos: [0, 0, 0] }]], readout });
    const cert = certifyExact(model, { support: [1], table: '10' });
    expect(cert.minMargin).toBe(-Infinity);
    expect(cert.attained).toBe(false);
    expect(cert.certified).toBe(false);
    expect(Number.isNaN(cert.worstInputMargin)).toBe(true);
  });
});

describe('several heads and k > 1: the composite readout of H·k channels', () => {
  // The same function split into H heads of k equal columns (each 1/(H·k) of the single column), the
  // readout's row repeated k times: f is unchanged, so the certificate must match the single channel's.
  const T = 5;
  const base: Spec = {
    T,
    scores: [0.4, -0.3, 0.9, 0.1, -0.6],
    s0: 0.2,
    heads: [[{ delta: 1.5, c0: -0.4, pos: [0.3, -0.2, 0.5, 0.1, -0.3] }]],
    sigma: 'relu',
    readout: relu1D([1, -1, 2], [-0.2, 0.1, -0.5], [1.5, -2, 1], -0.1),
  };
  const targets: BooleanTarget[] = [
    { support: [2, 4], table: '0110' },
    { support: [1], table: '10' },
    { support: [3, 5], table: '1101' },
  ];
  const split = (H: number, k: number): Model => {
    const col = base.heads[0][0];
    const part = { delta: col.delta / (H * k), c0: col.c0 / (H * k), pos: col.pos.map((p) => p / (H * k)) };
    const [l1, ...rest] = base.readout;
    const rows = Array.from({ length: k }, () => Array.from(l1.weight.data)).flat();
    // Under ReLU, σ(v/n) = σ(v)/n, and the readout sums the n = H·k channels: the same pre-activations.
    return positionKeysModel({
      ...base,
      heads: Array.from({ length: H }, () => Array.from({ length: k }, () => part)),
      readout: [{ ...l1, weight: fromData(k, l1.weight.cols, Float64Array.from(rows)) }, ...rest],
    });
  };
  const single = positionKeysModel(base);
  for (const [H, k] of [
    [1, 2],
    [2, 1],
    [2, 2],
    [3, 2],
  ]) {
    test(`H = ${H}, k = ${k}: the same minimum as one channel, sound against brute force`, () => {
      const model = split(H, k);
      expect(exactCertifierObstacle(model)).toBeNull();
      for (const target of targets) {
        const one = certifyExact(single, target);
        const many = certifyExact(model, target);
        expect(Math.abs(many.minMargin - one.minMargin)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(many.certifiedLowerBound - one.minMargin)).toBeLessThanOrEqual(1e-9);
        expect(many.attained).toBe(one.attained);
        const ex = expectSoundCertificate(model, target, 1e-9);
        expect(Math.abs(bruteForce(single, target) - ex)).toBeLessThanOrEqual(1e-9);
      }
    });
  }
});

describe('exactCertifierObstacle: every refusal, with its reason', () => {
  const T = 3;
  const okSpec: Spec = {
    T,
    scores: [0.5, -0.5, 0.25],
    s0: 0,
    heads: [[{ delta: 1, c0: 0, pos: [0.1, 0.2, 0.3] }]],
    sigma: 'identity',
    readout: relu1D([1], [0], [1], 0),
  };
  const ok = positionKeysModel(okSpec);

  test('the base model is accepted', () => {
    expect(exactCertifierObstacle(ok)).toBeNull();
    expect(exactCertifierApplies(ok)).toBe(true);
  });

  test('self-attention layers, no [CLS] heads', () => {
    const layer = { heads: [], residual: true, projectionRadius: null };
    expect(exactCertifierObstacle({ ...ok, layers: [layer, layer] })).toBe('the model has 2 self-attention layers');
    expect(exactCertifierObstacle({ ...ok, clsHeads: [] })).toBe('the model has no [CLS] heads');
  });

  test('heads that differ in W_QK (values or shape) or activation name the pair', () => {
    const h = ok.clsHeads[0];
    const scaled = {
      ...h,
      wQK: fromData(
        h.wQK.rows,
        h.wQK.cols,
        h.wQK.data.map((x) => 2 * x),
      ),
    };
    expect(exactCertifierObstacle({ ...ok, clsHeads: [h, h, scaled] })).toMatch(/^\[CLS\] heads 1 and 3 have different W_QK/);
    // Same entries, another shape (1 × d²): still a different matrix.
    const flat = { ...h, wQK: fromData(1, h.wQK.data.length, h.wQK.data) };
    expect(exactCertifierObstacle({ ...ok, clsHeads: [h, flat] })).toMatch(/^\[CLS\] heads 1 and 2 have different W_QK/);
    // One dimension differs, the other agrees, and the entries agree as far as the smaller matrix goes.
    const d = h.wQK.rows;
    const fewerRows = { ...h, wQK: fromData(d - 1, d, h.wQK.data.slice(0, (d - 1) * d)) };
    const fewerCols = { ...h, wQK: fromData(d, d - 1, h.wQK.data.slice(0, d * (d - 1))) };
    expect(exactCertifierObstacle({ ...ok, clsHeads: [h, fewerRows] })).toMatch(/^\[CLS\] heads 1 and 2 have different W_QK/);
    expect(exactCertifierObstacle({ ...ok, clsHeads: [h, fewerCols] })).toMatch(/^\[CLS\] heads 1 and 2 have different W_QK/);
    const relu = { ...h, activation: 'relu' as const };
    expect(exactCertifierObstacle({ ...ok, clsHeads: [h, h, relu] })).toBe('[CLS] heads 1 and 3 have different activations');
  });

  test('a readout that is not piecewise linear, empty, or reads another width', () => {
    const msg = 'the readout is not piecewise linear (relu/identity activations)';
    const [l1, l2] = ok.readout;
    expect(exactCertifierObstacle({ ...ok, readout: [l1, { ...l2, activation: 'tanh' }] })).toBe(msg);
    expect(exactCertifierObstacle({ ...ok, readout: [{ ...l1, activation: 'tanh' }, l2] })).toBe(msg);
    expect(exactCertifierObstacle({ ...ok, readout: [] })).toBe(msg);
    const wide = { ...l1, weight: fromData(2, 1, Float64Array.of(1, 1)) };
    expect(exactCertifierObstacle({ ...ok, readout: [wide, l2] })).toBe(msg);
  });

  test('a tanh head: accepted with one channel, refused with H·k = 2 either way', () => {
    const tanh1 = positionKeysModel({ ...okSpec, sigma: 'tanh' });
    expect(exactCertifierObstacle(tanh1)).toBeNull();
    const col = okSpec.heads[0][0];
    const twoCols = positionKeysModel({ ...okSpec, sigma: 'tanh', heads: [[col, col]], readout: [{ ...ok.readout[0], weight: fromData(2, 1, Float64Array.of(1, 1)) }, ok.readout[1]] });
    expect(exactCertifierObstacle(twoCols)).toBe("the heads' activation is tanh with H·k = 2 output channels (exact needs relu or identity, or one channel)");
    const twoHeads = positionKeysModel({ ...okSpec, sigma: 'tanh', heads: [[col], [col]] });
    expect(exactCertifierObstacle(twoHeads)).toMatch(/tanh with H·k = 2/);
    // The one-channel tanh head is certified exactly: against brute force.
    const target: BooleanTarget = { support: [2], table: '01' };
    expectSoundCertificate(tanh1, target, 1e-9);
  });

  test('keys that read the bit are refused', () => {
    const tok = Float64Array.from(ok.embedding.token.data);
    tok[ok.width + ok.width - 1] = 1e-3; // E_tok[1] gains a [CLS]-column component: (E_tok[1] − E_tok[0])·q = 1e-3·s_0 ≠ 0
    const s0 = positionKeysModel({ ...okSpec, s0: 1 });
    const broken = { ...s0, embedding: { ...s0.embedding, token: fromData(2, s0.width, tok) } };
    expect(exactCertifierObstacle(broken)).toMatch(/^keys depend on the bits/);
    expect(() => certifyExact(broken, { support: [1], table: '01' })).toThrow(/certifyExact.*keys depend on the bits/);
  });
});

describe('certifyExact: requestedMargin', () => {
  const model = positionKeysModel({
    T: 3,
    scores: [0.5, -0.5, 0.25],
    s0: 0,
    heads: [[{ delta: 1, c0: 0, pos: [0.1, 0.2, 0.3] }]],
    sigma: 'identity',
    readout: relu1D([1], [0], [4], -0.25),
  });
  const target: BooleanTarget = { support: [2], table: '01' };

  test('not finite or not > 0 is refused, naming the parameter', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) expect(() => certifyExact(model, target, bad)).toThrow(/requestedMargin/);
  });

  test('the verdict is bound ≥ γ, and γ is echoed; without γ it is bound > 0 and no requestedMargin key', () => {
    const free = certifyExact(model, target);
    expect('requestedMargin' in free).toBe(false);
    const b = free.certifiedLowerBound;
    const at = certifyExact(model, target, Math.abs(b));
    expect(at.requestedMargin).toBe(Math.abs(b));
    expect(at.certified).toBe(b > 0 && b >= Math.abs(b));
    const above = certifyExact(model, target, Math.abs(b) * 2 + 1);
    expect(above.certified).toBe(false);
    expect(above.requestedMargin).toBe(Math.abs(b) * 2 + 1);
  });
});

describe('makeCertificate', () => {
  const p = { minMargin: 1.5, certifiedLowerBound: 1.25, contextLength: 4, worstInput: Uint8Array.of(0, 1, 1, 0), worstInputMargin: 1.5, attained: true, method: 'exact-position-keys' as const };

  test('verdict: > 0 without γ, ≥ γ with γ (equality certifies), γ echoed only when given', () => {
    const free = makeCertificate(p);
    expect(free.certified).toBe(true);
    expect('requestedMargin' in free).toBe(false);
    expect(makeCertificate({ ...p, certifiedLowerBound: 0 }).certified).toBe(false);
    const eq = makeCertificate({ ...p, requestedMargin: 1.25 });
    expect(eq.certified).toBe(true);
    expect(eq.requestedMargin).toBe(1.25);
    const above = makeCertificate({ ...p, requestedMargin: 2 });
    expect(above.certified).toBe(false);
    expect(above.requestedMargin).toBe(2);
  });

  test('slack = minMargin − bound rounded up; strings; a NaN bound is −Infinity', () => {
    const c = makeCertificate(p);
    expect(c.slack).toBeGreaterThanOrEqual(0.25);
    expect(c.slack).toBeLessThanOrEqual(0.25 * (1 + 1e-15));
    expect(c.worstInput).toBe('0110');
    expect(c.inputsCovered).toBe('all 2^4 inputs');
    const nan = makeCertificate({ ...p, certifiedLowerBound: Number.NaN });
    expect(nan.certifiedLowerBound).toBe(-Infinity);
    expect(nan.certified).toBe(false);
  });
});

/**
 * alg-certify-position-keys: the exact certifier against exhaustive evaluation through the reference
 * model. On random models with position-only keys (T ≤ 10, any position blocks, one head k = 1, ReLU
 * or identity readouts) the certified bound never exceeds the true minimum margin, equals it whenever
 * the certifier says `attained`, and `worstInput` has exactly that margin; the streamed position
 * projections agree with the reference rows; a model whose keys depend on the bits is refused; and the
 * readout breakpoints (readout-pieces.ts) of random 1 → H → 1 ReLU readouts hold every analytic kink,
 * carry the reference values, and interpolate the reference readout everywhere in [lo, hi] (a list with
 * one real kink dropped fails the same check).
 * Note: proofs-notes/alg-certify-position-keys.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { certifyExact, exactCertifierApplies } from '../src/constructions/certify-exact.js';
import { projectPositions } from '../src/constructions/position-projections.js';
import { positionRow } from '../src/model/position-codes.js';
import { forward } from '../src/model/forward.js';
import { targetLabel } from '../src/model/target.js';
import { readoutBreakpoints, isPiecewiseLinear1D, upperIndex } from '../src/constructions/readout-pieces.js';
import { readoutForward } from '../src/model/readout.js';
import { close, REL_TOL_FLOAT64 } from '../src/core/tolerances.js';
import { fromData, matVec } from '../src/core/matrix.js';
import type { DenseLayer } from '../src/model/types.js';
import { arbModel, arbModelShape } from './arbitraries/index.js';
import { construct } from '../src/constructions/api.js';
import { makeTarget } from '../src/constructions/targets.js';
import { exhaustiveMinMargin, positionKeyModel } from './support/constructions.js';

/**
 * A random 1 → H → 1 readout (ReLU then identity, all weights in [−3, 3]) on [lo, hi] ⊂ [−5, 5], lo < hi,
 * with unit 0's kink planted at a random c ∈ (lo, hi) and |w1_0|, |w2_0| ≥ 0.5, so at least one real
 * interior kink exists (the mutation check needs one); the other units are unconstrained.
 */
const arbReadout1D = fc
  .record({
    H: fc.integer({ min: 1, max: 6 }),
    ends: fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })).filter(([a, b]) => Math.abs(a - b) > 1e-3),
    at: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    w10: fc.double({ min: 0.5, max: 3, noNaN: true }),
    w20: fc.double({ min: 0.5, max: 3, noNaN: true }),
    signs: fc.tuple(fc.boolean(), fc.boolean()),
    b2: fc.double({ min: -3, max: 3, noNaN: true }),
  })
  .chain((r) =>
    fc.record({
      r: fc.constant(r),
      w1: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: r.H, maxLength: r.H }),
      b1: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: r.H, maxLength: r.H }),
      w2: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: r.H, maxLength: r.H }),
      fracs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
    }),
  )
  .map(({ r, w1, b1, w2, fracs }) => {
    const lo = Math.min(...r.ends);
    const hi = Math.max(...r.ends);
    const c = lo + r.at * (hi - lo);
    w1[0] = r.signs[0] ? r.w10 : -r.w10;
    b1[0] = -w1[0] * c;
    w2[0] = r.signs[1] ? r.w20 : -r.w20;
    const layers: DenseLayer[] = [
      { weight: fromData(1, r.H, Float64Array.from(w1)), bias: Float64Array.from(b1), activation: 'relu' },
      { weight: fromData(r.H, 1, Float64Array.from(w2)), bias: Float64Array.of(r.b2), activation: 'identity' },
    ];
    // A scale for absolute tolerances: Σ_j |w2_j|(|w1_j|·max(|lo|, |hi|) + |b1_j|) + |b2| + 1.
    const M = Math.max(Math.abs(lo), Math.abs(hi));
    let scale = 1 + Math.abs(r.b2);
    for (let j = 0; j < r.H; j++) scale += Math.abs(w2[j]) * (Math.abs(w1[j]) * M + Math.abs(b1[j]));
    const xs = fracs.map((f) => Math.min(hi, lo + f * (hi - lo)));
    return { layers, lo, hi, w1, b1, w2, scale, xs };
  });

/**
 * The completeness check: at every x, the reference readout equals the chord between the breakpoints
 * around x (found by upperIndex). Returns a description of the first failure, or null.
 */
function interpolationFailure(layers: readonly DenseLayer[], points: Float64Array, values: Float64Array, xs: readonly number[], absTol: number): string | null {
  for (const x of xs) {
    const i = upperIndex(points, x);
    let interp: number;
    if (i === 0) interp = values[0];
    else if (i === points.length) interp = values[points.length - 1];
    else {
      const f = (x - points[i - 1]) / (points[i] - points[i - 1]);
      interp = values[i - 1] + f * (values[i] - values[i - 1]);
    }
    const ref = readoutForward(layers, [x]);
    if (!close(ref, interp, REL_TOL_FLOAT64, absTol)) return `x = ${x}: readout ${ref}, chord ${interp}`;
  }
  return null;
}

const shapes = arbModelShape({ contextLength: { min: 1, max: 10 }, width: { min: 1, max: 6 }, layers: 0, clsHeads: 1, readoutDepth: { min: 1, max: 3 } });

describe('alg-certify-position-keys', () => {
  test.prop([shapes, fc.double({ min: -3, max: 3, noNaN: true })], { seed: 4501, numRuns: 80 })('bound <= exhaustive minimum, equal when attained', (shape, c) => {
    const model = positionKeyModel(shape, c);
    expect(exactCertifierApplies(model)).toBe(true);
    const target = model.target!;
    const cert = certifyExact(model, target);
    const ex = exhaustiveMinMargin(model, target);
    expect(cert.minMargin).toBeLessThanOrEqual(ex.min + 1e-9 * Math.max(1, Math.abs(ex.min)));
    const bits = Uint8Array.from(cert.worstInput, (ch) => (ch === '1' ? 1 : 0));
    const worst = targetLabel(target, bits) * forward(model, bits);
    expect(close(worst, cert.worstInputMargin, 1e-9, 1e-9)).toBe(true);
    if (cert.attained) expect(close(cert.minMargin, ex.min, 1e-9, 1e-9)).toBe(true);
    expect(cert.certified).toBe(cert.certifiedLowerBound > 0);
    expect(cert.certifiedLowerBound).toBeLessThanOrEqual(cert.minMargin);
  });

  test.prop([fc.integer({ min: 4, max: 10 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom('parity', 'and', 'majority', 'or')], {
    seed: 4503,
    numRuns: 60,
  })("a target other than the head's: the worst input is a real input whose margin is the reported one, and no worse than the exhaustive minimum allows", (T, s, seed, fn) => {
    // The head computes parity on one support; certify it against another function on a shifted support,
    // so the minimum often sits at an interior readout kink (the case that used to report a non-counterexample).
    const c = construct({ fn: 'parity', contextLength: T, sparsity: s, seed });
    const shifted = c.target.support.map((p) => (p % T) + 1);
    const target = makeTarget({ fn: fn as 'parity', contextLength: T, sparsity: s, support: [...new Set(shifted)].length === s ? shifted : [...c.target.support] });
    const cert = certifyExact(c.model, target);
    const ex = exhaustiveMinMargin(c.model, target);
    const bits = Uint8Array.from(cert.worstInput, (ch) => (ch === '1' ? 1 : 0));
    const worst = targetLabel(target, bits) * forward(c.model, bits);
    expect(close(worst, cert.worstInputMargin, 1e-9, 1e-9)).toBe(true);
    expect(cert.minMargin).toBeLessThanOrEqual(ex.min + 1e-9 * Math.max(1, Math.abs(ex.min)));
    expect(cert.worstInputMargin).toBeGreaterThanOrEqual(ex.min - 1e-9 * Math.max(1, Math.abs(ex.min)));
    if (cert.attained) expect(close(cert.minMargin, cert.worstInputMargin, 1e-9, 1e-9)).toBe(true);
  });

  test.prop([arbModel({ contextLength: { min: 1, max: 40 }, width: { min: 1, max: 8 }, layers: 0, clsHeads: 1 }), fc.integer({ min: 1, max: 3 })], { seed: 4502, numRuns: 60 })(
    'streamed projections equal positionRow · w',
    (model, nv) => {
      const d = model.width;
      const ws = Array.from({ length: nv }, (_, v) => Float64Array.from({ length: d }, (_, j) => Math.sin(7 * v + 3 * j + 1)));
      const proj = projectPositions(model.embedding.position, model.contextLength, d, ws);
      for (let t = 0; t < model.contextLength; t++) {
        const row = positionRow(model.embedding.position, t, d);
        ws.forEach((w, v) => {
          let ref = 0;
          let mag = 0;
          for (let j = 0; j < d; j++) {
            ref += row[j] * w[j];
            mag += Math.abs(row[j] * w[j]);
          }
          expect(Math.abs(proj[v][t] - ref)).toBeLessThanOrEqual(1e-12 * (1 + mag));
        });
      }
    },
  );

  test.prop([shapes, fc.double({ min: 0.1, max: 3, noNaN: true })], { seed: 4503, numRuns: 30 })('keys that depend on the bits are refused (mutation)', (shape, extra) => {
    const model = positionKeyModel(shape, 1);
    const d = model.width;
    const q = matVec(model.clsHeads[0].wQK, model.embedding.cls);
    let j = 0;
    for (let k = 1; k < d; k++) if (Math.abs(q[k]) > Math.abs(q[j])) j = k;
    fc.pre(q[j] !== 0);
    // Add a score direction to the bit embedding: the bit now moves the score by extra·q_j ≠ 0.
    const token = Float64Array.from(model.embedding.token.data);
    token[d + j] += extra;
    const broken = { ...model, embedding: { ...model.embedding, token: fromData(2, d, token) } };
    expect(exactCertifierApplies(broken)).toBe(false);
    expect(() => certifyExact(broken, model.target!)).toThrow(/keys depend on the bits/);
  });

  test.prop([arbReadout1D], { seed: 4504, numRuns: 150 })(
    'readoutBreakpoints: every analytic kink listed, values = readoutForward, chords = the readout (dropping a kink fails)',
    ({ layers, lo, hi, w1, b1, w2, scale, xs }) => {
      expect(isPiecewiseLinear1D(layers)).toBe(true);
      const { points, values } = readoutBreakpoints(layers, lo, hi);
      const absTol = 1e-9 * scale;
      // Sorted, strictly increasing, from lo to hi.
      expect(points[0]).toBe(lo);
      expect(points[points.length - 1]).toBe(hi);
      for (let k = 1; k < points.length; k++) expect(points[k]).toBeGreaterThan(points[k - 1]);
      // Independent oracle for the kinks of x ↦ Σ_j w2_j relu(w1_j x + b1_j) + b2: x = −b1_j / w1_j.
      for (let j = 0; j < w1.length; j++) {
        if (w1[j] === 0 || w2[j] === 0) continue;
        const kink = -b1[j] / w1[j];
        if (!(kink > lo && kink < hi)) continue;
        const near = points.some((p) => Math.abs(p - kink) <= 1e-9 * (1 + Math.abs(kink)));
        expect(near, `kink of unit ${j} at ${kink} missing from [${points.join(', ')}]`).toBe(true);
      }
      // Values are the reference readout at the points.
      points.forEach((p, k) => expect(close(values[k], readoutForward(layers, [p]), REL_TOL_FLOAT64, absTol)).toBe(true));
      // upperIndex against a linear scan (smallest i with points[i] > x).
      for (const x of [...xs, lo, hi, ...points]) {
        let ref = 0;
        while (ref < points.length && !(points[ref] > x)) ref++;
        expect(upperIndex(points, x)).toBe(ref);
      }
      // Completeness: the readout is the chord between neighbouring breakpoints at random x.
      expect(interpolationFailure(layers, points, values, xs, absTol)).toBeNull();

      // Mutation: drop the interior breakpoint farthest from the chord of its neighbours (a real kink:
      // unit 0 plants one with slope change |w1_0 w2_0| ≥ 0.25). The same check, also run at the dropped
      // point, must reject the shorter list.
      let worst = -1;
      let dev = 0;
      for (let k = 1; k + 1 < points.length; k++) {
        const f = (points[k] - points[k - 1]) / (points[k + 1] - points[k - 1]);
        const d = Math.abs(values[k] - (values[k - 1] + f * (values[k + 1] - values[k - 1])));
        if (d > dev) [dev, worst] = [d, k];
      }
      fc.pre(dev > 1e-6 * scale); // a planted kink cancelled by another unit is skipped (not expected)
      const keep = (_: number, k: number) => k !== worst;
      const mutant = interpolationFailure(layers, points.filter(keep), values.filter(keep), [...xs, points[worst]], absTol);
      expect(mutant).not.toBeNull();
    },
  );
});

/**
 * alg-certify-position-keys: the exact certifier against exhaustive evaluation through the reference
 * model. On random models with position-only keys (T ≤ 10, any position blocks, one head k = 1, ReLU
 * or identity readouts) the certified bound never exceeds the true minimum margin, equals it whenever
 * the certifier says `attained`, and `worstInput` has exactly that margin; the streamed position
 * projections agree with the reference rows; and a model whose keys depend on the bits is refused.
 * Note: proofs-notes/alg-certify-position-keys.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { certifyExact, exactCertifierApplies } from '../src/constructions/certify-exact.js';
import { projectPositions } from '../src/constructions/position-projections.js';
import { positionRow } from '../src/model/position-codes.js';
import { forward } from '../src/model/forward.js';
import { targetLabel } from '../src/model/target.js';
import { close } from '../src/core/tolerances.js';
import { fromData, matVec } from '../src/core/matrix.js';
import { arbModel, arbModelShape } from './arbitraries/index.js';
import { exhaustiveMinMargin, positionKeyModel } from './support/constructions.js';

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
    expect(cert.certified).toBe(cert.minMargin > 0);
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
});

/**
 * def-tfjs-export: the tfjs Transformer (src/experiments/tf-transformer.ts) and the reference model it
 * exports to (src/experiments/export.ts → src/model/forward.ts) compute the same function within
 * float32 tolerance, on random shapes (T, d, H, L), random weights (seeded, scaled so that attention is
 * far from uniform) and random inputs; the [CLS] attention weights agree too. A mutant exporter
 * (W_QK transposed) is rejected by the same check. Note: proofs-notes/def-tfjs-export.md.
 */
import { beforeAll, describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbSeed } from './arbitraries/index.js';
import { createRng } from '../src/core/rng.js';
import { transpose } from '../src/core/matrix.js';
import { REL_TOL_FLOAT32, ABS_TOL_FLOAT32, close } from '../src/core/tolerances.js';
import { forwardTrace } from '../src/model/forward.js';
import type { Model } from '../src/model/types.js';
import { initBackend, tf } from '../src/experiments/backend.js';
import { buildTransformer, type TfTransformer } from '../src/experiments/tf-transformer.js';
import { exportTransformer } from '../src/experiments/export.js';

beforeAll(async () => {
  await initBackend();
}, 60_000);

interface Case {
  net: TfTransformer;
  bits: Uint8Array;
  n: number;
  T: number;
}

function buildCase(seed: number, T: number, d: number, H: number, L: number, scale: number, n: number): Case {
  const rng = createRng(seed);
  const net = buildTransformer(rng, { contextLength: T, width: d, heads: H, layers: L });
  for (const v of net.variables) v.assign(tf.mul(v, scale));
  const bits = new Uint8Array(n * T);
  for (let i = 0; i < bits.length; i++) bits[i] = rng.bit();
  return { net, bits, n, T };
}

/** The first disagreement between tfjs and the reference model (outputs or attention), or null. */
function firstDisagreement(c: Case, model: Model): string | null {
  const x = tf.tensor2d(Float32Array.from(c.bits), [c.n, c.T]);
  const out = tf.tidy(() => c.net.predict(x)).dataSync();
  const att = tf.tidy(() => c.net.clsAttention(x));
  const attData = att.dataSync();
  const [, H, N] = att.shape;
  x.dispose();
  att.dispose();
  for (let i = 0; i < c.n; i++) {
    const tr = forwardTrace(model, c.bits.subarray(i * c.T, (i + 1) * c.T));
    if (!close(out[i], tr.output, REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `input ${i}: tfjs ${out[i]} vs reference ${tr.output}`;
    for (let h = 0; h < H; h++)
      for (let u = 0; u < N; u++) {
        const a = attData[(i * H + h) * N + u];
        if (!close(a, tr.clsHeads[h].attention[u], REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `input ${i} head ${h} row ${u}: attention ${a} vs ${tr.clsHeads[h].attention[u]}`;
      }
  }
  return null;
}

const arbShape = fc.record({
  seed: arbSeed(),
  T: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 8 }),
  H: fc.integer({ min: 1, max: 3 }),
  L: fc.integer({ min: 1, max: 3 }),
  scale: fc.double({ min: 0.25, max: 2.5, noNaN: true }),
});

describe('def-tfjs-export: tfjs Transformer = exported reference model (float32 tolerance)', () => {
  test.prop([arbShape], { seed: 20261129, numRuns: 100 })('outputs and [CLS] attention agree on random shapes, weights, inputs', ({ seed, T, d, H, L, scale }) => {
    const c = buildCase(seed, T, d, H, L, scale, 16);
    try {
      const model = exportTransformer(c.net);
      expect(model.layers.length).toBe(L - 1);
      expect(model.clsHeads.length).toBe(H);
      expect(firstDisagreement(c, model)).toBeNull();
    } finally {
      c.net.dispose();
    }
  });

  test.prop([arbSeed()], { seed: 7, numRuns: 10 })('mutation: an exporter that transposes W_QK is caught', (seed) => {
    const c = buildCase(seed, 8, 6, 2, 1, 2, 16);
    try {
      const good = exportTransformer(c.net);
      const bad: Model = { ...good, clsHeads: good.clsHeads.map((h) => ({ ...h, wQK: transpose(h.wQK) })) };
      expect(firstDisagreement(c, good)).toBeNull();
      expect(firstDisagreement(c, bad)).not.toBeNull();
    } finally {
      c.net.dispose();
    }
  });
});

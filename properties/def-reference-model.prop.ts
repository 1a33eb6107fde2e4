/**
 * def-reference-model: the float64 reference semantics (src/model) agree with a deliberately naive
 * loop implementation (properties/support/naive-model.ts) on random models and inputs, at every level
 * (embedding, head, layer, multi-head layer, multi-layer forward, readout); the head and the whole
 * model are equivariant/invariant under permuting the non-[CLS] positions together with their
 * position embeddings; and deliberate mutants are caught by the same differential checks.
 * Note: proofs-notes/def-reference-model.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbModelAndBits, arbSeed, arbVector, type ArbModelOptions } from './arbitraries/index.js';
import { checkEmbed, checkHeads, checkLayers, checkForward, checkReadout, REAL, assertVectorsClose, type HeadImpl, type LayerImpl } from './support/differential.js';
import { NaiveRangeError } from './support/naive-model.js';
import { mutantHeadTransposedScores, mutantHeadNoClsKey, mutantLayerProjectBeforeResidual } from './support/mutants.js';
import { createRng } from '../src/core/rng.js';
import { fromData, row } from '../src/core/matrix.js';
import { embed, maxEmbeddedRowNorm } from '../src/model/embed.js';
import { maxRowNorm } from '../src/core/norms.js';
import { headForward } from '../src/model/head.js';
import { layerForward } from '../src/model/layer.js';
import { forward } from '../src/model/forward.js';
import { readoutForwardVector, readoutLipschitz } from '../src/model/readout.js';
import { l2 } from '../src/core/norms.js';
import type { Model, PositionBlock } from '../src/model/types.js';

/** Models with several heads per layer and up to 2 layers. */
const MODELS: ArbModelOptions = { contextLength: { min: 1, max: 6 }, width: { min: 1, max: 5 } };

/** Run a differential check, treating "scores too large for the naive softmax" as a skipped case. */
function differential(check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof NaiveRangeError) fc.pre(false);
    throw err;
  }
}

describe('def-reference-model: differential against the naive loops', () => {
  test.prop([arbModelAndBits(MODELS)], { seed: 1101, numRuns: 150 })('embedding', ({ model, bits }) => differential(() => checkEmbed(model, bits)));
  test.prop([arbModelAndBits(MODELS)], { seed: 1102, numRuns: 150 })('heads, [CLS] and token queries', ({ model, bits }) => differential(() => checkHeads(REAL.head, model, bits)));
  test.prop([arbModelAndBits({ ...MODELS, layers: { min: 1, max: 2 }, heads: { min: 1, max: 3 } })], { seed: 1103, numRuns: 150 })('multi-head layers, residual and projection', ({ model, bits }) =>
    differential(() => checkLayers(REAL.layer, model, bits)),
  );
  test.prop([arbModelAndBits(MODELS)], { seed: 1104, numRuns: 150 })('whole model (multi-layer, [CLS] heads, readout)', ({ model, bits }) =>
    differential(() => checkForward(REAL.forward, model, bits)),
  );
  test.prop([arbModelAndBits({ ...MODELS, readoutDepth: { min: 1, max: 3 } }).chain(({ model }) => arbVector(model.readout[0].weight.rows, 5).map((v) => ({ model, v })))], {
    seed: 1105,
    numRuns: 150,
  })('readout MLP', ({ model, v }) => differential(() => checkReadout(REAL.readout, model.readout, v)));
});

/** π as a Fisher-Yates shuffle of 0..T−1 from a seed. */
function permutation(T: number, seed: number): number[] {
  const rng = createRng(seed);
  const p = Array.from({ length: T }, (_, i) => i);
  for (let i = T - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** The model whose dense position rows are permuted: row t of the new E_pos is row π(t) of the old. */
function permutePositions(model: Model, pi: readonly number[]): Model {
  const position = model.embedding.position.map((b): PositionBlock => {
    if (b.kind !== 'dense') throw new Error('permutePositions: dense blocks only');
    const d = b.matrix.cols;
    const data = new Float64Array(b.matrix.data.length);
    pi.forEach((src, t) => data.set(b.matrix.data.subarray(src * d, (src + 1) * d), t * d));
    return { kind: 'dense', matrix: fromData(b.matrix.rows, d, data) };
  });
  return { ...model, embedding: { ...model.embedding, position } };
}

const DENSE: ArbModelOptions = { ...MODELS, contextLength: { min: 2, max: 7 }, positionKinds: ['dense'] };

describe('def-reference-model: permutation equivariance (dense positions)', () => {
  test.prop([arbModelAndBits({ ...DENSE, clsHeads: { min: 1, max: 2 } }), arbSeed()], { seed: 1201, numRuns: 120 })(
    '[CLS] head output is invariant, token-query outputs move with their position',
    ({ model, bits }, seed) => {
      const T = model.contextLength;
      const pi = permutation(T, seed);
      const permuted = permutePositions(model, pi);
      const bitsP = Uint8Array.from(pi, (src) => bits[src]);
      const X = embed(model.embedding, T, bits);
      const XP = embed(permuted.embedding, T, bitsP);
      for (const h of model.clsHeads) {
        assertVectorsClose('[CLS] query', headForward(h, XP, row(XP, 0)), headForward(h, X, row(X, 0)));
        pi.forEach((src, t) => assertVectorsClose(`query ${t + 1}`, headForward(h, XP, row(XP, t + 1)), headForward(h, X, row(X, src + 1))));
      }
    },
  );
  test.prop([arbModelAndBits(DENSE), arbSeed()], { seed: 1202, numRuns: 120 })('layers are equivariant and the model output is invariant', ({ model, bits }, seed) => {
    const T = model.contextLength;
    const pi = permutation(T, seed);
    const permuted = permutePositions(model, pi);
    const bitsP = Uint8Array.from(pi, (src) => bits[src]);
    let X = embed(model.embedding, T, bits);
    let XP = embed(permuted.embedding, T, bitsP);
    for (const layer of model.layers) {
      X = layerForward(layer, X);
      XP = layerForward(layer, XP);
      assertVectorsClose('[CLS] row', row(XP, 0), row(X, 0));
      pi.forEach((src, t) => assertVectorsClose(`row ${t + 1}`, row(XP, t + 1), row(X, src + 1)));
    }
    assertVectorsClose('f(b)', [forward(permuted, bitsP)], [forward(model, bits)]);
  });
});

/** Run a differential check as a fast-check property over random models; report whether it failed. */
function mutantCaught(check: (model: Model, bits: Uint8Array) => void, opts: ArbModelOptions, seed: number): boolean {
  const details = fc.check(
    fc.property(arbModelAndBits(opts), ({ model, bits }) => differential(() => check(model, bits))),
    { seed, numRuns: 200 },
  );
  return details.failed;
}

describe('def-reference-model: mutation tests (the same checks reject broken heads and layers)', () => {
  const mutantHeads: [string, HeadImpl][] = [
    ['scores transposed (x_uᵀ W_QKᵀ z)', mutantHeadTransposedScores],
    ['[CLS] row not a key', mutantHeadNoClsKey],
  ];
  for (const [name, impl] of mutantHeads) {
    test(`head mutant caught: ${name}`, () => {
      expect(mutantCaught((m, b) => checkHeads(impl, m, b), { ...MODELS, clsHeads: { min: 1, max: 2 } }, 1301)).toBe(true);
      // The same property passes on the real head with the same seed: the failure is the mutant's.
      expect(mutantCaught((m, b) => checkHeads(REAL.head, m, b), { ...MODELS, clsHeads: { min: 1, max: 2 } }, 1301)).toBe(false);
    });
  }
  const mutantLayers: [string, LayerImpl][] = [['projection before residual', mutantLayerProjectBeforeResidual]];
  for (const [name, impl] of mutantLayers) {
    test(`layer mutant caught: ${name}`, () => {
      const opts: ArbModelOptions = { ...MODELS, layers: 1, residual: 'always', projection: 'always' };
      expect(mutantCaught((m, b) => checkLayers(impl, m, b), opts, 1302)).toBe(true);
      expect(mutantCaught((m, b) => checkLayers(REAL.layer, m, b), opts, 1302)).toBe(false);
    });
  }
});

describe('def-reference-model: readout Lipschitz bound Π_l L_σl ‖W_l‖₂ (readoutLipschitz)', () => {
  const READOUTS = arbModelAndBits({ ...MODELS, layers: 0, clsHeads: 0, readoutDepth: { min: 1, max: 3 }, hiddenUnits: { min: 1, max: 5 } });
  /** ‖φ(u) − φ(v)‖₂ / (L ‖u − v‖₂), must be ≤ 1. */
  const ratio = (model: Model, u: Float64Array, v: Float64Array): number => {
    const diff = Float64Array.from(readoutForwardVector(model.readout, u), (x, i) => x - readoutForwardVector(model.readout, v)[i]);
    const du = l2(Float64Array.from(u, (x, i) => x - v[i]));
    return du === 0 ? 0 : l2(diff) / (readoutLipschitz(model.readout) * du);
  };
  test.prop([READOUTS, arbSeed()], { seed: 1401, numRuns: 60 })('adversarial local search never beats the bound', ({ model }, seed) => {
    const rng = createRng(seed);
    const n = model.readout[0].weight.rows;
    const draw = () => Float64Array.from({ length: n }, () => 3 * rng.normal());
    let u = draw();
    let v = draw();
    let best = ratio(model, u, v);
    for (let i = 0; i < 300; i++) {
      const scale = rng.bit() ? 1 : 1e-3; // large moves and near-coincident pairs (local slope)
      const u2 = Float64Array.from(u, (x) => x + scale * rng.normal());
      const v2 = rng.bit() ? Float64Array.from(u2, (x) => x + 1e-4 * rng.normal()) : Float64Array.from(v, (x) => x + scale * rng.normal());
      const r = ratio(model, u2, v2);
      if (r >= best) [u, v, best] = [u2, v2, r];
    }
    expect(best).toBeLessThanOrEqual(1 + 1e-9);
  });
});

describe('def-reference-model: B_X (maxEmbeddedRowNorm) is exact over all 2^T inputs', () => {
  test.prop([arbModelAndBits({ ...MODELS, contextLength: { min: 1, max: 6 } })], { seed: 1501, numRuns: 80 })('equals the brute-force maximum of max_t ‖x_t‖₂', ({ model }) => {
    const T = model.contextLength;
    let brute = 0;
    const b = new Uint8Array(T);
    for (let x = 0; x < 2 ** T; x++) {
      for (let t = 0; t < T; t++) b[t] = (x >> t) & 1;
      brute = Math.max(brute, maxRowNorm(embed(model.embedding, T, b)));
    }
    expect(maxEmbeddedRowNorm(model.embedding, T)).toBe(brute);
  });
});

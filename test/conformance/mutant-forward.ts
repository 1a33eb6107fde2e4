/**
 * In-process "programs" for the shrinker tests: the reference forward pass with one head or layer
 * replaced by a deliberate bug (properties/support/mutants.ts), and the probe that compares it with the
 * reference the way the runner does (src/conformance/run.ts), without a child process.
 */
import { row, zeros, vecMat, type Matrix } from '../../src/core/matrix.js';
import { embed } from '../../src/model/embed.js';
import { projectToBallInPlace } from '../../src/model/layer.js';
import { headForward } from '../../src/model/head.js';
import { readoutForward } from '../../src/model/readout.js';
import type { AttentionHead, Model, PositionBlock, SelfAttentionLayer } from '../../src/model/types.js';
import { forward } from '../../src/model/forward.js';
import { fmix32 } from '../../src/model/position-codes.js';
import { compareOutputs, type Tolerance } from '../../src/conformance/compare.js';
import type { ConformanceCase } from '../../src/conformance/generate.js';
import { referenceOutputs } from '../../src/conformance/run.js';
import type { Probe } from '../../src/conformance/shrink.js';
import { mutantHeadNoClsKey, mutantHeadTransposedScores, mutantLayerProjectBeforeResidual } from '../../properties/support/mutants.js';

/** A head implementation (reference or mutant). */
export type HeadFn = (head: AttentionHead, X: Matrix, z: ArrayLike<number>) => ArrayLike<number>;
/** A layer implementation (reference or mutant). */
export type LayerFn = (layer: SelfAttentionLayer, X: Matrix) => Matrix;

function layerWithHead(head: HeadFn): LayerFn {
  return (layer, X) => {
    const Y = zeros(X.rows, X.cols);
    for (let t = 0; t < X.rows; t++) {
      const yt = Y.data.subarray(t * X.cols, (t + 1) * X.cols);
      if (layer.residual) yt.set(row(X, t));
      for (const h of layer.heads) {
        const mapped = vecMat(head(h, X, row(X, t)), h.wC);
        for (let j = 0; j < yt.length; j++) yt[j] += mapped[j];
      }
      projectToBallInPlace(yt, layer.projectionRadius);
    }
    return Y;
  };
}

/** f(b) computed with the given head (and layer) implementations, otherwise as the reference. */
export function forwardWith(head: HeadFn, layer: LayerFn, model: Model, bits: ArrayLike<number>): number {
  let X = embed(model.embedding, model.contextLength, bits);
  for (const l of model.layers) X = layer(l, X);
  const x0 = row(X, 0);
  let pooled: Float64Array = Float64Array.from(x0);
  if (model.clsHeads.length > 0) {
    pooled = new Float64Array(model.clsHeads[0].wV.cols);
    for (const h of model.clsHeads) {
      const o = head(h, X, x0);
      for (let j = 0; j < pooled.length; j++) pooled[j] += o[j];
    }
  }
  return readoutForward(model.readout, pooled);
}

/** Bug: signHash(seed, t, j) hashed with j instead of j + 1 (an off-by-one in the column index). */
function wrongSignHashModel(model: Model): Model {
  const position = model.embedding.position.map((b): PositionBlock => {
    if (b.kind !== 'sign-hash') return b;
    const m = zeros(model.contextLength, model.width);
    for (let t = 0; t < model.contextLength; t++) {
      for (let j = 0; j < b.width; j++) {
        const h = fmix32((fmix32((t + 1) >>> 0) ^ Math.imul(j, 0x9e3779b1) ^ b.seed) >>> 0);
        m.data[t * model.width + b.column + j] = b.scale * (h >>> 31 ? -1 : 1);
      }
    }
    return { kind: 'dense', matrix: m };
  });
  return { ...model, embedding: { ...model.embedding, position } };
}

/** The bugs the tests plant, as whole forward passes. */
export const MUTANTS: Readonly<Record<string, (model: Model, bits: ArrayLike<number>) => number>> = {
  'transposed-scores': (m, b) => forwardWith(mutantHeadTransposedScores, layerWithHead(mutantHeadTransposedScores), m, b),
  'cls-not-key': (m, b) => forwardWith(mutantHeadNoClsKey, layerWithHead(mutantHeadNoClsKey), m, b),
  'project-before-residual': (m, b) => forwardWith(headForward, mutantLayerProjectBeforeResidual, m, b),
  'sign-hash-off-by-one': (m, b) => forward(wrongSignHashModel(m), b),
};

/** Bits of a bit string. */
export const bitsOf = (s: string): number[] => Array.from(s, (c) => (c === '1' ? 1 : 0));

/** A probe (src/conformance/shrink.ts) that evaluates a case with `impl` in-process. */
export function inProcessProbe(impl: (model: Model, bits: ArrayLike<number>) => number, tol: Tolerance): Probe {
  return async (c: ConformanceCase) => {
    const expected = referenceOutputs(c.model, c.inputs);
    const got = c.inputs.map((s) => impl(c.model, bitsOf(s)));
    const cmp = compareOutputs(expected, got, tol);
    return cmp.ok ? { kind: 'pass', maxAbsError: cmp.maxAbsError } : { kind: 'mismatch', expected, got, worst: cmp.worst };
  };
}

/**
 * Forward passes for the agreesWithReference tests: the reference pipeline (embed, layers, [CLS] heads,
 * readout) with the head replaced, so that a mutant differs from the reference ONLY in the named bug
 * (properties/support/mutants.ts: transposed scores, [CLS] row dropped as a key).
 */
import { embed } from '../../src/model/embed.js';
import { headForward } from '../../src/model/head.js';
import { projectToBallInPlace } from '../../src/model/layer.js';
import { readoutForward } from '../../src/model/readout.js';
import { row, vecMat, zeros, type Matrix } from '../../src/core/matrix.js';
import type { AttentionHead, Model } from '../../src/model/types.js';
import { mutantHeadNoClsKey, mutantHeadTransposedScores } from '../../properties/support/mutants.js';

type HeadImpl = (head: AttentionHead, X: Matrix, z: ArrayLike<number>) => ArrayLike<number>;

/** f(b) with every head (layer and [CLS]) computed by `head`. */
export function forwardWithHead(head: HeadImpl): (model: Model, bits: Uint8Array) => number {
  return (model, bits) => {
    let X = embed(model.embedding, model.contextLength, bits);
    for (const layer of model.layers) {
      const Y = zeros(X.rows, X.cols);
      for (let t = 0; t < X.rows; t++) {
        const xt = row(X, t);
        const yt = Y.data.subarray(t * X.cols, (t + 1) * X.cols);
        if (layer.residual) yt.set(xt);
        for (const h of layer.heads) {
          const mapped = vecMat(Float64Array.from(head(h, X, xt)), h.wC);
          for (let j = 0; j < yt.length; j++) yt[j] += mapped[j];
        }
        projectToBallInPlace(yt, layer.projectionRadius);
      }
      X = Y;
    }
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
  };
}

/** The reference pipeline with the reference head (a re-assembly: must agree). */
export const reassembledForward = forwardWithHead(headForward);
/** Mutant: scores s_u = x_uᵀ W_QKᵀ z (query and key roles swapped). */
export const transposedScoresForward = forwardWithHead(mutantHeadTransposedScores);
/** Mutant: the [CLS] row x_0 is not a key. */
export const noClsKeyForward = forwardWithHead(mutantHeadNoClsKey);

/**
 * Deliberately wrong implementations, for the mutation tests: each must be rejected by the
 * differential checks (differential.ts). They reuse src/core numerics so that the ONLY difference from
 * the reference is the named bug.
 */
import { matVec, vecMat, transpose, zeros, row, type Matrix } from '../../src/core/matrix.js';
import { softmax } from '../../src/core/softmax.js';
import { l2 } from '../../src/core/norms.js';
import { applyActivationInPlace } from '../../src/model/activations.js';
import { headForward } from '../../src/model/head.js';
import type { AttentionHead, SelfAttentionLayer } from '../../src/model/types.js';

/** Bug: scores transposed, s_u = x_uᵀ W_QKᵀ z (query and key roles swapped). */
export function mutantHeadTransposedScores(head: AttentionHead, X: Matrix, z: ArrayLike<number>): Float64Array {
  const scores = matVec(X, matVec(transpose(head.wQK), z));
  const out = vecMat(vecMat(softmax(scores), X), head.wV);
  applyActivationInPlace(head.activation, out);
  return out;
}

/** Bug: the [CLS] row is not a key (softmax over rows 1..T only). */
export function mutantHeadNoClsKey(head: AttentionHead, X: Matrix, z: ArrayLike<number>): Float64Array {
  const q = matVec(head.wQK, z);
  const scores = matVec(X, q).subarray(1);
  const a = new Float64Array(X.rows);
  a.set(softmax(scores), 1);
  const out = vecMat(vecMat(a, X), head.wV);
  applyActivationInPlace(head.activation, out);
  return out;
}

/** Bug: Π_R applied to the head sum BEFORE the residual is added (wrong order of operations). */
export function mutantLayerProjectBeforeResidual(layer: SelfAttentionLayer, X: Matrix): Matrix {
  const Y = zeros(X.rows, X.cols);
  for (let t = 0; t < X.rows; t++) {
    const xt = row(X, t);
    const y = new Float64Array(X.cols);
    for (const h of layer.heads) {
      const mapped = vecMat(headForward(h, X, xt), h.wC);
      for (let j = 0; j < y.length; j++) y[j] += mapped[j];
    }
    if (layer.projectionRadius !== null) {
      const n = l2(y);
      if (n > layer.projectionRadius) for (let j = 0; j < y.length; j++) y[j] *= layer.projectionRadius / n;
    }
    if (layer.residual) for (let j = 0; j < y.length; j++) y[j] += xt[j];
    Y.data.set(y, t * X.cols);
  }
  return Y;
}

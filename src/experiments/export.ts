/**
 * Export a trained tfjs Transformer to the reference model (def-tfjs-export): the float32 weights are
 * copied into float64 matrices and W_QK = W_K W_Qᵀ is formed in float64. The reference forward of the
 * exported model agrees with the tfjs forward within float32 tolerance (property
 * properties/exp-tfjs-reference.prop.ts).
 */
import { fromData, matmul, transpose, type Matrix } from '../core/matrix.js';
import { checkModel } from '../model/check-model.js';
import type { Model, AttentionHead, LayerHead, BooleanTarget } from '../model/types.js';
import type { tf } from './backend.js';
import type { TfTransformer } from './tf-transformer.js';

/** Id of the export correspondence (tfjs Transformer ↔ reference model): proofs-notes/def-tfjs-export.md. */
export const TFJS_EXPORT_ID = 'def-tfjs-export';

function toMatrix(v: tf.Tensor): Matrix {
  const [r, c] = v.shape.length === 1 ? [1, v.shape[0] as number] : [v.shape[0] as number, v.shape[1] as number];
  return fromData(r, c, Float64Array.from(v.dataSync()));
}

function rowsOf(m: Matrix, from: number, count: number): Matrix {
  return fromData(count, m.cols, m.data.slice(from * m.cols, (from + count) * m.cols));
}

/** W_QK = W_K W_Qᵀ in float64. */
function wQK(wQ: tf.Tensor, wK: tf.Tensor): Matrix {
  return matmul(toMatrix(wK), transpose(toMatrix(wQ)));
}

/**
 * The reference Model of a tfjs Transformer: dense position block, L − 1 residual layers without
 * projection, H identity-activation [CLS] heads, readout [relu dense, identity dense].
 * Throws ShapeError (from checkModel) if the weights are inconsistent.
 */
export function exportTransformer(net: TfTransformer, target?: BooleanTarget, meta?: Record<string, unknown>): Model {
  const w = net.weights;
  const d = net.shape.width;
  const clsV = toMatrix(w.clsV);
  const clsHeads: AttentionHead[] = w.clsQ.map((q, h) => ({ wQK: wQK(q, w.clsK[h]), wV: rowsOf(clsV, h * d, d), activation: 'identity' }));
  const model: Model = {
    contextLength: net.shape.contextLength,
    width: d,
    embedding: {
      token: toMatrix(w.token),
      position: [{ kind: 'dense', matrix: toMatrix(w.position) }],
      cls: Float64Array.from(w.cls.dataSync()),
    },
    layers: w.layers.map((hs) => ({
      heads: hs.map((h): LayerHead => ({ wQK: wQK(h.wQ, h.wK), wV: toMatrix(h.wV), wC: toMatrix(h.wC), activation: 'identity' })),
      residual: true,
      projectionRadius: null,
    })),
    clsHeads,
    readout: [
      { weight: toMatrix(w.w1), bias: Float64Array.from(w.c1.dataSync()), activation: 'relu' },
      { weight: toMatrix(w.w2), bias: Float64Array.from(w.c2.dataSync()), activation: 'identity' },
    ],
    ...(target ? { target } : {}),
    ...(meta ? { meta } : {}),
  };
  checkModel(model, 'exportTransformer');
  return model;
}

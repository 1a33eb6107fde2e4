/**
 * The baseline: an MLP on the raw bits, f(b) = w₃ᵀ relu(W₂ᵀ relu(W₁ᵀ (2b − 1) + c₁) + c₂) + c₃,
 * two hidden layers of `width` units (He initialization from the run's seed). It has no attention and
 * no position structure, so nothing in it favours sparse targets: the comparison DIGEST §5 asks for.
 */
import { tf } from './backend.js';
import { normalVariable, zerosVariable, type TfModel } from './tf-init.js';
import type { Rng } from '../core/rng.js';
import { matrixNorms, type MatrixNorms } from '../model/norms-report.js';
import { fromData } from '../core/matrix.js';

/** Build the MLP for inputs of length T with hidden width r. */
export function buildMlp(rng: Rng, contextLength: number, width: number): TfModel & { norms(): MatrixNorms[] } {
  const T = contextLength;
  const r = width;
  const w1 = normalVariable(rng, [T, r], Math.sqrt(2 / T));
  const c1 = zerosVariable([r]);
  const w2 = normalVariable(rng, [r, r], Math.sqrt(2 / r));
  const c2 = zerosVariable([r]);
  const w3 = normalVariable(rng, [r, 1], Math.sqrt(1 / r));
  const c3 = zerosVariable([1]);
  const variables = [w1, c1, w2, c2, w3, c3];
  return {
    kind: 'mlp',
    variables,
    decayed: [w1, w2, w3],
    predict(bits: tf.Tensor2D): tf.Tensor1D {
      const B = bits.shape[0];
      const x = tf.sub(tf.mul(bits, 2), 1); // (B, T) in {−1, +1}
      const h1 = tf.relu(tf.add(tf.matMul(x, w1), c1)); // (B, r)
      const h2 = tf.relu(tf.add(tf.matMul(h1, w2), c2)); // (B, r)
      return tf.reshape(tf.add(tf.matMul(h2, w3), c3), [B]) as tf.Tensor1D; // (B)
    },
    norms(): MatrixNorms[] {
      return [w1, w2, w3].map((w) => matrixNorms(fromData(w.shape[0] as number, w.shape[1] as number, Float64Array.from(w.dataSync()))));
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}

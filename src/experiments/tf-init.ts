/**
 * Seeded weight initialization for the tfjs models: values drawn from createRng (never tfjs's global
 * RNG), so a run's initial weights depend only on its seed and shapes.
 */
import { tf } from './backend.js';
import type { Rng } from '../core/rng.js';

/** A trainable float32 variable of the given shape with i.i.d. N(0, std²) entries drawn from rng. */
export function normalVariable(rng: Rng, shape: number[], std: number): tf.Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal() * std;
  return tf.variable(tf.tensor(data, shape, 'float32'), true);
}

/** A trainable float32 variable of zeros. */
export function zerosVariable(shape: number[]): tf.Variable {
  return tf.variable(tf.zeros(shape, 'float32'), true);
}

/** A model the trainer can fit: its trainable variables and a forward pass from bits to f(b). */
export interface TfModel {
  readonly kind: 'transformer' | 'mlp';
  /** Every trainable variable. */
  readonly variables: readonly tf.Variable[];
  /** The variables that weight decay (AdamW) shrinks: weight matrices and embeddings, not biases. */
  readonly decayed: readonly tf.Variable[];
  /** bits (B, T) as float32 0/1 → outputs f(b) (B). Call inside tf.tidy or dispose the result. */
  predict(bits: tf.Tensor2D): tf.Tensor1D;
  /** Free every variable. */
  dispose(): void;
}

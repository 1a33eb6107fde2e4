/**
 * The pieces of the fused [CLS] path (proofs-notes/alg-fused-cls-step.md) that the training loop
 * (train.ts, through steppers.ts) uses: the tfjs model's variables packed into one float64 vector θ and
 * written back (rounded to float32) for evaluation, export and diagnostics; the fused workspace of a
 * config; the early-stop checks of both paths. Which trainer runs is a function of the config alone
 * (trainerFor).
 */
import { tf } from '../backend.js';
import type { TrainConfig } from '../config.js';
import type { Dataset } from '../tasks.js';
import type { TfModel } from '../tf-init.js';
import { clsLayout, FusedCls, type FusedStep, type StepLayout } from './fused-cls.js';
import { FusedMlp, mlpLayout } from './fused-mlp.js';
import { domainError } from '../../core/errors.js';

import type { TrainerKind } from '../train-result.js';

export type { TrainerKind } from '../train-result.js';

/** The fused step that computes this config's model, or null: the MLP, or the Transformer with L = 1 (any H). */
export function fusedKind(c: Pick<TrainConfig, 'model' | 'layers'>): 'fused-cls' | 'fused-mlp' | null {
  if (c.model === 'mlp') return 'fused-mlp';
  return c.layers === 1 ? 'fused-cls' : null;
}

/**
 * The trainer of a config: 'auto' → its fused step when one exists and the protocol is one the fused
 * path implements (Adam/AdamW, logistic loss), else tfjs; 'tfjs' → tfjs. Throws DomainError when 'fused'
 * is asked for a model no fused step computes (normalizeConfig already refuses it for other optimizers).
 */
export function trainerFor(c: Pick<TrainConfig, 'model' | 'layers'> & { readonly trainer?: string; readonly optimizer?: string; readonly loss?: string }): TrainerKind {
  const asked = c.trainer ?? 'auto';
  if (asked === 'tfjs') return 'tfjs';
  const fusedProtocol = (c.optimizer === undefined || c.optimizer === 'adam' || c.optimizer === 'adamw') && (c.loss === undefined || c.loss === 'logistic');
  if (!fusedProtocol) return 'tfjs';
  const k = fusedKind(c);
  if (asked === 'fused' && k === null) throw domainError('trainRun', 'trainer', "'fused' only for the MLP or a Transformer with layers 1", `${asked} (model ${c.model}, layers ${c.layers})`);
  return k ?? 'tfjs';
}

/** Copy the model's variables (in order) into a new float64 vector of the layout's size. */
export function packVariables(vars: readonly tf.Variable[], size: number): Float64Array {
  const theta = new Float64Array(size);
  let o = 0;
  for (const v of vars) {
    const data = v.dataSync();
    theta.set(data, o);
    o += data.length;
  }
  if (o !== size) throw domainError('packVariables', 'size', `the variables' total ${o}`, size);
  return theta;
}

/** Write θ back into the variables (rounded to float32). */
export function unpackVariables(theta: Float64Array, vars: readonly tf.Variable[]): void {
  let o = 0;
  for (const v of vars) {
    const n = v.size;
    tf.tidy(() => v.assign(tf.tensor(Float32Array.from(theta.subarray(o, o + n)), v.shape, 'float32')));
    o += n;
  }
}

/** The fused workspace of a config's model for batches of up to B rows. */
export function fusedStepFor(c: TrainConfig, B: number): { step: FusedStep; layout: StepLayout } {
  if (c.model === 'mlp') {
    const layout = mlpLayout(c.contextLength, c.width);
    return { step: new FusedMlp(layout, B), layout };
  }
  const layout = clsLayout(c.contextLength, c.width, c.heads);
  return { step: new FusedCls(layout, B), layout };
}

const CHECK_CHUNK = 256;

/**
 * The early-stop test on the training set with the fused forward: mean loss ≤ targetLoss (> 0; a full
 * pass), or every row classified correctly (y·f > 0), scanned in chunks of the workspace's batch and
 * abandoned at the first chunk holding a mistake — exact, and cheap while the model is far from fitting.
 * `out` holds at least ws.B numbers.
 */
export function fusedTrainingDone(ws: FusedStep, theta: Float64Array, data: Dataset, targetLoss: number, out: Float64Array): boolean {
  let loss = 0;
  let allCorrect = true;
  for (let i = 0; i < data.size; i += ws.B) {
    const n = Math.min(ws.B, data.size - i);
    ws.predict(theta, data.bits, i, n, out);
    for (let j = 0; j < n; j++) {
      const z = data.labels[i + j] * out[j];
      if (!(z > 0)) allCorrect = false;
      loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    }
    if (!allCorrect && targetLoss <= 0) return false;
  }
  return allCorrect || (targetLoss > 0 && loss / data.size <= targetLoss);
}

/**
 * The same early-stop test for a tfjs model: outputs in fixed chunks of 256 rows, one scalar read back
 * per chunk (the number of mistakes, counted on device); a full pass with the configured loss (logistic
 * or hinge) only when targetLoss > 0.
 */
export function tfjsTrainingDone(net: TfModel, data: Dataset, targetLoss: number, lossKind: 'logistic' | 'hinge' = 'logistic'): boolean {
  const T = data.contextLength;
  let loss = 0;
  let allCorrect = true;
  for (let i = 0; i < data.size; i += CHECK_CHUNK) {
    const n = Math.min(CHECK_CHUNK, data.size - i);
    const stats = tf.tidy(() => {
      const out = net.predict(tf.tensor2d(Float32Array.from(data.bits.subarray(i * T, (i + n) * T)), [n, T]));
      const z = tf.mul(tf.tensor1d(data.labels.subarray(i, i + n)), out);
      const wrong = tf.sum(tf.cast(tf.lessEqual(z, 0), 'float32'));
      if (targetLoss <= 0) return tf.reshape(wrong, [1]);
      const perRow = lossKind === 'hinge' ? tf.relu(tf.sub(1, z)) : tf.add(tf.relu(tf.neg(z)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
      return tf.stack([wrong, tf.sum(perRow)]);
    });
    const s = stats.dataSync();
    stats.dispose();
    if (s[0] > 0) allCorrect = false;
    if (targetLoss > 0) loss += s[1];
    if (!allCorrect && targetLoss <= 0) return false;
  }
  return allCorrect || (targetLoss > 0 && loss / data.size <= targetLoss);
}

/**
 * The two ways a run takes an optimizer step, behind one interface, so that the training protocol
 * (train.ts: budgets, escalation, fit and solve checks, fixed or fresh data) is written once:
 * - the fused float64 step (fast/, proofs-notes/alg-fused-cls-step.md) for the MLP and the one-layer
 *   [CLS] Transformer under Adam/AdamW with the logistic loss;
 * - tfjs autodiff with any optimizer of optimizers.ts and either loss, for everything else.
 * Which one runs is a function of the config alone (trainerFor), so a stored result replays from its config.
 */
import { tf } from './backend.js';
import type { TrainConfig } from './config.js';
import type { Dataset } from './tasks.js';
import type { TfModel } from './tf-init.js';
import { makeTrainer } from './optimizers.js';
import { fusedStepFor, fusedTrainingDone, packVariables, tfjsTrainingDone, unpackVariables } from './fast/fused-train.js';
import { applyDecay, flatAdam } from './fast/optimizers.js';

/** One optimizer step at a time, plus the checks the protocol makes between steps. */
export interface Stepper {
  /** Rows per batch the stepper was built for. */
  readonly batchSize: number;
  /** The batch buffers the caller fills: bits (batchSize × T, 0/1) and labels (±1). */
  readonly bits: Float32Array | Uint8Array;
  readonly labels: Float32Array;
  /** One optimizer step on the current batch; t is the 0-based step index (for lr schedules). */
  step(t: number): void;
  /** Whether the model fits the training set: every row correct (y·f > 0), or mean loss ≤ targetLoss > 0. */
  fitsTrainSet(): boolean;
  /** Accuracy (y·f > 0) on a dataset. */
  accuracyOn(data: Dataset): number;
  /** Leave the trained weights in the tfjs model's variables and free the stepper's resources. */
  finish(): void;
}

/** The evaluation batch of accuracyOn. */
const ACCURACY_CHUNK = 4096;

/** A fused stepper (Adam/AdamW, logistic loss) for a model with a fused step (trainerFor chose it). */
export function fusedStepper(c: TrainConfig, net: TfModel, train: Dataset | null, B: number): Stepper {
  const { step: ws, layout } = fusedStepFor(c, B);
  const theta = ws.theta; // in the workspace's memory, where the wasm kernel reads it
  theta.set(packVariables(net.variables, layout.size));
  const opt = flatAdam(layout.size, c.learningRate);
  const decay = c.optimizer === 'adamw' && c.weightDecay > 0 ? 1 - c.learningRate * c.weightDecay : null;
  const bits = new Uint8Array(B * c.contextLength);
  const labels = new Float32Array(B);
  const out = new Float64Array(ws.B);
  return {
    batchSize: B,
    bits,
    labels,
    step() {
      ws.lossAndGrad(theta, bits, labels, B);
      opt.step(theta, ws.grad);
      if (decay !== null) applyDecay(theta, layout.decayed, decay);
    },
    fitsTrainSet: () => train !== null && fusedTrainingDone(ws, theta, train, c.targetLoss, out),
    accuracyOn(data) {
      let correct = 0;
      for (let i = 0; i < data.size; i += ws.B) {
        const n = Math.min(ws.B, data.size - i);
        ws.predict(theta, data.bits, i, n, out);
        for (let j = 0; j < n; j++) if (data.labels[i + j] * out[j] > 0) correct++;
      }
      return correct / data.size;
    },
    finish: () => unpackVariables(theta, net.variables),
  };
}

/** A tfjs-autodiff stepper with the config's optimizer (optimizers.ts) and loss. */
export function tfjsStepper(c: TrainConfig, net: TfModel, train: Dataset | null, B: number, loss: (out: tf.Tensor1D, y: tf.Tensor1D) => tf.Scalar): Stepper {
  const trainer = makeTrainer(c, net.variables, net.decayed);
  const T = c.contextLength;
  const bits = new Float32Array(B * T);
  const labels = new Float32Array(B);
  const accuracy = (data: Dataset): number => {
    let correct = 0;
    for (let i = 0; i < data.size; i += ACCURACY_CHUNK) {
      const n = Math.min(ACCURACY_CHUNK, data.size - i);
      const k = tf.tidy(() => {
        const z = tf.mul(tf.tensor1d(data.labels.subarray(i, i + n)), net.predict(tf.tensor2d(Float32Array.from(data.bits.subarray(i * T, (i + n) * T)), [n, T])));
        return tf.sum(tf.cast(tf.greater(z, 0), 'float32'));
      });
      correct += k.dataSync()[0];
      k.dispose();
    }
    return correct / data.size;
  };
  return {
    batchSize: B,
    bits,
    labels,
    step(t) {
      tf.tidy(() => {
        const xb = tf.tensor2d(bits, [B, T]);
        const yb = tf.tensor1d(labels);
        trainer.step(() => loss(net.predict(xb), yb), t);
      });
    },
    fitsTrainSet: () => train !== null && tfjsTrainingDone(net, train, c.targetLoss, c.loss),
    accuracyOn: accuracy,
    finish: () => trainer.dispose(),
  };
}

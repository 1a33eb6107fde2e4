/**
 * One training run (protocol OURS, DIGEST §5; proofs-notes/alg-sample-complexity.md): build the task
 * from the seed, fit the model with Adam (AdamW when weightDecay > 0) on mini-batches drawn by a
 * seeded epoch-wise shuffle (a fused float64 step for the MLP and L = 1 Transformers, else tfjs autodiff:
 * trainerFor, proofs-notes/alg-fused-cls-step.md), stop early at full training accuracy (or mean training
 * loss ≤ targetLoss), then measure train and test accuracy and the diagnostics. Loss: logistic,
 * log(1 + exp(−y f(b))). Same config and backend ⇒ identical metrics (every random draw comes from the
 * seed; tfjs kernels are deterministic on one thread; the fused step is plain float64 arithmetic).
 */
import { performance } from 'node:perf_hooks';
import { tf, initBackend } from './backend.js';
import { normalizeConfig, type TrainConfig, type TrainConfigInput } from './config.js';
import { makeTaskTarget, makeTestSet, makeTrainSet, streamRng, type Dataset } from './tasks.js';
import { buildTransformer, type TfTransformer } from './tf-transformer.js';
import { buildMlp } from './tf-mlp.js';
import type { TfModel } from './tf-init.js';
import { exportTransformer } from './export.js';
import { BatchSampler } from './fast/batches.js';
import { tfjsTrainingDone, trainerFor, trainFused, type LoopOutcome, type TrainerKind } from './fast/fused-train.js';
import { runDiagnostics, type Diagnostics } from './diagnostics.js';
import { modelToJson } from '../model/format.js';
import type { BooleanTarget } from '../model/types.js';

/** Everything one run reports (contract with src/report and src/experiments/sweep). */
export interface TrainResult {
  /** The normalized config that ran. */
  readonly config: TrainConfig;
  /** tfjs backend that ran ('node' | 'wasm' | 'cpu'). */
  readonly backend: string;
  /** Which training step ran: a fused step (one-layer [CLS] Transformer, MLP) or tfjs autodiff (fast/fused-train.ts). */
  readonly trainer: TrainerKind;
  /** Accuracy on the (possibly noisy) training labels. */
  readonly trainAccuracy: number;
  /** Accuracy on the clean held-out set. */
  readonly testAccuracy: number;
  /** Optimizer steps taken (≤ config.steps). */
  readonly steps: number;
  /** Wall time of the run (data, training, evaluation, diagnostics), seconds. */
  readonly wallSeconds: number;
  /** CPU time (user + system) of this process during the run, seconds: the load-independent cost. */
  readonly cpuSeconds: number;
  /** Mean over test inputs and [CLS] heads of Σ_{t∈I} a_t (Transformer only). */
  readonly supportAttentionMass: number | null;
  /** Every norm the bounds use, measured on the trained weights. */
  readonly norms: unknown;
  /** The bound issue's generalization bound on the trained weights, or null (MLP, or bounds absent). */
  readonly bound: unknown | null;
  /** The certifier's minimum margin when it certifies the trained model, else null. */
  readonly certifiedMargin: number | null;
  /** Exported reference model file (Transformer only, when asked for). */
  readonly modelJson?: unknown;
  /** Final mean training loss, whether the run stopped early, the target, the test set kind, and notes. */
  readonly finalTrainLoss: number;
  readonly stoppedEarly: boolean;
  readonly target: BooleanTarget;
  readonly testExhaustive: boolean;
  readonly diagnostics: Diagnostics;
}

/** Options of trainRun beyond the config. */
export interface TrainRunOptions {
  /** Include the exported model file in the result (Transformer only). */
  readonly keepModel?: boolean;
  /** Abort between steps. */
  readonly signal?: AbortSignal;
}

const EVAL_BATCH = 4096;

/** Accuracy and mean logistic loss of a model on a dataset (labels ±1), in evaluation batches. */
export function evaluate(net: TfModel, data: Dataset): { accuracy: number; loss: number; outputs: Float32Array } {
  const T = data.contextLength;
  const outputs = new Float32Array(data.size);
  for (let i = 0; i < data.size; i += EVAL_BATCH) {
    const n = Math.min(EVAL_BATCH, data.size - i);
    const out = tf.tidy(() => net.predict(tf.tensor2d(Float32Array.from(data.bits.subarray(i * T, (i + n) * T)), [n, T])));
    outputs.set(out.dataSync(), i);
    out.dispose();
  }
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < data.size; i++) {
    const z = data.labels[i] * outputs[i];
    if (z > 0) correct++;
    loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }
  return { accuracy: correct / data.size, loss: loss / data.size, outputs };
}

/** Mean logistic loss log(1 + e^{−z}) with z = y f, written with kernels every backend differentiates. */
export function logisticLoss(out: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  const z = tf.mul(y, out);
  return tf.mean(tf.add(tf.relu(tf.neg(z)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
}

/** Build the run's model with weights from the 'init' stream. */
export function buildModel(c: TrainConfig): TfModel {
  const rng = streamRng(c.seed, `init:${c.model}`);
  return c.model === 'transformer'
    ? buildTransformer(rng, { contextLength: c.contextLength, width: c.width, heads: c.heads, layers: c.layers })
    : buildMlp(rng, c.contextLength, c.width);
}

/**
 * Train one configuration in this process (starts the backend if needed).
 * Throws DomainError for an invalid config, BackendUnavailableError when a forced backend cannot start,
 * an AbortError (name 'AbortError') when the signal fires.
 */
export async function trainRun(input: TrainConfigInput | TrainConfig, opts: TrainRunOptions = {}): Promise<TrainResult> {
  const c = normalizeConfig(input);
  const backend = await initBackend(c.backend);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const target = makeTaskTarget(c);
  const train = makeTrainSet(c, target);
  const net = buildModel(c);
  try {
    const trainer = trainerFor(c);
    const { steps, stoppedEarly } = trainer !== 'tfjs' ? trainFused(c, net, train, opts.signal) : trainTfjs(c, net, train, opts.signal);
    const trainEval = evaluate(net, train);
    const test = makeTestSet(c, target);
    const testEval = evaluate(net, test);
    const exported = net.kind === 'transformer' ? exportTransformer(net as TfTransformer, target, { trainedBy: 'attn-theory train', config: c }) : null;
    const diagnostics = await runDiagnostics({ config: c, net, exported, target, test, trainEval, trainLabels: train.labels, trainBits: train.bits });
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      config: c,
      backend,
      trainer,
      trainAccuracy: trainEval.accuracy,
      testAccuracy: testEval.accuracy,
      steps,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      supportAttentionMass: diagnostics.supportAttentionMass,
      norms: diagnostics.norms,
      bound: diagnostics.bound,
      certifiedMargin: diagnostics.certificate?.certified ? diagnostics.certificate.minMargin : null,
      ...(opts.keepModel && exported ? { modelJson: modelToJson(exported) } : {}),
      finalTrainLoss: trainEval.loss,
      stoppedEarly,
      target,
      testExhaustive: test.exhaustive,
      diagnostics,
    };
  } finally {
    net.dispose();
  }
}

/** The tfjs training loop: Adam (AdamW when weightDecay > 0) by autodiff, early stopping every evalEvery steps. */
function trainTfjs(c: TrainConfig, net: TfModel, train: Dataset, signal?: AbortSignal): LoopOutcome {
  const T = c.contextLength;
  const optimizer = tf.train.adam(c.learningRate);
  const sampler = new BatchSampler(c.seed, train, c.batchSize);
  const B = sampler.size;
  const batchBits = new Float32Array(B * T);
  const batchLabels = new Float32Array(B);
  const decayFactor = 1 - c.learningRate * c.weightDecay;
  let steps = 0;
  let stoppedEarly = false;
  try {
    for (; steps < c.steps; ) {
      if (signal?.aborted) throw abortError();
      sampler.next(batchBits, batchLabels);
      tf.tidy(() => {
        const xb = tf.tensor2d(batchBits, [B, T]);
        const yb = tf.tensor1d(batchLabels);
        optimizer.minimize(() => logisticLoss(net.predict(xb), yb), false, net.variables as tf.Variable[]);
        if (c.weightDecay > 0) for (const v of net.decayed) v.assign(tf.mul(v, decayFactor)); // AdamW: decoupled decay
      });
      steps++;
      if ((steps % c.evalEvery === 0 || steps === c.steps) && tfjsTrainingDone(net, train, c.targetLoss)) {
        stoppedEarly = steps < c.steps;
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { steps, stoppedEarly };
}

function abortError(): Error {
  const e = new Error('trainRun: aborted');
  e.name = 'AbortError';
  return e;
}

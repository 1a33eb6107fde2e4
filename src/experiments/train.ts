/**
 * One training run (protocol OURS, DIGEST §5; proofs-notes/alg-sample-complexity.md): build the task
 * from the seed, fit the model with the configured optimizer on mini-batches drawn by a seeded epoch-wise
 * shuffle (fixed mode) or freshly drawn (fresh mode), with a fused float64 step for the MLP and L = 1
 * Transformers under Adam/AdamW and the logistic loss, else tfjs autodiff (steppers.ts, trainerFor;
 * proofs-notes/alg-fused-cls-step.md); check the stop criterion every evalEvery steps (fit: full training
 * accuracy or mean training loss ≤ targetLoss; solve: held-out accuracy ≥ 0.99), double the budget up
 * to budgetCap while it is not met, then measure train and test accuracy and the diagnostics. Loss:
 * logistic log(1 + e^{−y f(b)}) or hinge max(0, 1 − y f(b)). Same config and backend ⇒ identical
 * metrics (every random draw comes from the seed; tfjs kernels are deterministic on one thread; the
 * fused step is plain float64 arithmetic).
 */
import { performance } from 'node:perf_hooks';
import { tf, initBackend } from './backend.js';
import { normalizeConfig, type TrainConfig, type TrainConfigInput } from './config.js';
import { freshSampler, makeSolveSet, makeTaskTarget, makeTestSet, makeTrainSet, streamRng, type Dataset } from './tasks.js';
import { SOLVE_ACCURACY } from './config.js';
import { buildTransformer, type TfTransformer } from './tf-transformer.js';
import { buildMlp } from './tf-mlp.js';
import type { TfModel } from './tf-init.js';
import { exportTransformer } from './export.js';
import { BatchSampler } from './fast/batches.js';
import { trainerFor, type TrainerKind } from './fast/fused-train.js';
import { fusedStepper, tfjsStepper } from './steppers.js';
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
  /**
   * Whether the run met its fit criterion at some check: 100% training accuracy (or mean training loss
   * ≤ targetLoss > 0) in fixed mode; in fresh mode, which has no training set, it is solved
   * (fitTrainSet ⇔ solveStep ≠ null).
   */
  readonly fitTrainSet: boolean;
  /** The step of the first check at which the fit criterion held (fresh mode: solveStep), else null. */
  readonly fitStep: number | null;
  /** The step budget finally used: steps · 2^escalations, capped at budgetCap. */
  readonly budgetSteps: number;
  /** How many times the budget was doubled because the stop criterion was not met. */
  readonly escalations: number;
  /**
   * stopAt 'solve' only (always so in fresh mode): the step of the first check at which accuracy on the
   * held-out solve set (solveSize inputs, stream 'solve', never the test set) was ≥ 0.99, else null.
   * null whenever stopAt is 'fit' (no solve check is made).
   */
  readonly solveStep: number | null;
  /** Mean loss (the configured one) on the held-out test set, for the loss generalization gap. */
  readonly testLoss: number;
  /**
   * Entrywise ℓ1 norm Σ|w_ij| of every trainable variable of the trained model (model order, with its
   * shape; biases included) and their sum: Trauger & Tewari's reported weight norm.
   */
  readonly weightL1: { readonly total: number; readonly variables: readonly { readonly shape: readonly number[]; readonly l1: number }[] };
}

/** Entrywise ℓ1 norms of a model's trainable variables and their sum (float64 accumulation). */
export function weightL1Norms(net: TfModel): TrainResult['weightL1'] {
  const variables = net.variables.map((v) => {
    const data = v.dataSync();
    let l1 = 0;
    for (let i = 0; i < data.length; i++) l1 += Math.abs(data[i]);
    return { shape: [...v.shape], l1 };
  });
  return { total: variables.reduce((a, v) => a + v.l1, 0), variables };
}

/** Options of trainRun beyond the config. */
export interface TrainRunOptions {
  /** Include the exported model file in the result (Transformer only). */
  readonly keepModel?: boolean;
  /** Abort between steps. */
  readonly signal?: AbortSignal;
}

const EVAL_BATCH = 4096;

/** Accuracy and mean loss (logistic by default, or hinge) of a model on a dataset (labels ±1), in evaluation batches. */
export function evaluate(net: TfModel, data: Dataset, lossKind: TrainConfig['loss'] = 'logistic'): { accuracy: number; loss: number; outputs: Float32Array } {
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
    loss += lossKind === 'hinge' ? Math.max(0, 1 - z) : z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }
  return { accuracy: correct / data.size, loss: loss / data.size, outputs };
}

/** Mean logistic loss log(1 + e^{−z}) with z = y f, written with kernels every backend differentiates. */
export function logisticLoss(out: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  const z = tf.mul(y, out);
  return tf.mean(tf.add(tf.relu(tf.neg(z)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
}

/** Mean hinge loss max(0, 1 − z) with z = y f (Barak et al.'s MLP protocol). */
export function hingeLoss(out: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.relu(tf.sub(1, tf.mul(y, out)))) as tf.Scalar;
}

/** The configured training loss. */
export function trainingLoss(kind: TrainConfig['loss']): (out: tf.Tensor1D, y: tf.Tensor1D) => tf.Scalar {
  return kind === 'hinge' ? hingeLoss : logisticLoss;
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
    const fresh = c.dataMode === 'fresh' ? freshSampler(c, target) : null;
    const solveSet = c.stopAt === 'solve' ? makeSolveSet(c, target) : null;
    // Fixed mode never draws a batch larger than the training set; fresh mode has no such limit.
    const sampler = fresh ? null : new BatchSampler(c.seed, train, c.batchSize);
    const B = sampler ? sampler.size : c.batchSize;
    const trainData = fresh ? null : train;
    const stepper = trainer === 'tfjs' ? tfjsStepper(c, net, trainData, B, trainingLoss(c.loss), (d) => evaluate(net, d, c.loss).loss) : fusedStepper(c, net, trainData, B);
    let steps = 0;
    let stoppedEarly = false;
    let budget = c.steps;
    let escalations = 0;
    let fitStep: number | null = null;
    let solveStep: number | null = null;
    try {
      // The trajectory never depends on the budget (schedule by step index, batches from their stream,
      // optimizer state kept), so continuing past a budget is the run with the larger budget (note §5).
      for (;;) {
        let met = false;
        for (; steps < budget; ) {
          if (opts.signal?.aborted) throw abortError();
          if (fresh) fresh.next(stepper.bits, stepper.labels);
          else sampler!.next(stepper.bits, stepper.labels);
          stepper.step(steps);
          steps++;
          if (steps % c.evalEvery === 0 || steps === budget) {
            if (!fresh && fitStep === null && stepper.fitsTrainSet()) fitStep = steps;
            if (solveSet && solveStep === null && stepper.accuracyOn(solveSet) >= SOLVE_ACCURACY) solveStep = steps;
            met = c.stopAt === 'fit' ? fitStep !== null : solveStep !== null;
            if (met) break;
          }
        }
        if (met) {
          stoppedEarly = steps < budget;
          break;
        }
        if (budget >= c.budgetCap) break;
        budget = Math.min(2 * budget, c.budgetCap);
        escalations++;
      }
    } finally {
      stepper.finish();
    }
    const trainEval = evaluate(net, train, c.loss);
    const test = makeTestSet(c, target);
    const testEval = evaluate(net, test, c.loss);
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
      fitTrainSet: fresh ? solveStep !== null : fitStep !== null,
      fitStep: fresh ? solveStep : fitStep,
      budgetSteps: budget,
      escalations,
      solveStep,
      testLoss: testEval.loss,
      weightL1: weightL1Norms(net),
    };
  } finally {
    net.dispose();
  }
}

function abortError(): Error {
  const e = new Error('trainRun: aborted');
  e.name = 'AbortError';
  return e;
}

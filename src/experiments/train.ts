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
import { trainerFor } from './fast/fused-train.js';
import type { TrainResult, TrainRunOptions } from './train-result.js';
import { fusedStepper, tfjsStepper } from './steppers.js';
import { runDiagnostics } from './diagnostics.js';
import { modelToJson } from '../model/format.js';

export type { TrainResult, TrainRunOptions, TrainerKind, Diagnostics } from './train-result.js';

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

/**
 * Build the run's model with weights from the 'init' stream of attempt r (r = 0: `init:<model>`, the
 * stream of every run without restarts; r ≥ 1: `init:<model>:restart<r>`).
 */
export function buildModel(c: TrainConfig, r = 0): TfModel {
  const rng = streamRng(c.seed, r === 0 ? `init:${c.model}` : `init:${c.model}:restart${r}`);
  return c.model === 'transformer' ? buildTransformer(rng, { contextLength: c.contextLength, width: c.width, heads: c.heads, layers: c.layers }) : buildMlp(rng, c.contextLength, c.width);
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
  const trainer = trainerFor(c);
  const fresh = c.dataMode === 'fresh' ? freshSampler(c, target) : null;
  const solveSet = c.stopAt === 'solve' ? makeSolveSet(c, target) : null;
  const restarts = c.restarts ?? 0;
  let attempt = 0;
  let totalSteps = 0;
  let a: Attempt;
  // Attempt r trains from the weights of init stream r (0: the run without restarts, so restarts = 0
  // is exactly the earlier protocol); a restart happens only when attempt r spent budgetCap unmet (§12).
  for (;;) {
    a = runAttempt(c, attempt, { trainer, fresh, solveSet, train, signal: opts.signal });
    totalSteps += a.steps;
    if (a.met || attempt >= restarts) break;
    a.net.dispose();
    attempt++;
  }
  const net = a.net;
  try {
    const { steps, stoppedEarly, budget, escalations, fitStep, solveStep } = a;
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
      attempts: attempt + 1,
      totalSteps,
      testLoss: testEval.loss,
      weightL1: weightL1Norms(net),
    };
  } finally {
    net.dispose();
  }
}

/** One attempt's outcome: its model (the caller disposes it) and its fit record. */
interface Attempt {
  readonly net: TfModel;
  readonly met: boolean;
  readonly steps: number;
  readonly stoppedEarly: boolean;
  readonly budget: number;
  readonly escalations: number;
  readonly fitStep: number | null;
  readonly solveStep: number | null;
}

/** What every attempt of a run shares: the engine, the data and the stop checks. */
interface AttemptContext {
  readonly trainer: ReturnType<typeof trainerFor>;
  readonly fresh: ReturnType<typeof freshSampler> | null;
  readonly solveSet: Dataset | null;
  readonly train: Dataset;
  readonly signal?: AbortSignal;
}

/**
 * Train from attempt r's initial weights with the budget protocol: check the stop criterion every
 * evalEvery steps, double the budget up to budgetCap while it is unmet.
 */
function runAttempt(c: TrainConfig, r: number, x: AttemptContext): Attempt {
  const net = buildModel(c, r);
  try {
    const { fresh, solveSet } = x;
    // Fixed mode never draws a batch larger than the training set; fresh mode has no such limit.
    const sampler = fresh ? null : new BatchSampler(c.seed, x.train, c.batchSize);
    const B = sampler ? sampler.size : c.batchSize;
    const trainData = fresh ? null : x.train;
    const stepper = x.trainer === 'tfjs' ? tfjsStepper(c, net, trainData, B, trainingLoss(c.loss)) : fusedStepper(c, net, trainData, B);
    let steps = 0;
    let stoppedEarly = false;
    let budget = c.steps;
    let escalations = 0;
    let fitStep: number | null = null;
    let solveStep: number | null = null;
    let met = false;
    try {
      // The trajectory never depends on the budget (schedule by step index, batches from their stream,
      // optimizer state kept), so continuing past a budget is the run with the larger budget (note §5).
      for (;;) {
        for (; steps < budget; ) {
          if (x.signal?.aborted) throw abortError();
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
    return { net, met, steps, stoppedEarly, budget, escalations, fitStep, solveStep };
  } catch (e) {
    net.dispose();
    throw e;
  }
}

function abortError(): Error {
  const e = new Error('trainRun: aborted');
  e.name = 'AbortError';
  return e;
}

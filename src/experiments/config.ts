/**
 * The training configuration of one run (protocol OURS, DIGEST §5; proofs-notes/alg-sample-complexity.md):
 * a zod schema that validates and fills defaults, and a stable content hash of the normalized config.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { domainError } from '../core/errors.js';
import { parseOrThrow } from '../core/zod-issue.js';
import { BACKENDS } from './backend-names.js';

/** Tasks a run can learn (targets from tasks.ts). */
export const TASKS = ['parity', 'and', 'majority', 'junta'] as const;
/** Training engines (config field `trainer`): 'auto' picks the fused step where one exists. */
export const TRAINERS = ['auto', 'tfjs', 'fused'] as const;

/** Architectures: the [CLS] Transformer (exports to the reference model) and the raw-bits MLP baseline. */
export const MODEL_KINDS = ['transformer', 'mlp'] as const;
/** Optimizers (update rules in optimizers.ts): Adam, AdamW (decoupled decay), SGD with momentum, plain SGD. */
export const OPTIMIZERS = ['adam', 'adamw', 'sgd-momentum', 'sgd'] as const;
/** Training losses on the margin z = y f(b): logistic log(1 + e^{−z}), hinge max(0, 1 − z). */
export const LOSSES = ['logistic', 'hinge'] as const;
/** Data modes: a fixed training set of m inputs, or every batch freshly drawn (the iteration regime). */
export const DATA_MODES = ['fixed', 'fresh'] as const;
/** What stops a run: fitting its training set, or solving (held-out accuracy >= SOLVE_ACCURACY). */
export const STOP_CRITERIA = ['fit', 'solve'] as const;
/** Held-out accuracy at which a run counts as solved (solveStep). */
export const SOLVE_ACCURACY = 0.99;

const posInt = z.number().int().positive();
const finiteNonNeg = z
  .number()
  .refine(Number.isFinite, 'a finite number')
  .refine((x) => x >= 0, 'a finite number >= 0');
const finitePos = z
  .number()
  .refine(Number.isFinite, 'a finite number')
  .refine((x) => x > 0, 'a finite number > 0');

/**
 * zod schema of a TrainConfig. Defaults, each with its one-line why:
 * - model 'transformer': the class the theory is about; 'mlp' is the baseline.
 * - heads 1, layers 1: the smallest model that can represent an s-sparse function (DIGEST §4).
 * - width 32: d ≥ a few times s, small enough that a T = 64 step stays cheap on one wasm thread.
 * - steps 2000, batchSize 64: a budget that fits the default experiment in minutes (note §Budget).
 * - learningRate 0.003: picked once by a pilot at T = 16 (0.01 and 0.03 left the Transformer at chance,
 *   0.003 learned; proofs-notes/alg-sample-complexity.md §Pilot), never retuned afterwards.
 * - weightDecay 0: plain Adam; AdamW (decoupled decay) when > 0.
 * - labelNoise 0: clean labels unless asked.
 * - testSize 10000: the held-out set (all 2^T inputs when 2^T is smaller).
 * - evalEvery 25: how often (in steps) full training accuracy is checked for early stopping.
 * - targetLoss 0: early stop also when the mean training loss reaches it (0 = only at full accuracy).
 * Protocol fields (issue 10; proofs-notes/alg-sample-complexity.md §5). Those whose default depends
 * on another field are optional here and filled by normalizeConfig (so this stays a plain object schema):
 * - optimizer: default 'adamw' when weightDecay > 0, else 'adam' — exactly what every earlier config meant.
 * - momentum (sgd-momentum only) 0.9: Trauger & Tewari's setting; rejected for other optimizers.
 * - lrDecay (sgd, sgd-momentum only) 1: lr × lrDecay per epoch (epoch = ⌈m / batch⌉ steps); 1 = constant.
 * - lrFloor (sgd, sgd-momentum only) 0: the decayed lr never goes below it (T&T: 0.001); ≤ learningRate.
 * - loss 'logistic': what every earlier run used; 'hinge' for Barak et al.'s MLP protocol.
 * - budgetCap = steps: no escalation, so stored configs keep their meaning; > steps doubles the budget
 *   of a run that has not met its stop criterion, up to the cap.
 * - restarts 0: no restart, so stored configs keep their meaning (and their hash: the field is kept in
 *   the normalized config only when > 0); > 0 re-runs a run that never met its stop criterion from new
 *   initial weights (an optimization device, like the budget: it never touches the data or the statistics).
 * - dataMode 'fixed': m samples, the statistical question; 'fresh' draws every batch anew.
 * - stopAt: 'fit' in fixed mode (stop at 100% training accuracy, as before), 'solve' in fresh mode
 *   (where 'fit' has no training set to refer to, so it is rejected there).
 * - solveSize (stopAt 'solve' only) 2000: held-out inputs of the solve check, a stream separate from
 *   the test set; a model of true accuracy 0.98 passes the 0.99 check with probability ≤ e^{−4.4}.
 * - trainer 'auto': a fused step when one exists (MLP, L = 1 Transformer), else tfjs; 'tfjs' forces autodiff.
 */
export const trainConfigSchema = z
  .strictObject({
    /** Target family (tasks.ts): sparse parity, AND, majority (ties → −1) or a uniform non-constant junta table. */
    task: z.enum(TASKS),
    /** T, the number of input bits (1..4096, and ≥ sparsity). */
    contextLength: posInt,
    /** s = |I|, the size of the target's support (1..16, ≤ contextLength). */
    sparsity: posInt,
    /** m, the training-set size; in fresh mode only the nominal epoch length and the size of the reference sample trainAccuracy is reported on. */
    sampleSize: posInt,
    /** Seed of every random stream of the run (support, truth table, training/test/solve sets, batches, initial weights); an integer in [0, 2^31 − 1]. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    /** Architecture: the [CLS] Transformer (exports to the reference model) or the raw-bits MLP baseline (default 'transformer'). */
    model: z.enum(MODEL_KINDS).default('transformer').describe('architecture (default transformer)'),
    /** H, [CLS] heads and heads per self-attention layer (Transformer only; 1..64, default 1). */
    heads: posInt.max(64).default(1).describe('[CLS] heads (and heads per layer), default 1'),
    /** L, attention layers including the [CLS] one, so layers = 1 is the [CLS]-query model (Transformer only; 1..8, default 1). */
    layers: posInt.max(8).default(1).describe('attention layers including the [CLS] one, default 1'),
    /** d, the embedding width of the Transformer, or the hidden width of both MLP layers (1..1024, default 32). */
    width: posInt.max(1024).default(32).describe('embedding width d (MLP: hidden width), default 32'),
    /** Initial step budget (default 2000); doubled up to budgetCap while the stop criterion is unmet. */
    steps: posInt.default(2000).describe('optimizer step budget, default 2000'),
    /** B, inputs per step (default 64); in fixed mode a batch is min(B, m) inputs. */
    batchSize: posInt.default(64).describe('mini-batch size, default 64'),
    /** η, the (initial) learning rate, a finite number > 0 (default 0.003, chosen once by the T = 16 pilot). */
    learningRate: finitePos.default(0.003).describe('learning rate (initial rate of the sgd schedules), default 0.003'),
    /** λ, weight decay on weight matrices and embeddings, never biases (≥ 0, default 0): decoupled with adamw, L2-coupled with sgd and sgd-momentum, rejected (> 0) with adam. */
    weightDecay: finiteNonNeg.default(0).describe('weight decay: decoupled for adamw, L2-coupled for sgd and sgd-momentum, default 0'),
    /** p, the probability that each training label is flipped (test and solve labels stay clean); in [0, 0.5), default 0. */
    labelNoise: finiteNonNeg
      .refine((x) => x < 0.5, 'in [0, 0.5)')
      .default(0)
      .describe('probability of flipping a training label, in [0, 0.5), default 0'),
    /** Size of the held-out test set (default 10000); all 2^T inputs instead when T ≤ 30 and 2^T ≤ testSize. */
    testSize: posInt.default(10000).describe('held-out inputs (all 2^T when fewer), default 10000'),
    /** Check period in steps (default 25): the stop criterion is checked every evalEvery steps and at each budget boundary. */
    evalEvery: posInt.default(25).describe('steps between early-stopping checks, default 25'),
    /** Fit also when the mean training loss ≤ targetLoss (≥ 0; default 0 = fit only at training accuracy 1). */
    targetLoss: finiteNonNeg.default(0).describe('also stop when the mean training loss reaches x (0 = off), default 0'),
    /** tfjs backend to force; absent = the best available (node, then wasm, then cpu). The backend that ran is recorded in the result. */
    backend: z.enum(BACKENDS).optional().describe('force a tfjs backend (default: best available)'),
    /** Update rule (optimizers.ts); absent = 'adamw' when weightDecay > 0, else 'adam'. */
    optimizer: z.enum(OPTIMIZERS).optional().describe('update rule (default adamw when --weight-decay > 0, else adam)'),
    /** μ, the momentum of sgd-momentum, in [0, 1) (default 0.9); rejected for every other optimizer. */
    momentum: finiteNonNeg
      .refine((x) => x < 1, 'in [0, 1)')
      .optional()
      .describe('momentum in [0, 1), sgd-momentum only, default 0.9'),
    /** Per-epoch factor of the learning rate, η_t = max(lrFloor, η · lrDecay^⌊t / E⌋) with E = ⌈m / min(B, m)⌉; in (0, 1] (default 1 = constant); sgd and sgd-momentum only. */
    lrDecay: finitePos
      .refine((x) => x <= 1, 'in (0, 1]')
      .optional()
      .describe('lr × f per epoch (epoch = ceil(m / batch) steps), in (0, 1], sgd family only, default 1'),
    /** Least learning rate of the decayed schedule, ≥ 0 and ≤ learningRate (default 0); sgd and sgd-momentum only. */
    lrFloor: finiteNonNeg.optional().describe('the decayed lr never falls below x (<= --lr), sgd family only, default 0'),
    /** Training loss on the margin z = y f(b): logistic log(1 + e^{−z}) (default) or hinge max(0, 1 − z). */
    loss: z.enum(LOSSES).default('logistic').describe('training loss (default logistic)'),
    /** Largest step budget, ≥ steps (default = steps: no escalation); a run whose budget b is spent before its stop criterion is met continues with budget min(2b, budgetCap). */
    budgetCap: posInt.optional().describe('double the step budget of a run that has not met its stop criterion, up to N steps (>= --steps; default --steps, no escalation)'),
    /** Random restarts (0..16, default 0 = none): a run that has not met its stop criterion at budgetCap starts again from new initial weights (init stream `init:<model>:restart<r>`, fresh optimizer state, budget back to steps), up to this many times; the returned run is the last attempt (alg-sample-complexity §12). */
    restarts: z.number().int().min(0).max(16).optional().describe('restart from new initial weights, up to N times, a run that has not met its stop criterion at --budget-cap (0..16, default 0)'),
    /** 'fixed' (default): train on m samples; 'fresh': every batch is B new uniform inputs (the iteration regime). */
    dataMode: z.enum(DATA_MODES).default('fixed').describe('m fixed samples, or every batch newly drawn (default fixed)'),
    /** Stop criterion: 'fit' (training accuracy 1, or mean loss ≤ targetLoss > 0) or 'solve' (solve-set accuracy ≥ SOLVE_ACCURACY); absent = 'fit' in fixed mode, 'solve' in fresh mode, where 'fit' is rejected. */
    stopAt: z.enum(STOP_CRITERIA).optional().describe('stop at 100% training accuracy, or at held-out accuracy >= 0.99 (default fit; fresh mode: solve)'),
    /** Clean held-out inputs of the solve check, from a stream separate from the test set (1..10^6, default 2000); only with stopAt 'solve'. */
    solveSize: posInt.max(1_000_000).optional().describe('held-out inputs of the solve check, --stop-at solve only, default 2000'),
    /** Training engine: 'auto' (default) uses a fused float64 step where one exists (MLP, L = 1 Transformer) and the protocol is Adam/AdamW on the logistic loss, else tfjs autodiff; 'tfjs' forces autodiff; 'fused' requires a fused step (rejected for layers > 1, the sgd family or the hinge loss). */
    trainer: z
      .enum(TRAINERS)
      .default('auto')
      .describe('a fused float64 step where one exists (MLP, one-layer Transformer, Adam/AdamW, logistic loss), else tfjs autodiff; tfjs forces autodiff (default auto)'),
  })
  .refine((c) => c.sparsity <= c.contextLength, { message: '<= contextLength (s <= T)', path: ['sparsity'] })
  .refine((c) => c.sparsity <= 16, { message: '<= 16 (truth tables of 2^s rows)', path: ['sparsity'] })
  .refine((c) => c.contextLength <= 4096, { message: '<= 4096', path: ['contextLength'] })
  .refine((c) => c.trainer !== 'fused' || c.model === 'mlp' || c.layers === 1, { message: "'auto' or 'tfjs' when layers > 1 (no fused step)", path: ['trainer'] });

/** What trainConfigSchema outputs: schema defaults filled, the cross-field defaults (optimizer, budgetCap, stopAt, ...) not yet. */
type ParsedConfig = z.output<typeof trainConfigSchema>;
/**
 * A fully normalized training configuration (every default filled in). The optimizer's own parameters
 * are present exactly when the optimizer uses them (momentum: sgd-momentum; lrDecay, lrFloor: sgd and
 * sgd-momentum), solveSize exactly when stopAt is 'solve', and restarts exactly when it is > 0.
 */
export type TrainConfig = Omit<ParsedConfig, 'optimizer' | 'budgetCap' | 'stopAt'> & {
  /** Update rule, resolved: the given one, else 'adamw' when weightDecay > 0, else 'adam'. */
  readonly optimizer: (typeof OPTIMIZERS)[number];
  /** Largest step budget, resolved: the given one (≥ steps), else steps (no escalation). */
  readonly budgetCap: number;
  /** Stop criterion, resolved: the given one, else 'fit' in fixed mode and 'solve' in fresh mode. */
  readonly stopAt: (typeof STOP_CRITERIA)[number];
};
/** What a caller may pass: required fields plus any overrides. */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/**
 * Validate and fill defaults, the schema's and then the cross-field ones (optimizer, momentum, lrDecay,
 * lrFloor, budgetCap, stopAt, solveSize; alg-sample-complexity §1, §5). Idempotent on a TrainConfig.
 * @param c - a raw config (required fields plus overrides) or an already normalized one.
 * @throws DomainError `normalizeConfig: <field> must be <condition> (got <value>)` for the first bad
 * field: a value out of range, NaN or an infinity, an unknown field, or a cross-field rule broken.
 */
export function normalizeConfig(c: TrainConfigInput | TrainConfig): TrainConfig {
  // The one translator of zod issues (core/zod-issue.ts), as every other request schema uses.
  return resolveProtocol(parseOrThrow(trainConfigSchema, c, 'normalizeConfig', 'config'));
}

/** Fill the defaults that depend on other fields and check the cross-field rules (after the schema). */
function resolveProtocol(p: ParsedConfig): TrainConfig {
  const bad = (field: string, cond: string, got: unknown): never => {
    throw domainError('normalizeConfig', field, cond, got);
  };
  const optimizer = p.optimizer ?? (p.weightDecay > 0 ? 'adamw' : 'adam');
  if (optimizer === 'adam' && p.weightDecay > 0) bad('weightDecay', '0 with optimizer adam (decoupled decay is optimizer adamw)', p.weightDecay);
  const sgdFamily = optimizer === 'sgd' || optimizer === 'sgd-momentum';
  if (optimizer !== 'sgd-momentum' && p.momentum !== undefined) bad('momentum', `absent with optimizer ${optimizer} (only sgd-momentum uses it)`, p.momentum);
  if (!sgdFamily && p.lrDecay !== undefined) bad('lrDecay', `absent with optimizer ${optimizer} (only sgd and sgd-momentum use it)`, p.lrDecay);
  if (!sgdFamily && p.lrFloor !== undefined) bad('lrFloor', `absent with optimizer ${optimizer} (only sgd and sgd-momentum use it)`, p.lrFloor);
  if (p.trainer === 'fused' && (sgdFamily || p.loss !== 'logistic'))
    bad('trainer', `'auto' or 'tfjs' with optimizer ${optimizer} and loss ${p.loss} (the fused step runs Adam/AdamW on the logistic loss)`, p.trainer);
  const lrFloor = p.lrFloor ?? 0;
  if (sgdFamily && lrFloor > p.learningRate) bad('lrFloor', `<= learningRate = ${p.learningRate}`, lrFloor);
  const budgetCap = p.budgetCap ?? p.steps;
  if (budgetCap < p.steps) bad('budgetCap', `>= steps = ${p.steps}`, budgetCap);
  const stopAt = p.stopAt ?? (p.dataMode === 'fresh' ? 'solve' : 'fit');
  if (p.dataMode === 'fresh' && stopAt === 'fit') bad('stopAt', "'solve' with dataMode fresh (there is no training set to fit)", stopAt);
  if (stopAt !== 'solve' && p.solveSize !== undefined) bad('solveSize', "absent unless stopAt is 'solve'", p.solveSize);
  const { momentum: _m, lrDecay: _d, lrFloor: _f, solveSize: _s, restarts: _r, ...rest } = p;
  void [_m, _d, _f, _s, _r];
  return {
    ...rest,
    optimizer,
    ...(optimizer === 'sgd-momentum' ? { momentum: p.momentum ?? 0.9 } : {}),
    ...(sgdFamily ? { lrDecay: p.lrDecay ?? 1, lrFloor } : {}),
    budgetCap,
    stopAt,
    ...(stopAt === 'solve' ? { solveSize: p.solveSize ?? 2000 } : {}),
    ...(p.restarts !== undefined && p.restarts > 0 ? { restarts: p.restarts } : {}),
  };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as Record<string, unknown>)[k] !== undefined) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * Version of the training code's semantics; bumped when a change alters results for the same config.
 * 2: results carry the fit record (fitTrainSet, fitStep, budgetSteps, escalations, solveStep), which
 * version-1 records lack; the training of a version-1 config is unchanged (its defaults resolve to the
 * same optimizer, loss, budget and data), but a store must not hand out records without the new fields.
 * 3: the fused float64 trainer (trainer 'auto') replaces tfjs's float32 autodiff where a fused step
 * exists, so results of the same config differ from version 2's (alg-fused-cls-step).
 * (Not bumped for restarts: a config without restarts trains exactly as before, and the fields that
 * restarts add to a result, attempts and totalSteps, are optional, absent in records stored earlier.)
 */
export const TRAIN_PROTOCOL_VERSION = 3;

/**
 * Stable hash of the full normalized config (sorted-key JSON, SHA-256, 32 hex digits), including the
 * protocol version, so a store never returns a run made by different training code (alg-sample-complexity §1).
 * @param c - a raw or normalized config (normalized here first, so both give the same hash).
 * @throws DomainError from normalizeConfig for a bad config.
 */
export function configHash(c: TrainConfigInput | TrainConfig): string {
  const n = normalizeConfig(c);
  return createHash('sha256')
    .update(JSON.stringify(canonical({ protocol: TRAIN_PROTOCOL_VERSION, config: n })))
    .digest('hex')
    .slice(0, 32);
}

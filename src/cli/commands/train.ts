/**
 * `attn-theory train --task parity --T 32 --s 3 --m 1000 --seed 1 [--model transformer|mlp] [--heads H]
 * [--layers L] [--width D] [--steps N] [--optimizer O] [--loss L] [--budget-cap N] [--data-mode M]
 * [--backend B] [--save-model PATH] [--json]`: one training run with its diagnostics and fit record
 * (protocol OURS: proofs-notes/alg-sample-complexity.md).
 */
import type { Command } from 'commander';
import { action, flagError, CliUsageError } from '../errors.js';
import { DomainError } from '../../core/errors.js';
import { DATA_MODES, LOSSES, OPTIMIZERS, STOP_CRITERIA, TRAINERS } from '../../experiments/config.js';
import { parseChoice, parseInteger, parseNonNegativeReal, parsePositiveReal } from '../flags.js';
import { fmt, printJson, table } from '../output.js';
import { writeFileAtomic } from '../../core/files.js';
import { BACKENDS, MODEL_KINDS, TASKS, normalizeConfig, trainRun, type TrainConfig, type TrainConfigInput, type TrainResult } from '../../experiments/api.js';
import { commandSummary } from '../command-table.js';

/** Raw values of the training flags shared by `train` and `sample-complexity`. */
export interface TrainingFlags {
  model?: string;
  heads?: string;
  layers?: string;
  width?: string;
  steps?: string;
  batchSize?: string;
  lr?: string;
  weightDecay?: string;
  labelNoise?: string;
  testSize?: string;
  evalEvery?: string;
  targetLoss?: string;
  backend?: string;
  trainer?: string;
  optimizer?: string;
  momentum?: string;
  lrDecay?: string;
  lrFloor?: string;
  loss?: string;
  budgetCap?: string;
  dataMode?: string;
  stopAt?: string;
  solveSize?: string;
}

/** The flag of each TrainConfig field (so normalizeConfig's cross-field errors name the flag). */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  model: '--model',
  heads: '--heads',
  layers: '--layers',
  width: '--width',
  steps: '--steps',
  batchSize: '--batch-size',
  learningRate: '--lr',
  weightDecay: '--weight-decay',
  labelNoise: '--label-noise',
  testSize: '--test-size',
  evalEvery: '--eval-every',
  targetLoss: '--target-loss',
  backend: '--backend',
  trainer: '--trainer',
  optimizer: '--optimizer',
  momentum: '--momentum',
  lrDecay: '--lr-decay',
  lrFloor: '--lr-floor',
  loss: '--loss',
  budgetCap: '--budget-cap',
  dataMode: '--data-mode',
  stopAt: '--stop-at',
  solveSize: '--solve-size',
  sampleSize: '--m',
  contextLength: '--T',
  sparsity: '--s',
  seed: '--seed',
};

/**
 * normalizeConfig for a command line: a DomainError `normalizeConfig: <field> must be …` becomes the
 * CliUsageError `<flag> must be …` naming the flag. Throws CliUsageError (or the DomainError itself for a field without a flag).
 */
export function normalizeFromFlags(c: TrainConfigInput): TrainConfig {
  try {
    return normalizeConfig(c);
  } catch (err) {
    const m = err instanceof DomainError ? /^normalizeConfig: (\w+) (must be .*)$/.exec(err.message) : null;
    if (m && FIELD_FLAGS[m[1]]) throw new CliUsageError(`${FIELD_FLAGS[m[1]]} ${m[2]}`);
    throw err;
  }
}

/** Declare the training flags on a command (everything a TrainConfig holds beyond task, T, s, m, seed). */
export function addTrainingFlags(cmd: Command, withModel = true): Command {
  if (withModel) cmd.option('--model <kind>', `architecture: ${MODEL_KINDS.join('|')} (default transformer)`);
  return cmd
    .option('--heads <H>', '[CLS] heads (and heads per layer), default 1')
    .option('--layers <L>', 'attention layers including the [CLS] one, default 1')
    .option('--width <d>', 'embedding width d (MLP: hidden width), default 32')
    .option('--steps <N>', 'optimizer step budget, default 2000')
    .option('--batch-size <B>', 'mini-batch size, default 64')
    .option('--lr <rate>', 'learning rate (initial rate of the sgd schedules), default 0.003')
    .option('--weight-decay <wd>', 'weight decay: decoupled for adamw, L2-coupled for sgd and sgd-momentum, default 0')
    .option('--optimizer <name>', `${OPTIMIZERS.join('|')} (default adamw when --weight-decay > 0, else adam)`)
    .option('--momentum <mu>', 'momentum in [0, 1), sgd-momentum only, default 0.9')
    .option('--lr-decay <f>', 'lr × f per epoch (epoch = ceil(m / batch) steps), in (0, 1], sgd family only, default 1')
    .option('--lr-floor <x>', 'the decayed lr never falls below x (<= --lr), sgd family only, default 0')
    .option('--loss <name>', `training loss: ${LOSSES.join('|')} (default logistic)`)
    .option('--budget-cap <N>', 'double the step budget of a run that has not met its stop criterion, up to N steps (>= --steps; default --steps, no escalation)')
    .option('--data-mode <mode>', `${DATA_MODES.join('|')}: m fixed samples, or every batch newly drawn (default fixed)`)
    .option('--stop-at <c>', `${STOP_CRITERIA.join('|')}: stop at 100% training accuracy, or at held-out accuracy >= 0.99 (default fit; fresh mode: solve)`)
    .option('--solve-size <n>', 'held-out inputs of the solve check, --stop-at solve only, default 2000')
    .option('--label-noise <p>', 'probability of flipping a training label, in [0, 0.5), default 0')
    .option('--test-size <n>', 'held-out inputs (all 2^T when fewer), default 10000')
    .option('--eval-every <k>', 'steps between early-stopping checks, default 25')
    .option('--target-loss <x>', 'also stop when the mean training loss reaches x (0 = off), default 0')
    .option('--backend <name>', `force a tfjs backend: ${BACKENDS.join('|')} (default: best available)`)
    .option(
      '--trainer <kind>',
      `${TRAINERS.join('|')}: a fused float64 step where one exists (MLP, one-layer Transformer, Adam/AdamW, logistic loss), else tfjs autodiff; tfjs forces autodiff (default auto)`,
    );
}

/** Parse the training flags into TrainConfig overrides (each error names its flag). */
export function parseTrainingFlags(o: TrainingFlags): Partial<TrainConfigInput> {
  const out: Record<string, unknown> = {};
  if (o.model !== undefined) out.model = parseChoice('--model', o.model, MODEL_KINDS);
  if (o.heads !== undefined) out.heads = parseInteger('--heads', o.heads, 1);
  if (o.layers !== undefined) out.layers = parseInteger('--layers', o.layers, 1);
  if (o.width !== undefined) out.width = parseInteger('--width', o.width, 1);
  if (o.steps !== undefined) out.steps = parseInteger('--steps', o.steps, 1);
  if (o.batchSize !== undefined) out.batchSize = parseInteger('--batch-size', o.batchSize, 1);
  if (o.lr !== undefined) out.learningRate = parsePositiveReal('--lr', o.lr);
  if (o.weightDecay !== undefined) out.weightDecay = parseNonNegativeReal('--weight-decay', o.weightDecay);
  if (o.labelNoise !== undefined) {
    const p = parseNonNegativeReal('--label-noise', o.labelNoise);
    if (!(p < 0.5)) throw flagError('--label-noise', 'in [0, 0.5)', o.labelNoise);
    out.labelNoise = p;
  }
  if (o.testSize !== undefined) out.testSize = parseInteger('--test-size', o.testSize, 1);
  if (o.evalEvery !== undefined) out.evalEvery = parseInteger('--eval-every', o.evalEvery, 1);
  if (o.targetLoss !== undefined) out.targetLoss = parseNonNegativeReal('--target-loss', o.targetLoss);
  if (o.backend !== undefined) out.backend = parseChoice('--backend', o.backend, BACKENDS);
  if (o.trainer !== undefined) out.trainer = parseChoice('--trainer', o.trainer, TRAINERS);
  if (o.optimizer !== undefined) out.optimizer = parseChoice('--optimizer', o.optimizer, OPTIMIZERS);
  if (o.momentum !== undefined) {
    const mu = parseNonNegativeReal('--momentum', o.momentum);
    if (!(mu < 1)) throw flagError('--momentum', 'in [0, 1)', o.momentum);
    out.momentum = mu;
  }
  if (o.lrDecay !== undefined) {
    const f = parsePositiveReal('--lr-decay', o.lrDecay);
    if (!(f <= 1)) throw flagError('--lr-decay', 'in (0, 1]', o.lrDecay);
    out.lrDecay = f;
  }
  if (o.lrFloor !== undefined) out.lrFloor = parseNonNegativeReal('--lr-floor', o.lrFloor);
  if (o.loss !== undefined) out.loss = parseChoice('--loss', o.loss, LOSSES);
  if (o.budgetCap !== undefined) out.budgetCap = parseInteger('--budget-cap', o.budgetCap, 1);
  if (o.dataMode !== undefined) out.dataMode = parseChoice('--data-mode', o.dataMode, DATA_MODES);
  if (o.stopAt !== undefined) out.stopAt = parseChoice('--stop-at', o.stopAt, STOP_CRITERIA);
  if (o.solveSize !== undefined) out.solveSize = parseInteger('--solve-size', o.solveSize, 1);
  const limits: [string, string, number][] = [
    ['heads', '--heads', 64],
    ['layers', '--layers', 8],
    ['width', '--width', 1024],
  ];
  for (const [k, flag, max] of limits) if (typeof out[k] === 'number' && (out[k] as number) > max) throw flagError(flag, `an integer in 1..${max}`, out[k]);
  return out as Partial<TrainConfigInput>;
}

/** Human-readable summary of one run. */
export function describeRun(r: TrainResult): string {
  const c: TrainConfig = r.config;
  const d = r.diagnostics;
  const rows: string[][] = [
    ['backend', r.backend],
    ['trainer', r.trainer],
    ['target', `${c.task} on support {${r.target.support.join(', ')}} (s = ${c.sparsity}, T = ${c.contextLength})`],
    ['model', c.model === 'transformer' ? `transformer H = ${c.heads}, L = ${c.layers}, d = ${c.width}` : `mlp, hidden ${c.width}x${c.width}`],
    ['train accuracy', `${fmt(r.trainAccuracy)} (m = ${c.sampleSize}${c.labelNoise > 0 ? `, label noise ${c.labelNoise}` : ''})`],
    ['test accuracy', `${fmt(r.testAccuracy)} (${r.testExhaustive ? `all 2^${c.contextLength} inputs` : `${c.testSize} fresh inputs`})`],
    [
      'optimizer',
      `${c.optimizer}, lr ${c.learningRate}${c.momentum !== undefined ? `, momentum ${c.momentum}` : ''}${c.lrDecay !== undefined && c.lrDecay < 1 ? `, × ${c.lrDecay}/epoch ≥ ${c.lrFloor}` : ''}${c.weightDecay > 0 ? `, weight decay ${c.weightDecay}` : ''}; ${c.loss} loss`,
    ],
    ['steps', `${r.steps} of ${r.budgetSteps}${r.escalations > 0 ? ` (budget doubled ${r.escalations}× from ${c.steps}, cap ${c.budgetCap})` : ''}${r.stoppedEarly ? ' (stopped early)' : ''}`],
    ['fit training set', c.dataMode === 'fresh' ? `n/a (fresh samples)` : r.fitTrainSet ? `yes, at step ${r.fitStep}` : 'no'],
    ...(c.stopAt === 'solve' ? [['solved (held-out ≥ 0.99)', r.solveStep !== null ? `at step ${r.solveStep}` : 'no']] : []),
    ['final train loss', fmt(r.finalTrainLoss)],
    ['wall seconds', fmt(r.wallSeconds)],
    ['support attention mass', r.supportAttentionMass === null ? 'n/a (MLP)' : fmt(r.supportAttentionMass)],
    ['margin loss at γ = 1', fmt(d.empiricalMarginLoss)],
  ];
  const b = r.bound as { generalizationGap?: number; total?: number; vacuous?: boolean } | null;
  if (b) rows.push(['bound (δ = 0.05)', `gap ${fmt(b.generalizationGap ?? NaN)}, total ${fmt(b.total ?? NaN)}${b.vacuous ? ' (vacuous)' : ''}`]);
  if (d.certificate)
    rows.push(['certificate', `${d.certificate.certified ? 'certified' : 'not certified'}, min margin ≥ ${fmt(d.certificate.minMargin)} (${d.certificate.method}, ${d.certificate.inputsCovered})`]);
  if ('inputRowNormBound' in d.norms) rows.push(['B_X', fmt(d.norms.inputRowNormBound)]);
  for (const n of d.notes) rows.push(['note', n]);
  return table(['quantity', 'value'], rows);
}

/** Raw options of `train`. */
export type TrainOptionsRaw = TrainingFlags & { task: string; T: string; s: string; m: string; seed?: string; saveModel?: string; json?: boolean };

/** Parse `train`'s flags into a normalized TrainConfig; every error names its flag (CliUsageError). */
export function parseTrainOptions(o: TrainOptionsRaw): TrainConfig {
  const task = parseChoice('--task', o.task, TASKS);
  const T = parseInteger('--T', o.T, 1);
  const s = parseInteger('--s', o.s, 1);
  if (s > T) throw flagError('--s', `<= --T = ${T}`, o.s);
  const m = parseInteger('--m', o.m, 1);
  const seed = o.seed === undefined ? 1 : parseInteger('--seed', o.seed, 0);
  return normalizeFromFlags({ ...parseTrainingFlags(o), task, contextLength: T, sparsity: s, sampleSize: m, seed });
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program
    .command('train')
    .description(commandSummary('train'))
    .requiredOption('--task <task>', `target: ${TASKS.join('|')}`)
    .requiredOption('--T <T>', 'context length T')
    .requiredOption('--s <s>', 'sparsity s (support size)')
    .requiredOption('--m <m>', 'training-set size m')
    .option('--seed <seed>', 'seed of the target, data, initialization and batch order (default 1)');
  addTrainingFlags(cmd)
    .option('--save-model <path>', 'write the trained Transformer as a model file (atomic)')
    .option('--json', 'machine-readable output')
    .action(
      action('train', async (o: TrainOptionsRaw) => {
        const config = parseTrainOptions(o);
        if (o.saveModel !== undefined && config.model !== 'transformer') throw flagError('--save-model', 'used with --model transformer', o.saveModel);
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          const r = await trainRun(config, { keepModel: o.saveModel !== undefined, signal: controller.signal });
          if (o.saveModel !== undefined) writeFileAtomic(o.saveModel, JSON.stringify(r.modelJson) + '\n');
          const { modelJson: _omit, ...rest } = r;
          void _omit;
          if (o.json) printJson(rest);
          else process.stdout.write(describeRun(r));
        } catch (err) {
          if ((err as Error).name === 'AbortError') {
            process.stderr.write('attn-theory train: interrupted, nothing written\n');
            return 130;
          }
          throw err;
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
      }),
    );
}

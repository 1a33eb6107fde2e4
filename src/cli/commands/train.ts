/**
 * `attn-theory train --task parity --T 32 --s 3 --m 1000 --seed 1 [--model transformer|mlp] [--heads H]
 * [--layers L] [--width D] [--steps N] [--backend B] [--save-model PATH] [--json]`: one training run with
 * its diagnostics (protocol OURS: proofs-notes/alg-sample-complexity.md).
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
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
    .option('--lr <rate>', 'Adam learning rate, default 0.003')
    .option('--weight-decay <wd>', 'decoupled (AdamW) weight decay, default 0')
    .option('--label-noise <p>', 'probability of flipping a training label, in [0, 0.5), default 0')
    .option('--test-size <n>', 'held-out inputs (all 2^T when fewer), default 10000')
    .option('--eval-every <k>', 'steps between early-stopping checks, default 25')
    .option('--target-loss <x>', 'also stop when the mean training loss reaches x (0 = off), default 0')
    .option('--backend <name>', `force a tfjs backend: ${BACKENDS.join('|')} (default: best available)`);
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
    ['target', `${c.task} on support {${r.target.support.join(', ')}} (s = ${c.sparsity}, T = ${c.contextLength})`],
    ['model', c.model === 'transformer' ? `transformer H = ${c.heads}, L = ${c.layers}, d = ${c.width}` : `mlp, hidden ${c.width}x${c.width}`],
    ['train accuracy', `${fmt(r.trainAccuracy)} (m = ${c.sampleSize}${c.labelNoise > 0 ? `, label noise ${c.labelNoise}` : ''})`],
    ['test accuracy', `${fmt(r.testAccuracy)} (${r.testExhaustive ? `all 2^${c.contextLength} inputs` : `${c.testSize} fresh inputs`})`],
    ['steps', `${r.steps} of ${c.steps}${r.stoppedEarly ? ' (stopped early)' : ''}`],
    ['final train loss', fmt(r.finalTrainLoss)],
    ['wall seconds', fmt(r.wallSeconds)],
    ['support attention mass', r.supportAttentionMass === null ? 'n/a (MLP)' : fmt(r.supportAttentionMass)],
    ['margin loss at γ = 1', fmt(d.empiricalMarginLoss)],
  ];
  const b = r.bound as { generalizationGap?: number; total?: number; vacuous?: boolean } | null;
  if (b) rows.push(['bound (δ = 0.05)', `gap ${fmt(b.generalizationGap ?? NaN)}, total ${fmt(b.total ?? NaN)}${b.vacuous ? ' (vacuous)' : ''}`]);
  if (d.certificate) rows.push(['certificate', `${d.certificate.certified ? 'certified' : 'not certified'}, min margin ≥ ${fmt(d.certificate.minMargin)} (${d.certificate.method}, ${d.certificate.inputsCovered})`]);
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
  return normalizeConfig({ ...parseTrainingFlags(o), task, contextLength: T, sparsity: s, sampleSize: m, seed });
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

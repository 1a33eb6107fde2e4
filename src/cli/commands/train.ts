/**
 * `attn-theory train --task parity --T 32 --s 3 --m 1000 --seed 1 [--model transformer|mlp] [--heads H]
 * [--layers L] [--width D] [--steps N] [--optimizer O] [--loss L] [--budget-cap N] [--data-mode M]
 * [--backend B] [--save-model PATH] [--json]`: one training run with its diagnostics and fit record
 * (protocol OURS: proofs-notes/alg-sample-complexity.md).
 */
import type { Command } from 'commander';
import { action, flagError, CliUsageError } from '../errors.js';
import { DomainError } from '../../core/errors.js';
import { z } from 'zod';
import { trainConfigSchema } from '../../experiments/config.js';
import { declareFlags, parseSchemaFlags, type SchemaFlag } from '../schema-flags.js';
import { parseChoice, parseInteger } from '../flags.js';
import { fmt, printJson, table } from '../output.js';
import { writeFileAtomic } from '../../core/files.js';
import { TASKS, normalizeConfig, trainRun, type TrainConfig, type TrainConfigInput, type TrainResult } from '../../experiments/api.js';
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

/** The flags of the fields `train` takes outside TRAINING_FLAGS (task, T, s, m, seed). */
const REQUIRED_FIELD_FLAGS: Readonly<Record<string, string>> = { task: '--task', sampleSize: '--m', contextLength: '--T', sparsity: '--s', seed: '--seed' };

/** The flag of a TrainConfig field (so normalizeConfig's cross-field errors name the flag), or undefined. */
function fieldFlag(field: string): string | undefined {
  return REQUIRED_FIELD_FLAGS[field] ?? TRAINING_FLAGS.find((f) => f.path[0] === field)?.flag;
}

/**
 * normalizeConfig for a command line: a DomainError `normalizeConfig: <field> must be …` becomes the
 * CliUsageError `<flag> must be …` naming the flag. Throws CliUsageError (or the DomainError itself for a field without a flag).
 */
export function normalizeFromFlags(c: TrainConfigInput): TrainConfig {
  try {
    return normalizeConfig(c);
  } catch (err) {
    const m = err instanceof DomainError ? /^normalizeConfig: (\w+) (must be .*)$/.exec(err.message) : null;
    const flag = m ? fieldFlag(m[1]!) : undefined;
    if (m && flag) throw new CliUsageError(`${flag} ${m[2]}`);
    throw err;
  }
}

/**
 * The training flags: each names one field of trainConfigSchema, whose description, enum choices and
 * checks are the flag's help, choices and validation (schema-flags.ts). Shared by `train` and
 * `sample-complexity`.
 */
export const TRAINING_FLAGS: readonly SchemaFlag[] = [
  { flag: '--model', path: ['model'], arg: 'kind' },
  { flag: '--heads', path: ['heads'], arg: 'H' },
  { flag: '--layers', path: ['layers'], arg: 'L' },
  { flag: '--width', path: ['width'], arg: 'd' },
  { flag: '--steps', path: ['steps'], arg: 'N' },
  { flag: '--batch-size', path: ['batchSize'], arg: 'B' },
  { flag: '--lr', path: ['learningRate'], arg: 'rate' },
  { flag: '--weight-decay', path: ['weightDecay'], arg: 'wd' },
  { flag: '--optimizer', path: ['optimizer'], arg: 'name' },
  { flag: '--momentum', path: ['momentum'], arg: 'mu' },
  { flag: '--lr-decay', path: ['lrDecay'], arg: 'f' },
  { flag: '--lr-floor', path: ['lrFloor'], arg: 'x' },
  { flag: '--loss', path: ['loss'], arg: 'name' },
  { flag: '--budget-cap', path: ['budgetCap'], arg: 'N' },
  { flag: '--restarts', path: ['restarts'], arg: 'N' },
  { flag: '--data-mode', path: ['dataMode'], arg: 'mode' },
  { flag: '--stop-at', path: ['stopAt'], arg: 'c' },
  { flag: '--solve-size', path: ['solveSize'], arg: 'n' },
  { flag: '--label-noise', path: ['labelNoise'], arg: 'p' },
  { flag: '--test-size', path: ['testSize'], arg: 'n' },
  { flag: '--eval-every', path: ['evalEvery'], arg: 'k' },
  { flag: '--target-loss', path: ['targetLoss'], arg: 'x' },
  { flag: '--backend', path: ['backend'], arg: 'name' },
  { flag: '--trainer', path: ['trainer'], arg: 'kind' },
];

/** The schema's fields, each optional and without defaults, for parsing only the flags given (the strict object rejects no given flag's field). */
const trainingFieldsSchema = z.strictObject(
  Object.fromEntries(TRAINING_FLAGS.map((f) => [f.path[0], unwrapDefault(trainConfigSchema.shape[f.path[0] as keyof typeof trainConfigSchema.shape]).optional()])),
);

/** A field schema without its .default() (so parsing a partial set of flags fills in nothing). */
function unwrapDefault(field: z.ZodType): z.ZodType {
  const def = (field as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  return def.type === 'default' && def.innerType ? (def.innerType.description === undefined && field.description !== undefined ? def.innerType.describe(field.description) : def.innerType) : field;
}

/** Declare the training flags on a command (everything a TrainConfig holds beyond task, T, s, m, seed). */
export function addTrainingFlags(cmd: Command, withModel = true): Command {
  declareFlags(cmd, trainConfigSchema, withModel ? TRAINING_FLAGS : TRAINING_FLAGS.filter((f) => f.flag !== '--model'));
  return cmd;
}

/**
 * Parse the training flags that were given into TrainConfig overrides with the schema's own checks;
 * every error names its flag (CliUsageError `--lr must be a finite number > 0 (got "0")`).
 */
export function parseTrainingFlags(o: TrainingFlags): Partial<TrainConfigInput> {
  return parseSchemaFlags(trainingFieldsSchema, TRAINING_FLAGS, o as Record<string, unknown>) as Partial<TrainConfigInput>;
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
    ...((r.attempts ?? 1) > 1 ? [['attempts', `${r.attempts} (${(r.attempts ?? 1) - 1} restart(s) from new initial weights; ${r.totalSteps} steps in all)`]] : []),
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

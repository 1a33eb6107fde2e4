/**
 * The training configuration of one run (protocol OURS, DIGEST §5; proofs-notes/alg-sample-complexity.md):
 * a zod schema that validates and fills defaults, and a stable content hash of the normalized config.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { domainError } from '../core/errors.js';
import { BACKENDS } from './backend-names.js';

/** Tasks a run can learn (targets from tasks.ts). */
export const TASKS = ['parity', 'and', 'majority', 'junta'] as const;
/** Architectures: the [CLS] Transformer (exports to the reference model) and the raw-bits MLP baseline. */
export const MODEL_KINDS = ['transformer', 'mlp'] as const;

const posInt = z.number().int().positive();
const finiteNonNeg = z.number().refine(Number.isFinite, 'a finite number').refine((x) => x >= 0, 'a finite number >= 0');
const finitePos = z.number().refine(Number.isFinite, 'a finite number').refine((x) => x > 0, 'a finite number > 0');

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
 * - trainer 'auto': a fused step when one exists (MLP, L = 1 Transformer), else tfjs; 'tfjs' forces autodiff.
 */
export const trainConfigSchema = z
  .strictObject({
    task: z.enum(TASKS),
    contextLength: posInt,
    sparsity: posInt,
    sampleSize: posInt,
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    model: z.enum(MODEL_KINDS).default('transformer'),
    heads: posInt.max(64).default(1),
    layers: posInt.max(8).default(1),
    width: posInt.max(1024).default(32),
    steps: posInt.default(2000),
    batchSize: posInt.default(64),
    learningRate: finitePos.default(0.003),
    weightDecay: finiteNonNeg.default(0),
    labelNoise: finiteNonNeg.refine((x) => x < 0.5, 'in [0, 0.5)').default(0),
    testSize: posInt.default(10000),
    evalEvery: posInt.default(25),
    targetLoss: finiteNonNeg.default(0),
    backend: z.enum(BACKENDS).optional(),
    trainer: z.enum(['auto', 'tfjs', 'fused']).default('auto'),
  })
  .refine((c) => c.sparsity <= c.contextLength, { message: '<= contextLength (s <= T)', path: ['sparsity'] })
  .refine((c) => c.sparsity <= 16, { message: '<= 16 (truth tables of 2^s rows)', path: ['sparsity'] })
  .refine((c) => c.contextLength <= 4096, { message: '<= 4096', path: ['contextLength'] })
  .refine((c) => c.trainer !== 'fused' || c.model === 'mlp' || c.layers === 1, { message: "'auto' or 'tfjs' when layers > 1 (no fused step)", path: ['trainer'] });

/** A fully normalized training configuration (every default filled in). */
export type TrainConfig = z.output<typeof trainConfigSchema>;
/** What a caller may pass: required fields plus any overrides. */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/**
 * Validate and fill defaults. Throws DomainError `normalizeConfig: <field> must be <condition> (got <value>)`.
 */
export function normalizeConfig(c: TrainConfigInput | TrainConfig): TrainConfig {
  const r = trainConfigSchema.safeParse(c);
  if (!r.success) {
    const issue = r.error.issues[0];
    const keys = (issue as { keys?: string[] }).keys;
    const path = issue.path.map(String).join('.') || (keys ? keys.join(', ') : '(config)');
    let got: unknown = c;
    for (const p of issue.path) got = (got as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
    if (keys && issue.path.length === 0) got = keys.map((k) => (c as Record<string, unknown>)[k]);
    const i = issue as { code: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: string; values?: unknown[]; format?: string };
    const cond =
      i.code === 'too_small'
        ? `${i.inclusive === false ? '>' : '>='} ${String(i.minimum)}`
        : i.code === 'too_big'
          ? `${i.inclusive === false ? '<' : '<='} ${String(i.maximum)}`
          : i.code === 'invalid_value' && i.values
            ? `one of ${i.values.map(String).join('|')}`
            : i.code === 'invalid_type' || (i.code === 'invalid_format' && i.format === 'safeint')
              ? i.expected === 'int' || i.format === 'safeint'
                ? 'an integer'
                : i.expected === 'number'
                  ? 'a finite number'
                  : `of type ${i.expected}`
              : i.code === 'unrecognized_keys'
                ? 'a known field of TrainConfig'
                : issue.message;
    throw domainError('normalizeConfig', path, cond, got);
  }
  return r.data;
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

/** Version of the training code's semantics; bumped when a change alters results for the same config. */
export const TRAIN_PROTOCOL_VERSION = 2;

/**
 * Stable hash of the full normalized config (sorted-key JSON, SHA-256, 32 hex digits), including the
 * protocol version, so a store never returns a run made by different training code.
 */
export function configHash(c: TrainConfigInput | TrainConfig): string {
  const n = normalizeConfig(c);
  return createHash('sha256')
    .update(JSON.stringify(canonical({ protocol: TRAIN_PROTOCOL_VERSION, config: n })))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The zod strict schemas of the attn-theory/testing options (one per builder, built from the shared
 * pieces here), parsed once at each builder's boundary: an unknown field, a NaN, an infinity or an
 * out-of-range value is an error `builder: field must be <cond> (got <value>)`, never a default.
 */
import { z } from 'zod';
import { integerIn, positiveNumber } from '../core/zod-fields.js';
import { ACTIVATIONS } from '../model/activations.js';
import { BOUND_MODELS } from '../bounds/request-schema.js';

/** A DimSpec whose values are integers ≥ min (and ≤ max when given): a fixed size or {min, max}. */
export function dimSpecSchema(min: number, max?: number) {
  const n = integerIn(min, max);
  return z.union([n, z.strictObject({ min: n, max: n }).refine((r) => r.min <= r.max, { message: 'a range with min <= max', path: ['max'] })], {
    error: max === undefined ? `an integer >= ${min} or {min, max}` : `an integer in ${min}..${max} or {min, max}`,
  });
}

/** A PositiveRange: {min, max} of finite numbers with 0 < min ≤ max. */
export const positiveRangeSchema = z.strictObject({ min: positiveNumber(), max: positiveNumber() }).refine((r) => r.min <= r.max, { message: 'a range with min <= max', path: ['max'] });

/** ModelNormBudgets (norm-budgets.ts). */
export const normBudgetsSchema = z.strictObject({
  inputNorm: positiveNumber().optional(),
  qkSpectral: positiveNumber().optional(),
  qkGroup21: positiveNumber().optional(),
  valueSpectral: positiveNumber().optional(),
  valueGroup21: positiveNumber().optional(),
  outputSpectral: positiveNumber().optional(),
  outputGroup21: positiveNumber().optional(),
  readout: positiveNumber().optional(),
});

const presence = z.enum(['never', 'always', 'maybe']);

/** ArbModelOptions (arb-model.ts), with sizes capped so that one case stays small. */
export const modelOptionsSchema = z.strictObject({
  contextLength: dimSpecSchema(1, 64).optional(),
  width: dimSpecSchema(1, 64).optional(),
  layers: dimSpecSchema(0, 4).optional(),
  heads: dimSpecSchema(1, 8).optional(),
  clsHeads: dimSpecSchema(0, 8).optional(),
  readoutDepth: dimSpecSchema(1, 4).optional(),
  headDim: dimSpecSchema(1, 16).optional(),
  hiddenUnits: dimSpecSchema(1, 16).optional(),
  positionKinds: z
    .array(z.enum(['dense', 'onehot', 'sign-hash']))
    .min(1)
    .optional(),
  positionBlocks: dimSpecSchema(1, 4).optional(),
  activations: z.array(z.enum(ACTIVATIONS)).min(1).optional(),
  weightScale: positiveNumber().optional(),
  residual: presence.optional(),
  projection: presence.optional(),
  target: presence.optional(),
  budgets: normBudgetsSchema.optional(),
});

/** The run options every builder takes (defaults of check()) and check() itself takes (overrides). */
export const runShape = {
  /** fast-check seed (any safe integer); default: fast-check's own, printed on failure. */
  seed: z.int({ error: 'a safe integer' }).optional(),
  /** Number of generated cases, 1..100000. */
  numRuns: integerIn(1, 100_000).optional(),
  /** fast-check replay path printed with a counterexample (e.g. "3:1:0"). */
  path: z
    .string()
    .regex(/^\d+(:\d+)*$/, { error: 'a replay path like "3:1:0"' })
    .optional(),
};

/** check()'s options. */
export const runOptionsSchema = z.strictObject(runShape);

/** BOUND_MODELS, re-stated for the request options. */
export const boundModelsSchema = z.array(z.enum(BOUND_MODELS)).min(1);

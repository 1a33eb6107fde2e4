/**
 * The one zod strict schema of a bound request (the bounds contract), parsed once by computeBound /
 * requiredSampleSize / the CLI `bound` / the sweep kind 'bound'; everything below trusts the parsed
 * type. Unknown fields are rejected at every level (a misspelled budget is an error, never its
 * default); numbers are finite; sizes are safe integers. Field descriptions are the CLI's help text.
 * Cross-field rule (the only one the calculus has): valueActivation 'identity' needs L_σ = 1.
 * Defaults stay in architectureFromRequest (not filled here, so a request's content hash is what the
 * caller wrote).
 */
import { z } from 'zod';
import { integerIn, openUnitNumber, positiveNumber, unitIntervalNumber } from '../core/zod-fields.js';

/** Model kinds of a request (thm-head-covering: head/scalar; thm-multihead-covering; thm-transformer-covering). */
export const BOUND_MODELS = ['head', 'scalar', 'multihead', 'transformer'] as const;
/** Value activations: 'identity' (dimension-free value·readout cover, needs L_σ = 1) or any 'lipschitz' σ. */
export const VALUE_ACTIVATIONS = ['identity', 'lipschitz'] as const;

/** Norm budgets: four required, three optional extras (strict: any other key is an error). */
export const normBoundsSchema = z.strictObject({
  valueSpectral: positiveNumber().describe('B_V: spectral norm bound of W_V'),
  valueGroup21: positiveNumber().describe('B_V^{2,1}: group (2,1) norm bound of W_V'),
  qkGroup21: positiveNumber().describe('B_QK^{2,1}: group (2,1) norm bound of W_QK'),
  readout: positiveNumber().describe('B_w: norm bound of the readout w'),
  qkSpectral: positiveNumber().optional().describe('spectral norm bound of W_QK (default: the (2,1) bound)'),
  outputSpectral: positiveNumber().optional().describe('spectral norm bound of W_C of layer heads (default 1)'),
  outputGroup21: positiveNumber().optional().describe('group (2,1) norm bound of W_C of layer heads (default 1)'),
});

/** The (m, γ, δ, empirical loss) fields shared by a request and by a model-file bound. */
const statisticalShape = {
  sampleSize: integerIn(1).describe('sample size m'),
  margin: positiveNumber().describe('margin γ > 0'),
  delta: openUnitNumber().describe('confidence δ in (0, 1)'),
  empiricalMarginLoss: unitIntervalNumber().optional().describe('empirical margin loss (1/m)Σ1[y f(x) <= γ] in [0, 1], added to the gap in total (default 0)'),
};

/** Fields of a request other than the sample size. */
const classShape = {
  model: z.enum(BOUND_MODELS).describe('model class'),
  contextLength: integerIn(1).describe('context length T'),
  width: integerIn(1).describe('width d'),
  inputNorm: positiveNumber().describe('B_X: bound on every embedded row norm'),
  normBounds: normBoundsSchema,
  activationLipschitz: positiveNumber().describe('L_σ: Lipschitz constant of the head activation'),
  heads: integerIn(1).optional().describe('H: heads per layer (multihead, transformer; default 1)'),
  layers: integerIn(1).optional().describe('L: layers (transformer; default 1)'),
  valueDim: integerIn(1).optional().describe('k: head output dimension (default d)'),
  valueActivation: z.enum(VALUE_ACTIVATIONS).optional().describe("σ of the heads: identity (dimension-free route, needs L_σ = 1) or lipschitz (default)"),
  margin: statisticalShape.margin,
  delta: statisticalShape.delta,
  empiricalMarginLoss: statisticalShape.empiricalMarginLoss,
};

/** The cross-field rules of a request (shared by every request schema). */
function crossFieldRules(r: { valueActivation?: string; activationLipschitz: number }, ctx: z.core.$RefinementCtx): void {
  if (r.valueActivation === 'identity' && r.activationLipschitz !== 1) {
    ctx.addIssue({ code: 'custom', path: ['activationLipschitz'], message: '1 when valueActivation is identity', input: r.activationLipschitz });
  }
}

/** zod schema of a bound request (strict, with the cross-field rules). */
export const boundRequestSchema = z.strictObject({ ...classShape, sampleSize: statisticalShape.sampleSize }).superRefine(crossFieldRules);

/** zod schema of a request to requiredSampleSize: a bound request without sampleSize (the unknown). */
export const sampleSizeRequestSchema = z.strictObject(classShape).superRefine(crossFieldRules);

/** requiredSampleSize's target generalization gap. */
export const targetGapSchema = positiveNumber().describe('target generalization gap: also report the least m whose gap is at most it');

/** zod schema of boundFromModel's options (the budgets are the model's measured norms). */
export const modelBoundOptionsSchema = z.strictObject(statisticalShape);

/** zod schema of requiredSampleSizeForModel's options (γ, δ: the sample size is the unknown). */
export const modelSampleSizeOptionsSchema = z.strictObject({ margin: statisticalShape.margin, delta: statisticalShape.delta });

/** zod schema of computeBound's / boundFromModel's output options. */
export const boundOutputOptionsSchema = z.strictObject({
  latex: z.boolean({ error: 'true or false' }).optional().describe('also build the LaTeX closed form (loads mathjs; off by default)'),
});

/** A parsed bound request (what the calculus takes). */
export type BoundRequest = z.output<typeof boundRequestSchema>;
/** What a caller may pass to computeBound (same fields; validated). */
export type BoundRequestInput = z.input<typeof boundRequestSchema>;
/** A parsed request without sample size (requiredSampleSize). */
export type SampleSizeRequest = z.output<typeof sampleSizeRequestSchema>;
/** Input type of sampleSizeRequestSchema. */
export type SampleSizeRequestInput = z.input<typeof sampleSizeRequestSchema>;
/** Parsed options of boundFromModel. */
export type ModelBoundOptions = z.output<typeof modelBoundOptionsSchema>;
/** Input type of modelBoundOptionsSchema. */
export type ModelBoundOptionsInput = z.input<typeof modelBoundOptionsSchema>;
/** Parsed output options ({ latex }). */
export type BoundOutputOptions = z.output<typeof boundOutputOptionsSchema>;
/** Input type of boundOutputOptionsSchema. */
export type BoundOutputOptionsInput = z.input<typeof boundOutputOptionsSchema>;

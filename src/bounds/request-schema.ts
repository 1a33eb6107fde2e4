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
import { TIGHTENINGS } from './tightenings.js';

/** Id of the request-schema definitions: proofs-notes/def-request-schemas.md. */
export const REQUEST_SCHEMAS_ID = 'def-request-schemas';

/** Model kinds of a request (thm-head-covering: head/scalar; thm-multihead-covering; thm-transformer-covering). */
export const BOUND_MODELS = ['head', 'scalar', 'multihead', 'transformer'] as const;
/** Value activations: 'identity' (dimension-free value·readout cover, needs L_σ = 1) or any 'lipschitz' σ. */
export const VALUE_ACTIVATIONS = ['identity', 'lipschitz'] as const;

/** Names a request may list in disabledTightenings: every step of TIGHTENINGS, or 'all' (the first chain). */
export const TIGHTENING_CHOICES = [...TIGHTENINGS, 'all'] as const;
/** One entry of disabledTightenings. */
export type TighteningChoice = (typeof TIGHTENING_CHOICES)[number];
// The enum's static type is narrowed to the union of its names (zod's own is a name-to-name record, whose
// members the API docs would list as undocumented properties); the runtime schema is z.enum's.
const tighteningChoice = z.enum(TIGHTENING_CHOICES) as unknown as z.ZodType<TighteningChoice>;

/** Norm budgets: four required, three optional extras (strict: any other key is an error). */
export const normBoundsSchema = z.strictObject({
  /** B_V > 0: bound on the spectral norm ‖W_V‖₂ of every head's value matrix. */
  valueSpectral: positiveNumber().describe('B_V: spectral norm bound of W_V'),
  /** B_V^{2,1} > 0: bound on the group (2,1) norm of W_V (used as its Frobenius budget: ‖W‖_F ≤ ‖W‖_{2,1}). */
  valueGroup21: positiveNumber().describe('B_V^{2,1}: group (2,1) norm bound of W_V'),
  /** B_QK^{2,1} > 0: bound on the group (2,1) norm of W_QK (used as its Frobenius budget). */
  qkGroup21: positiveNumber().describe('B_QK^{2,1}: group (2,1) norm bound of W_QK'),
  /** B_w > 0: bound on ‖w‖₂ of the linear readout w ∈ R^k. */
  readout: positiveNumber().describe('B_w: norm bound of the readout w'),
  /** Optional bound > 0 on ‖W_QK‖₂ (used by lem-layer-lipschitz); default qkGroup21. */
  qkSpectral: positiveNumber().optional().describe('spectral norm bound of W_QK (default: the (2,1) bound)'),
  /** B_C > 0: optional bound on ‖W_C‖₂ of every layer head (transformer only); default 1. */
  outputSpectral: positiveNumber().optional().describe('spectral norm bound of W_C of layer heads (default 1)'),
  /** B_C^F > 0: optional bound on the group (2,1) norm of W_C of every layer head (used as its Frobenius budget); default 1. */
  outputGroup21: positiveNumber().optional().describe('group (2,1) norm bound of W_C of layer heads (default 1)'),
});

/** The (m, γ, δ, empirical loss) fields shared by a request and by a model-file bound. */
const statisticalShape = {
  /** m: sample size, a safe integer ≥ 1. */
  sampleSize: integerIn(1).describe('sample size m'),
  /** γ > 0: the margin of the margin loss (thm-margin-bound). */
  margin: positiveNumber().describe('margin γ > 0'),
  /** δ ∈ (0, 1): the bound holds with probability ≥ 1 − δ over the sample (thm-margin-bound). */
  delta: openUnitNumber().describe('confidence δ in (0, 1)'),
  /** Optional empirical margin loss (1/m)Σ 1[y f(x) ≤ γ] ∈ [0, 1], added to the gap in BoundReport.total; default 0. */
  empiricalMarginLoss: unitIntervalNumber().optional().describe('empirical margin loss (1/m)Σ1[y f(x) <= γ] in [0, 1], added to the gap in total (default 0)'),
};

/** Fields of a request other than the sample size. */
const classShape = {
  /** Model class (one of BOUND_MODELS): 'head' and 'scalar' (thm-head-covering), 'multihead' (H [CLS] heads, thm-multihead-covering), 'transformer' (L layers, thm-transformer-covering). */
  model: z.enum(BOUND_MODELS).describe('model class'),
  /** T: context length (number of input bits), a safe integer ≥ 1. */
  contextLength: integerIn(1).describe('context length T'),
  /** d: embedding width, a safe integer ≥ 1. */
  width: integerIn(1).describe('width d'),
  /** B_X > 0: bound on every embedded row norm ‖x_t‖₂, t = 0..T (also the radius R of Π_R in each transformer layer). */
  inputNorm: positiveNumber().describe('B_X: bound on every embedded row norm'),
  /** The norm budgets (normBoundsSchema). */
  normBounds: normBoundsSchema,
  /** L_σ > 0: Lipschitz constant of the head activation σ (must be 1 when valueActivation is 'identity'). */
  activationLipschitz: positiveNumber().describe('L_σ: Lipschitz constant of the head activation'),
  /** H: heads per layer and [CLS] heads (multihead, transformer), a safe integer ≥ 1; default 1. */
  heads: integerIn(1).optional().describe('H: heads per layer (multihead, transformer; default 1)'),
  /** L: self-attention layers (transformer), a safe integer ≥ 1; default 1. */
  layers: integerIn(1).optional().describe('L: layers (transformer; default 1)'),
  /** k: head output dimension (columns of W_V), a safe integer ≥ 1; default d. */
  valueDim: integerIn(1).optional().describe('k: head output dimension (default d)'),
  /** σ of the heads (one of VALUE_ACTIVATIONS): 'identity' (dimension-free value·readout cover, needs L_σ = 1) or 'lipschitz' (default). */
  valueActivation: z.enum(VALUE_ACTIVATIONS).optional().describe('σ of the heads: identity (dimension-free route, needs L_σ = 1) or lipschitz (default)'),
  /** γ > 0: the margin of the margin loss (thm-margin-bound). */
  margin: statisticalShape.margin,
  /** δ ∈ (0, 1): the bound holds with probability ≥ 1 − δ over the sample (thm-margin-bound). */
  delta: statisticalShape.delta,
  /** Optional empirical margin loss (1/m)Σ 1[y f(x) ≤ γ] ∈ [0, 1], added to the gap in BoundReport.total; default 0. */
  empiricalMarginLoss: statisticalShape.empiricalMarginLoss,
  /**
   * Tightenings of the chain to turn off (names from TIGHTENING_CHOICES; 'all': the first chain); default none:
   * every proven tightening is on (src/bounds/tightenings.ts, proofs-notes/alg-bound-waterfall.md).
   */
  disabledTightenings: z
    .array(tighteningChoice)
    .optional()
    .describe(`tightenings of the chain to turn off, comma-separated, from ${TIGHTENING_CHOICES.join('|')} (all: the first chain; default: none, every proven tightening on)`),
};

/** The cross-field rules of a request (shared by every request schema). */
function crossFieldRules(r: { valueActivation?: string; activationLipschitz: number }, ctx: z.core.$RefinementCtx): void {
  if (r.valueActivation === 'identity' && r.activationLipschitz !== 1) {
    ctx.addIssue({ code: 'custom', path: ['activationLipschitz'], message: '1 when valueActivation is identity', input: r.activationLipschitz });
  }
}

/** zod schema of a bound request (strict, with the cross-field rules). */
export const boundRequestSchema = z
  .strictObject({
    ...classShape,
    /** m: sample size, a safe integer ≥ 1. */
    sampleSize: statisticalShape.sampleSize,
  })
  .superRefine(crossFieldRules);

/** zod schema of a request to requiredSampleSize: a bound request without sampleSize (the unknown). */
export const sampleSizeRequestSchema = z.strictObject(classShape).superRefine(crossFieldRules);

/** requiredSampleSize's target generalization gap. */
export const targetGapSchema = positiveNumber().describe('target generalization gap: also report the least m whose gap is at most it');

/** zod schema of boundFromModel's options (the budgets are the model's measured norms). */
export const modelBoundOptionsSchema = z.strictObject(statisticalShape);

/** zod schema of requiredSampleSizeForModel's options (γ, δ: the sample size is the unknown). */
export const modelSampleSizeOptionsSchema = z.strictObject({
  /** γ > 0: the margin of the margin loss (thm-margin-bound). */
  margin: statisticalShape.margin,
  /** δ ∈ (0, 1): the bound holds with probability ≥ 1 − δ over the sample (thm-margin-bound). */
  delta: statisticalShape.delta,
});

/** zod schema of computeBound's / boundFromModel's output options. */
export const boundOutputOptionsSchema = z.strictObject({
  /** true: also build BoundReport.latex, the LaTeX closed form (cor-closed-form-gap; loads mathjs); default false. */
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

/**
 * `attn-theory/bounds`: capacity bounds with explicit constants for bounded-norm attention, from one
 * [CLS] head up to L-layer Transformers (covering numbers → Dudley → margin bound), each result derived
 * in proofs-notes/ and listed in CLAIMS.md. Loads no heavy dependency: mathjs is loaded only when a
 * LaTeX closed form is asked for.
 * @packageDocumentation
 */
// The API: a request (norm budgets) or a model file → a report.
export {
  computeBound,
  boundForRequest,
  boundFromModel,
  gridUnionBound,
  fixedClassBoundFromModel,
  fixedClassStatement,
  requiredSampleSize,
  requiredSampleSizeForModel,
  boundForArchitecture,
  architectureFromRequest,
  architectureFromModel,
  LOG_COVERING_GRID,
  type BoundReport,
  type BudgetGridReport,
} from './api.js';
export { BUDGET_GRID_ID, BUDGET_GRID_RATIO, gridWeight, gridIndexUp, gridIndexDown, gridCell, gridStatement, type GridCell, type GridSlot } from './budget-grid.js';
// One strict zod schema per request: the library, the CLI flags and the docs derive from these.
export {
  BOUND_MODELS,
  VALUE_ACTIVATIONS,
  normBoundsSchema,
  boundRequestSchema,
  sampleSizeRequestSchema,
  targetGapSchema,
  modelBoundOptionsSchema,
  modelSampleSizeOptionsSchema,
  boundOutputOptionsSchema,
  type BoundRequest,
  type BoundRequestInput,
  type SampleSizeRequest,
  type SampleSizeRequestInput,
  type ModelBoundOptions,
  type ModelBoundOptionsInput,
  type BoundOutputOptions,
  type BoundOutputOptionsInput,
} from './request-schema.js';
export type { Architecture, HeadBudget, LayerBudget, ReadoutBudget } from './architecture.js';
// The results the chain is built from, one per proof note.
export { LINEAR_COVER_ID, MISTAKE_BOUND_CONSTANT, mistakeBound, linearLogCovering, matrixLogCovering, type LinearCoverParams } from './linear-cover.js';
export { SOFTMAX_STEP_ID, SOFTMAX_LINF_L1_CONSTANT, PAPER_SOFTMAX_LINF_L1_CONSTANT, softmaxStep } from './softmax-step.js';
export { HEAD_PERTURBATION_ID, scalarHeadPerturbation, type ScalarHeadNorms, type ScalarHeadDeltas } from './perturbation.js';
export { LAYER_LIPSCHITZ_ID, QUERY_KEY_MOVE_FACTOR, headInputLipschitz, layerLipschitz, type HeadLipschitzNorms } from './layer-lipschitz.js';
export { EPSILON_SPLIT_ID } from './epsilon-split.js';
export { HEAD_COVERING_ID } from './head-covering.js';
export { MULTIHEAD_COVERING_ID } from './multihead-covering.js';
export { TRANSFORMER_COVERING_ID, architectureCover, type ArchitectureCover } from './transformer-covering.js';
export { DUDLEY_ID, DUDLEY_CHAIN_CONSTANT, DUDLEY_MAX_LEVELS, dudleyRademacher, type DudleyResult } from './dudley.js';
export { MARGIN_BOUND_ID, MARGIN_RADEMACHER_FACTOR, MARGIN_CONFIDENCE_FACTOR, marginGap } from './margin-bound.js';
export { VOLUMETRIC_BASELINE_ID, NAIVE_SOFTMAX_BASELINE_ID, VOLUMETRIC_CONSTANT, parameterCount, volumetricLogCover, naiveSoftmaxConstant } from './baselines.js';
export { CLOSED_FORM_ID, closedFormGap, closedFormValue, type ClosedForm, type ClosedFormParams } from './closed-form.js';
export { SAMPLE_SIZE_ID, SAMPLE_SIZE_CAP, invertSampleSize } from './sample-size.js';
export {
  COMPRESSION_CERTIFICATE_ID,
  compressionOptionsSchema,
  compressionCertificate,
  certifiedCompression,
  compressionBound,
  compressionStatement,
  sampleErrors,
  type CompressionCertificate,
  type CompressionOptions,
  type CompressionOptionsInput,
} from './compression-certificate.js';
export { COMPRESSION_CLASS_ID, COMPRESSION_CLASSES, logChoose, logGeneralClassSize, logSymmetricClassSize, isSymmetricTarget, logInversePrior, type CompressionClass } from './compression-class.js';
export {
  COMPRESSION_TAIL_ID,
  BINOMIAL_TAIL_REL_TOL,
  stirlingError,
  bd0,
  binomialLogPmf,
  binomialLogCdf,
  binomialTailInversion,
  bernoulliKl,
  klInversion,
  hoeffdingBound,
  occamRealizable,
} from './compression-tail.js';
export { COMPRESSION_READOFF_ID, READOFF_MAX_TRACED, readSparseFunction, sameFunction, type ReadOffFunction } from './compression-readoff.js';
export {
  L1_MAUREY_BASELINE_ID,
  maureyLogCover,
  maureyPartLogCover,
  softmaxRmsFactor,
  l1MaureyCover,
  l1MaureyLogCover,
  l1MaureySmoothConstant,
  type MaureyPart,
  type MaureyCover,
} from './baselines.js';
export { L1_MAUREY_REPORT_ID, l1MaureyReport, type L1MaureyEntry, type L1MaureyBaselines } from './baseline-l1-report.js';
export { TIGHTENINGS, TIGHTENING_NOTES, TIGHTENING_DESCRIPTIONS, ALL_TIGHTENINGS, NO_TIGHTENINGS, resolveTightenings, tighteningsUpTo, type TighteningName, type Tightenings } from './tightenings.js';
export { BOUND_WATERFALL_ID, boundWaterfall, boundWaterfallForRequest, type WaterfallRow } from './waterfall.js';
export { MAUREY_COVER_ID, maureyLogCovering, type MaureyCoverParams } from './maurey-cover.js';
export { QK_ONLY_CHAINING_ID, QK_CHAIN_RATIOS, QK_CHAIN_MEAN_TERM, qkOnlyRademacher, type QkChainParams, type QkChainResult } from './qk-chaining.js';
export { MULTIHEAD_SUM_ID, multiheadSumApplies, singleHeadClasses, sumOfHeadRademacher, type HeadClass } from './multihead-sum.js';
export { WORKED_EXAMPLE_REQUEST } from './worked-example.js';

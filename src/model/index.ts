/**
 * `attn-theory/model`: the float64 reference semantics of bounded-norm [CLS] attention models
 * (def-reference-model), the versioned model file format (def-model-file, docs/model-format.md), and the
 * norms the bounds use. Loads no heavy dependency (no tfjs, vega, resvg, better-sqlite3 or mathjs).
 * @packageDocumentation
 */
export type { PositionBlock, Embedding, AttentionHead, LayerHead, SelfAttentionLayer, DenseLayer, BooleanTarget, Model } from './types.js';
export type { Matrix } from '../core/matrix.js';
export { fromData, fromRows, toRows } from '../core/matrix.js';
export { ACTIVATIONS, ACTIVATION_LIPSCHITZ, type Activation } from './activations.js';
export { maxEmbeddedRowNorm } from './embed.js';
export { forward, forwardTrace, REFERENCE_MODEL_ID, type ForwardTrace } from './forward.js';
export { targetLabel, checkTarget } from './target.js';
export { checkModel } from './check-model.js';
export {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  MODEL_FILE_FORMAT_ID,
  modelFileSchema,
  modelJsonSchema,
  modelFromJson,
  modelToJson,
  readModelFile,
  writeModelFile,
  type ModelFileJson,
} from './format.js';
export { measureNorms, matrixNorms, type MatrixNorms, type HeadNorms, type ModelNorms } from './norms-report.js';
export { spectralNorm, frobeniusNorm, groupNormRows, groupNormColumns, entrywiseL1, maxRowNorm } from '../core/norms.js';
export { AttnTheoryError, DomainError, ShapeError, FileFormatError } from '../core/errors.js';

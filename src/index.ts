/**
 * attn-theory: executable, checkable theory of bounded-norm self-attention (Edelman, Goel, Kakade, Zhang,
 * arXiv 2110.10090). The root entry holds the everyday calls; each layer has its own entry point with its
 * full public surface: `attn-theory/bounds`, `/constructions`, `/model`, `/experiments`, `/report`.
 * Importing the root loads no heavy dependency (no tfjs, vega, resvg, better-sqlite3 or mathjs).
 * See CLAIMS.md for what each function guarantees and proofs-notes/ for the derivations.
 * @packageDocumentation
 */
export { VERSION } from './version.js';
export { computeBound, boundFromModel, requiredSampleSize, type BoundReport } from './bounds/api.js';
export { boundRequestSchema, type BoundRequest, type BoundRequestInput } from './bounds/request-schema.js';
export { construct, certify, type Construction } from './constructions/api.js';
export { constructSpecSchema, type ConstructSpec, type ConstructSpecInput } from './constructions/spec-schema.js';
export { certifyOptionsSchema, type CertifyOptions, type CertifyOptionsInput } from './constructions/certify-options-schema.js';
export type { Certificate } from './constructions/certify-exact.js';
export { makeTarget, type TargetSpec, type TargetFn } from './constructions/targets.js';
export { parseTargetSpec } from './constructions/target-spec.js';
export { forward, type ForwardTrace } from './model/forward.js';
export { readModelFile, writeModelFile, modelFromJson, modelToJson, type ModelFileJson } from './model/format.js';
export { measureNorms, type ModelNorms } from './model/norms-report.js';
export type { Model, BooleanTarget } from './model/types.js';
export { AttnTheoryError, DomainError, ShapeError, FileFormatError } from './core/errors.js';
export { MissingDependencyError } from './core/optional-dependency.js';

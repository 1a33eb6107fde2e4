/**
 * `attn-theory/constructions`: one bounded-norm [CLS] head that computes any s-sparse Boolean function of
 * T bits (symmetric family: norms poly(s); general family: 2^{O(s)}), and certificates of its margin over
 * all 2^T inputs (proofs-notes/con-*, alg-certify-*, CLAIMS.md). Loads no heavy dependency.
 * @packageDocumentation
 */
export { construct, buildConstruction, certify, CONSTRUCTIONS_API_ID, DEFAULT_MARGIN, type Construction } from './api.js';
// One strict zod schema per request (construct spec, certify options).
export { DEFAULT_ONEHOT_MAX_CONTEXT, CODE_KINDS, FAMILIES, constructSpecSchema, type ConstructSpec, type ConstructSpecInput } from './spec-schema.js';
export { CERTIFY_METHODS, certifyOptionsSchema, type CertifyOptions, type CertifyOptionsInput } from './certify-options-schema.js';
// Targets.
export { SPARSE_TARGETS_ID, MAX_SPARSITY, makeTarget, truthTable, symmetricLevels, seededSupport, type TargetFn, type TargetSpec } from './targets.js';
export { TARGET_SPEC_ID, parseTargetSpec } from './target-spec.js';
// The two families and their explicit norms.
export { buildSparseHead, MAX_ONEHOT_CONTEXT, type SparseHead, type SparseHeadOptions } from './sparse-head.js';
export { SYMMETRIC_SPARSE_HEAD_ID, buildSymmetricSparseHead } from './symmetric.js';
export { GENERAL_SPARSE_HEAD_ID, buildGeneralSparseHead } from './general.js';
export { SPARSE_HEAD_SCALES_ID, MARGIN_SLACK, COMPACT_TEMPERATURE_FACTOR, temperature, type CodeKind, type Family } from './scales.js';
export { COMPACT_CODES_ID, compactCodeDimension } from './compact-codes.js';
export { SPARSE_HEAD_NORMS_ID, sparseHeadNormBounds, type SparseHeadNormBounds } from './norm-formulas.js';
export { SPARSE_HEAD_ARCHITECTURE_ID, sparseHeadArchitecture, constructionSampleSize } from './bound-architecture.js';
// Certificates.
export { CERTIFY_POSITION_KEYS_ID, certifyExact, exactCertifierApplies, exactCertifierObstacle, type Certificate } from './certify-exact.js';
export { CERTIFY_INTERVAL_ID, certifyInterval } from './certify-interval.js';
// Deliberately broken heads, for checking that a checker rejects them.
export { SPARSE_HEAD_MUTATIONS_ID, flipTableBit, shiftSupport, flipReadoutSign, divideTemperature } from './mutations.js';

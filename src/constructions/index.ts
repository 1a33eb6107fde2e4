/** Sparse-function constructions and certificates (proofs-notes/con-*, alg-certify-*, CLAIMS.md). */
export * from './targets.js';
export * from './target-spec.js';
export * from './scales.js';
export * from './compact-codes.js';
export * from './level-readout.js';
export * from './position-projections.js';
export * from './readout-pieces.js';
export * from './sparse-head.js';
export * from './symmetric.js';
export * from './general.js';
export * from './norm-formulas.js';
export * from './mutations.js';
export * from './certify-exact.js';
export * from './certify-interval.js';
export * from './bound-architecture.js';
export { construct, certify, DEFAULT_MARGIN, DEFAULT_ONEHOT_MAX_CONTEXT, CONSTRUCTIONS_API_ID, type ConstructSpec, type Construction, type CertifyOptions } from './api.js';

/**
 * Shared fast-check arbitraries for every property suite (import from 'properties/arbitraries/index.js').
 * They are shipped to users as `attn-theory/testing` (src/testing/); these files only re-export them:
 * - arbMatrix / arbVector: finite float64 matrices and vectors;
 * - arbSeed: integer seeds for createRng;
 * - arbBits: inputs b ∈ {0,1}^T;
 * - arbModel / arbModelAndBits / randomModel: random valid Models (all layer/head/position kinds, optional norm budgets);
 * - arbTarget: Boolean targets (support + truth table) on T positions;
 * - arbBoundRequest: valid bound requests (src/bounds/request-schema.ts).
 */
export * from './matrix.js';
export * from './seed.js';
export * from './bits.js';
export * from './model.js';
export * from './target.js';
export * from '../../src/testing/arb-request.js';

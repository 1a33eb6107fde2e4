/**
 * Shared fast-check arbitraries for every property suite (import from 'properties/arbitraries/index.js'):
 * - arbMatrix / arbVector: finite float64 matrices and vectors;
 * - arbSeed: integer seeds for createRng;
 * - arbBits: inputs b ∈ {0,1}^T;
 * - arbModel / arbModelAndBits / randomModel: random valid Models (all layer/head/position kinds);
 * - arbTarget: Boolean targets (support + truth table) on T positions.
 */
export * from './matrix.js';
export * from './seed.js';
export * from './bits.js';
export * from './model.js';
export * from './target.js';

/** Sweeps: spec, grid expansion, shards, the resumable runner, merge (alg-sweep-runner). */
export * from './kind.js';
export * from './spec.js';
export * from './grid.js';
export * from './runner.js';
export * from './merge.js';
export * from './kinds.js';
export * from './kinds/bound.js';
export * from './kinds/construct.js';
export * from './kinds/train.js';
export * from './kinds/adversarial.js';

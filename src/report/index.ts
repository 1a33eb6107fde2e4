/**
 * Reports, sweeps and the run store (issue 6): the SQLite run store (def-run-store), sweep specs,
 * grids, shards, the resumable runner and merge (alg-sweep-runner), and the report built from stored
 * runs (alg-report-checks).
 */
export * from '../experiments/store/index.js';
export * from '../experiments/sweep/index.js';
export * from './types.js';
export * from './csv.js';
export * from './format.js';
export * from './plot.js';
export * from './progress.js';
export * from './property-scan.js';
export * from './markdown.js';
export * from './html.js';
export * from './write.js';
export * from './summary.js';
export * from './render.js';
export * from './pipeline.js';
export * from './default-config.js';
export * from './sections/capacity.js';
export * from './sections/representation.js';
export * from './sections/learning.js';
export * from './sections/checks.js';

/**
 * The experiments' public contract (issue 5), used by src/report and src/experiments/sweep:
 * configs and their hash, one run in process, a pool of worker processes, run stores, and the
 * sample-complexity search. Protocol OURS (DIGEST §5): proofs-notes/alg-sample-complexity.md.
 */
export { trainConfigSchema, normalizeConfig, configHash, TASKS, MODEL_KINDS, TRAIN_PROTOCOL_VERSION, type TrainConfig, type TrainConfigInput } from './config.js';
export { trainRun, evaluate, TRAIN_PROTOCOL_ID, type TrainResult, type TrainRunOptions } from './train.js';
export { runPool, TrainPool, WorkerRunError, type PoolOptions } from './pool.js';
export { MemoryRunStore, JsonlRunStore, type RunStore } from './run-store.js';
export {
  sampleComplexity,
  normalizeSampleComplexityOptions,
  type SampleComplexityOptions,
  type SampleComplexityResult,
  type SampleComplexityRow,
  type SampleComplexityFit,
} from './sample-complexity.js';
export { BracketSearch, SAMPLE_COMPLEXITY_SEARCH_ID, DEFAULT_RESOLUTION, type BracketOutcome, type BracketSearchOptions } from './bracket-search.js';
export { fitLine, fitSampleComplexity, log2Binomial, type LineFit } from './fits.js';
export { makeTaskTarget, makeTrainSet, makeTestSet, taskTable, randomSupport, streamSeed, type Dataset } from './tasks.js';
export { initBackend, activeBackend, BACKENDS, BackendUnavailableError, type BackendName } from './backend.js';
export { exportTransformer, TFJS_EXPORT_ID } from './export.js';
export { BOUND_MARGIN, BOUND_DELTA, type Diagnostics } from './diagnostics.js';

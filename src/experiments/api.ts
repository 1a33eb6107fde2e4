/**
 * The experiments' public contract (issue 5), used by src/report and src/experiments/sweep:
 * configs and their hash, one run in process, a pool of worker processes, run stores, and the
 * sample-complexity search. Protocol OURS (DIGEST §5): proofs-notes/alg-sample-complexity.md.
 * This module does not load TensorFlow.js: trainRun imports the trainer on first use, so importing the
 * API (the CLI, the report, a pool's parent process) stays fast.
 */
import type { TrainConfig, TrainConfigInput } from './config.js';
import type { TrainResult, TrainRunOptions } from './train-result.js';

export { trainConfigSchema, normalizeConfig, configHash, TASKS, MODEL_KINDS, TRAIN_PROTOCOL_VERSION, type TrainConfig, type TrainConfigInput } from './config.js';
export type { TrainResult, TrainRunOptions, TrainerKind, Diagnostics, CompressionDiagnostics } from './train-result.js';
export { runPool, TrainPool, WorkerRunError, type PoolOptions } from './pool.js';
export { MemoryRunStore, JsonlRunStore, type RunStore } from './run-store.js';
export {
  sampleComplexity,
  normalizeSampleComplexityOptions,
  searchRunConfig,
  SAMPLE_COMPLEXITY_PROTOCOL_ID,
  type SampleComplexityOptions,
  type SampleComplexityResult,
  type SampleComplexityRow,
  type SampleComplexityFit,
} from './sample-complexity.js';
export { BracketSearch, SAMPLE_COMPLEXITY_SEARCH_ID, DEFAULT_RESOLUTION, type BracketOutcome, type BracketSearchOptions } from './bracket-search.js';
export { fitLine, fitSampleComplexity, log2Binomial, type LineFit } from './fits.js';
export { makeTaskTarget, makeTrainSet, makeTestSet, taskTable, streamSeed, type Dataset } from './tasks.js';
export { BACKENDS, BackendUnavailableError, type BackendName } from './backend-names.js';
export { DEFAULT_EXPERIMENT_OPTIONS, DEFAULT_EXPERIMENT_ID } from './default-experiment.js';
export { BOUND_MARGIN, BOUND_DELTA, ATTENTION_PROBE_INPUTS } from './train-result.js';

/**
 * Train one configuration in this process (loads tfjs and starts a backend on first call): see
 * src/experiments/train.ts (protocol: alg-sample-complexity; export to the reference model: def-tfjs-export).
 * @param c - the config, raw (validated and normalized here) or already normalized.
 * @param opts - run options of train.ts (e.g. signal).
 * @throws DomainError for a bad config, BackendUnavailableError when a forced backend cannot start,
 *   AbortError when opts.signal fires.
 */
export async function trainRun(c: TrainConfigInput | TrainConfig, opts: TrainRunOptions = {}): Promise<TrainResult> {
  const m = await import('./train.js');
  return m.trainRun(c, opts);
}

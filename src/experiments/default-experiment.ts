/**
 * The default experiment (issue 5; protocol OURS, proofs-notes/alg-sample-complexity.md): s = 3 sparse
 * parity, T ∈ {8, 16, 32, 64}, 3 seeds, Transformer and MLP, every training setting at its
 * TrainConfig default. Fixed once, before the measurements reported in the note; never tuned toward
 * the expected answer. Run by scripts/default-experiment.ts and by the report.
 */
import type { SampleComplexityOptions } from './sample-complexity.js';

/** Id of the protocol this experiment instantiates. */
export const DEFAULT_EXPERIMENT_ID = 'alg-sample-complexity';

/** The default experiment's options (search settings at sampleComplexity's defaults, stated here). */
export const DEFAULT_EXPERIMENT_OPTIONS = {
  task: 'parity',
  sparsity: 3,
  contextLengths: [8, 16, 32, 64],
  seeds: 3,
  required: 2,
  models: ['transformer', 'mlp'],
  threshold: 0.99,
  mStart: 16,
  mMax: 2048,
  resolution: 2 ** 0.25,
  base: {},
} as const satisfies SampleComplexityOptions;

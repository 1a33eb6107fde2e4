/**
 * The default experiment (`npm start`, scripts/default-experiment.ts; protocol OURS,
 * proofs-notes/alg-sample-complexity.md): the primary task, s = 3 sparse majority (a first-order
 * signal: each support bit agrees with the label with probability 3/4), T ∈ {8, 16, 32}, 3 seeds with 2
 * required, Transformer and MLP, m from 16 doubling to 2048 then bisection to 2^{1/4}, every training
 * setting at its TrainConfig default except each model's Adam learning rate, which is the one the T = 24
 * pilot chose (full-experiment-config.ts; alg-sample-complexity §13: TrainConfig's default 0.003 came from
 * a pilot at T = 16, a T inside this grid). Chosen by a pilot-free rule on 2026-12-01, before it was ever run
 * on this task: the three smallest T of the full grid (the fewest that allow a fit of three laws and a
 * verdict, alg-learning-verdict needs ≥ 3 T ≥ 8) and the fewest seeds that allow a strict majority
 * other than unanimity; mMax as in the earlier default experiment. Never tuned toward the expected answer.
 */
import type { SampleComplexityOptions } from './sample-complexity.js';
import { FULL_EXPERIMENT } from './full-experiment-config.js';

/** Id of the protocol this experiment instantiates. */
export const DEFAULT_EXPERIMENT_ID = 'alg-sample-complexity';

/** The default experiment's options (search settings at sampleComplexity's defaults, stated here). */
export const DEFAULT_EXPERIMENT_OPTIONS = {
  /** Sparse majority, the primary task (first-order signal). */
  task: 'majority',
  /** s = 3. */
  sparsity: 3,
  /** T ∈ {8, 16, 32}: the three smallest T of the full grid. */
  contextLengths: [8, 16, 32],
  /** n = 3 seeds per probed m. */
  seeds: 3,
  /** k = 2 successes required (a strict majority of 3). */
  required: 2,
  /** Both architectures. */
  models: ['transformer', 'mlp'],
  /** Test accuracy 0.99 a fitted seed must reach. */
  threshold: 0.99,
  /** First m probed. */
  mStart: 16,
  /** Largest m probed (the earlier default experiment's); above it m* is censored. */
  mMax: 2048,
  /** ρ = 2^{1/4}, the bisection resolution. */
  resolution: 2 ** 0.25,
  /** No shared override: every other training setting at its TrainConfig default. */
  base: {},
  /** Each model's Adam rate from the T = 24 pilot (outside this grid), as the full experiment uses. */
  modelBase: {
    /** The Transformer's runs. */
    transformer: {
      /** Adam rate 0.001 (pilot at T = 24). */
      learningRate: FULL_EXPERIMENT.learningRates.transformer.adam,
    },
    /** The MLP's runs. */
    mlp: {
      /** Adam rate 0.01 (pilot at T = 24). */
      learningRate: FULL_EXPERIMENT.learningRates.mlp.adam,
    },
  },
} as const satisfies SampleComplexityOptions;

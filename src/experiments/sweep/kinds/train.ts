/**
 * Run kind 'train': one training run of the experiments (src/experiments/api.ts) per grid cell, run
 * by its worker pool (one worker per core, each with its own tfjs backend). Config schema and hash
 * are the experiments' own (trainConfigSchema, configHash), so sweep runs and sample-complexity
 * searches share the store.
 */
import { configHash, trainConfigSchema, type TrainConfig } from '../../config.js';
import type { RunKind } from '../kind.js';
import type { ExperimentsApi, TrainResultLike } from '../providers.js';

function gapOf(bound: unknown): number | null {
  if (bound && typeof bound === 'object' && typeof (bound as { generalizationGap?: unknown }).generalizationGap === 'number') {
    return (bound as { generalizationGap: number }).generalizationGap;
  }
  return null;
}

/** The 'train' run kind over the given experiments API. */
export function trainKind(api: ExperimentsApi): RunKind<TrainConfig, TrainResultLike> {
  return {
    name: 'train',
    configSchema: trainConfigSchema,
    hash: (c) => configHash(c),
    async runAll(configs, opts) {
      await api.runPool([...configs], { workers: opts.workers, onResult: opts.onResult, ...(opts.signal ? { signal: opts.signal } : {}) });
    },
    row: (c, r) => ({
      task: c.task,
      model: c.model,
      contextLength: c.contextLength,
      sparsity: c.sparsity,
      sampleSize: c.sampleSize,
      seed: c.seed,
      width: c.width,
      heads: c.heads,
      layers: c.layers,
      steps: r.steps,
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      supportAttentionMass: r.supportAttentionMass,
      certifiedMargin: r.certifiedMargin,
      boundGap: gapOf(r.bound),
      backend: r.backend,
      wallSeconds: r.wallSeconds,
    }),
    volatileFields: ['wallSeconds'],
  };
}

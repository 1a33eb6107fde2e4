/**
 * Run kind 'train': one training run of the experiments (src/experiments/api.ts) per grid cell, run
 * by its worker pool (one worker process per core, each with its own tfjs backend; workers die with
 * the parent). Config schema and hash are the experiments' own (trainConfigSchema, configHash), so
 * sweep runs and sample-complexity searches share the store.
 */
import { configHash, runPool, trainConfigSchema, type TrainConfig, type TrainResult } from '../../api.js';
import type { RunKind } from '../kind.js';

/** The bound's generalization gap stored in a train result, or null. */
export function trainBoundGap(r: TrainResult): number | null {
  const b = r.bound as { generalizationGap?: unknown } | null;
  return b && typeof b.generalizationGap === 'number' && Number.isFinite(b.generalizationGap) ? b.generalizationGap : null;
}

/** The 'train' run kind. */
export function trainKind(): RunKind<TrainConfig, TrainResult> {
  return {
    name: 'train',
    configSchema: trainConfigSchema,
    hash: (c) => configHash(c),
    async runAll(configs, opts) {
      await runPool([...configs], { ...(opts.workers ? { workers: opts.workers } : {}), onResult: opts.onResult, ...(opts.signal ? { signal: opts.signal } : {}) });
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
      boundGap: trainBoundGap(r),
      backend: r.backend,
      wallSeconds: r.wallSeconds,
    }),
    volatileFields: ['wallSeconds', 'cpuSeconds'],
  };
}

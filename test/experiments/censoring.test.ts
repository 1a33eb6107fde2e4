/**
 * The search's separation of optimization from statistics (alg-sample-complexity §5), end to end with a
 * scripted executor (no training): runs that never fit are counted as optimization-censored, never as
 * statistical failures; too many censored runs at an m leave the bracket unresolved instead of failing
 * silently; old stored results without fitTrainSet are read as fit iff trainAccuracy = 1.
 */
import { describe, expect, test } from 'vitest';
import { sampleComplexity, type RunExecutor } from '../../src/experiments/sample-complexity.js';
import type { TrainConfig } from '../../src/experiments/config.js';
import type { TrainResult } from '../../src/experiments/train.js';
import { runFitTrainSet, seedOutcome } from '../../src/experiments/stats/outcome.js';
import { bootstrapMstar } from '../../src/experiments/stats/bootstrap-mstar.js';

/** An executor whose result for (m, seed) is scripted: 'S' success, 'F' fit but wrong, 'C' never fit. */
function scripted(f: (m: number, seed: number) => 'S' | 'F' | 'C'): RunExecutor & { calls: number } {
  const ex = {
    calls: 0,
    async run(cs: readonly TrainConfig[]): Promise<TrainResult[]> {
      ex.calls += cs.length;
      return cs.map((c) => {
        const o = f(c.sampleSize, c.seed);
        return {
          config: c,
          backend: 'scripted',
          trainAccuracy: o === 'C' ? 0.7 : 1,
          testAccuracy: o === 'S' ? 1 : 0.6,
          steps: 100,
          fitTrainSet: o !== 'C',
          fitStep: o === 'C' ? null : 50,
          cpuSeconds: 0,
          wallSeconds: 0,
        } as unknown as TrainResult;
      });
    },
  };
  return ex;
}

const base = { task: 'majority' as const, sparsity: 3, contextLengths: [16], seeds: 3, required: 2, models: ['mlp' as const], mStart: 16, mMax: 1024, workers: 1 };

describe('optimization-censored runs in the search', () => {
  test('never-fit runs are censored, not statistical failures; a clean threshold is found as before', async () => {
    // m < 100: seed 3 never fits, seeds 1-2 fit and fail; m >= 100: all succeed.
    const r = await sampleComplexity({ ...base, pool: scripted((m, seed) => (m >= 100 ? 'S' : seed === 3 ? 'C' : 'F')) });
    const [row] = r.rows;
    expect(row.status).toBe('found');
    expect(row.mStar).toBeGreaterThanOrEqual(100);
    for (const p of row.probes.filter((q) => q.m < 100)) {
      expect([p.successes, p.statisticalFailures, p.censored, p.decision]).toEqual([0, 2, 1, 'failure']);
      expect(p.outcomes).toEqual(['statistical-failure', 'statistical-failure', 'censored']);
    }
    expect(row.censoredRuns).toBe(row.probes.filter((q) => q.m < 100).length);
  });

  test('too many censored runs at an m: the probe is censored and the bracket stays open (unresolved), never a silent failure', async () => {
    // m in [64, 200): two seeds never fit (so 2 of 3 cannot be decided); m >= 200 succeed; m < 64 fail.
    const r = await sampleComplexity({ ...base, pool: scripted((m, seed) => (m >= 200 ? 'S' : m >= 64 ? (seed === 1 ? 'F' : 'C') : 'F')) });
    const [row] = r.rows;
    const censoredProbes = row.probes.filter((p) => p.decision === 'censored');
    expect(censoredProbes.length).toBeGreaterThan(0);
    for (const p of censoredProbes) expect([p.successes, p.statisticalFailures, p.censored]).toEqual([0, 1, 2]);
    expect(row.status).toBe('unresolved');
    expect(row.mStar).toBeNull();
    expect(row.lowerBracket).toBe(32);
    expect(row.upperBracket).toBe(256);
  });

  test('censored at mMax with no success: unresolved, not above-max', async () => {
    const r = await sampleComplexity({ ...base, mMax: 128, pool: scripted(() => 'C') });
    expect(r.rows[0].status).toBe('unresolved');
    const f = await sampleComplexity({ ...base, mMax: 128, pool: scripted(() => 'F') });
    expect(f.rows[0].status).toBe('above-max');
  });

  test('confirmation probes at 2m*, 4m* (<= mMax) never change m* and give the bootstrap data above m*', async () => {
    // Seed 3 fails below 400; seeds 1-2 succeed from 100 on: m* is found where 2 of 3 succeed.
    const f = (m: number, seed: number) => (seed === 3 ? (m >= 400 ? 'S' : 'F') : m >= 100 ? 'S' : 'F');
    const plain = await sampleComplexity({ ...base, pool: scripted(f) });
    const confirmed = await sampleComplexity({ ...base, confirmProbes: 2, pool: scripted(f) });
    const [a] = plain.rows;
    const [b] = confirmed.rows;
    expect(b.mStar).toBe(a.mStar);
    expect(b.probes.slice(0, a.probes.length)).toEqual(a.probes);
    expect(b.probes.slice(a.probes.length).map((p) => p.m)).toEqual([2 * a.mStar!, 4 * a.mStar!].filter((m) => m <= base.mMax));
    const table = { probes: b.probes.map((p) => ({ m: p.m, outcomes: p.outcomes })), required: 2 };
    expect(bootstrapMstar({ probes: a.probes.map((p) => ({ m: p.m, outcomes: p.outcomes })), required: 2 }).upper).toBe(Infinity);
    expect(bootstrapMstar(table).upper).toBeLessThanOrEqual(4 * a.mStar!);
  });

  test('old stored results without fitTrainSet: fit iff trainAccuracy = 1', () => {
    expect(runFitTrainSet({ trainAccuracy: 1, testAccuracy: 0.5, steps: 1 })).toBe(true);
    expect(runFitTrainSet({ trainAccuracy: 0.99, testAccuracy: 1, steps: 1 })).toBe(false);
    expect(seedOutcome({ trainAccuracy: 0.99, testAccuracy: 1, steps: 1 }, 0.99)).toBe('censored');
    expect(runFitTrainSet({ trainAccuracy: 0.9, testAccuracy: 1, steps: 1, fitTrainSet: true })).toBe(true);
  });
});

/**
 * The default run's plan and progress accounting (issue 12 item 4): the worst-case probe count is the
 * bracket search's own (against an exhaustive replay without memo), the learning bar's total is fixed
 * up front and, over searches whose probe outcomes fast-check draws (success, statistical failure,
 * optimization-censored), `done` never decreases, never exceeds the total and ends exactly at it;
 * plain progress lines carry an ETA and a constant total; the plan lists every step with its counts.
 */
import { describe, expect, test } from 'vitest';
import { test as ftest, fc } from '../helpers/fc-test.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BracketSearch, type BracketSearchOptions, type ProbeDecision } from '../../src/experiments/bracket-search.js';
import { normalizeSampleComplexityOptions, sampleComplexity, type RunExecutor, type SampleComplexityOptions } from '../../src/experiments/sample-complexity.js';
import type { TrainConfig } from '../../src/experiments/config.js';
import type { TrainResult } from '../../src/experiments/train-result.js';
import { LearningProgress, learningPlan, planLines, worstCaseProbes } from '../../src/report/plan.js';
import { createProgress, etaSeconds } from '../../src/report/progress.js';
import { defaultPlan, DEFAULT_SWEEPS } from '../../src/report/pipeline.js';
import { openRunStore } from '../../src/experiments/store/sqlite-store.js';
import { parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { runKinds } from '../../src/experiments/sweep/kinds.js';
import { runSweep } from '../../src/experiments/sweep/runner.js';
import { DEFAULT_EXPERIMENT_OPTIONS } from '../../src/experiments/default-experiment.js';

/** Exhaustive replay of every decision sequence, no memo (small brackets only). */
function naiveWorst(o: BracketSearchOptions, decisions: ProbeDecision[] = []): number {
  const s = new BracketSearch(o);
  for (const d of decisions) s.record(s.next()!, d);
  if (s.done) return decisions.length;
  return Math.max(...(['success', 'failure', 'censored'] as const).map((d) => naiveWorst(o, [...decisions, d])));
}

/** A deterministic pseudo-random integer from a seed and a config (the fake trainer's outcome). */
function mix(seed: number, c: TrainConfig): number {
  let h = seed >>> 0;
  for (const v of [c.contextLength, c.sampleSize, c.seed, c.model === 'mlp' ? 7 : 3]) h = Math.imul(h ^ v, 2654435761) >>> 0;
  return h;
}

/** A RunExecutor that "trains" instantly: outcome from (seed, config); success more likely at larger m. */
function fakeExecutor(seed: number): RunExecutor {
  return {
    async run(cs) {
      return cs.map((c) => {
        const h = mix(seed, c) % 100;
        const fit = h % 7 !== 0; // about 1 in 7 never fits: optimization-censored
        const ok = h < Math.min(95, 10 + 8 * Math.log2(c.sampleSize));
        return { config: c, testAccuracy: ok ? 1 : 0.6, trainAccuracy: fit ? 1 : 0.8, fitTrainSet: fit, steps: 10, backend: 'fake', wallSeconds: 0 } as unknown as TrainResult;
      });
    },
  };
}

const statuses = new Set<string>();

describe('plan and progress accounting', () => {
  ftest.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 1.05, max: 3, noNaN: true })], { seed: 1212, numRuns: 60 })(
    'worstCaseProbes equals the exhaustive replay of every decision sequence',
    (mStart, extra, resolution) => {
      const o = { mStart, mMax: mStart + extra, resolution };
      expect(worstCaseProbes(o)).toBe(naiveWorst(o));
    },
  );

  ftest.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 })], { seed: 4712, numRuns: 25 })(
    'the learning total is fixed up front; done is monotone, bounded by it, and ends at it',
    async (seed, confirmProbes) => {
      const opts: SampleComplexityOptions = {
        task: 'parity',
        sparsity: 2,
        contextLengths: [4, 8, 16],
        seeds: 3,
        required: 2,
        models: ['transformer', 'mlp'],
        mStart: 8,
        mMax: 256,
        confirmProbes,
        pool: fakeExecutor(seed),
      };
      const normalized = normalizeSampleComplexityOptions(opts);
      const account = new LearningProgress(normalized);
      expect(account.total).toBe(learningPlan(normalized).worstRuns);
      const seen: number[] = [];
      const result = await sampleComplexity({ ...opts, onRun: (c, r) => void seen.push(account.record(c, r)) });
      expect(seen.length).toBe(result.runs.total);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      expect(Math.max(...seen)).toBeLessThanOrEqual(account.total);
      expect(seen[seen.length - 1]).toBe(account.total);
      expect(account.done).toBe(account.total);
      expect(account.skipped).toBe(account.total - result.runs.total);
      for (const r of result.rows) statuses.add(r.status);
    },
  );

  test('the drawn searches ended every way a search can (found, above-max, unresolved)', () => {
    expect([...statuses].sort()).toEqual(['above-max', 'found', 'unresolved']);
  });

  test('plain progress lines keep one total, clamp done, and carry an ETA at the pace so far', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WriteStream;
    let t = 0;
    const p = createProgress('runs', 40, { stream, now: () => t });
    for (let i = 1; i <= 50; i++) {
      t += 1000;
      p.update(i);
    }
    p.stop();
    expect(lines.every((l) => l.startsWith('runs: ') && / \d+\/40 /.test(` ${l.slice(6)}`))).toBe(true);
    expect(lines[0]).toBe('runs: 10/40 (10.0 s, ETA 30 s)\n');
    expect(lines[lines.length - 1]).toMatch(/^runs: 40\/40 \(.* ETA 0 s\)/);
    expect(etaSeconds(10_000, 10, 40)).toBe(30);
    expect(etaSeconds(5_000, 0, 40)).toBeNull();
  });

  test('the plan names every step with its cells, stored counts and the learning worst case', async () => {
    const store = openRunStore(join(mkdtempSync(join(tmpdir(), 'attn-plan-')), 'runs.db'));
    try {
      const kinds = runKinds();
      const sweeps = DEFAULT_SWEEPS.map(([label, make]) => [label, parseSweepSpec(make(), kinds)] as const);
      await runSweep(sweeps[0][1], kinds.get(sweeps[0][1].kind)!, store);
      const learning = normalizeSampleComplexityOptions(DEFAULT_EXPERIMENT_OPTIONS);
      const steps = defaultPlan(store, sweeps, learning, 2);
      expect(steps.map((s) => s.step)).toEqual([...DEFAULT_SWEEPS.map(([l]) => l), 'learning runs', 'render']);
      const capacity = steps[0];
      expect([capacity.units, capacity.stored, capacity.seconds]).toEqual([store.count('bound'), store.count('bound'), 0]);
      const plan = learningPlan(learning);
      expect(steps[5].units).toBe(plan.worstRuns);
      expect(plan.worstRuns).toBe(learning.models.length * learning.contextLengths.length * learning.seeds * worstCaseProbes(learning));
      const lines = planLines(steps, 2);
      expect(lines[0]).toMatch(/^plan: 7 steps/);
      expect(lines).toContain(`  capacity bounds: ${capacity.units} bound cells (${capacity.units} already stored), about 1 s`);
      expect(lines.some((l) => l.startsWith(`  learning runs: ${plan.worstRuns} training runs at most`))).toBe(true);
      expect(lines[lines.length - 1]).toMatch(/^ {2}estimate: about \d+ (s|min \d+ s) in all/);
    } finally {
      store.close();
    }
  });
});

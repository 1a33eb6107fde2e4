/**
 * The default report run (`npm start`): run the sweeps behind sections 1 and 2 and the learning
 * experiment of section 3 into a run store (resumable: a rerun reuses every stored run), then render
 * the report from the store alone (render.ts), exactly as `report --from DB` would.
 */
import { performance } from 'node:perf_hooks';
import type { SqliteRunStore } from '../experiments/store/sqlite-store.js';
import { contentHash } from '../experiments/store/canonical.js';
import { parseSweepSpec } from '../experiments/sweep/spec.js';
import { runKinds } from '../experiments/sweep/kinds.js';
import { createProgress, type ProgressOptions } from './progress.js';
import { adversarialSpec, capacitySpec, representationSSpec, representationTCompactSpec, representationTSpec, LEARNING_SWEEP } from './default-config.js';
import type { SampleComplexityOptions, SampleComplexityResult } from '../experiments/sample-complexity.js';
import type { SweepSpec } from '../experiments/sweep/spec.js';
import type { TrainResult } from '../experiments/train-result.js';
import { availableParallelism } from 'node:os';
import { runSweep, sweepStatus } from '../experiments/sweep/runner.js';
import { LearningProgress, learningPlan, MEASURED_UNIT_SECONDS, planLines, type PlanStep } from './plan.js';

/** Options of runDefaultSweeps. */
export interface DefaultRunOptions {
  /** Skip section 3's training (sections 1, 2 and 4 only). */
  readonly skipLearning?: boolean;
  /** Worker processes for training (default: one per core). */
  readonly workers?: number;
  /** How progress bars are drawn (default: bars on stderr when it is a terminal). */
  readonly progress?: ProgressOptions;
  /** Stops the run when it fires; every run finished so far stays in the store. */
  readonly signal?: AbortSignal;
  /** One line per finished step (name, seconds, what it did). */
  readonly log?: (line: string) => void;
}

/** Timing of one pipeline step. */
export interface StepTiming {
  /** The step's name, e.g. "capacity bounds". */
  readonly step: string;
  /** Wall-clock seconds the step took (load-dependent). */
  readonly seconds: number;
  /** What it did, in words: cells or runs, how many ran now and how many were reused. */
  readonly detail: string;
}

/**
 * Run every default step into the store: the sweeps of sections 1, 2 and 4, then (unless skipLearning)
 * the default sample-complexity experiment (alg-sweep-runner, alg-sample-complexity). Resumable: stored
 * runs are reused. Returns the per-step timings.
 */
export async function runDefaultSweeps(store: SqliteRunStore, o: DefaultRunOptions = {}): Promise<StepTiming[]> {
  const kinds = runKinds();
  const timings: StepTiming[] = [];
  const sweeps = DEFAULT_SWEEPS.map(([label, make]) => [label, parseSweepSpec(make(), kinds)] as const);
  const { DEFAULT_EXPERIMENT_OPTIONS, normalizeSampleComplexityOptions } = await import('../experiments/api.js');
  const learning = o.skipLearning ? null : normalizeSampleComplexityOptions(DEFAULT_EXPERIMENT_OPTIONS);
  for (const l of planLines(defaultPlan(store, sweeps, learning, o.workers ?? availableParallelism()), o.workers ?? availableParallelism())) o.log?.(l);
  for (const [label, spec] of sweeps) {
    const t0 = performance.now();
    let bar: ReturnType<typeof createProgress> | null = null;
    const s = await runSweep(spec, kinds.get(spec.kind)!, store, {
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (p) => {
        bar ??= createProgress(label, p.total, o.progress);
        bar.update(p.done);
      },
    });
    (bar as ReturnType<typeof createProgress> | null)?.stop();
    const t = { step: label, seconds: (performance.now() - t0) / 1000, detail: `${s.total} cells, ${s.ran} run now, ${s.skipped} reused` };
    timings.push(t);
    o.log?.(`${t.step}: ${t.detail} (${t.seconds.toFixed(1)} s)`);
  }
  if (!o.skipLearning) {
    const t = await runSampleComplexityIntoStore(store, DEFAULT_EXPERIMENT_OPTIONS, o);
    timings.push(t);
    o.log?.(`${t.step}: ${t.detail} (${t.seconds.toFixed(1)} s)`);
  }
  return timings;
}

/** The default sweeps in run order: progress label and spec (sections 1, 2 and 4). */
export const DEFAULT_SWEEPS: readonly (readonly [string, () => unknown])[] = [
  ['capacity bounds', capacitySpec],
  ['constructions vs T', representationTSpec],
  ['constructions vs T (compact)', representationTCompactSpec],
  ['constructions vs s', representationSSpec],
  ['adversarial checks', adversarialSpec],
];

/** Typical plot count of the default report (for the render estimate only; the bar counts the real ones). */
const DEFAULT_PLOTS = 10;

/**
 * The default run's plan: per sweep its cells and how many are stored, the learning step at the bracket
 * searches' worst case (learningPlan), and the rendering; each with an estimate from MEASURED_UNIT_SECONDS.
 * @param store - the run store (stored cells are reused, so they cost nothing).
 * @param sweeps - the parsed default sweeps.
 * @param learning - the normalized default experiment, or null when skipped.
 * @param workers - training workers.
 */
export function defaultPlan(store: SqliteRunStore, sweeps: readonly (readonly [string, SweepSpec])[], learning: SampleComplexityResult['options'] | null, workers: number): PlanStep[] {
  const kinds = runKinds();
  const steps: PlanStep[] = sweeps.map(([label, spec]) => {
    const st = sweepStatus(spec, kinds.get(spec.kind)!, store);
    const unit = MEASURED_UNIT_SECONDS[spec.kind as 'bound' | 'construct' | 'adversarial'] ?? MEASURED_UNIT_SECONDS.construct;
    return { step: label, units: st.total, stored: st.stored, what: `${spec.kind} cells`, seconds: st.missing * unit };
  });
  if (learning) {
    const plan = learningPlan(learning);
    const perRun = learning.models.reduce((a, m) => a + (MEASURED_UNIT_SECONDS.train[m] ?? 0.1), 0) / learning.models.length;
    const stored = store.runs('train').filter((r) => {
      const c = (r.result as TrainResult).config;
      return c.task === learning.task && c.sparsity === learning.sparsity && learning.models.includes(c.model) && learning.contextLengths.includes(c.contextLength);
    }).length;
    steps.push({
      step: 'learning runs',
      units: plan.worstRuns,
      stored,
      what: `training runs at most (${learning.models.length} architectures × ${learning.contextLengths.length} T = ${plan.searches} bracket searches × ≤ ${plan.worstProbesPerSearch} probes × ${plan.seeds} seeds; a search that stops early skips the rest)`,
      seconds: (Math.max(0, plan.worstRuns - stored) * perRun) / Math.max(1, Math.min(workers, availableParallelism())),
    });
  }
  steps.push({ step: 'render', units: DEFAULT_PLOTS, stored: 0, what: 'plots or so and the tables, from the store', seconds: DEFAULT_PLOTS * MEASURED_UNIT_SECONDS.plot });
  return steps;
}

/**
 * Run the experiments' sample-complexity search (alg-sample-complexity) with the run store as its
 * RunStore (every training run stored under its configHash as it finishes, so an interrupted search
 * resumes), then store the finished search as a run of kind 'sample-complexity'. The progress bar's
 * total is the searches' worst case, fixed up front (plan.ts LearningProgress).
 */
export async function runSampleComplexityIntoStore(store: SqliteRunStore, options: SampleComplexityOptions, o: Omit<DefaultRunOptions, 'skipLearning' | 'log'> = {}): Promise<StepTiming> {
  const t0 = performance.now();
  const { sampleComplexity, normalizeSampleComplexityOptions } = await import('../experiments/api.js');
  const opts: SampleComplexityOptions = { ...options, contextLengths: [...options.contextLengths], ...(options.models ? { models: [...options.models] } : {}) };
  const normalized = normalizeSampleComplexityOptions(opts);
  const account = new LearningProgress(normalized);
  const bar = createProgress('learning runs', account.total, o.progress);
  let n = 0;
  let reused = 0;
  const result = await sampleComplexity(
    {
      ...opts,
      ...(o.workers ? { workers: o.workers } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      onRun: (c, r, wasReused) => {
        n++;
        if (wasReused) reused++;
        bar.update(account.record(c, r), `T=${c.contextLength} m=${c.sampleSize} ${c.model}`);
      },
    },
    {
      get: (h) => store.get(h),
      put: (h, r) => void store.putRun({ hash: h, kind: 'train', sweep: LEARNING_SWEEP, config: r.config, result: r }),
    },
  );
  bar.update(account.done);
  bar.stop();
  store.putRun({ hash: contentHash('sample-complexity', normalized), kind: 'sample-complexity', sweep: LEARNING_SWEEP, config: normalized, result });
  return {
    step: 'learning (sample complexity)',
    seconds: (performance.now() - t0) / 1000,
    detail: `${n} runs needed (of at most ${account.total}), ${reused} reused, backends ${result.backends.join(',') || 'none'}`,
  };
}

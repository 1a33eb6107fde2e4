/**
 * The default report run (`npm start`): run the sweeps behind sections 1 and 2 and the learning
 * experiment of section 3 into a run store (resumable: a rerun reuses every stored run), then render
 * the report from the store alone (render.ts), exactly as `report --from DB` would.
 */
import { performance } from 'node:perf_hooks';
import type { SqliteRunStore } from '../experiments/store/sqlite-store.js';
import { contentHash } from '../experiments/store/canonical.js';
import { parseSweepSpec } from '../experiments/sweep/spec.js';
import { runSweep } from '../experiments/sweep/runner.js';
import { runKinds } from '../experiments/sweep/kinds.js';
import { createProgress, type ProgressOptions } from './progress.js';
import { adversarialSpec, capacitySpec, representationSSpec, representationTCompactSpec, representationTSpec, LEARNING_SWEEP } from './default-config.js';
import type { SampleComplexityOptions } from '../experiments/sample-complexity.js';

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
  const sweeps: [string, unknown][] = [
    ['capacity bounds', capacitySpec()],
    ['constructions vs T', representationTSpec()],
    ['constructions vs T (compact)', representationTCompactSpec()],
    ['constructions vs s', representationSSpec()],
    ['adversarial checks', adversarialSpec()],
  ];
  for (const [label, raw] of sweeps) {
    const t0 = performance.now();
    const spec = parseSweepSpec(raw, kinds);
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
    const { DEFAULT_EXPERIMENT_OPTIONS } = await import('../experiments/api.js');
    const t = await runSampleComplexityIntoStore(store, DEFAULT_EXPERIMENT_OPTIONS, o);
    timings.push(t);
    o.log?.(`${t.step}: ${t.detail} (${t.seconds.toFixed(1)} s)`);
  }
  return timings;
}

/**
 * Run the experiments' sample-complexity search (alg-sample-complexity) with the run store as its
 * RunStore (every training run stored under its configHash as it finishes, so an interrupted search
 * resumes), then store the finished search as a run of kind 'sample-complexity'.
 */
export async function runSampleComplexityIntoStore(store: SqliteRunStore, options: SampleComplexityOptions, o: Omit<DefaultRunOptions, 'skipLearning' | 'log'> = {}): Promise<StepTiming> {
  const t0 = performance.now();
  const { sampleComplexity, normalizeSampleComplexityOptions } = await import('../experiments/api.js');
  const opts: SampleComplexityOptions = { ...options, contextLengths: [...options.contextLengths], ...(options.models ? { models: [...options.models] } : {}) };
  const normalized = normalizeSampleComplexityOptions(opts);
  const estimate = normalized.models.length * normalized.contextLengths.length * normalized.seeds * 6;
  const bar = createProgress('learning runs', estimate, o.progress);
  let n = 0;
  let total = estimate;
  let reused = 0;
  const result = await sampleComplexity(
    {
      ...opts,
      ...(o.workers ? { workers: o.workers } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      onRun: (c, _r, wasReused) => {
        n++;
        if (wasReused) reused++;
        if (n > total) {
          total = Math.ceil(n * 1.5);
          bar.setTotal(total);
        }
        bar.update(n, `T=${c.contextLength} m=${c.sampleSize} ${c.model}`);
      },
    },
    {
      get: (h) => store.get(h),
      put: (h, r) => void store.putRun({ hash: h, kind: 'train', sweep: LEARNING_SWEEP, config: r.config, result: r }),
    },
  );
  bar.setTotal(n);
  bar.update(n);
  bar.stop();
  store.putRun({ hash: contentHash('sample-complexity', normalized), kind: 'sample-complexity', sweep: LEARNING_SWEEP, config: normalized, result });
  return {
    step: 'learning (sample complexity)',
    seconds: (performance.now() - t0) / 1000,
    detail: `${n} runs needed, ${reused} reused, backends ${result.backends.join(',') || 'none'}`,
  };
}

/**
 * The full learning experiment of issue 10 (protocol OURS, proofs-notes/alg-sample-complexity.md §5–6):
 * the primary test (sparse majority and sparse AND at s = 3, T ∈ {8, …, 256}, 5 seeds, Transformer and
 * MLP, m* to 2^{1/4}), the parity hardness case (s = 2 and 3, step budgets growing with T) and a
 * fresh-samples steps-to-fit series. A plan of independent units (one search per (task, s, model, T), or
 * one fresh run), sharded by unit index mod N like `sweep` (`--shard i/N`), every training run and every
 * finished search stored in the SQLite run store, so a rerun resumes. Fixed 2026-12-01 before any run.
 */
import { contentHash } from './store/canonical.js';
import type { SqliteRunStore } from './store/sqlite-store.js';
import { configHash, normalizeConfig, type TrainConfig, type TrainConfigInput } from './config.js';
import { normalizeSampleComplexityOptions, sampleComplexity, type RunExecutor, type SampleComplexityOptions, type SampleComplexityResult } from './sample-complexity.js';
import type { TrainResult } from './train-result.js';
import { DEFAULT_RESOLUTION } from './bracket-search.js';
import { curveVerdicts, type CurveVerdict } from './stats/curve-verdicts.js';
import { runFitStep, type RunReading } from './stats/outcome.js';
import { z } from 'zod';
import { domainError } from '../core/errors.js';
import { fullExperimentSettings } from './full-experiment-config.js';

/** Id of the protocol the experiment instantiates. */
export const FULL_EXPERIMENT_ID = 'alg-sample-complexity';
/** Sweep name of every run the full experiment stores. */
export const FULL_EXPERIMENT_SWEEP = 'full-experiment';

/** The experiment's knobs (defaults = the issue's grid; --max-T and --seeds shrink it for smoke runs). */
export interface FullExperimentSettings {
  /** Largest T of every grid (default 256). */
  readonly maxT: number;
  /** Seeds of the primary test (default 5, the issue's minimum). */
  readonly seeds: number;
  /** Seeds of the parity case and the fresh series (default 3). */
  readonly paritySeeds: number;
  /** Largest m of every search (default 4096). */
  readonly mMax: number;
  /** Include the parity searches and the fresh series (default true). */
  readonly parity: boolean;
}

/** Defaults of FullExperimentSettings. */
export const FULL_EXPERIMENT_DEFAULTS: FullExperimentSettings = { maxT: 256, seeds: 5, paritySeeds: 3, mMax: 4096, parity: true };

/**
 * Confirmation probes at 2m* and 4m* (≤ mMax) after each found search: without data above m* the bootstrap
 * of a seed that fails at the largest probe has no finite upper end (seen on the 3-seed default run,
 * 2026-12-01; added before the full experiment ran; they never change m* or the verdict rule).
 */
export const FULL_EXPERIMENT_CONFIRM_PROBES = 2;

/** The primary grid: T = 8..256 by factors of 2. */
export const PRIMARY_CONTEXT_LENGTHS = [8, 16, 32, 64, 128, 256] as const;
/** Parity grids (hardness case): s = 2 up to T = 64, s = 3 up to T = 32 (the budget grows with T). */
export const PARITY_CONTEXT_LENGTHS: Readonly<Record<number, readonly number[]>> = { 2: [8, 16, 32, 64], 3: [8, 16, 32] };

/** Largest m of the parity searches (half the primary's: parity runs cost more steps each). */
export const PARITY_M_MAX = 2048;

/**
 * The training settings of a search's runs: the pilot-chosen protocol of full-experiment-config.ts
 * (Adam at the pilot's learning rate per model, initial budget 2000 steps doubled while a run has not fit,
 * up to 128000 for the primary tasks and 2000·(T/8)² for parity; primary runs restart from new weights up
 * to 3 times when still unfit at the cap). `model` is set by the search itself.
 */
function protocolBase(model: TrainConfig['model'], task: 'majority' | 'and' | 'parity', T: number): Partial<TrainConfigInput> {
  const { model: _m, ...rest } = fullExperimentSettings(model, 'adam', task, T);
  return rest;
}

/** One unit of the plan: a search for m* at one (task, s, model, T), or one fresh-samples run. */
export type FullExperimentUnit =
  | {
      /** Position in the plan, 0-based: the shard key. */
      readonly index: number;
      /** A sample-complexity search. */
      readonly kind: 'search';
      /** 'primary' (majority, AND) or 'parity' (the hardness case). */
      readonly group: 'primary' | 'parity';
      /** The search's options: one model, one T, confirmation probes, the pilot-chosen protocol as base. */
      readonly options: SampleComplexityOptions;
    }
  | {
      /** Position in the plan, 0-based: the shard key. */
      readonly index: number;
      /** One training run in fresh mode. */
      readonly kind: 'fresh';
      /** The fresh-samples series (steps to fit, which in fresh mode means to solve). */
      readonly group: 'fresh';
      /** The normalized config of the run (dataMode 'fresh', parity at its T-dependent budget). */
      readonly config: TrainConfig;
    };

/**
 * Build the plan (units in a fixed order; the index is the shard key; alg-sample-complexity §8):
 * primary searches (task, model, T ≤ maxT), then, when `parity`, the parity searches and the fresh runs.
 * @param s - the settings, trusted (validate with checkFullExperimentSettings first).
 * @throws DomainError from normalizeConfig only if the fixed protocol were invalid for a unit.
 */
export function fullExperimentPlan(s: FullExperimentSettings = FULL_EXPERIMENT_DEFAULTS): FullExperimentUnit[] {
  const units: FullExperimentUnit[] = [];
  const push = (u: Omit<Extract<FullExperimentUnit, { kind: 'search' }>, 'index'> | Omit<Extract<FullExperimentUnit, { kind: 'fresh' }>, 'index'>) =>
    units.push({ ...u, index: units.length } as FullExperimentUnit);
  const search = (task: TrainConfig['task'], sparsity: number, model: TrainConfig['model'], T: number, seeds: number, base: Partial<TrainConfigInput>, mMax = s.mMax): SampleComplexityOptions => ({
    task,
    sparsity,
    contextLengths: [T],
    seeds,
    required: Math.floor(seeds / 2) + 1,
    models: [model],
    threshold: 0.99,
    mStart: 16,
    mMax,
    resolution: DEFAULT_RESOLUTION,
    confirmProbes: FULL_EXPERIMENT_CONFIRM_PROBES,
    base,
  });
  for (const task of ['majority', 'and'] as const)
    for (const model of ['transformer', 'mlp'] as const)
      for (const T of PRIMARY_CONTEXT_LENGTHS) if (T <= s.maxT) push({ kind: 'search', group: 'primary', options: search(task, 3, model, T, s.seeds, protocolBase(model, task, T)) });
  if (s.parity) {
    for (const sp of [2, 3])
      for (const model of ['transformer', 'mlp'] as const)
        for (const T of PARITY_CONTEXT_LENGTHS[sp])
          if (T <= s.maxT) push({ kind: 'search', group: 'parity', options: search('parity', sp, model, T, s.paritySeeds, protocolBase(model, 'parity', T), Math.min(s.mMax, PARITY_M_MAX)) });
    // The fresh-samples series (steps to solve against T, the iteration regime of Barak et al.).
    for (const sp of [2, 3])
      for (const model of ['transformer', 'mlp'] as const)
        for (const T of PARITY_CONTEXT_LENGTHS[sp])
          if (T <= s.maxT)
            for (let seed = 1; seed <= s.paritySeeds; seed++)
              push({
                kind: 'fresh',
                group: 'fresh',
                config: normalizeConfig({ ...protocolBase(model, 'parity', T), task: 'parity', sparsity: sp, contextLength: T, model, seed, sampleSize: 64, dataMode: 'fresh' } as TrainConfigInput),
              });
  }
  return units;
}

/**
 * Units of shard i/N: index ≡ i − 1 (mod N), as `sweep` shards cells.
 * @param units - the plan.
 * @param shard - i (1-based `index`) and N (`count`), trusted (the CLI parses them); absent = every unit.
 */
export function shardUnits(units: readonly FullExperimentUnit[], shard?: { index: number; count: number }): FullExperimentUnit[] {
  return shard ? units.filter((u) => u.index % shard.count === shard.index - 1) : [...units];
}

/**
 * CPU milliseconds per optimizer step at (T, model), batch 64, wasm: measured medians of
 * bench/training-throughput.ts (Transformer 12.4k / 13.2k / 10.9k samples/s at T = 64 / 128 / 256, MLP
 * 37.6k / 32.9k / 25.8k; alg-sample-complexity §Training throughput) plus the early-stopping
 * evaluations, as a line in T. An estimate for planning, not a measurement of this machine.
 * @param T - the context length.
 * @param model - the architecture.
 * @returns estimated CPU milliseconds per step.
 */
export function msPerStep(T: number, model: TrainConfig['model']): number {
  return model === 'transformer' ? 4.5 + 0.006 * T : 1.6 + 0.0035 * T;
}
/** Per-run overhead outside the steps (data, test evaluation, diagnostics), seconds (planning estimate). */
export const RUN_OVERHEAD_SECONDS = 0.5;

/**
 * Worst-case probes of one search: D + 1 doublings (D = ⌈log₂(mMax/mStart)⌉) + ⌈log₂(ln 2/ln ρ)⌉ + 1
 * bisections (the + 1 covers rounding √(lo·hi) to an integer; the bound properties/alg-sample-complexity
 * checks). Confirmation probes m*·2^j ≤ mMax after a success at the i-th doubling number at most D − i,
 * so they fit in the doublings not taken; after the halving branch (⌈log₂ mStart⌉ + 1 probes) they add c.
 * @param mStart - first m probed.
 * @param mMax - largest m probed.
 * @param resolution - ρ > 1.
 * @param confirmProbes - c, confirmation probes after a found search.
 */
export function worstCaseProbes(mStart: number, mMax: number, resolution: number, confirmProbes = 0): number {
  const bisect = Math.max(0, Math.ceil(Math.log2(Math.log(2) / Math.log(resolution)) - 1e-9)) + 1;
  return Math.max(Math.ceil(Math.log2(mMax / mStart)) + 1, Math.ceil(Math.log2(mStart)) + 1 + confirmProbes) + bisect;
}

/**
 * The worst-case step count of one run of a config: max(budgetCap, steps) (steps when budgetCap is not a
 * finite number) per attempt, times 1 + restarts attempts.
 * @param c - a normalized config.
 */
export function worstCaseSteps(c: TrainConfig): number {
  const cap = (c as unknown as { budgetCap?: unknown }).budgetCap;
  const perAttempt = typeof cap === 'number' && Number.isFinite(cap) ? Math.max(cap, c.steps) : c.steps;
  // A run that never fits spends its cap once per attempt (1 + restarts attempts).
  return perAttempt * (1 + (c.restarts ?? 0));
}

/**
 * Cost estimate of a unit: runs and CPU seconds when every run uses its full budget and every search its
 * most probes (worstCaseProbes × seeds), from the msPerStep model. A planning bound, not a measurement.
 * @param u - the unit.
 * @throws DomainError from normalizeSampleComplexityOptions or normalizeConfig for a bad unit.
 */
export function unitCost(u: FullExperimentUnit): {
  /** Worst-case number of training runs. */
  runs: number;
  /** Worst-case CPU seconds of those runs, overhead included. */
  cpuSeconds: number;
} {
  if (u.kind === 'fresh') return { runs: 1, cpuSeconds: (worstCaseSteps(u.config) * msPerStep(u.config.contextLength, u.config.model)) / 1000 + RUN_OVERHEAD_SECONDS };
  const o = normalizeSampleComplexityOptions(u.options);
  const c = normalizeConfig({ ...(o.base as Partial<TrainConfigInput>), task: o.task, contextLength: o.contextLengths[0], sparsity: o.sparsity, sampleSize: o.mStart, seed: 1, model: o.models[0] });
  const runs = worstCaseProbes(o.mStart, o.mMax, o.resolution, o.confirmProbes) * o.seeds;
  return { runs, cpuSeconds: runs * ((worstCaseSteps(c) * msPerStep(c.contextLength, c.model)) / 1000 + RUN_OVERHEAD_SECONDS) };
}

/**
 * Label of a unit for logs and the plan.
 * @param u - the unit.
 */
export function unitLabel(u: FullExperimentUnit): string {
  if (u.kind === 'fresh') return `fresh ${u.config.task} s=${u.config.sparsity} ${u.config.model} T=${u.config.contextLength} seed=${u.config.seed}`;
  return `${u.group} ${u.options.task} s=${u.options.sparsity} ${u.options.models![0]} T=${u.options.contextLengths[0]}`;
}

/**
 * Store hash of a unit's finished search (contentHash of its normalized options, kind
 * 'sample-complexity'), or of the fresh run (its configHash).
 * @param u - the unit.
 * @throws DomainError for bad options or config.
 */
export function unitHash(u: FullExperimentUnit): string {
  return u.kind === 'fresh' ? configHash(u.config) : contentHash('sample-complexity', normalizeSampleComplexityOptions(u.options));
}

/**
 * Run units on one shared pool into the store: every training run under its configHash as it finishes,
 * every finished search as kind 'sample-complexity'; a unit already stored is skipped (alg-sample-complexity §8).
 * @param store - a writable SQLite run store; runs go in under sweep FULL_EXPERIMENT_SWEEP.
 * @param units - the units to run (a shard of the plan, or all of it), all advanced concurrently.
 * @param pool - trains the runs.
 * @param onRun - called for every run needed, with the unit's label, trained now or reused.
 * @throws what the pool throws (AbortError on abort), DomainError for a bad unit, FileFormatError for a
 * read-only store.
 */
export async function runFullExperimentUnits(
  store: SqliteRunStore,
  units: readonly FullExperimentUnit[],
  pool: RunExecutor,
  onRun?: (label: string, c: TrainConfig, r: TrainResult, reused: boolean) => void,
): Promise<{
  /** Units run by this call. */
  ran: number;
  /** Units already in the store. */
  skipped: number;
}> {
  let ran = 0;
  let skipped = 0;
  const runStore = {
    get: (h: string) => store.get<TrainResult>(h),
    put: (h: string, r: TrainResult) => void store.putRun({ hash: h, kind: 'train', sweep: FULL_EXPERIMENT_SWEEP, config: r.config, result: r }),
  };
  await Promise.all(
    units.map(async (u) => {
      const h = unitHash(u);
      if (store.has(h)) {
        skipped++;
        return;
      }
      if (u.kind === 'fresh') {
        const [r] = await pool.run([u.config]);
        runStore.put(h, r);
        onRun?.(unitLabel(u), u.config, r, false);
      } else {
        const result = await sampleComplexity({ ...u.options, pool, onRun: (c, r, reused) => onRun?.(unitLabel(u), c, r, reused) }, runStore);
        store.putRun({ hash: h, kind: 'sample-complexity', sweep: FULL_EXPERIMENT_SWEEP, config: normalizeSampleComplexityOptions(u.options), result });
      }
      ran++;
    }),
  );
  return { ran, skipped };
}

/** One point of the fresh-samples series. */
export interface FreshPoint {
  /** The run's task (parity in the plan). */
  readonly task: string;
  /** s. */
  readonly sparsity: number;
  /** The architecture. */
  readonly model: string;
  /** T. */
  readonly contextLength: number;
  /** The run's seed. */
  readonly seed: number;
  /** The run's step budget (reported budgetSteps, else the config's). */
  readonly budget: number;
  /** Step at which the run fit (null: never within its budget). */
  readonly fitStep: number | null;
  /** Step of the first check at which the solve-set accuracy was ≥ 0.99, when reported (else null). */
  readonly solveStep: number | null;
  /** Accuracy on the clean held-out test set at the end of the run. */
  readonly testAccuracy: number;
}

/** The committed summary: every stored search of the experiment, the verdicts and the fresh series. */
export interface FullExperimentSummary {
  /** Always 'full-experiment'. */
  readonly experiment: 'full-experiment';
  /** The protocol id, FULL_EXPERIMENT_ID. */
  readonly protocol: typeof FULL_EXPERIMENT_ID;
  /** The settings the plan was built from. */
  readonly settings: FullExperimentSettings;
  /** Units planned. */
  readonly planned: number;
  /** Units found in the store. */
  readonly stored: number;
  /** Every stored search, in plan order, with its group. */
  readonly searches: readonly (SampleComplexityResult & {
    /** The plan group of the search. */
    readonly group: 'primary' | 'parity';
  })[];
  /** Verdicts per (model, task, s) within each group (alg-learning-verdict, via curveVerdicts). */
  readonly verdicts: readonly (CurveVerdict & {
    /** The plan group the verdict's searches came from. */
    readonly group: 'primary' | 'parity';
  })[];
  /** The fresh-samples series, one point per stored fresh run. */
  readonly fresh: readonly FreshPoint[];
  /** CPU seconds of the stored searches' trained runs and of the fresh runs. */
  readonly cpuSeconds: number;
  /** tfjs backends that ran, sorted. */
  readonly backends: readonly string[];
}

/**
 * Build the summary from whatever of the plan the store holds (alg-sample-complexity §8; verdicts by
 * alg-learning-verdict).
 * @param store - the run store (only read here).
 * @param settings - the settings, recorded in the summary.
 * @param units - the plan (default: fullExperimentPlan(settings)).
 * @throws DomainError for a bad unit (from unitHash) or from curveVerdicts.
 */
export function summarizeFullExperiment(store: SqliteRunStore, settings: FullExperimentSettings, units: readonly FullExperimentUnit[] = fullExperimentPlan(settings)): FullExperimentSummary {
  const searches: (SampleComplexityResult & { group: 'primary' | 'parity' })[] = [];
  const fresh: FreshPoint[] = [];
  const backends = new Set<string>();
  let cpu = 0;
  let stored = 0;
  for (const u of units) {
    const got = store.get(unitHash(u));
    if (!got) continue;
    stored++;
    if (u.kind === 'search') {
      const r = got as SampleComplexityResult;
      searches.push({ ...r, group: u.group });
      for (const b of r.backends) backends.add(b);
      cpu += r.runs.cpuSeconds;
    } else {
      const r = got as TrainResult & RunReading;
      backends.add(r.backend);
      cpu += r.cpuSeconds;
      fresh.push({
        task: u.config.task,
        sparsity: u.config.sparsity,
        model: u.config.model,
        contextLength: u.config.contextLength,
        seed: u.config.seed,
        budget: typeof r.budgetSteps === 'number' ? r.budgetSteps : worstCaseSteps(u.config),
        fitStep: runFitStep(r) ?? (r.fitTrainSet === true || (r.fitTrainSet === undefined && r.trainAccuracy === 1) ? r.steps : null),
        solveStep: typeof r.solveStep === 'number' ? r.solveStep : null,
        testAccuracy: r.testAccuracy,
      });
    }
  }
  const verdicts = (['primary', 'parity'] as const).flatMap((g) => curveVerdicts(searches.filter((s) => s.group === g)).map((v) => ({ ...v, group: g })));
  return { experiment: 'full-experiment', protocol: FULL_EXPERIMENT_ID, settings, planned: units.length, stored, searches, verdicts, fresh, cpuSeconds: cpu, backends: [...backends].sort() };
}

/** zod strict schema of FullExperimentSettings (unknown fields, NaN and non-integers refused). */
export const fullExperimentSettingsSchema = z.strictObject({
  /** Largest T of every grid, an integer ≥ 8. */
  maxT: z.number().int().min(8),
  /** Seeds of the primary test, an integer ≥ 1. */
  seeds: z.number().int().min(1),
  /** Seeds of the parity case and the fresh series, an integer ≥ 1. */
  paritySeeds: z.number().int().min(1),
  /** Largest m of every search, an integer ≥ 16 (mStart). */
  mMax: z.number().int().min(16),
  /** Include the parity searches and the fresh series. */
  parity: z.boolean(),
});

/**
 * Validate settings once at the boundary.
 * @param raw - the settings as given (all five fields required).
 * @throws DomainError `fullExperiment: <field> must be <condition> (got <value>)` for the first bad field.
 */
export function checkFullExperimentSettings(raw: unknown): FullExperimentSettings {
  const r = fullExperimentSettingsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.map(String).join('.') || ((issue as { keys?: string[] }).keys ?? []).join(', ') || '(settings)';
  const got = issue.path.length ? (raw as Record<string, unknown>)?.[String(issue.path[0])] : raw;
  throw domainError('fullExperiment', field, issue.code === 'unrecognized_keys' ? 'a known setting' : issue.message, got);
}

/**
 * Sample complexity against the context length (protocol OURS, DIGEST §5, proofs-notes/alg-sample-complexity.md):
 * for each model and T, m*(T) = the least m at which at least k of n seeds fit their training set and
 * reach test accuracy ≥ the threshold (0.99), runs that never fit counted as optimization-censored, never
 * as statistical failures (note §5), found by BracketSearch (doubling, then geometric bisection), all searches advanced
 * concurrently on one TrainPool, finished runs reused through a RunStore. Then least-squares fits of
 * m* against a + b·log T and a + b·T with residuals, beside the counting floor log₂ C(T, s).
 */
import { performance } from 'node:perf_hooks';
import { domainError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';
import { BracketSearch, checkBracketOptions, DEFAULT_RESOLUTION, type BracketOutcome, type ProbeDecision } from './bracket-search.js';
import { countOutcomes, decideProbe, runFitStep, seedOutcome, type OutcomeCounts, type RunReading, type SeedOutcome } from './stats/outcome.js';
import { configHash, normalizeConfig, TASKS, MODEL_KINDS, type TrainConfig, type TrainConfigInput } from './config.js';
import { fitSampleComplexity, log2Binomial, type LineFit } from './fits.js';
import { TrainPool } from './pool.js';
import { MemoryRunStore, type RunStore } from './run-store.js';
import type { TrainResult } from './train-result.js';

/** Id of the protocol (proofs-notes/alg-sample-complexity.md). */
export const SAMPLE_COMPLEXITY_PROTOCOL_ID = 'alg-sample-complexity';

/** What trains runs for a search: a TrainPool, or an in-process executor (tests). */
export interface RunExecutor {
  /**
   * Train every config and resolve with their results in the same order.
   * @param configs - normalized configs.
   */
  run(configs: readonly TrainConfig[]): Promise<TrainResult[]>;
}

/** Options of a sample-complexity search. */
export interface SampleComplexityOptions {
  /** Target family of every run (one of TASKS). */
  readonly task: TrainConfig['task'];
  /** s. */
  readonly sparsity: number;
  /** The T grid. */
  readonly contextLengths: readonly number[];
  /** n: seeds 1..n are trained at every probed m. */
  readonly seeds: number;
  /** k: successes needed among the n seeds (default: a strict majority, ⌊n/2⌋ + 1). */
  readonly required?: number;
  /** Models to search (default both). */
  readonly models?: readonly TrainConfig['model'][];
  /** Test accuracy a seed must reach (default 0.99). */
  readonly threshold?: number;
  /** First m probed (default 16). */
  readonly mStart?: number;
  /** Largest m probed (default 2048, the default experiment's time budget); above it m* is reported censored. */
  readonly mMax?: number;
  /** Bisection resolution hi/lo (default 2^{1/4}). */
  readonly resolution?: number;
  /**
   * Confirmation probes (default 0): after a search is found, also probe m*·2^j for j = 1..c (those ≤ mMax),
   * so the bootstrap over seeds (alg-bootstrap-mstar) sees each seed above m*; they never change m*.
   */
  readonly confirmProbes?: number;
  /** Every other TrainConfig field (steps, learningRate, width, heads, backend, ...). */
  readonly base?: Partial<Omit<TrainConfigInput, 'task' | 'contextLength' | 'sparsity' | 'sampleSize' | 'seed' | 'model'>>;
  /** Per-model overrides laid over `base` for that model's runs (e.g. each model's pilot-chosen learning rate); default none. */
  readonly modelBase?: Partial<Record<TrainConfig['model'], Partial<Omit<TrainConfigInput, 'task' | 'contextLength' | 'sparsity' | 'sampleSize' | 'seed' | 'model'>>>>;
  /** Worker processes (default one per core; ignored when `pool` is given). */
  readonly workers?: number;
  /** A pool shared with other searches (not closed here; a TrainPool or any RunExecutor); default: a new TrainPool closed at the end. */
  readonly pool?: RunExecutor;
  /** Aborts the search (and the runs of its own pool); ignored by a given `pool`. */
  readonly signal?: AbortSignal;
  /** Called for every run needed, trained now or reused from the store. */
  readonly onRun?: (c: TrainConfig, r: TrainResult, reused: boolean) => void;
}

/** One (model, T) line of the table. */
export interface SampleComplexityRow {
  /** Architecture of the row's runs. */
  readonly model: TrainConfig['model'];
  /** T, the context length of the row's runs. */
  readonly contextLength: number;
  /** m* when status is 'found', else null (above mMax, or unresolved: see upperBracket). */
  readonly mStar: number | null;
  /** Least succeeding probe (= m* when found; an upper bound on m* when unresolved), or null. */
  readonly upperBracket: number | null;
  /** Largest failing probe below m* (the bracket is (lo, m*]). */
  readonly lowerBracket: number | null;
  /** The search's status: 'found', 'above-max' (m* > mMax) or 'unresolved' (censored probes block the bracket). */
  readonly status: BracketOutcome['status'];
  /** Each probed m: its decision, the outcome counts, and per seed (seeds 1..n in order) the figures. */
  readonly probes: readonly SampleComplexityProbe[];
  /** Optimization-censored runs over all probes of this row. */
  readonly censoredRuns: number;
  /** log₂ C(T, s). */
  readonly countingFloor: number;
}

/** One probe of a search (alg-sample-complexity §5). */
export interface SampleComplexityProbe {
  /** The probed training-set size m. */
  readonly m: number;
  /** success (S ≥ k), failure (S + C < k) or censored (S < k ≤ S + C). */
  readonly decision: ProbeDecision;
  /** Successes S (fit and generalized). */
  readonly successes: number;
  /** Statistical failures F (fit, did not generalize). */
  readonly statisticalFailures: number;
  /** Optimization-censored runs C (never fit). */
  readonly censored: number;
  /** Each seed's outcome (seeds 1..n in order). */
  readonly outcomes: SeedOutcome[];
  /** Each seed's accuracy on the clean held-out test set. */
  readonly testAccuracies: number[];
  /** Each seed's accuracy on its (possibly noisy) training labels. */
  readonly trainAccuracies: number[];
  /** Each seed's optimizer steps taken. */
  readonly steps: number[];
  /** Step at which each seed fit its training set (null when not reported or never fit). */
  readonly fitSteps: (number | null)[];
  /** Each seed's step budget after escalations, when the result reports it (else null). */
  readonly budgetSteps: (number | null)[];
  /** Each seed's number of budget escalations, when reported (else null). */
  readonly escalations: (number | null)[];
}

/** Fits for one model over the T where m* was found. */
export interface SampleComplexityFit {
  /** The model whose found m* values are fitted. */
  readonly model: TrainConfig['model'];
  /** T values used (censored ones left out). */
  readonly contextLengths: readonly number[];
  /** Least-squares fit m* ≈ a + b·ln T, or null with fewer than 2 distinct T. */
  readonly log: LineFit | null;
  /** Least-squares fit m* ≈ a + b·T, or null with fewer than 2 distinct T. */
  readonly linear: LineFit | null;
  /** Which form has the smaller residual sum of squares (null with fewer than 3 points: 2 points fit both exactly). */
  readonly betterFit: 'a + b log T' | 'a + b T' | null;
}

/** The whole result. */
export interface SampleComplexityResult {
  /** The protocol id, SAMPLE_COMPLEXITY_PROTOCOL_ID. */
  readonly protocol: 'alg-sample-complexity';
  /** The options with every default filled (what normalizeSampleComplexityOptions returns). */
  readonly options: {
    /** Target family of every run. */
    task: TrainConfig['task'];
    /** s, the support size. */
    sparsity: number;
    /** The T grid, in the given order. */
    contextLengths: number[];
    /** n, seeds 1..n per probed m. */
    seeds: number;
    /** k, successes required among the n seeds. */
    required: number;
    /** Models searched, in order. */
    models: TrainConfig['model'][];
    /** Test accuracy a fitted seed must reach. */
    threshold: number;
    /** First m probed. */
    mStart: number;
    /** Largest m probed. */
    mMax: number;
    /** ρ, the bisection resolution hi/lo. */
    resolution: number;
    /** Confirmation probes m*·2^j, j = 1..c, after a search is found. */
    confirmProbes: number;
    /** The other TrainConfig fields, as given (defaults are filled per run by normalizeConfig). */
    base: Record<string, unknown>;
    /** Per-model overrides of base, as given (present only when given). */
    modelBase?: Record<string, Record<string, unknown>>;
  };
  /** One row per (model, T), models outer, T inner, in the options' order. */
  readonly rows: readonly SampleComplexityRow[];
  /** One fit per model. */
  readonly fits: readonly SampleComplexityFit[];
  /** Run accounting over the whole search. */
  readonly runs: {
    /** Runs requested (seeds × probes over all rows), reused ones included. */
    readonly total: number;
    /** Requests answered from the store or by a run already in flight. */
    readonly reused: number;
    /** Runs trained by this call (total − reused). */
    readonly trained: number;
    /** Sum of the trained runs' wall times, seconds. */
    readonly trainSeconds: number;
    /** Sum of the trained runs' CPU times, seconds (0 for a result that does not report it). */
    readonly cpuSeconds: number;
  };
  /** tfjs backends that ran (or ran the reused runs), sorted. */
  readonly backends: readonly string[];
  /** Wall time of the whole search, seconds. */
  readonly wallSeconds: number;
}

/**
 * Validate and fill the options of a sample-complexity search (alg-sample-complexity §2), and validate
 * `base` once through normalizeConfig on the largest T.
 * @param o - the options (s, the T grid, n, k, ...; see SampleComplexityOptions).
 * @throws DomainError `sampleComplexity: <option> must be <condition> (got <value>)` for a bad option,
 * or normalizeConfig's DomainError for a bad `base` field.
 */
export function normalizeSampleComplexityOptions(o: SampleComplexityOptions): SampleComplexityResult['options'] {
  const fn = 'sampleComplexity';
  if (!(TASKS as readonly string[]).includes(o.task)) throw domainError(fn, 'task', `one of ${TASKS.join('|')}`, o.task);
  requireInteger(fn, 'sparsity', o.sparsity, 1);
  if (!Array.isArray(o.contextLengths) || o.contextLengths.length === 0) throw domainError(fn, 'contextLengths', 'a non-empty list', o.contextLengths);
  for (const T of o.contextLengths) {
    requireInteger(fn, 'contextLengths', T, 1);
    if (o.sparsity > T) throw domainError(fn, 'sparsity', `<= every T (T = ${T})`, o.sparsity);
  }
  requireInteger(fn, 'seeds', o.seeds, 1);
  const required = o.required ?? Math.floor(o.seeds / 2) + 1;
  requireInteger(fn, 'required', required, 1);
  if (required > o.seeds) throw domainError(fn, 'required', `<= seeds = ${o.seeds}`, required);
  const models = [...(o.models ?? MODEL_KINDS)];
  if (models.length === 0) throw domainError(fn, 'models', 'a non-empty list', models);
  for (const m of models) if (!(MODEL_KINDS as readonly string[]).includes(m)) throw domainError(fn, 'models', `made of ${MODEL_KINDS.join('|')}`, m);
  const threshold = o.threshold ?? 0.99;
  if (!Number.isFinite(threshold) || !(threshold > 0 && threshold <= 1)) throw domainError(fn, 'threshold', 'in (0, 1]', threshold);
  const bracket = { mStart: o.mStart ?? 16, mMax: o.mMax ?? 2048, resolution: o.resolution ?? DEFAULT_RESOLUTION };
  checkBracketOptions(fn, bracket);
  const confirmProbes = o.confirmProbes ?? 0;
  requireInteger(fn, 'confirmProbes', confirmProbes, 0);
  const modelBase = o.modelBase;
  if (modelBase !== undefined)
    for (const k of Object.keys(modelBase)) if (!models.includes(k as TrainConfig['model'])) throw domainError(fn, 'modelBase', `keyed by searched models (${models.join('|')})`, k);
  // Validate each model's base config once, on the largest T it will be used for.
  for (const model of models)
    normalizeConfig({ ...o.base, ...(modelBase?.[model] ?? {}), task: o.task, contextLength: Math.max(...o.contextLengths), sparsity: o.sparsity, sampleSize: 1, seed: 1, model });
  return {
    task: o.task,
    sparsity: o.sparsity,
    contextLengths: [...o.contextLengths],
    seeds: o.seeds,
    required,
    models,
    threshold,
    ...bracket,
    confirmProbes,
    base: { ...(o.base ?? {}) },
    ...(modelBase !== undefined ? { modelBase: Object.fromEntries(Object.entries(modelBase).map(([k, v]) => [k, { ...v }])) } : {}),
  };
}

/**
 * The config of the search's run at (model, T, m, seed): base, then the model's modelBase, then the
 * search's own fields. The one definition, for the search and for anything that looks its runs up.
 * @param opts - normalized search options (SampleComplexityResult['options']).
 * @throws DomainError from normalizeConfig for a bad combination.
 */
export function searchRunConfig(opts: SampleComplexityResult['options'], model: TrainConfig['model'], T: number, m: number, seed: number): TrainConfig {
  return normalizeConfig({
    ...(opts.base as Partial<TrainConfigInput>),
    ...((opts.modelBase?.[model] ?? {}) as Partial<TrainConfigInput>),
    task: opts.task as TrainConfig['task'],
    contextLength: T,
    sparsity: opts.sparsity,
    sampleSize: m,
    seed,
    model,
  });
}

/**
 * Run the search for m*(T) (alg-sample-complexity; see the module comment). Reuses any run already in
 * `store` (default: in memory) and puts every new run there as soon as it finishes, so an interrupted
 * search resumes where it stopped.
 * @param o - the options of the search.
 * @param store - where finished runs are looked up and put, keyed by configHash.
 * @throws DomainError for bad options, AbortError when the signal fires.
 */
export async function sampleComplexity(o: SampleComplexityOptions, store: RunStore = new MemoryRunStore()): Promise<SampleComplexityResult> {
  const opts = normalizeSampleComplexityOptions(o);
  const t0 = performance.now();
  interface Search {
    model: TrainConfig['model'];
    T: number;
    search: BracketSearch;
    probes: SampleComplexityRow['probes'][number][];
  }
  const searches: Search[] = [];
  for (const model of opts.models) for (const T of opts.contextLengths) searches.push({ model, T, search: new BracketSearch(opts), probes: [] });
  const configFor = (s: Search, m: number, seed: number): TrainConfig => searchRunConfig(opts, s.model, s.T, m, seed);
  const own = o.pool === undefined ? new TrainPool({ workers: o.workers, signal: o.signal }) : null;
  const pool: RunExecutor = o.pool ?? own!;
  let total = 0;
  let reused = 0;
  let trainSeconds = 0;
  let cpuSeconds = 0;
  const backends = new Set<string>();
  // Each search advances on its own (no round barrier); all share the pool's queue, so a slow run of one
  // search never idles the workers. Identical configs requested twice are trained once.
  const inFlight = new Map<string, Promise<TrainResult>>();
  const obtain = async (c: TrainConfig): Promise<TrainResult> => {
    const h = configHash(c);
    total++;
    const old = store.get(h);
    if (old) {
      reused++;
      o.onRun?.(c, old, true);
      return old;
    }
    let p = inFlight.get(h);
    if (!p) {
      p = pool.run([c]).then(([r]) => {
        store.put(h, r);
        trainSeconds += r.wallSeconds;
        cpuSeconds += typeof r.cpuSeconds === 'number' ? r.cpuSeconds : 0;
        o.onRun?.(c, r, false);
        return r;
      });
      inFlight.set(h, p);
    } else reused++;
    return p;
  };
  const advance = async (s: Search): Promise<void> => {
    while (!s.search.done) {
      const m = s.search.next()!;
      const rs = await Promise.all(Array.from({ length: opts.seeds }, (_, i) => obtain(configFor(s, m, i + 1))));
      for (const r of rs) backends.add(r.backend);
      s.probes.push(summarizeProbe(m, rs, opts.threshold, opts.required));
      s.search.record(m, s.probes[s.probes.length - 1].decision);
    }
    const out = s.search.outcome();
    if (out.status !== 'found' || out.hi === null) return;
    for (let j = 1; j <= opts.confirmProbes; j++) {
      const m = out.hi * 2 ** j;
      if (m > opts.mMax || s.probes.some((p) => p.m === m)) continue;
      const rs = await Promise.all(Array.from({ length: opts.seeds }, (_, i) => obtain(configFor(s, m, i + 1))));
      for (const r of rs) backends.add(r.backend);
      s.probes.push(summarizeProbe(m, rs, opts.threshold, opts.required));
    }
  };
  try {
    await Promise.all(searches.map(advance));
  } finally {
    own?.close();
  }
  const rows: SampleComplexityRow[] = searches.map((s) => {
    const out = s.search.outcome();
    return {
      model: s.model,
      contextLength: s.T,
      mStar: out.status === 'found' ? out.hi : null,
      upperBracket: out.hi,
      lowerBracket: out.lo,
      status: out.status,
      probes: s.probes,
      censoredRuns: s.probes.reduce((a, p) => a + p.censored, 0),
      countingFloor: log2Binomial(s.T, opts.sparsity),
    };
  });
  const fits: SampleComplexityFit[] = opts.models.map((model): SampleComplexityFit => {
    const found = rows.filter((r) => r.model === model && r.mStar !== null);
    const Ts = found.map((r) => r.contextLength);
    if (new Set(Ts).size < 2) return { model, contextLengths: Ts, log: null, linear: null, betterFit: null };
    const f = fitSampleComplexity(
      Ts,
      found.map((r) => r.mStar!),
    );
    const betterFit = found.length < 3 ? null : f.log.rss <= f.linear.rss ? 'a + b log T' : 'a + b T';
    return { model, contextLengths: Ts, log: f.log, linear: f.linear, betterFit };
  });
  return {
    protocol: 'alg-sample-complexity',
    options: opts,
    rows,
    fits,
    runs: { total, reused, trained: total - reused, trainSeconds, cpuSeconds },
    backends: [...backends].sort(),
    wallSeconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Summarize one probe from its seeds' results (read defensively: see RunReading; alg-sample-complexity §5).
 * @param m - the probed training-set size.
 * @param rs - the results of seeds 1..n, in order.
 * @param threshold - test accuracy a fitted seed must reach.
 * @param required - k, successes required.
 * @throws DomainError from decideProbe when required is not an integer ≥ 1.
 */
export function summarizeProbe(m: number, rs: readonly RunReading[], threshold: number, required: number): SampleComplexityProbe {
  const outcomes = rs.map((r) => seedOutcome(r, threshold));
  const c: OutcomeCounts = countOutcomes(outcomes);
  return {
    m,
    decision: decideProbe(c, required),
    successes: c.success,
    statisticalFailures: c.statisticalFailure,
    censored: c.censored,
    outcomes,
    testAccuracies: rs.map((r) => r.testAccuracy),
    trainAccuracies: rs.map((r) => r.trainAccuracy),
    steps: rs.map((r) => r.steps),
    fitSteps: rs.map((r, i) => (outcomes[i] !== 'censored' ? runFitStep(r) : null)),
    budgetSteps: rs.map((r) => (typeof r.budgetSteps === 'number' ? r.budgetSteps : null)),
    escalations: rs.map((r) => (typeof r.escalations === 'number' ? r.escalations : null)),
  };
}

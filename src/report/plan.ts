/**
 * The default run's plan and its progress accounting (issue 12 item 4): before anything runs, what each
 * step will do and how many cells or runs it needs (the learning step at the bracket searches' worst
 * case), with a time estimate; during the run, a learning total fixed up front that never changes: each
 * finished or reused training run advances the count by one, and when a bracket search ends before its
 * worst case the runs it will never need are counted as skipped, so the bar ends exactly at its total.
 */
import { BracketSearch, type BracketSearchOptions, type ProbeDecision } from '../experiments/bracket-search.js';
import { summarizeProbe, type SampleComplexityResult } from '../experiments/sample-complexity.js';
import type { TrainConfig } from '../experiments/config.js';
import type { TrainResult } from '../experiments/train-result.js';
import { formatSeconds } from './format.js';

const DECISIONS: readonly ProbeDecision[] = ['success', 'failure', 'censored'];

/**
 * The largest number of probes a bracket search (alg-sample-complexity) can make before it stops, over
 * every sequence of probe decisions (success, failure, censored): an exhaustive search of the decision
 * tree, replaying BracketSearch itself, so the count is the search's own and not a formula beside it.
 * @param o - mStart, mMax and the resolution, as the search takes them.
 * @throws DomainError for bad options (as BracketSearch).
 */
export function worstCaseProbes(o: BracketSearchOptions): number {
  new BracketSearch(o); // validates
  // The rest of a search depends only on (lo, hi, pending) and the censored probes inside (lo, hi): a
  // decided probe is never re-probed (bisection stays strictly inside the bracket, doubling above every
  // probe), so only a censored one can end a search as 'unresolved'. Memoize on that state.
  const memo = new Map<string, number>();
  const explore = (decisions: ProbeDecision[]): number => {
    const s = new BracketSearch(o);
    for (const d of decisions) s.record(s.next()!, d);
    if (s.done) return 0;
    const out = s.outcome();
    const lo = out.lo ?? -Infinity;
    const hi = out.hi ?? Infinity;
    const censored = out.probes.filter((p) => p.decision === 'censored' && p.m > lo && p.m < hi).map((p) => p.m);
    const key = `${out.lo}|${out.hi}|${s.next()}|${censored.sort((a, b) => a - b).join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let worst = 0;
    for (const d of DECISIONS) worst = Math.max(worst, 1 + explore([...decisions, d]));
    memo.set(key, worst);
    return worst;
  };
  return explore([]);
}

/** The normalized options of a sample-complexity search, the fields the plan reads. */
export type SearchOptions = Pick<SampleComplexityResult['options'], 'models' | 'contextLengths' | 'seeds' | 'required' | 'threshold' | 'mStart' | 'mMax' | 'resolution' | 'confirmProbes'>;

/** The learning step's size, known before it starts. */
export interface LearningPlan {
  /** Bracket searches: one per (model, T). */
  readonly searches: number;
  /** Seeds trained per probe. */
  readonly seeds: number;
  /** Largest number of probes one search can make, confirmation probes included. */
  readonly worstProbesPerSearch: number;
  /** searches × worstProbesPerSearch × seeds: the progress bar's fixed total. */
  readonly worstRuns: number;
}

/** The learning step's plan (see LearningPlan). */
export function learningPlan(o: SearchOptions): LearningPlan {
  const searches = o.models.length * o.contextLengths.length;
  const worstProbesPerSearch = worstCaseProbes(o) + o.confirmProbes;
  return { searches, seeds: o.seeds, worstProbesPerSearch, worstRuns: searches * worstProbesPerSearch * o.seeds };
}

interface Mirror {
  readonly search: BracketSearch;
  readonly results: Map<number, TrainResult[]>;
  finished: boolean;
}

/**
 * Progress of the learning step against the fixed total plan.worstRuns. Feed it every run the search
 * reports (sampleComplexity's onRun, reused runs included); it mirrors each (model, T) search with the
 * same BracketSearch and probe summary to see when the search stops, and then counts its never-needed
 * runs as skipped. `done` never exceeds `total` and equals it once every search has stopped.
 */
export class LearningProgress {
  /** The fixed total (plan.worstRuns). */
  readonly total: number;
  private count = 0;
  private skippedRuns = 0;
  private readonly mirrors = new Map<string, Mirror>();

  /**
   * @param o - the search's normalized options.
   */
  constructor(private readonly o: SearchOptions) {
    this.total = learningPlan(o).worstRuns;
    for (const model of o.models) for (const T of o.contextLengths) this.mirrors.set(`${model}|${T}`, { search: new BracketSearch(o), results: new Map(), finished: false });
  }

  /** Runs counted so far (finished, reused or skipped). */
  get done(): number {
    return Math.min(this.count + this.skippedRuns, this.total);
  }

  /** Runs counted as skipped (searches that stopped before their worst case). */
  get skipped(): number {
    return this.skippedRuns;
  }

  /**
   * Count one run (finished or reused) and return the new done count.
   * @param c - the run's config.
   * @param r - its result.
   */
  record(c: TrainConfig, r: TrainResult): number {
    this.count++;
    const mirror = this.mirrors.get(`${c.model}|${c.contextLength}`);
    if (!mirror || mirror.finished) return this.done;
    const rs = [...(mirror.results.get(c.sampleSize) ?? []), r];
    mirror.results.set(c.sampleSize, rs);
    const m = mirror.search.next();
    if (m === c.sampleSize && rs.length === this.o.seeds) {
      const ordered = [...rs].sort((a, b) => a.config.seed - b.config.seed);
      mirror.search.record(m, summarizeProbe(m, ordered, this.o.threshold, this.o.required).decision);
      if (mirror.search.done) this.finish(mirror);
    }
    return this.done;
  }

  /** A search stopped: count the runs its worst case had room for and it will never make. */
  private finish(mirror: Mirror): void {
    mirror.finished = true;
    const out = mirror.search.outcome();
    let confirm = 0;
    if (out.status === 'found' && out.hi !== null)
      for (let j = 1; j <= this.o.confirmProbes; j++) {
        const m = out.hi * 2 ** j;
        if (m <= this.o.mMax && !out.probes.some((p) => p.m === m)) confirm++;
      }
    const worst = learningPlan(this.o).worstProbesPerSearch;
    this.skippedRuns += (worst - out.probes.length - confirm) * this.o.seeds;
  }
}

/** Seconds one unit took on 2 idle cores, measured on 2026-12-01 from a fresh `npm start` (run store timings); only for the plan's estimate. */
export const MEASURED_UNIT_SECONDS = {
  /** A bound cell. */
  bound: 0.002,
  /** A construction cell (build + certify + implied m), mean over the default sweeps. */
  construct: 0.08,
  /** An adversarial search of 2,000 evaluations. */
  adversarial: 0.03,
  /** A training run per worker, by architecture (default experiment). */
  train: { transformer: 0.07, mlp: 0.03 } as Readonly<Record<string, number>>,
  /** A plot (vega → SVG → PNG). */
  plot: 0.15,
} as const;

/** One step of the plan. */
export interface PlanStep {
  /** The step's name, as its progress bar shows it. */
  readonly step: string;
  /** Cells (sweeps) or worst-case runs (learning). */
  readonly units: number;
  /** Units already in the run store (they are reused, not rerun). */
  readonly stored: number;
  /** What a unit is, in words. */
  readonly what: string;
  /** Estimated seconds for the units still to run. */
  readonly seconds: number;
}

/**
 * The plan as lines for the terminal: one per step, then the total estimate.
 * @param steps - the steps in run order.
 * @param workers - training workers (the estimate divides training time by them).
 */
export function planLines(steps: readonly PlanStep[], workers: number): string[] {
  const total = steps.reduce((a, s) => a + s.seconds, 0);
  return [
    `plan: ${steps.length} steps; a rerun reuses every run already in the store`,
    ...steps.map((s) => `  ${s.step}: ${s.units} ${s.what}${s.stored > 0 ? ` (${Math.min(s.stored, s.units)} already stored)` : ''}, about ${formatSeconds(s.seconds)}`),
    `  estimate: about ${formatSeconds(total)} in all on 2 idle cores with ${workers} training worker${workers === 1 ? '' : 's'} (unit times measured 2026-12-01; a loaded machine is slower, and each bar shows its own ETA)`,
  ];
}

/**
 * The search for m* = least m with success(m), success assumed monotone in m (alg-sample-complexity):
 * start at mStart; while failing, double (up to mMax: beyond it the result is censored); if mStart
 * already succeeds, halve down to the first failure (or m = 1). Then bisect geometrically, probing
 * round(√(lo·hi)), until hi/lo ≤ resolution or hi − lo ≤ 1. The answer is hi, the least probed m that
 * succeeded, with the guarantee lo < m* ≤ hi for a monotone predicate (lo = largest failing probe).
 * A pure state machine: next() says what to probe, record() takes the outcome, so many searches can be
 * advanced in parallel rounds. A probe may also be 'censored' (undecided: its seeds never fit, note §5):
 * it never moves the bracket; a search that would have to re-probe a censored m stops 'unresolved'.
 */
import { domainError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';

/** Id of the sample-complexity search (proofs-notes/alg-sample-complexity.md). */
export const SAMPLE_COMPLEXITY_SEARCH_ID = 'alg-sample-complexity';

/** Default bisection resolution: stop when hi/lo ≤ 2^{1/4} (m* known within about 19%). */
export const DEFAULT_RESOLUTION = 2 ** 0.25;

/** Options of a bracket search. */
export interface BracketSearchOptions {
  /** First m probed (≥ 1). */
  readonly mStart: number;
  /** Largest m ever probed; a search that fails there is censored (m* > mMax). */
  readonly mMax: number;
  /** Stop bisecting once hi/lo ≤ resolution (> 1). */
  readonly resolution: number;
}

/** Decision of one probe: success, (statistical) failure, or censored (undecided, alg-sample-complexity §5). */
export type ProbeDecision = 'success' | 'failure' | 'censored';

/** One recorded probe. */
export interface BracketProbe {
  /** The probed training-set size m. */
  readonly m: number;
  /** True iff the decision is 'success'. */
  readonly success: boolean;
  /** The decision recorded for this probe (only 'success' and 'failure' move the bracket). */
  readonly decision: ProbeDecision;
}

/** Outcome of a finished search. */
export interface BracketOutcome {
  /**
   * 'found': lo < m* ≤ hi to the resolution; 'above-max': the probe at mMax failed (m* > mMax);
   * 'unresolved': censored probes keep the bracket from closing (hi, lo as they stand, either may be null).
   */
  readonly status: 'found' | 'above-max' | 'unresolved';
  /** Least succeeding probe (m* when found), or null when none succeeded. */
  readonly hi: number | null;
  /** Largest failing probe below hi (0 when m = 1 succeeded), or null if none failed. */
  readonly lo: number | null;
  /** Every probe in order with its decision. */
  readonly probes: readonly BracketProbe[];
}

/**
 * Validate bracket-search options (alg-sample-complexity §2).
 * @param fn - the calling function's name, used in the error message.
 * @param o - the options: mStart, mMax integers with 1 ≤ mStart ≤ mMax, resolution ρ a finite number > 1.
 * @throws DomainError `<fn>: <option> must be <condition> (got <value>)` for the first bad option.
 */
export function checkBracketOptions(fn: string, o: BracketSearchOptions): void {
  requireInteger(fn, 'mStart', o.mStart, 1);
  requireInteger(fn, 'mMax', o.mMax, 1);
  if (o.mMax < o.mStart) throw domainError(fn, 'mMax', `>= mStart = ${o.mStart}`, o.mMax);
  if (typeof o.resolution !== 'number' || !Number.isFinite(o.resolution) || !(o.resolution > 1)) throw domainError(fn, 'resolution', 'a finite number > 1', o.resolution);
}

/** A single search for m*; see the module comment. */
export class BracketSearch {
  private lo: number | null = null;
  private hi: number | null = null;
  private pending: number | null;
  private readonly probes: BracketProbe[] = [];
  private status: BracketOutcome['status'] | null = null;

  /**
   * Start a search at m = mStart.
   * @param o - mStart, mMax and the resolution ρ.
   * @throws DomainError (`BracketSearch: <option> must be ...`) for bad options, as checkBracketOptions.
   */
  constructor(private readonly o: BracketSearchOptions) {
    checkBracketOptions('BracketSearch', o);
    this.pending = o.mStart;
  }

  /** The m to probe next, or null when the search is over. */
  next(): number | null {
    return this.pending;
  }

  /**
   * Record the outcome of probing `m` (must be the m next() returned): a boolean (decided) or a
   * ProbeDecision. Throws DomainError for another m or an unknown decision.
   */
  record(m: number, outcome: boolean | ProbeDecision): void {
    if (m !== this.pending) throw domainError('BracketSearch.record', 'm', `the pending probe ${this.pending}`, m);
    const decision: ProbeDecision = outcome === true ? 'success' : outcome === false ? 'failure' : outcome;
    if (decision !== 'success' && decision !== 'failure' && decision !== 'censored') throw domainError('BracketSearch.record', 'outcome', 'a boolean or success|failure|censored', outcome);
    this.probes.push({ m, success: decision === 'success', decision });
    if (decision === 'success') this.hi = this.hi === null ? m : Math.min(this.hi, m);
    else if (decision === 'failure') this.lo = this.lo === null ? m : Math.max(this.lo, m);
    this.pending = this.choose(m, decision);
    if (this.pending !== null && this.probes.some((p) => p.m === this.pending)) {
      // The only way forward is an m already found censored: the bracket cannot be closed there.
      this.pending = null;
      this.status = 'unresolved';
    }
  }

  private choose(m: number, decision: ProbeDecision): number | null {
    const { lo, hi } = this;
    if (hi === null) {
      // Still no success: double, or stop at mMax (above-max if decided failure there, else unresolved).
      if (m >= this.o.mMax) {
        this.status = decision === 'failure' ? 'above-max' : 'unresolved';
        return null;
      }
      return Math.min(2 * m, this.o.mMax);
    }
    if (lo === null) {
      // No failure below the least success: halve toward the first failure.
      if (hi === 1) {
        this.lo = 0;
        this.status = 'found';
        return null;
      }
      return Math.max(1, Math.floor(hi / 2));
    }
    if (hi - lo <= 1 || hi / lo <= this.o.resolution) {
      this.status = 'found';
      return null;
    }
    const mid = Math.round(Math.sqrt(lo * hi));
    return Math.min(hi - 1, Math.max(lo + 1, mid));
  }

  /** True when next() is null. */
  get done(): boolean {
    return this.pending === null;
  }

  /** The outcome (valid once done). */
  outcome(): BracketOutcome {
    const status = this.status ?? (this.hi === null ? 'unresolved' : 'found');
    return { status, hi: this.hi, lo: this.lo, probes: [...this.probes] };
  }
}

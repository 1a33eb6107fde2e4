/**
 * The search for m* = least m with success(m), success assumed monotone in m (alg-sample-complexity):
 * start at mStart; while failing, double (up to mMax: beyond it the result is censored); if mStart
 * already succeeds, halve down to the first failure (or m = 1). Then bisect geometrically, probing
 * round(√(lo·hi)), until hi/lo ≤ resolution or hi − lo ≤ 1. The answer is hi, the least probed m that
 * succeeded, with the guarantee lo < m* ≤ hi for a monotone predicate (lo = largest failing probe).
 * A pure state machine: next() says what to probe, record() takes the outcome, so many searches can be
 * advanced in parallel rounds.
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

/** Outcome of a finished search. */
export interface BracketOutcome {
  /** 'found': lo < m* ≤ hi; 'censored': no probe up to mMax succeeded (m* > mMax). */
  readonly status: 'found' | 'censored';
  /** Least succeeding probe (m*), or null when censored. */
  readonly hi: number | null;
  /** Largest failing probe below hi (0 when m = 1 succeeded), or null if none failed. */
  readonly lo: number | null;
  /** Every probe in order with its outcome. */
  readonly probes: readonly { m: number; success: boolean }[];
}

/** Validate bracket-search options; throws DomainError. */
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
  private readonly probes: { m: number; success: boolean }[] = [];
  private censored = false;

  constructor(private readonly o: BracketSearchOptions) {
    checkBracketOptions('BracketSearch', o);
    this.pending = o.mStart;
  }

  /** The m to probe next, or null when the search is over. */
  next(): number | null {
    return this.pending;
  }

  /** Record the outcome of probing `m` (must be the m next() returned). */
  record(m: number, success: boolean): void {
    if (m !== this.pending) throw domainError('BracketSearch.record', 'm', `the pending probe ${this.pending}`, m);
    this.probes.push({ m, success });
    if (success) this.hi = this.hi === null ? m : Math.min(this.hi, m);
    else this.lo = this.lo === null ? m : Math.max(this.lo, m);
    this.pending = this.choose(m, success);
  }

  private choose(m: number, success: boolean): number | null {
    const { lo, hi } = this;
    if (hi === null) {
      // Still no success: double, or stop censored at mMax.
      if (m >= this.o.mMax) {
        this.censored = true;
        return null;
      }
      return Math.min(2 * m, this.o.mMax);
    }
    if (lo === null) {
      // Every probe so far succeeded: halve toward the first failure.
      if (hi === 1) {
        this.lo = 0;
        return null;
      }
      return Math.max(1, Math.floor(hi / 2));
    }
    void success;
    if (hi - lo <= 1 || hi / lo <= this.o.resolution) return null;
    const mid = Math.round(Math.sqrt(lo * hi));
    return Math.min(hi - 1, Math.max(lo + 1, mid));
  }

  /** True when next() is null. */
  get done(): boolean {
    return this.pending === null;
  }

  /** The outcome (valid once done). */
  outcome(): BracketOutcome {
    return this.censored || this.hi === null
      ? { status: 'censored', hi: null, lo: this.lo, probes: [...this.probes] }
      : { status: 'found', hi: this.hi, lo: this.lo, probes: [...this.probes] };
  }
}

/**
 * Seed outcomes and probe decisions (proofs-notes/alg-sample-complexity.md §5): a run is a success (fit
 * its training set and reached the test threshold), a statistical failure (fit, did not generalize) or
 * optimization-censored (never fit within its budget); a probe of n seeds with k required is decided
 * success (S ≥ k), failure (S + C < k) or censored (S < k ≤ S + C). A run that never fit is never
 * counted as a statistical failure.
 */
import { domainError } from '../../core/errors.js';
import type { ProbeDecision } from '../bracket-search.js';

/** Id of the protocol whose §5 this implements. */
export const OUTCOME_PROTOCOL_ID = 'alg-sample-complexity';

/** Outcome of one seed at one (T, m). */
export type SeedOutcome = 'success' | 'statistical-failure' | 'censored';

/**
 * The fields of a TrainResult this module reads, all optional so that results stored before the
 * training protocol reported `fitTrainSet` / `fitStep` / `budgetSteps` / `escalations` / `solveStep`
 * are read as well (a missing fitTrainSet means trainAccuracy === 1).
 */
export interface RunReading {
  /** Accuracy on the clean held-out test set, in [0, 1]; compared with the threshold. */
  readonly testAccuracy: number;
  /** Accuracy on the (possibly noisy) training labels, in [0, 1]; decides the fit when fitTrainSet is absent. */
  readonly trainAccuracy: number;
  /** Optimizer steps the run took. */
  readonly steps: number;
  /** Whether the run met its fit criterion (absent in results stored before protocol 2). */
  readonly fitTrainSet?: boolean;
  /** Step of the first check at which the fit criterion held, null when never (absent before protocol 2). */
  readonly fitStep?: number | null;
  /** Step budget finally used after escalations (absent before protocol 2). */
  readonly budgetSteps?: number;
  /** How often the budget was doubled (absent before protocol 2). */
  readonly escalations?: number;
  /** Step of the first check at which the solve-set accuracy was ≥ 0.99, null when never or stopAt 'fit' (absent before protocol 2). */
  readonly solveStep?: number | null;
}

/**
 * Whether the run fit its training set: `fitTrainSet` when present, else trainAccuracy === 1
 * (alg-sample-complexity §5).
 * @param r - the run's result, read defensively.
 */
export function runFitTrainSet(r: RunReading): boolean {
  return typeof r.fitTrainSet === 'boolean' ? r.fitTrainSet : r.trainAccuracy === 1;
}

/**
 * The step at which the run fit its training set, when reported as a finite number (else null).
 * @param r - the run's result, read defensively.
 */
export function runFitStep(r: RunReading): number | null {
  return typeof r.fitStep === 'number' && Number.isFinite(r.fitStep) ? r.fitStep : null;
}

/**
 * Classify one run against the test-accuracy threshold (alg-sample-complexity §5): 'censored' when it
 * never fit, else 'success' when testAccuracy ≥ threshold, else 'statistical-failure'. Never throws.
 * @param r - the run's result, read defensively.
 * @param threshold - test accuracy a fitted run must reach (the protocol's 0.99), compared with ≥.
 */
export function seedOutcome(r: RunReading, threshold: number): SeedOutcome {
  if (!runFitTrainSet(r)) return 'censored';
  return r.testAccuracy >= threshold ? 'success' : 'statistical-failure';
}

/** Counts of the three outcomes. */
export interface OutcomeCounts {
  /** S: seeds that fit and reached the threshold. */
  readonly success: number;
  /** F: seeds that fit and stayed below the threshold. */
  readonly statisticalFailure: number;
  /** C: seeds that never fit (optimization-censored). */
  readonly censored: number;
}

/**
 * Count outcomes into S, F, C (S + F + C = the number of outcomes; alg-sample-complexity §5).
 * @param outcomes - one outcome per seed.
 */
export function countOutcomes(outcomes: readonly SeedOutcome[]): OutcomeCounts {
  let success = 0;
  let statisticalFailure = 0;
  let censored = 0;
  for (const o of outcomes) {
    if (o === 'success') success++;
    else if (o === 'statistical-failure') statisticalFailure++;
    else censored++;
  }
  return { success, statisticalFailure, censored };
}

/**
 * Decide a probe from its counts with k required: success if S ≥ k, failure if S + C < k, else
 * censored (alg-sample-complexity §5).
 * @param c - the counts S, F, C of the probe's n seeds.
 * @param required - k, the successes required.
 * @throws DomainError `decideProbe: required must be an integer >= 1` otherwise.
 */
export function decideProbe(c: OutcomeCounts, required: number): ProbeDecision {
  if (!Number.isSafeInteger(required) || required < 1) throw domainError('decideProbe', 'required', 'an integer >= 1', required);
  if (c.success >= required) return 'success';
  if (c.success + c.censored < required) return 'failure';
  return 'censored';
}

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
  readonly testAccuracy: number;
  readonly trainAccuracy: number;
  readonly steps: number;
  readonly fitTrainSet?: boolean;
  readonly fitStep?: number | null;
  readonly budgetSteps?: number;
  readonly escalations?: number;
  readonly solveStep?: number | null;
}

/** Whether the run fit its training set: `fitTrainSet` when present, else trainAccuracy === 1. */
export function runFitTrainSet(r: RunReading): boolean {
  return typeof r.fitTrainSet === 'boolean' ? r.fitTrainSet : r.trainAccuracy === 1;
}

/** The step at which the run fit its training set, when reported (else null). */
export function runFitStep(r: RunReading): number | null {
  return typeof r.fitStep === 'number' && Number.isFinite(r.fitStep) ? r.fitStep : null;
}

/** Classify one run against the test-accuracy threshold (see the module comment). */
export function seedOutcome(r: RunReading, threshold: number): SeedOutcome {
  if (!runFitTrainSet(r)) return 'censored';
  return r.testAccuracy >= threshold ? 'success' : 'statistical-failure';
}

/** Counts of the three outcomes. */
export interface OutcomeCounts {
  readonly success: number;
  readonly statisticalFailure: number;
  readonly censored: number;
}

/** Count outcomes. */
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
 * censored. Throws DomainError when k is not an integer ≥ 1.
 */
export function decideProbe(c: OutcomeCounts, required: number): ProbeDecision {
  if (!Number.isSafeInteger(required) || required < 1) throw domainError('decideProbe', 'required', 'an integer >= 1', required);
  if (c.success >= required) return 'success';
  if (c.success + c.censored < required) return 'failure';
  return 'censored';
}

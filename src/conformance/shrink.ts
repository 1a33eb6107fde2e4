/**
 * The shrinker (docs/conformance.md, "Shrinking"): from a failing case, keep the worst input, then
 * greedily accept the first candidate edit (shrink-edits.ts) on which the program still fails in the
 * same way, re-querying the program on every candidate, until no candidate fails or the request budget
 * is spent. Each accepted candidate is strictly smaller or simpler, so the loop ends.
 */
import { checkModel } from '../model/check-model.js';
import type { ConformanceCase } from './generate.js';
import type { Violation } from './protocol.js';
import { SHRINK_STAGES } from './shrink-edits.js';

/** How the program failed on a case. */
export type Failure =
  | {
      /** An output disagreed with the reference. */
      readonly kind: 'mismatch';
      /** Reference outputs, one per input. */
      readonly expected: readonly number[];
      /** The program's outputs. */
      readonly got: readonly number[];
      /** Index of the worst input. */
      readonly worst: number;
    }
  | {
      /** The program answered with an error reply. */
      readonly kind: 'error-reply';
      /** Reference outputs, one per input. */
      readonly expected: readonly number[];
      /** The program's message. */
      readonly message: string;
    };

/** What one query of the program on a case gave. */
export type ProbeResult =
  | {
      /** Every output agreed. */
      readonly kind: 'pass';
      /** Largest |got − expected| of the batch. */
      readonly maxAbsError: number;
    }
  | Failure
  | ProbeViolation;

/** The program broke the protocol on a request. */
export interface ProbeViolation {
  /** Outcome tag. */
  readonly kind: 'violation';
  /** What was broken. */
  readonly violation: Violation;
  /** The request being answered. */
  readonly request: unknown;
}

/** Query the program on a case. */
export type Probe = (c: ConformanceCase) => Promise<ProbeResult>;

/** A failing case with its failure. */
export interface FailingCase {
  /** The case. */
  readonly case: ConformanceCase;
  /** How the program failed on it. */
  readonly failure: Failure;
}

/** The shrinker's result. */
export interface ShrinkResult {
  /** The smallest failing case found. */
  readonly smallest: FailingCase;
  /** Requests sent while shrinking. */
  readonly requests: number;
  /** Candidates accepted. */
  readonly accepted: number;
  /** Set when the program broke the protocol on a candidate: shrinking stopped there. */
  readonly violation?: Omit<ProbeViolation, 'kind'>;
}

/** Requests the shrinker may send by default. */
export const DEFAULT_SHRINK_BUDGET = 2000;

function isValid(c: ConformanceCase): boolean {
  try {
    checkModel(c.model, 'shrink');
  } catch {
    return false;
  }
  return c.inputs.length > 0 && c.inputs.every((s) => s.length === c.model.contextLength && /^[01]+$/.test(s));
}

/**
 * Shrink a failing case.
 * @param start - the failing case as generated.
 * @param probe - queries the program (one request per call).
 * @param budget - most requests to send (default DEFAULT_SHRINK_BUDGET).
 */
export async function shrinkFailure(start: FailingCase, probe: Probe, budget = DEFAULT_SHRINK_BUDGET): Promise<ShrinkResult> {
  let current = start;
  let requests = 0;
  let accepted = 0;
  const attempt = async (c: ConformanceCase): Promise<'accepted' | 'rejected' | ShrinkResult['violation']> => {
    requests++;
    const r = await probe(c);
    if (r.kind === 'violation') return { violation: r.violation, request: r.request };
    if (r.kind !== current.failure.kind) return 'rejected';
    current = { case: c, failure: r };
    accepted++;
    return 'accepted';
  };
  const done = (violation?: ShrinkResult['violation']): ShrinkResult => ({ smallest: current, requests, accepted, ...(violation ? { violation } : {}) });

  if (current.failure.kind === 'mismatch' && current.case.inputs.length > 1) {
    const one = { ...current.case, inputs: [current.case.inputs[current.failure.worst]] };
    const r = await attempt(one);
    if (typeof r === 'object') return done(r);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const stage of SHRINK_STAGES) {
      let from = 0;
      for (;;) {
        const candidates = stage(current.case);
        let acceptedAt = -1;
        for (let j = from; j < candidates.length; j++) {
          const c = candidates[j]();
          if (c === null || !isValid(c)) continue;
          if (requests >= budget) return done();
          const r = await attempt(c);
          if (typeof r === 'object') return done(r);
          if (r === 'accepted') {
            acceptedAt = j;
            break;
          }
        }
        if (acceptedAt < 0) break;
        changed = true;
        from = acceptedAt; // the edit at this index is gone (or done): the next one now sits here
      }
    }
  }
  return done();
}

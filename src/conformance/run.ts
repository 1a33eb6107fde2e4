/**
 * The conformance run (docs/conformance.md): start the program, send the generated cases, compare
 * every output with the float64 reference, shrink the first failing case, and say how it ended.
 */
import { modelFromJson } from '../model/format.js';
import { forward } from '../model/forward.js';
import { parseBits } from '../model/embed.js';
import type { Model } from '../model/types.js';
import { compareOutputs, type Tolerance } from './compare.js';
import { ConformanceClient } from './driver.js';
import { modelToRequestJson } from './encode.js';
import { generateCase, type ConformanceCase } from './generate.js';
import type { EvalRequest, Violation } from './protocol.js';
import { DEFAULT_SHRINK_BUDGET, shrinkFailure, type FailingCase, type ProbeResult, type ShrinkResult } from './shrink.js';

/** Options of runConformance (the CLI flags, validated). */
export interface ConformanceOptions {
  /** The program's command line, run through the shell. */
  readonly command: string;
  /** Seed of the case generator (a safe integer). */
  readonly seed: number;
  /** Number of cases, >= 1. */
  readonly cases: number;
  /** absTol and relTol of the comparison. */
  readonly tolerance: Tolerance;
  /** Per-reply timeout (ms, >= 1). */
  readonly timeoutMs: number;
  /** Working directory of the program (default: the runner's). */
  readonly cwd?: string;
  /** Most requests the shrinker may send (default DEFAULT_SHRINK_BUDGET). */
  readonly shrinkBudget?: number;
}

/** Every output of every case agreed. */
export interface ConformancePass {
  /** Outcome tag. */
  readonly status: 'pass';
  /** The program's self-description from its hello, if any. */
  readonly implementation?: string;
  /** Cases sent. */
  readonly cases: number;
  /** Inputs evaluated over all cases. */
  readonly inputs: number;
  /** Largest |got − expected| seen. */
  readonly maxAbsError: number;
}

/** A counterexample, shrunk. */
export interface ConformanceFail {
  /** Outcome tag. */
  readonly status: 'fail';
  /** The program's self-description from its hello, if any. */
  readonly implementation?: string;
  /** 0-based index of the first failing case. */
  readonly caseIndex: number;
  /** The failing case as generated. */
  readonly original: FailingCase;
  /** The shrinker's result (its `smallest` is the counterexample). */
  readonly shrink: ShrinkResult;
}

/** The program broke the protocol. */
export interface ConformanceViolation {
  /** Outcome tag. */
  readonly status: 'violation';
  /** The program's self-description from its hello, if any. */
  readonly implementation?: string;
  /** What was broken. */
  readonly violation: Violation;
  /** The request being answered when it happened (null for the hello and the exit). */
  readonly request: unknown;
  /** 0-based case being sent or shrunk, null for the hello and the exit. */
  readonly caseIndex: number | null;
  /** The last characters of the program's stderr. */
  readonly stderrTail: string;
}

/** How a conformance run ended. */
export type ConformanceOutcome = ConformancePass | ConformanceFail | ConformanceViolation;

/** The reference outputs of a case, computed from the model decoded back from the request JSON. */
export function referenceOutputs(model: Model, inputs: readonly string[]): number[] {
  return inputs.map((s) => forward(model, parseBits('conformance', 'input', s, model.contextLength)));
}

/**
 * Run the conformance check (docs/conformance.md).
 * @param opts - validated options (the CLI checks the flags).
 * @returns the outcome; never throws for anything the program does.
 */
export async function runConformance(opts: ConformanceOptions): Promise<ConformanceOutcome> {
  const started = await ConformanceClient.start({ command: opts.command, timeoutMs: opts.timeoutMs, cwd: opts.cwd });
  if ('violation' in started) return { status: 'violation', violation: started.violation, request: null, caseIndex: null, stderrTail: started.stderrTail };
  const client = started.client;
  const implementation = client.hello?.implementation;
  const impl = implementation === undefined ? {} : { implementation };
  let nextId = 1;
  let inputs = 0;
  let maxAbsError = 0;
  const probe = async (c: ConformanceCase): Promise<ProbeResult> => {
    const json = modelToRequestJson(c.model, c.encoding);
    // The reference evaluates exactly the numbers that are sent: the JSON is decoded again.
    const expected = referenceOutputs(modelFromJson(JSON.parse(JSON.stringify(json)), 'conformance request'), c.inputs);
    const request: EvalRequest = { type: 'eval', id: nextId++, model: json, inputs: c.inputs };
    const reply = await client.evaluate(request);
    if (!reply.ok) return { kind: 'violation', violation: reply.violation, request };
    if (reply.message.type === 'error') return { kind: 'error-reply', expected, message: reply.message.message };
    const cmp = compareOutputs(expected, reply.message.outputs, opts.tolerance);
    return cmp.ok ? { kind: 'pass', maxAbsError: cmp.maxAbsError } : { kind: 'mismatch', expected, got: reply.message.outputs, worst: cmp.worst };
  };
  try {
    for (let i = 0; i < opts.cases; i++) {
      const c = generateCase(opts.seed, i);
      const r = await probe(c);
      if (r.kind === 'violation') return { status: 'violation', ...impl, violation: r.violation, request: r.request, caseIndex: i, stderrTail: client.stderrTail() };
      if (r.kind === 'pass') {
        inputs += c.inputs.length;
        maxAbsError = Math.max(maxAbsError, r.maxAbsError);
        continue;
      }
      const original: FailingCase = { case: c, failure: r };
      const shrink = await shrinkFailure(original, probe, opts.shrinkBudget ?? DEFAULT_SHRINK_BUDGET);
      if (shrink.violation) return { status: 'violation', ...impl, violation: shrink.violation.violation, request: shrink.violation.request, caseIndex: i, stderrTail: client.stderrTail() };
      return { status: 'fail', ...impl, caseIndex: i, original, shrink };
    }
    const end = await client.finish();
    if (end) return { status: 'violation', ...impl, violation: end, request: null, caseIndex: null, stderrTail: client.stderrTail() };
    return { status: 'pass', ...impl, cases: opts.cases, inputs, maxAbsError };
  } finally {
    await client.stop();
  }
}

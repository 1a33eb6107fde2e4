/**
 * What every attn-theory/testing builder returns: a fast-check async property (run it with fc.assert or
 * @fast-check/vitest yourself) and check(), which runs it with fc.check and throws a CounterexampleError
 * naming the builder, the shrunk counterexample, the seed and the replay path.
 */
import fc from 'fast-check';
import { parseOrThrow } from '../core/zod-issue.js';
import { runOptionsSchema } from './options-schema.js';

/** Options of check() (each overrides the builder's own default). */
export interface RunOptions {
  /** fast-check seed; default the builder option, else fast-check's own (printed on failure). */
  readonly seed?: number;
  /** Number of generated cases; default the builder option, else the builder's documented default. */
  readonly numRuns?: number;
  /** Replay path printed with a counterexample: with its seed, re-runs exactly that case first. */
  readonly path?: string;
}

/** A property over generated cases, and a runner that throws on a counterexample. */
export interface PropertyCheck<Case> {
  /** The fast-check property (every case is awaited). */
  readonly property: fc.IAsyncProperty<[Case]>;
  /**
   * Run the property (fc.check) and resolve when every case passes.
   * @throws CounterexampleError with the shrunk counterexample when a case fails; DomainError for bad options.
   */
  check(options?: RunOptions): Promise<void>;
}

/** A failing case found by a builder's property, after shrinking. */
export class CounterexampleError<Case = unknown> extends Error {
  /** The builder whose property failed (agreesWithReference, boundIsSound, constructionIsCorrect). */
  readonly builder: string;
  /** The shrunk counterexample (the builder documents its fields). */
  readonly counterexample: Case;
  /** Seed of the run (pass it back with `path` to replay). */
  readonly seed: number;
  /** fast-check replay path of the counterexample. */
  readonly path: string;
  /** How many shrink steps were taken. */
  readonly numShrinks: number;

  /** @param p - the builder, the case, the run's seed and path, the number of shrinks and the case's failure message. */
  constructor(p: { builder: string; counterexample: Case; seed: number; path: string; numShrinks: number; numRuns: number; reason: string; cause: unknown }) {
    super(`${p.builder}: counterexample after ${p.numRuns} case(s), shrunk ${p.numShrinks} time(s): ${p.reason}\n` + `  replay: check({ seed: ${p.seed}, path: ${JSON.stringify(p.path)} })`, {
      cause: p.cause,
    });
    this.name = 'CounterexampleError';
    this.builder = p.builder;
    this.counterexample = p.counterexample;
    this.seed = p.seed;
    this.path = p.path;
    this.numShrinks = p.numShrinks;
  }
}

/**
 * The PropertyCheck for one builder: `run` fails a case by throwing an Error whose message describes it.
 * @param builder - the builder's name (for messages).
 * @param arbitrary - the cases.
 * @param run - the check of one case.
 * @param defaults - the builder's seed and numRuns (already validated).
 */
export function makePropertyCheck<Case>(builder: string, arbitrary: fc.Arbitrary<Case>, run: (c: Case) => Promise<void>, defaults: { seed?: number; numRuns: number }): PropertyCheck<Case> {
  const property = fc.asyncProperty(arbitrary, run);
  return {
    property,
    async check(options: RunOptions = {}) {
      const o = parseOrThrow(runOptionsSchema, options, `${builder}(...).check`, 'options');
      const seed = o.seed ?? defaults.seed;
      const params: fc.Parameters<[Case]> = { numRuns: o.numRuns ?? defaults.numRuns, ...(seed === undefined ? {} : { seed }), ...(o.path === undefined ? {} : { path: o.path }) };
      const details = await fc.check(property, params);
      if (!details.failed) return;
      if (details.counterexample === null) throw new Error(`${builder}: the run failed without a counterexample (${details.interrupted ? 'interrupted' : 'too many skipped cases'})`);
      const err = details.errorInstance;
      const reason = err instanceof Error ? err.message : String(err);
      throw new CounterexampleError({
        builder,
        counterexample: details.counterexample[0],
        seed: details.seed,
        path: details.counterexamplePath,
        numShrinks: details.numShrinks,
        numRuns: details.numRuns,
        reason,
        cause: err,
      });
    },
  };
}

/**
 * boundIsSound (attn-theory/testing): a user's bound, request ↦ a claimed upper bound on the worst-case
 * empirical Rademacher complexity sup_S R̂_S(F) of the request's class F over samples S of m = sampleSize
 * inputs with rows ‖x_t‖₂ ≤ B_X (what BoundReport.rademacher bounds; R̂_S(F) = E_σ sup_f (1/m)Σσ_i f(X_i)),
 * checked on small generated requests against two lower bounds attained by members of F
 * (rademacher-lower.ts): the exact R̂ of the linear subclass on its extremal sample, and a seeded
 * adversarial search over the [CLS] heads' weights for every sign vector. A claimed bound below either
 * (less a relative slack of 1e-9) is a counterexample; fast-check shrinks it to a small request.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issue.js';
import { integerIn } from '../core/zod-fields.js';
import { REL_TOL_INEQUALITY } from '../core/tolerances.js';
import type { BoundRequest } from '../bounds/request-schema.js';
import { arbBoundRequest, type ArbBoundRequestOptions } from './arb-request.js';
import { makePropertyCheck, type PropertyCheck } from './run.js';
import { boundModelsSchema, dimSpecSchema, positiveRangeSchema, runShape } from './options-schema.js';
import { rademacherLowerBounds, MAX_EXACT_SAMPLE_SIZE } from './rademacher-lower.js';

/** A bound under test: a parsed bound request ↦ its claimed upper bound on sup_S R̂_S(F) (a finite number). */
export type BoundFn = (request: BoundRequest) => number | Promise<number>;

/** Options of boundIsSound (all optional). */
export interface BoundIsSoundOptions {
  /**
   * Which requests to generate; default all model kinds, T 1..4, d 1..3, m 1..4, H 1..2, L 1..2, k 1..3,
   * budgets and B_X in 0.25..4. Caps: T ≤ 16, d ≤ 4, m ≤ 8, H ≤ 3, L ≤ 3, k ≤ 4 (the lower searches
   * enumerate all 2^m sign vectors).
   */
  readonly requests?: ArbBoundRequestOptions;
  /** Objective evaluations of the adversarial search per sign vector and sample (0..5000; default 60; 0 = linear starts only). */
  readonly searchBudget?: number;
  /** fast-check seed; default fast-check's own. */
  readonly seed?: number;
  /** Number of requests; default 25. */
  readonly numRuns?: number;
}

/** One case: the request and the seed of the lower searches. */
export interface BoundCase {
  /** The generated request (valid per boundRequestSchema). */
  readonly request: BoundRequest;
  /** Seed of the sphere sample and of the searches. */
  readonly searchSeed: number;
}

/** Default number of requests of boundIsSound. */
export const BOUND_IS_SOUND_RUNS = 25;
/** Default evaluations of the search per sign vector and sample. */
export const BOUND_IS_SOUND_SEARCH_BUDGET = 60;

const optionsSchema = z.strictObject({
  requests: z
    .strictObject({
      models: boundModelsSchema.optional(),
      contextLength: dimSpecSchema(1, 16).optional(),
      width: dimSpecSchema(1, 4).optional(),
      sampleSize: dimSpecSchema(1, Math.min(8, MAX_EXACT_SAMPLE_SIZE)).optional(),
      heads: dimSpecSchema(1, 3).optional(),
      layers: dimSpecSchema(1, 3).optional(),
      valueDim: dimSpecSchema(1, 4).optional(),
      budget: positiveRangeSchema.optional(),
      inputNorm: positiveRangeSchema.optional(),
    })
    .optional(),
  searchBudget: integerIn(0, 5000).optional(),
  ...runShape,
});

/**
 * A property: for every generated small request, `boundFn(request)` is a finite number ≥ both lower
 * bounds on sup_S R̂_S(F) (times 1 − 1e-9). A throw, NaN, infinity or a value below a lower bound fails.
 * @param boundFn - the bound under test (may be async); it gets a fresh copy of the request.
 * @param options - see BoundIsSoundOptions.
 * @throws DomainError `boundIsSound: <field> must be ... (got ...)` for bad options.
 */
export function boundIsSound(boundFn: BoundFn, options: BoundIsSoundOptions = {}): PropertyCheck<BoundCase> {
  if (typeof boundFn !== 'function') throw new TypeError(`boundIsSound: bound must be a function (got ${typeof boundFn})`);
  const o = parseOrThrow(optionsSchema, options, 'boundIsSound', 'options');
  const r = o.requests ?? {};
  const requests: ArbBoundRequestOptions = {
    ...r,
    contextLength: r.contextLength ?? { min: 1, max: 4 },
    width: r.width ?? { min: 1, max: 3 },
    sampleSize: r.sampleSize ?? { min: 1, max: 4 },
    heads: r.heads ?? { min: 1, max: 2 },
    layers: r.layers ?? { min: 1, max: 2 },
    valueDim: r.valueDim ?? { min: 1, max: 3 },
  };
  const budget = o.searchBudget ?? BOUND_IS_SOUND_SEARCH_BUDGET;
  const cases: fc.Arbitrary<BoundCase> = fc.record({ request: arbBoundRequest(requests), searchSeed: fc.integer({ min: 0, max: 0x7fffffff }) });
  const run = async (c: BoundCase): Promise<void> => {
    const where = `request ${JSON.stringify(c.request)}`;
    let claimed: unknown;
    try {
      claimed = await boundFn(structuredClone(c.request));
    } catch (err) {
      throw new Error(`${where}: the bound threw ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (typeof claimed !== 'number' || !Number.isFinite(claimed)) throw new Error(`${where}: the bound returned ${String(claimed)} (a finite number expected)`);
    const lb = rademacherLowerBounds(c.request, c.searchSeed, budget);
    const floor = lb.lower * (1 - REL_TOL_INEQUALITY);
    if (!(claimed >= floor)) {
      const which = lb.linearExact >= lb.searched ? 'the exact Rademacher complexity of the linear subclass' : 'the adversarial search (search seed ' + c.searchSeed + ')';
      throw new Error(`${where}: claimed bound ${claimed} < ${lb.lower} = ${which} (linear exact ${lb.linearExact}, searched ${lb.searched}); ratio ${claimed / lb.lower}`);
    }
  };
  return makePropertyCheck('boundIsSound', cases, run, { ...(o.seed === undefined ? {} : { seed: o.seed }), numRuns: o.numRuns ?? BOUND_IS_SOUND_RUNS });
}

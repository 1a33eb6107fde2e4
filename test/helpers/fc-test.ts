/**
 * `test.prop(arbitraries, params)(name, predicate, timeout?)`: a fast-check property as one vitest test, the
 * part of @fast-check/vitest's API this repository uses, with the same semantics (fc.assert over
 * fc.asyncProperty, a predicate returning false fails, the seed shown in the test's name).
 *
 * Why hand-written: @fast-check/vitest 0.5.0 spends about 1.9 s of CPU at import, in every test file,
 * because its buildTest walks every chain of vitest 4.1's test modifiers recursively (measured by
 * `npx tsx bench/fc-vitest-import.ts`). With 60 property files that was a third of `npm test`, and it made
 * each StrykerJS mutant run (which re-imports its test files) cost seconds before any test ran.
 *
 * Unlike @fast-check/vitest, a property without a seed is an error, not a clock-seeded run: randomness in
 * our tests comes only from fixed fast-check seeds.
 */
import { test as vitestTest } from 'vitest';
import fc from 'fast-check';

export { fc };

/**
 * Under `npm run mutation` (vitest.mutation.config.ts sets ATTN_MUTATION_MAX_RUNS) every property runs at most
 * this many cases: the first cases of its own seed, a prefix of what `npm test` runs, so a mutant killed
 * here is killed by the full suite too (the score is a lower bound on the full suite's). Unset: no cap.
 */
export const MUTATION_MAX_RUNS = process.env.ATTN_MUTATION_MAX_RUNS === undefined ? undefined : Number(process.env.ATTN_MUTATION_MAX_RUNS);
if (MUTATION_MAX_RUNS !== undefined && !(Number.isInteger(MUTATION_MAX_RUNS) && MUTATION_MAX_RUNS >= 1))
  throw new Error(`test/helpers/fc-test.ts: ATTN_MUTATION_MAX_RUNS must be an integer >= 1 (got ${process.env.ATTN_MUTATION_MAX_RUNS})`);

type ArbitraryTuple<Ts extends unknown[]> = { [P in keyof Ts]: fc.Arbitrary<Ts[P]> };
// biome-ignore lint/suspicious/noConfusingVoidType: fast-check's own predicate type (a void predicate passes unless it throws)
type Predicate<Ts extends unknown[]> = (...args: Ts) => boolean | void | PromiseLike<boolean | void>;

/**
 * The run behind one `test.prop`: fc.assert of the property with the params and the seed. Throws at once
 * when no seed is given (params.seed, else fc.configureGlobal's).
 */
export function propertyRun<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: ArbitraryTuple<Ts>,
  params: fc.Parameters<Ts>,
  predicate: Predicate<Ts>,
): { seed: number; run: () => Promise<void> } {
  const seed = params.seed ?? fc.readConfigureGlobal().seed;
  if (seed === undefined) throw new Error(`test.prop('${name}'): no fast-check seed (give params.seed)`);
  // biome-ignore lint/suspicious/noConfusingVoidType: fast-check's own predicate type (a void predicate passes unless it throws)
  const call = predicate as (...a: unknown[]) => boolean | void | PromiseLike<boolean | void>;
  const property = fc.asyncProperty(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), async (...args: unknown[]) => call(...args));
  const numRuns = MUTATION_MAX_RUNS === undefined ? params.numRuns : Math.min(params.numRuns ?? 100, MUTATION_MAX_RUNS);
  return { seed, run: () => fc.assert(property as unknown as fc.IAsyncProperty<Ts>, { ...params, seed, ...(numRuns === undefined ? {} : { numRuns }) }) };
}

/** Registers one vitest test that runs fc.assert on the property; params are fast-check's own. */
function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: ArbitraryTuple<Ts>, params: fc.Parameters<Ts> = {}) {
  return (name: string, predicate: Predicate<Ts>, timeout?: number): void => {
    const { seed, run } = propertyRun(name, arbitraries, params, predicate);
    vitestTest(`${name} (with seed=${seed})`, run, timeout);
  };
}

type PropTest = typeof vitestTest & { prop: typeof prop };

/** vitest's `test`, with `.prop`. */
export const test: PropTest = new Proxy(vitestTest, {
  get: (target, key, receiver) => (key === 'prop' ? prop : Reflect.get(target, key, receiver)),
}) as PropTest;
export const it = test;

/**
 * test/helpers/fc-test.ts, the `test.prop` every property file uses: a property it runs can fail (false,
 * a throw, a rejected promise), it runs exactly numRuns cases from the given seed, and a property
 * without a seed is refused.
 */
import { describe, expect } from 'vitest';
import { fc, MUTATION_MAX_RUNS, propertyRun, test } from '../helpers/fc-test.js';

describe('test/helpers/fc-test.ts', () => {
  const small = [fc.integer({ min: 0, max: 100 })] as [fc.Arbitrary<number>];

  test('a predicate returning false, throwing or rejecting fails the run, with the counterexample', async () => {
    await expect(propertyRun('f', small, { seed: 1, numRuns: 50 }, (n) => n < 90).run()).rejects.toThrow(/Counterexample: \[9\d|100\]/);
    await expect(
      propertyRun('t', small, { seed: 1 }, (n) => {
        if (n > 50) throw new Error('big');
      }).run(),
    ).rejects.toSatisfy((e: Error) => /big/.test(String(e.message) + String((e.cause as Error)?.message)));
    await expect(
      propertyRun('r', small, { seed: 1 }, async (n) => {
        if (n > 50) throw new Error('async');
      }).run(),
    ).rejects.toSatisfy((e: Error) => /async/.test(String(e.message) + String((e.cause as Error)?.message)));
  });

  test('it runs numRuns cases, the same ones for the same seed, and passes a true predicate', async () => {
    const seen = (seed: number) => {
      const xs: number[] = [];
      return {
        xs,
        run: propertyRun('c', small, { seed, numRuns: 17 }, (n) => {
          xs.push(n);
        }).run,
      };
    };
    const a = seen(42);
    const b = seen(42);
    const c = seen(43);
    await a.run();
    await b.run();
    await c.run();
    expect(a.xs).toHaveLength(17);
    expect(a.xs).toEqual(b.xs);
    expect(a.xs).not.toEqual(c.xs);
  });

  test('the cases of a smaller numRuns are the first cases of a larger one, same seed (the mutation cap keeps a prefix)', async () => {
    const arb = [fc.tuple(fc.double({ noNaN: true }), fc.array(fc.integer(), { maxLength: 5 }))] as [fc.Arbitrary<[number, number[]]>];
    const cases = async (numRuns: number) => {
      const xs: string[] = [];
      await propertyRun('p', arb, { seed: 77, numRuns }, (x) => {
        xs.push(JSON.stringify(x));
      }).run();
      return xs;
    };
    const short = await cases(8);
    expect((await cases(300)).slice(0, 8)).toEqual(short);
  });

  test('npm test runs every property at its full numRuns (the mutation cap is unset)', () => {
    expect(MUTATION_MAX_RUNS).toBeUndefined();
  });

  test('a property without a seed is an error naming it', () => {
    expect(() => propertyRun('unseeded', small, {}, () => true)).toThrow("test.prop('unseeded'): no fast-check seed");
  });

  test.prop(small, { seed: 5, numRuns: 5 })('test.prop registers a vitest test that runs the predicate', (n) => n >= 0 && n <= 100);
});

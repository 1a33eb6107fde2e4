/**
 * agreesWithReference (src/testing/agrees-with-reference.ts): accepts the reference and an independent
 * float64 implementation (the naive loops of properties/support/naive-model.ts), rejects the two head
 * mutants (transposed scores, [CLS] dropped as a key) with a shrunk counterexample, a float32 rounding
 * only under FLOAT32_TOLERANCE, and bad options with a one-line error naming the builder.
 */
import { describe, expect, it } from 'vitest';
import { agreesWithReference, CounterexampleError, FLOAT32_TOLERANCE, type ForwardCase } from '../../src/testing/index.js';
import { forward } from '../../src/model/forward.js';
import { naiveForward } from '../../properties/support/naive-model.js';
import { noClsKeyForward, reassembledForward, transposedScoresForward } from './forwards.js';

async function counterexample(p: Promise<void>): Promise<CounterexampleError<ForwardCase>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CounterexampleError);
  return err as CounterexampleError<ForwardCase>;
}

describe('agreesWithReference', () => {
  it('accepts the reference, a re-assembly of it and the independent naive implementation', async () => {
    await agreesWithReference(forward).check({ seed: 1401, numRuns: 60 });
    await agreesWithReference(reassembledForward).check({ seed: 1402, numRuns: 60 });
    await agreesWithReference(naiveForward).check({ seed: 1403, numRuns: 60 });
  });

  it('accepts an async forward pass', async () => {
    await agreesWithReference(async (m, b) => forward(m, b), { seed: 1404, numRuns: 20 }).check();
  });

  it.each([
    ['transposed scores', transposedScoresForward],
    ['[CLS] dropped as a key', noClsKeyForward],
  ])('rejects the mutant with %s and shrinks it to a small model', async (_name, mutant) => {
    const err = await counterexample(agreesWithReference(mutant, { seed: 1405, numRuns: 200 }).check());
    expect(err.builder).toBe('agreesWithReference');
    expect(err.message).toMatch(/^agreesWithReference: counterexample after \d+ case\(s\), shrunk \d+ time\(s\): model shape/);
    expect(err.message).toContain('replay: check({ seed: 1405, path:');
    const { shape, model, bits } = err.counterexample;
    expect(model.contextLength).toBe(shape.contextLength);
    expect(bits.length).toBe(shape.contextLength);
    // Shrunk: a small model still shows the bug.
    expect(shape.contextLength).toBeLessThanOrEqual(3);
    expect(shape.width).toBeLessThanOrEqual(3);
    expect(shape.layers + shape.clsHeads).toBeLessThanOrEqual(2);
    expect(Math.abs(mutant(model, bits) - forward(model, bits))).toBeGreaterThan(1e-9);
    // The replay reproduces the same case first.
    const again = await counterexample(agreesWithReference(mutant).check({ seed: err.seed, path: err.path }));
    expect(again.counterexample.shape).toEqual(shape);
  });

  it('a float32 rounding fails the float64 tolerance and passes FLOAT32_TOLERANCE', async () => {
    const f32 = (m: Parameters<typeof forward>[0], b: Uint8Array) => Math.fround(forward(m, b)) * (1 + 2 ** -22);
    await counterexample(agreesWithReference(f32).check({ seed: 1406, numRuns: 50 }));
    await agreesWithReference(f32, { tolerance: FLOAT32_TOLERANCE }).check({ seed: 1406, numRuns: 50 });
  });

  it('a forward pass that throws or returns NaN fails with that reason', async () => {
    const e1 = await counterexample(agreesWithReference(() => Number.NaN).check({ seed: 1, numRuns: 5 }));
    expect(e1.message).toContain('returned NaN');
    const e2 = await counterexample(
      agreesWithReference(() => {
        throw new Error('not implemented');
      }).check({ seed: 1, numRuns: 5 }),
    );
    expect(e2.message).toContain('threw not implemented');
  });

  it('rejects bad options naming the builder and the bad value', () => {
    expect(() => agreesWithReference(forward, { tolerance: { relative: -1 } })).toThrow('agreesWithReference: tolerance.relative must be a finite number >= 0 (got -1)');
    expect(() => agreesWithReference(forward, { tolerance: { absolute: Number.NaN } })).toThrow('agreesWithReference: tolerance.absolute must be a finite number >= 0 (got NaN)');
    expect(() => agreesWithReference(forward, { models: { contextLength: 0 } })).toThrow(/^agreesWithReference: models\.contextLength must be .*\(got 0\)$/);
    expect(() => agreesWithReference(forward, { numRuns: 0 })).toThrow('agreesWithReference: numRuns must be an integer in 1..100000 (got 0)');
    expect(() => agreesWithReference(forward, { tolerence: {} } as never)).toThrow('agreesWithReference: unknown field tolerence (did you mean tolerance?)');
    expect(() => agreesWithReference('forward' as never)).toThrow('agreesWithReference: forward must be a function (got string)');
    return expect(agreesWithReference(forward).check({ seed: 1.5 })).rejects.toThrow('agreesWithReference(...).check: seed must be a safe integer (got 1.5)');
  });
});

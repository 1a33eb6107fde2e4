/**
 * constructionIsCorrect (src/testing/construction-is-correct.ts): accepts the toolkit's own construction
 * (as a Model, as a model-file object and as JSON text), rejects mutants checked against the target (one
 * truth-table bit flipped, the support shifted, a model for the wrong T, a throwing build) with a shrunk
 * counterexample, and bad options with a one-line error naming the builder.
 */
import { describe, expect, it } from 'vitest';
import { constructionIsCorrect, CounterexampleError, type ConstructionCase, type ConstructionRequest } from '../../src/testing/index.js';
import { construct } from '../../src/constructions/api.js';
import { flipTableBit, shiftSupport } from '../../src/constructions/mutations.js';
import { modelToJson } from '../../src/model/format.js';
import type { BooleanTarget } from '../../src/model/types.js';

const build = (T: number, t: BooleanTarget) => construct({ fn: `table:${t.table}`, contextLength: T, sparsity: t.support.length, support: [...t.support] }).model;
const ours = (r: ConstructionRequest) => build(r.contextLength, r.target);

async function counterexample(p: Promise<void>): Promise<CounterexampleError<ConstructionCase>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CounterexampleError);
  return err as CounterexampleError<ConstructionCase>;
}

describe('constructionIsCorrect', () => {
  it('accepts the toolkit construction as a Model, a model-file object and JSON text, at its requested margin', async () => {
    await constructionIsCorrect(ours).check({ seed: 1501, numRuns: 40 });
    await constructionIsCorrect((r) => modelToJson(ours(r)), { seed: 1502, numRuns: 15 }).check();
    await constructionIsCorrect(async (r) => JSON.stringify(modelToJson(ours(r))), { seed: 1503, numRuns: 15, margin: 1 }).check();
  });

  it('rejects a construction with one truth-table bit flipped, shrunk to a small T and support', async () => {
    const err = await counterexample(constructionIsCorrect((r) => build(r.contextLength, flipTableBit(r.target, 0)), { seed: 1504 }).check());
    expect(err.message).toMatch(/^constructionIsCorrect: counterexample after \d+ case\(s\), shrunk \d+ time\(s\): T = \d+, target support/);
    expect(err.message).toMatch(/y·f = -?[\d.e-]+ \(must be > 0 on all 2\^\d+ inputs; certifier exact-position-keys/);
    expect(err.counterexample.contextLength).toBe(1);
    expect(err.counterexample.target.support).toEqual([1]);
  });

  it('rejects a shifted support, a model for the wrong T and a build that throws', async () => {
    await counterexample(constructionIsCorrect((r) => build(r.contextLength, shiftSupport(r.target, r.contextLength)), { seed: 1505, contextLength: { min: 2, max: 8 } }).check());
    const e1 = await counterexample(constructionIsCorrect((r) => build(r.contextLength + 1, r.target), { seed: 1506 }).check());
    expect(e1.message).toContain('the built model has contextLength 2 (expected 1)');
    const e2 = await counterexample(
      constructionIsCorrect(() => {
        throw new Error('no such construction');
      }).check({ seed: 1, numRuns: 3 }),
    );
    expect(e2.message).toContain('the construction failed: no such construction');
    const e3 = await counterexample(constructionIsCorrect(() => ({ format: 'attn-theory-model', version: 1 }) as never).check({ seed: 1, numRuns: 3 }));
    expect(e3.message).toContain('the construction failed: the built model file');
  });

  it('a margin it was not built for is a counterexample', async () => {
    const err = await counterexample(constructionIsCorrect(ours, { seed: 1507, margin: 2 }).check());
    expect(err.message).toContain('must be >= 2');
  });

  it('rejects bad options naming the builder and the bad value', () => {
    expect(() => constructionIsCorrect(ours, { margin: 0 })).toThrow('constructionIsCorrect: margin must be a finite number > 0 (got 0)');
    expect(() => constructionIsCorrect(ours, { maxSparsity: 9 })).toThrow('constructionIsCorrect: maxSparsity must be an integer in 1..8 (got 9)');
    expect(() => constructionIsCorrect(ours, { contextLength: { min: 4, max: 2 } })).toThrow(/^constructionIsCorrect: contextLength/);
    expect(() => constructionIsCorrect(ours, { exhaustive: 3 } as never)).toThrow(/^constructionIsCorrect: unknown field exhaustive/);
  });
});

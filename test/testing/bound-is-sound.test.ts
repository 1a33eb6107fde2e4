/**
 * boundIsSound (src/testing/bound-is-sound.ts) and its lower bounds (rademacher-lower.ts): accepts the
 * toolkit's own R̂ bound (computeBound(...).rademacher) and the trivial range bound F; rejects bounds too
 * small by a factor 2, a bound that forgets the H heads, and one too small by 1.5 only for m ≥ 2, each
 * with a shrunk request; the exact and searched lower bounds behave as the module states; bad options
 * give a one-line error naming the builder.
 */
import { describe, expect, it } from 'vitest';
import {
  boundIsSound,
  CounterexampleError,
  exactLinearRademacher,
  linearSubclassRademacher,
  linearExtremalSample,
  rademacherLowerBounds,
  searchedRademacher,
  type BoundCase,
} from '../../src/testing/index.js';
import { computeBound, type BoundRequest } from '../../src/bounds/api.js';

const ours = (r: BoundRequest) => computeBound(r).rademacher;

async function counterexample(p: Promise<void>): Promise<CounterexampleError<BoundCase>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CounterexampleError);
  return err as CounterexampleError<BoundCase>;
}

const small: BoundRequest = {
  model: 'head',
  contextLength: 1,
  width: 1,
  sampleSize: 2,
  inputNorm: 0.6699936486947244,
  normBounds: { valueSpectral: 0.25, valueGroup21: 0.25, qkGroup21: 0.9817223220608615, readout: 2.9345694199947086 },
  activationLipschitz: 0.25,
  margin: 0.01,
  delta: 0.001,
};

describe('Rademacher lower bounds', () => {
  it('exact linear R̂ of orthogonal points of norm b is a·b/√m', () => {
    for (const m of [1, 2, 3, 5]) {
      const pts = Array.from({ length: m }, (_, i) => Float64Array.from({ length: m }, (_, j) => (i === j ? 2 : 0)));
      expect(exactLinearRademacher(pts, 1.5)).toBeCloseTo((1.5 * 2) / Math.sqrt(m), 12);
    }
    expect(() => exactLinearRademacher([], 1)).toThrow('exactLinearRademacher: points must hold 1..16 points (got 0)');
  });

  it('at m = 1 the linear subclass reaches the range bound F = H·L_σ·B_V·B_X·B_w when B_V ≤ B_V^{2,1}', () => {
    const r: BoundRequest = { ...small, model: 'multihead', heads: 3, sampleSize: 1, normBounds: { ...small.normBounds, valueGroup21: 1 } };
    expect(linearSubclassRademacher(r)).toBeCloseTo(3 * 0.25 * 0.25 * r.inputNorm * r.normBounds.readout, 14);
  });

  it('the search starts from the linear optimum on the extremal sample, and finds more on a sample attention can exploit', () => {
    const lin = linearSubclassRademacher(small);
    expect(searchedRademacher(small, linearExtremalSample(small), 1, 0)).toBeCloseTo(lin, 14);
    const lb = rademacherLowerBounds(small, 811594163, 60);
    expect(lb.searched).toBeGreaterThan(1.2 * lb.linearExact);
    expect(lb.lower).toBeLessThanOrEqual(ours(small) * (1 + 1e-9));
  });
});

describe('boundIsSound', () => {
  it('accepts the toolkit bound and the trivial range bound', async () => {
    await boundIsSound(ours).check({ seed: 1601, numRuns: 15 });
    await boundIsSound(async (r) => computeBound(r).rademacher, { seed: 1602, numRuns: 6, requests: { models: ['transformer'] } }).check();
    const range = (r: BoundRequest) =>
      (r.model === 'multihead' || r.model === 'transformer' ? (r.heads ?? 1) : 1) * r.activationLipschitz * r.normBounds.valueSpectral * r.inputNorm * r.normBounds.readout;
    await boundIsSound(range).check({ seed: 1606, numRuns: 10 });
  });

  it('rejects a bound too small by a factor 2, shrunk to a small request', async () => {
    const err = await counterexample(boundIsSound((r) => ours(r) / 2, { seed: 1603 }).check());
    expect(err.message).toMatch(/^boundIsSound: counterexample after \d+ case\(s\), shrunk \d+ time\(s\): request \{/);
    expect(err.message).toContain('ratio 0.5');
    expect(err.counterexample.request.sampleSize).toBe(1);
    expect(err.counterexample.request.contextLength).toBe(1);
  });

  it('rejects a bound that forgets the H heads of a multi-head class', async () => {
    const err = await counterexample(boundIsSound((r) => ours({ ...r, heads: 1 }), { seed: 1604, requests: { models: ['multihead', 'transformer'] } }).check());
    expect(err.counterexample.request.heads).toBe(2);
  });

  it('rejects a bound too small by 1.5 only when m ≥ 2', async () => {
    const err = await counterexample(boundIsSound((r) => (r.sampleSize === 1 ? ours(r) : ours(r) / 1.5), { seed: 1605 }).check());
    expect(err.counterexample.request.sampleSize).toBe(2);
  });

  it('a bound that throws or returns NaN fails with that reason', async () => {
    expect((await counterexample(boundIsSound(() => Number.NaN).check({ seed: 1, numRuns: 3 }))).message).toContain('the bound returned NaN');
    const thrower = () => {
      throw new Error('unsupported model');
    };
    expect((await counterexample(boundIsSound(thrower).check({ seed: 1, numRuns: 3 }))).message).toContain('the bound threw unsupported model');
  });

  it('rejects bad options naming the builder and the bad value', () => {
    expect(() => boundIsSound(ours, { requests: { sampleSize: 9 } })).toThrow(/^boundIsSound: requests\.sampleSize must be an integer in 1\.\.8 \(got 9\)$/);
    expect(() => boundIsSound(ours, { searchBudget: -1 })).toThrow('boundIsSound: searchBudget must be an integer in 0..5000 (got -1)');
    expect(() => boundIsSound(ours, { requests: { models: ['mlp' as never] } })).toThrow(/^boundIsSound: requests\.models\[0\] must be one of head\|scalar\|multihead\|transformer \(got "mlp"\)$/);
    expect(() => boundIsSound(ours, { requests: { budget: { min: 2, max: 1 } } })).toThrow(/^boundIsSound: requests\.budget\.max must be a range with min <= max/);
  });
});

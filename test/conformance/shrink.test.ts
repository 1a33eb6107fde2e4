/**
 * The conformance runner's generator, comparer and shrinker, in-process: planted bugs (the reference
 * with transposed scores, without the [CLS] key, projecting before the residual) play the user's
 * program, so every failure here is a real disagreement with the reference, found and shrunk.
 */
import { describe, expect, it } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { modelFromJson } from '../../src/model/format.js';
import { checkModel } from '../../src/model/check-model.js';
import { compareOutputs, errorRatio, DEFAULT_TOLERANCE } from '../../src/conformance/compare.js';
import { modelToRequestJson } from '../../src/conformance/encode.js';
import { generateCase, CASE_MAX_CONTEXT, CASE_MAX_INPUTS, CASE_MAX_WIDTH, type ConformanceCase } from '../../src/conformance/generate.js';
import { referenceOutputs } from '../../src/conformance/run.js';
import { shrinkFailure, type FailingCase, type Probe } from '../../src/conformance/shrink.js';
import { SHRINK_STAGES } from '../../src/conformance/shrink-edits.js';
import { fromRows } from '../../src/core/matrix.js';
import { modelSize } from '../../src/conformance/verdict.js';
import { MUTANTS, inProcessProbe } from './mutant-forward.js';

const tol = DEFAULT_TOLERANCE;
const arbRunSeed = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });

/** The first failing case among the first `cases` of a seed, as the runner would find it. */
async function firstFailure(probe: Probe, seed: number, cases = 20): Promise<FailingCase | null> {
  for (let i = 0; i < cases; i++) {
    const c = generateCase(seed, i);
    const r = await probe(c);
    if (r.kind === 'mismatch' || r.kind === 'error-reply') return { case: c, failure: r };
  }
  return null;
}

function roundTrips(c: ConformanceCase): void {
  const decoded = modelFromJson(JSON.parse(JSON.stringify(modelToRequestJson(c.model, c.encoding))), 'test');
  checkModel(decoded, 'test');
  expect(referenceOutputs(decoded, c.inputs)).toEqual(referenceOutputs(c.model, c.inputs));
}

const heads = (c: ConformanceCase) => modelSize(c.model).layerHeads + modelSize(c.model).clsHeads;

describe('case generator', () => {
  test.prop([arbRunSeed, fc.nat({ max: 200 })], { seed: 1401, numRuns: 200 })('cases are valid, in the documented ranges, and decode to the same outputs in their encoding', (seed, index) => {
    const c = generateCase(seed, index);
    checkModel(c.model, 'generateCase');
    expect(c.model.contextLength).toBeLessThanOrEqual(CASE_MAX_CONTEXT);
    expect(c.model.width).toBeLessThanOrEqual(CASE_MAX_WIDTH);
    expect(c.inputs.length).toBe(Math.min(2 ** c.model.contextLength, CASE_MAX_INPUTS));
    expect(new Set(c.inputs).size).toBe(c.inputs.length);
    for (const s of c.inputs) expect(s).toMatch(new RegExp(`^[01]{${c.model.contextLength}}$`));
    roundTrips(c);
  });

  test.prop([arbRunSeed, fc.nat({ max: 200 })], { seed: 1402, numRuns: 50 })('a case is a pure function of (seed, index), and the next index is another case', (seed, index) => {
    const json = (c: ConformanceCase) => JSON.stringify([modelToRequestJson(c.model, c.encoding), c.inputs]);
    expect(json(generateCase(seed, index))).toBe(json(generateCase(seed, index)));
    expect(json(generateCase(seed, index + 1))).not.toBe(json(generateCase(seed, index)));
  });

  it('sends both matrix encodings and every position block kind over 100 cases', () => {
    const cases = Array.from({ length: 100 }, (_, i) => generateCase(7, i));
    expect(new Set(cases.map((c) => c.encoding))).toEqual(new Set(['nested', 'packed']));
    expect(new Set(cases.flatMap((c) => c.model.embedding.position.map((b) => b.kind)))).toEqual(new Set(['dense', 'onehot', 'sign-hash']));
  });
});

describe('comparer', () => {
  it('allows absTol + relTol·|expected| and no more', () => {
    const t = { absTol: 1e-3, relTol: 1e-2 };
    expect(compareOutputs([10], [10 + 0.101 - 1e-9], t).ok).toBe(true);
    expect(compareOutputs([10], [10 + 0.101 + 1e-9], t).ok).toBe(false);
    expect(compareOutputs([0], [1e-3], t).ok).toBe(true);
    expect(compareOutputs([0], [1.001e-3], t).ok).toBe(false);
    expect(errorRatio(1, 1, { absTol: 0, relTol: 0 })).toBe(0);
    expect(errorRatio(1, 1 + 1e-16 * 2, { absTol: 0, relTol: 0 })).toBe(Infinity);
  });

  it('names the worst input of a batch', () => {
    const c = compareOutputs([1, 2, 3], [1, 2.5, 3.1], tol);
    expect(c).toMatchObject({ ok: false, worst: 1, maxAbsError: 0.5 });
  });
});

describe('shrinker', () => {
  for (const bug of ['transposed-scores', 'cls-not-key'] as const) {
    const probe = inProcessProbe(MUTANTS[bug], tol);
    test.prop([arbRunSeed], { seed: bug === 'transposed-scores' ? 1403 : 1404, numRuns: 12 })(`${bug}: shrinks to T = 1 and one head, still failing`, async (seed) => {
      const start = await firstFailure(probe, seed);
      fc.pre(start !== null);
      if (start === null) return;
      const r = await shrinkFailure(start, probe);
      const small = r.smallest.case;
      expect(r.smallest.failure.kind).toBe('mismatch');
      expect((await probe(small)).kind).toBe('mismatch');
      roundTrips(small);
      expect(small.inputs).toHaveLength(1);
      expect(small.model.contextLength).toBe(1);
      expect(heads(small)).toBe(1);
      // Transposition needs an asymmetric W_QK (d >= 2); a missing [CLS] key shows at d = 1.
      expect(small.model.width).toBe(bug === 'transposed-scores' ? 2 : 1);
      expect(r.requests).toBeLessThanOrEqual(200);
    });
  }

  test.prop([arbRunSeed], { seed: 1405, numRuns: 8 })('project-before-residual: the shrunk case still fails and is no larger than the original', async (seed) => {
    const probe = inProcessProbe(MUTANTS['project-before-residual'], tol);
    const start = await firstFailure(probe, seed, 60);
    fc.pre(start !== null);
    if (start === null) return;
    const r = await shrinkFailure(start, probe);
    expect((await probe(r.smallest.case)).kind).toBe('mismatch');
    const a = modelSize(start.case.model);
    const b = modelSize(r.smallest.case.model);
    for (const k of Object.keys(a) as (keyof typeof a)[]) expect(b[k]).toBeLessThanOrEqual(a[k]);
    expect(b.layers).toBeGreaterThanOrEqual(1); // the bug lives in a layer
  });

  test.prop([arbRunSeed], { seed: 1406, numRuns: 8 })('sign-hash off by one: shrinks to one head and a single sign-hash block', async (seed) => {
    const probe = inProcessProbe(MUTANTS['sign-hash-off-by-one'], tol);
    const start = await firstFailure(probe, seed, 60);
    fc.pre(start !== null);
    if (start === null) return;
    const small = (await shrinkFailure(start, probe)).smallest.case;
    expect((await probe(small)).kind).toBe('mismatch');
    expect(small.model.embedding.position.map((b) => b.kind)).toEqual(['sign-hash']);
    expect(heads(small)).toBeLessThanOrEqual(1);
    // Not asserted: a bound on T or d. Dropping a position moves the later ones to other hash inputs t,
    // and dropping a column inside the block changes the hash inputs j, so a bug that shows at one (t, j)
    // only can keep T or d large (over 60 seeds: T up to 8, d up to 3).
    const before = modelSize(start.case.model);
    const after = modelSize(small.model);
    for (const k of Object.keys(before) as (keyof typeof before)[]) expect(after[k]).toBeLessThanOrEqual(before[k]);
  });

  it('drops a column outside a generated position block without turning the block dense', () => {
    const base = generateCase(1, 0);
    const model = {
      ...base.model,
      width: 3,
      embedding: {
        token: fromRows([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        cls: Float64Array.of(1, 0, 0),
        position: [{ kind: 'sign-hash' as const, scale: 1, seed: 12345, column: 1, width: 2 }],
      },
      layers: [],
      clsHeads: [],
      readout: [{ weight: fromRows([[1], [1], [1]]), bias: null, activation: 'identity' as const }],
    };
    const c: ConformanceCase = { model, inputs: ['0'.repeat(model.contextLength)], encoding: 'nested' };
    const widths = SHRINK_STAGES[3](c)
      .map((k) => k())
      .filter((x) => x !== null && x.model.width === 2);
    const kept = widths.map((x) => x?.model.embedding.position);
    expect(kept).toContainEqual([{ kind: 'sign-hash', scale: 1, seed: 12345, column: 0, width: 2 }]); // column 0 dropped, block shifted
    expect(kept.filter((p) => p?.[0].kind === 'dense')).toHaveLength(2); // columns 1, 2 lie inside: made dense first
    expect(SHRINK_STAGES[3](c).map((k) => k()?.model.embedding.position)).toContainEqual([{ kind: 'sign-hash', scale: 1, seed: 12345, column: 1, width: 1 }]);
  });

  it('keeps an error reply an error reply, and stops at the request budget', async () => {
    const usesTanh = (c: ConformanceCase) => [...c.model.layers.flatMap((l) => l.heads), ...c.model.clsHeads, ...c.model.readout].filter((h) => h.activation === 'tanh').length;
    const probe: Probe = async (c) => (usesTanh(c) > 0 ? { kind: 'error-reply', expected: referenceOutputs(c.model, c.inputs), message: 'no tanh' } : { kind: 'pass', maxAbsError: 0 });
    const start = await firstFailure(probe, 3);
    expect(start).not.toBeNull();
    if (start === null) return;
    const r = await shrinkFailure(start, probe);
    expect(r.smallest.failure.kind).toBe('error-reply');
    expect(usesTanh(r.smallest.case)).toBe(1);
    expect(r.smallest.case.model.contextLength).toBe(1);
    const capped = await shrinkFailure(start, probe, 3);
    expect(capped.requests).toBeLessThanOrEqual(3);
    expect(usesTanh(capped.smallest.case)).toBeGreaterThan(0);
  });

  it('a probe that breaks the protocol stops the shrinker with the violation', async () => {
    const start = await firstFailure(inProcessProbe(MUTANTS['cls-not-key'], tol), 5);
    expect(start).not.toBeNull();
    if (start === null) return;
    const r = await shrinkFailure(start, async () => ({ kind: 'violation', violation: { kind: 'timeout', detail: 'no reply' }, request: { id: 9 } }));
    expect(r.violation?.violation.kind).toBe('timeout');
    expect(r.requests).toBe(1);
  });
});

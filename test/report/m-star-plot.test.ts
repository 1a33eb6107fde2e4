/**
 * The m*(T) plot draws the a + b ln T fit exactly when an architecture has m* at 3 or more values of T
 * (issue 12: a two-point fit hides the data), from the stored search; censored searches are triangles
 * that no line joins. Runs come from an instant fake trainer (success iff m ≥ a threshold that grows
 * with T, or never for one architecture), stored through the report's own pipeline.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore, type SqliteRunStore } from '../../src/experiments/store/sqlite-store.js';
import type { RunExecutor, SampleComplexityResult } from '../../src/experiments/sample-complexity.js';
import type { TrainResult } from '../../src/experiments/train-result.js';
import { runSampleComplexityIntoStore } from '../../src/report/pipeline.js';
import { learningSection } from '../../src/report/sections/learning.js';
import { fullVegaLiteSpec } from '../../src/report/plot.js';

let store: SqliteRunStore;

/** Transformer: success iff m ≥ 4T (so m* is found at every T); MLP: fits but never generalizes. */
const fake: RunExecutor = {
  async run(cs) {
    return cs.map((c) => {
      const ok = c.model === 'transformer' && c.sampleSize >= 4 * c.contextLength;
      return { config: c, testAccuracy: ok ? 1 : 0.6, trainAccuracy: 1, fitTrainSet: true, steps: 10, backend: 'fake', wallSeconds: 0 } as unknown as TrainResult;
    });
  },
};

beforeAll(async () => {
  store = openRunStore(join(mkdtempSync(join(tmpdir(), 'attn-mstar-')), 'runs.db'));
  await runSampleComplexityIntoStore(
    store,
    { task: 'parity', sparsity: 2, contextLengths: [4, 8, 16], seeds: 3, required: 2, models: ['transformer', 'mlp'], mStart: 8, mMax: 128, pool: fake },
    { progress: { silent: true } },
  );
});

afterAll(() => store?.close());

test('a fit from 3 values of T is drawn for the architecture that has them; the censored one gets triangles and no fit', () => {
  const [search] = store.runs('sample-complexity').map((r) => r.result as SampleComplexityResult);
  expect(search.rows.filter((r) => r.model === 'transformer').every((r) => r.mStar !== null)).toBe(true);
  expect(search.rows.filter((r) => r.model === 'mlp').every((r) => r.status === 'above-max')).toBe(true);
  const p = learningSection(store, { fullExperimentPath: null, reproductionDir: null }).plots.find((x) => x.id === 'learning-m-star-vs-T')!;
  const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
  const f = search.fits.find((x) => x.model === 'transformer')!;
  expect(values.filter((v) => v.kind === 'fit').map((v) => [v.model, v.T, v.value])).toEqual(f.contextLengths.map((T) => ['transformer', T, f.log!.a + f.log!.b * Math.log(T)]));
  expect(values.filter((v) => v.kind === 'censored').map((v) => [v.model, v.T, v.value])).toEqual([4, 8, 16].map((T) => ['mlp', T, 128]));
  expect(values.filter((v) => v.kind === 'measured').map((v) => [v.T, v.value])).toEqual(search.rows.filter((r) => r.model === 'transformer').map((r) => [r.contextLength, r.mStar]));
  expect(p.caption).toContain('drawn only for an architecture with m* at ≥ 3 values of T');
});

/**
 * The learning section's verdicts against the stored runs: a tiny search (s = 3 majority, T = 8, 16, 32,
 * 3 seeds) trained in process into a SQLite store; the section's censoring table is recomputed from the
 * stored train runs (outcome per seed by configHash), its verdict table from those outcomes by the
 * bootstrap, selection and verdict modules; the full experiment's committed data appears beside the
 * live run when its file exists, and a malformed file is refused.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore, type SqliteRunStore } from '../../src/experiments/store/sqlite-store.js';
import { contentHash } from '../../src/experiments/store/canonical.js';
import { configHash, normalizeConfig } from '../../src/experiments/config.js';
import { normalizeSampleComplexityOptions, sampleComplexity, type SampleComplexityOptions, type SampleComplexityResult } from '../../src/experiments/sample-complexity.js';
import type { TrainResult } from '../../src/experiments/train.js';
import { seedOutcome, countOutcomes, decideProbe } from '../../src/experiments/stats/outcome.js';
import { bootstrapMstar } from '../../src/experiments/stats/bootstrap-mstar.js';
import { learningVerdict } from '../../src/experiments/stats/verdict.js';
import { learningSection } from '../../src/report/sections/learning.js';
import { LEARNING_CLAIM } from '../../src/report/sections/learning-verdicts.js';
import type { ReportSection } from '../../src/report/types.js';
import { inProcessExecutor } from '../helpers/in-process-executor.js';
import { vegaLiteToSvg } from '../../src/report/plot.js';
import { markdownTable, renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-verdict-'));
let store: SqliteRunStore;
let search: SampleComplexityResult;
const OPTS: SampleComplexityOptions = {
  task: 'majority',
  sparsity: 3,
  contextLengths: [8, 16, 32],
  seeds: 3,
  required: 2,
  models: ['mlp'],
  mStart: 16,
  mMax: 64,
  base: { width: 8, steps: 80, batchSize: 16, testSize: 64, evalEvery: 10 },
};

beforeAll(async () => {
  store = openRunStore(join(dir, 'runs.db'));
  search = await sampleComplexity(
    { ...OPTS, pool: inProcessExecutor() },
    { get: (h) => store.get(h), put: (h, r) => void store.putRun({ hash: h, kind: 'train', sweep: 't', config: r.config, result: r }) },
  );
  store.putRun({
    hash: contentHash('sample-complexity', normalizeSampleComplexityOptions(OPTS)),
    kind: 'sample-complexity',
    sweep: 't',
    config: normalizeSampleComplexityOptions(OPTS),
    result: search,
  });
}, 300_000);

afterAll(() => store?.close());

const table = (s: ReportSection, id: string) => s.tables.find((t) => t.id === id);

/** The stored train run of (T, m, seed). */
function stored(T: number, m: number, seed: number): TrainResult {
  const c = normalizeConfig({ ...OPTS.base, task: OPTS.task, sparsity: OPTS.sparsity, contextLength: T, sampleSize: m, seed, model: 'mlp' });
  const r = store.get<TrainResult>(configHash(c));
  expect(r, `stored run T=${T} m=${m} seed=${seed}`).toBeDefined();
  return r!;
}

describe('learning verdicts from the stored runs', () => {
  test('the claim is stated; the censoring table equals the outcomes of the stored train runs', () => {
    const s = learningSection(store, { fullExperimentPath: null });
    expect(s.paragraphs[0]).toBe(LEARNING_CLAIM);
    const t = table(s, 'learning-censoring')!;
    const probes = search.rows.flatMap((r) => r.probes.map((p) => ({ T: r.contextLength, m: p.m })));
    expect(t.rows).toHaveLength(probes.length);
    for (const row of t.rows) {
      const [model, task, sp, T, m, S, F, C, decision, seeds] = row as [string, string, number, number, number, number, number, number, string, number];
      expect([model, task, sp, seeds]).toEqual(['mlp', 'majority', 3, 3]);
      const outcomes = [1, 2, 3].map((seed) => seedOutcome(stored(T, m, seed), 0.99));
      const c = countOutcomes(outcomes);
      expect([S, F, C]).toEqual([c.success, c.statisticalFailure, c.censored]);
      expect(decision).toBe(decideProbe(c, 2));
    }
    expect(s.paragraphs.some((p) => /no committed data/.test(p))).toBe(true);
    expect(table(s, 'learning-full-verdicts')).toBeUndefined();
  });

  test('the verdict table equals bootstrap + selection + verdict recomputed from the stored runs', () => {
    const s = learningSection(store, { fullExperimentPath: null });
    const [row] = table(s, 'learning-verdicts')!.rows;
    const points = search.rows
      .slice()
      .sort((a, b) => a.contextLength - b.contextLength)
      .map((r) => {
        const probes = r.probes.map((p) => ({ m: p.m, outcomes: [1, 2, 3].map((seed) => seedOutcome(stored(r.contextLength, p.m, seed), 0.99)) }));
        const b = bootstrapMstar({ probes, required: 2 }, { level: 1 - 0.05 / 3 });
        return { contextLength: r.contextLength, point: r.status === 'found' ? r.mStar : null, lower: b.lower, upper: b.upper };
      });
    const v = learningVerdict(points);
    expect(row[0]).toBe('mlp');
    expect(row[6]).toBe(v.verdict);
    expect(row[7]).toBe(v.reason);
    expect(String(row[3])).toBe(
      points
        .map((p) => `T=${p.contextLength}: ${p.point ?? search.rows.find((r) => r.contextLength === p.contextLength)!.status} [${p.lower}, ${Number.isFinite(p.upper) ? p.upper : '∞'}]`)
        .join('; '),
    );
    // The MLP is the comparison, not the claim: its rule reading is a figure (info), never a verdict.
    const line = s.summary.find((l) => l.check === 'live: mlp · majority s=3: rule reading (comparison, not the claim)')!;
    expect([line.value.startsWith(v.verdict), line.verdict]).toEqual([true, 'info']);
  });

  test('the m*(T) plot draws the a + b ln T fit only from >= 3 values of T with m*, and never joins censored searches', () => {
    const s = learningSection(store, { fullExperimentPath: null });
    const p = s.plots.find((x) => x.id === 'learning-m-star-vs-T')!;
    const found = search.rows.filter((r) => r.mStar !== null);
    const fit = p.rows.filter((r) => r.kind === 'fit');
    if (found.length >= 3) {
      const f = search.fits.find((x) => x.model === 'mlp')!;
      expect(fit.map((r) => [r.T, r.value])).toEqual(f.contextLengths.map((T) => [T, f.log!.a + f.log!.b * Math.log(T)]));
    } else expect(fit).toEqual([]);
    expect(p.rows.filter((r) => r.kind === 'censored').map((r) => r.T)).toEqual(search.rows.filter((r) => r.mStar === null).map((r) => r.contextLength));
    const layers = (p.spec as { layer: { mark: unknown; transform?: { filter: { equal: string } }[] }[] }).layer;
    expect(layers.find((l) => l.transform?.[0].filter.equal === 'censored')!.mark).toMatchObject({ type: 'point' });
  });

  test('the full experiment data is shown beside the live run when its file exists; a malformed file is refused', () => {
    const path = join(dir, 'full-experiment-summary.json');
    writeFileSync(
      path,
      JSON.stringify({
        experiment: 'full-experiment',
        planned: 5,
        stored: 1,
        searches: [{ ...search, group: 'primary' }],
        fresh: [{ task: 'parity', sparsity: 2, model: 'mlp', contextLength: 8, seed: 1, budget: 2000, fitStep: 300, solveStep: null, testAccuracy: 1 }],
      }),
    );
    const s = learningSection(store, { fullExperimentPath: path });
    const full = table(s, 'learning-full-verdicts')!;
    expect(full.rows).toEqual(table(s, 'learning-verdicts')!.rows);
    expect(table(s, 'learning-full-censoring')!.rows).toEqual(table(s, 'learning-censoring')!.rows);
    expect(s.paragraphs.some((p) => /1 of 5 planned units stored/.test(p))).toBe(true);
    const fresh = s.plots.find((p) => p.id === 'learning-fresh-steps-to-fit')!;
    expect(fresh.rows).toEqual([{ T: 8, series: 'mlp parity s=2', kind: 'fit', value: 300 }]);
    return vegaLiteToSvg(fresh.spec, fresh.rows).then((svg) => {
      expect(svg.startsWith('<svg')).toBe(true);
      writeFileSync(path, '{"searches": 3}');
      expect(() => learningSection(store, { fullExperimentPath: path })).toThrow(/readFullExperiment: .* must be a full-experiment summary/);
    });
  });

  test('the markdown and HTML renderers show the claim, the verdict table and the censoring table', () => {
    const s = learningSection(store, { fullExperimentPath: null });
    const meta = { title: 't', generatedAt: 'now', source: 'test', lines: [] };
    const md = renderMarkdown(meta, [s], new Map());
    const html = renderHtml(meta, [s], new Map());
    expect(md).toContain('Claim tested');
    expect(md).toContain(markdownTable(table(s, 'learning-verdicts')!));
    expect(md).toContain(markdownTable(table(s, 'learning-censoring')!));
    expect(html).toContain('Verdicts of the live default run');
  });
});

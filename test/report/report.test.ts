/**
 * A report rendered from a small stored sweep (bound, construct and train runs created here): every
 * section, plot (SVG + PNG + CSV) and table CSV exists, the numbers in the tables match the store,
 * `report --from DB` re-renders the same tables without touching the store, and the HTML page opened
 * in headless Chromium (playwright-core, Debian's chromium) loads every plot.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { openRunStore, type SqliteRunStore } from '../../src/experiments/store/sqlite-store.js';
import { parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { runSweep } from '../../src/experiments/sweep/runner.js';
import { runKinds } from '../../src/experiments/sweep/kinds.js';
import { renderReport } from '../../src/report/render.js';
import { runSampleComplexityIntoStore } from '../../src/report/pipeline.js';
import type { SampleComplexityOptions, SampleComplexityResult } from '../../src/experiments/sample-complexity.js';
import { parseCsv } from '../../src/report/csv.js';
import { formatCell, formatNumber } from '../../src/report/format.js';
import { fullVegaLiteSpec, type PlotSpec } from '../../src/report/plot.js';
import { SAMPLE_SIZE_CAP } from '../../src/bounds/sample-size.js';
import { defaultFullExperimentPath } from '../../src/report/sections/learning-verdicts.js';
import { CAPACITY_SETTING } from '../../src/report/default-config.js';
import type { ReportSection } from '../../src/report/types.js';
import type { BoundReport, BoundRequest } from '../../src/bounds/api.js';
import type { ConstructConfig, ConstructResult } from '../../src/experiments/sweep/kinds/construct.js';
import type { TrainResult } from '../../src/experiments/train.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { runFitTrainSet } from '../../src/experiments/stats/outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-report-'));
const dbPath = join(dir, 'runs.db');
const outDir = join(dir, 'report');
let store: SqliteRunStore;
let sections: ReportSection[];

const SPECS = [
  { name: 't-bound', kind: 'bound', grid: { contextLength: [16, 256, 65536] }, fixed: CAPACITY_SETTING },
  { name: 't-construct', kind: 'construct', grid: { fn: ['parity', 'majority'], contextLength: [16, 64] }, fixed: { sparsity: 3 } },
  // s = 3 at T = 16 repeats t-construct's parity head with the family named: one head, two stored runs.
  { name: 't-construct-s', kind: 'construct', grid: { family: ['symmetric', 'general'], sparsity: [2, 3, 4] }, fixed: { fn: 'parity', contextLength: 16 } },
  { name: 't-adversarial', kind: 'adversarial', grid: { check: ['lem-softmax-linf-l1', 'lem-layer-lipschitz'] }, fixed: { seed: 3, budget: 200 } },
];

/** A tiny sample-complexity search (alg-sample-complexity) run through the store, as `npm start` does. */
const SEARCH: SampleComplexityOptions = {
  task: 'parity',
  sparsity: 2,
  contextLengths: [6, 8],
  seeds: 1,
  models: ['transformer', 'mlp'],
  mStart: 16,
  mMax: 32,
  base: { width: 8, steps: 40, batchSize: 16, testSize: 64, evalEvery: 10 },
  workers: 2,
};

beforeAll(async () => {
  store = openRunStore(dbPath);
  const kinds = runKinds();
  for (const raw of SPECS) {
    const spec = parseSweepSpec(raw, kinds);
    const s = await runSweep(spec, kinds.get(spec.kind)!, store);
    expect(s.missing).toBe(0);
  }
  await runSampleComplexityIntoStore(store, SEARCH, { progress: { silent: true } });
  sections = (await renderReport(store, { outDir, repoRoot: REPO_ROOT, progress: { silent: true } })).sections;
}, 300_000);

afterAll(() => store?.close());

const section = (id: string) => sections.find((s) => s.id === id)!;
const plot = (sectionId: string, id: string): PlotSpec => {
  const p = section(sectionId).plots.find((x) => x.id === id);
  expect(p, `plot ${id}`).toBeDefined();
  return p!;
};
const sortRows = (rows: readonly Record<string, unknown>[]) => [...rows].map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
const tableCsv = (id: string) => parseCsv(readFileSync(join(outDir, 'tables', `${id}.csv`), 'utf8'));

describe('report from a stored sweep', () => {
  test('every section is available; every plot has SVG, PNG and CSV; every table has its CSV', () => {
    expect(sections.map((s) => [s.id, s.available, s.reason ?? ''])).toEqual([
      ['capacity', true, ''],
      ['representation', true, ''],
      ['learning', true, ''],
      ['checks', true, ''],
    ]);
    const md = readFileSync(join(outDir, 'index.md'), 'utf8');
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    for (const s of sections) {
      expect(md).toContain(`## ${s.title}`);
      expect(html).toContain(`<h2>${s.title}</h2>`);
      for (const p of s.plots) {
        const svg = readFileSync(join(outDir, 'plots', `${p.id}.svg`), 'utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        const png = readFileSync(join(outDir, 'plots', `${p.id}.png`));
        expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
        expect(parseCsv(readFileSync(join(outDir, 'plots', `${p.id}.csv`), 'utf8'))).toHaveLength(p.rows.length);
        expect(md).toContain(`plots/${p.id}.png`);
        expect(html).toContain(`plots/${p.id}.png`);
      }
      for (const t of s.tables) expect(tableCsv(t.id)).toHaveLength(t.rows.length);
    }
    expect(md).not.toMatch(/not available/i);
    expect(sections.flatMap((s) => s.plots).length).toBeGreaterThanOrEqual(8);
  });

  test('capacity table numbers are the stored bound reports', () => {
    const rows = tableCsv('capacity-bound-vs-T');
    const stored = new Map(store.runs('bound').map((r) => [(r.config as BoundRequest).contextLength, r.result as BoundReport]));
    expect(rows.map((r) => Number(r.T))).toEqual([16, 256, 65536]);
    const md = readFileSync(join(outDir, 'index.md'), 'utf8');
    for (const r of rows) {
      const rep = stored.get(Number(r.T))!;
      expect(Number(r['generalization gap'])).toBe(rep.generalizationGap);
      expect(Number(r.Rademacher)).toBe(rep.rademacher);
      expect(Number(r['baseline: naiveSoftmaxT'])).toBe(rep.baselines.naiveSoftmaxT.value);
      expect(md).toContain(`| ${r.T} | ${formatCell(Math.log2(Number(r.T)))} | ${formatCell(rep.generalizationGap)} |`);
    }
    const law = tableCsv('capacity-log-T-law');
    expect(law.map((r) => [Number(r.T), Number(r['T²'])])).toEqual([
      [16, 256],
      [256, 65536],
    ]);
    for (const r of law) expect(Number(r['ln N(T²)/ln N(T)'])).toBeLessThanOrEqual(2);
  });

  test('representation table numbers are the stored certificates and implied sample sizes', () => {
    const rows = tableCsv('representation-constructions');
    const runs = store.runs('construct').map((r) => ({ c: r.config as ConstructConfig, r: r.result as ConstructResult }));
    expect(rows).toHaveLength(runs.length - 1); // one head is stored twice (see the duplicate test)
    for (const row of rows) {
      const match = runs.filter(
        (x) =>
          x.c.contextLength === Number(row.T) &&
          x.c.sparsity === Number(row.s) &&
          x.r.family === row.family &&
          (x.c.fn === row.target || (row.target === 'table (random)' && x.c.fn.startsWith('table:'))),
      );
      expect(match.length).toBeGreaterThanOrEqual(1);
      expect(new Set(match.map((x) => JSON.stringify({ ...x.r, wallSeconds: 0 }))).size).toBe(1); // a head stored twice is the same head
      const { r } = match[0];
      expect(Number(row['certified margin'])).toBe(r.minMargin);
      expect(row.certified).toBe(String(r.certified));
      expect(row['implied m (gap ≤ target)']).toBe(r.impliedSampleSize === null ? '' : String(r.impliedSampleSize));
      expect(Number(row.qkSpectral)).toBe(r.norms.qkSpectral);
    }
  });

  test('learning tables: the stored search result, and per-cell figures from the stored train runs', () => {
    const [search] = store.runs('sample-complexity').map((r) => r.result as SampleComplexityResult);
    const srows = tableCsv('learning-search');
    expect(srows.map((r) => [r.model, Number(r.T), r['m*']])).toEqual(search.rows.map((r) => [r.model, r.contextLength, r.mStar === null ? '' : String(r.mStar)]));
    expect(srows.map((r) => Number(r['log2 C(T,s)']))).toEqual(search.rows.map((r) => r.countingFloor));
    const rows = tableCsv('learning-m-star');
    const runs = store.runs('train').map((r) => r.result as TrainResult);
    expect(runs.length).toBe(search.runs.trained);
    expect(rows).toHaveLength(4); // 2 models x 2 T
    for (const row of rows) {
      const curve = runs.filter((r) => r.config.model === row.model && r.config.contextLength === Number(row.T));
      const ok = curve.filter((r) => r.testAccuracy >= 0.99 && runFitTrainSet(r)).map((r) => r.config.sampleSize); // fit and generalized (alg-sample-complexity §5)
      expect(row['m*']).toBe(ok.length ? String(Math.min(...ok)) : '');
      expect(Number(row['largest m tried'])).toBe(Math.max(...curve.map((r) => r.config.sampleSize)));
      if (ok.length) expect(Number(row['test acc at m*'])).toBe(curve.find((r) => r.config.sampleSize === Math.min(...ok))!.testAccuracy);
    }
  });

  test('learning text: the failure breakdown counts the stored runs that missed the threshold and those that never fit their training set', () => {
    const runs = store.runs('train').map((r) => r.result as TrainResult);
    const md = readFileSync(join(outDir, 'index.md'), 'utf8');
    for (const model of ['mlp', 'transformer']) {
      const mine = runs.filter((r) => r.config.model === model);
      const missed = mine.filter((r) => r.testAccuracy < 0.99);
      const unfit = missed.filter((r) => !runFitTrainSet(r));
      expect(md).toContain(`${model}: ${missed.length} of ${mine.length} runs missed test accuracy 0.99, and ${unfit.length} of those never fit their own training set`);
    }
  });

  test('checks table: the stored adversarial searches', () => {
    const rows = tableCsv('checks-adversarial');
    const stored = store.runs('adversarial').map((r) => r.result as { id: string; worstRatio: number });
    expect(rows.map((r) => [r.inequality, Number(r['worst ratio'])]).sort()).toEqual(stored.map((a) => [a.id, a.worstRatio]).sort());
    for (const r of rows) expect(r.holds).toBe(String(Number(r['worst ratio']) <= 1));
    expect(tableCsv('checks-properties').length).toBeGreaterThan(0);
  });

  test('constructions: one row per distinct head; the head stored twice is shown once and the note says so', () => {
    const rows = tableCsv('representation-constructions');
    const keys = rows.map((r) => [r.target, r.family, r.T, r.s, r.codes].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.length).toBe(store.count('construct') - 1);
    const t = section('representation').tables.find((x) => x.id === 'representation-constructions')!;
    expect(t.note).toMatch(/parity \(symmetric, onehot\) at T = 16, s = 3 is stored 2 times/);
  });

  test('plot capacity-bound-vs-T: its data values are the stored gaps and baselines; the vacuous line and the naive cap are stated', () => {
    const p = plot('capacity', 'capacity-bound-vs-T');
    const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
    const runs = store.runs('bound').map((r) => ({ T: (r.config as BoundRequest).contextLength, rep: r.result as BoundReport }));
    const expected = runs.flatMap(({ T, rep }) => [
      { T, series: 'our bound: generalization gap', value: rep.generalizationGap },
      ...Object.entries(rep.baselines)
        .filter(([, b]) => b.value > 0 && Number.isFinite(b.value))
        .map(([name, b]) => ({ T, series: `baseline: ${name}`, value: b.value })),
    ]);
    expect(sortRows(values)).toEqual(sortRows(expected));
    expect(JSON.stringify(p.spec)).toContain('{"y":{"datum":1}}');
    const capped = runs.filter((r) => (r.rep.baselines.naiveSoftmaxT.rademacher as number) >= 1).sort((a, b) => a.T - b.T);
    expect(capped.length).toBeGreaterThan(0);
    expect(p.caption).toContain(`stops growing at ${formatNumber(capped[0].rep.baselines.naiveSoftmaxT.value)} from T = ${capped[0].T}`);
    const ratios = runs.map((r) => r.rep.generalizationGap / r.rep.baselines.parameterCounting.value);
    const text = section('capacity').paragraphs.join('\n');
    expect(text).toContain(`${formatNumber(Math.min(...ratios), 2)}× to ${formatNumber(Math.max(...ratios), 2)}× below our bound`);
  });

  test('plot capacity-logN-vs-T: its data values are the stored ln N at the common radius', () => {
    const p = plot('capacity', 'capacity-logN-vs-T');
    const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
    const eps = Number(/ε = ([\d.e-]+)/.exec(p.caption)![1]);
    for (const v of values) {
      const rep = store.runs('bound').find((r) => (r.config as BoundRequest).contextLength === v.T)!.result as BoundReport;
      expect(v.logCovering).toBe(rep.logCovering.find((c) => c.eps === eps)!.value);
    }
    expect(values.length).toBe(store.count('bound'));
  });

  for (const [id, xField] of [
    ['representation-norms-vs-T', 'T'],
    ['representation-norms-vs-s', 's'],
  ] as const)
    test(`plot ${id}: every value is the stored norm of its construction; a series never mixes families or codes; counts are not called norms`, () => {
      const p = plot('representation', id);
      const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
      const runs = store.runs('construct').map((r) => ({ c: r.config as ConstructConfig, r: r.result as ConstructResult }));
      const fixed = Number(/at [sT] = (\d+)/.exec(p.title)![1]); // the other coordinate, held fixed
      for (const v of values) {
        const match = runs.filter(
          (x) =>
            `${x.c.fn.startsWith('table:') ? 'table (random)' : x.c.fn} (${x.r.family}, ${x.r.codes})` === v.series &&
            (xField === 'T' ? x.c.contextLength : x.c.sparsity) === v[xField] &&
            (xField === 'T' ? x.c.sparsity : x.c.contextLength) === fixed,
        );
        expect(match.length).toBeGreaterThan(0);
        for (const x of match) expect(x.r.norms[String(v.norm)]).toBe(v.value);
      }
      const spec = JSON.stringify(p.spec);
      expect(spec).not.toContain('"norm (log scale)"');
      expect(new Set(values.map((v) => v.quantity))).toContain('readout hidden units (a count)');
      const keys = values.map((v) => `${v.series}|${v[xField]}|${v.norm}`);
      expect(new Set(keys).size).toBe(keys.length); // the duplicate head is drawn once
    });

  test('plot representation-implied-m: every certified head in a panel is drawn, censored ones at the cap; series split by codes', () => {
    const p = plot('representation', 'representation-implied-m');
    const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
    const runs = store.runs('construct').map((r) => ({ c: r.config as ConstructConfig, r: r.result as ConstructResult }));
    for (const v of values) {
      const x = runs.find((x) => `${x.c.fn} (${x.r.family}, ${x.r.codes})` === v.series && x.c.contextLength === v.T && x.c.sparsity === v.s)!;
      expect(x).toBeDefined();
      expect(v.m).toBe(x.r.impliedSampleSize ?? SAMPLE_SIZE_CAP);
      expect(v.status).toBe(x.r.impliedSampleSize === null ? 'above 2^50 (censored, drawn at the cap)' : 'implied m');
    }
    const panelT = values.filter((v) => String(v.panel).startsWith('against T'));
    const sFixed = Number(/s = (\d+)/.exec(String(panelT[0].panel))![1]);
    const inPanel = new Set(runs.filter((x) => x.r.certified && x.c.sparsity === sFixed).map((x) => `${x.c.fn}|${x.r.family}|${x.r.codes}|${x.c.contextLength}`));
    expect(new Set(panelT.map((v) => `${String(v.series).split(' (')[0]}|${String(v.series).split(' (')[1].split(',')[0]}|${String(v.series).split(', ')[1].replace(')', '')}|${v.T}`))).toEqual(
      inPanel,
    );
    const drawn = new Set(values.map((v) => `${v.series}|${v.T}|${v.s}`)).size;
    expect(p.caption).toContain(`${drawn} of the ${tableCsv('representation-constructions').length} distinct constructions are drawn`);
    const legend = JSON.stringify(p.spec);
    expect(legend).toContain('"labelLimit":1000');
  });

  test('plot learning-m-star-vs-T: measured and censored points are the stored search rows; no fit from fewer than 3 T; ticks at the T values', () => {
    const [search] = store.runs('sample-complexity').map((r) => r.result as SampleComplexityResult);
    const p = plot('learning', 'learning-m-star-vs-T');
    const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
    for (const r of search.rows) {
      const v = values.filter((x) => x.T === r.contextLength && x.model === r.model && (x.kind === 'measured' || x.kind === 'censored'));
      expect(v).toHaveLength(1);
      expect(v[0].kind).toBe(r.mStar !== null ? 'measured' : 'censored');
      expect(v[0].value).toBe(r.mStar ?? (r.status === 'unresolved' ? (r.upperBracket ?? search.options.mMax) : search.options.mMax));
    }
    expect(values.filter((v) => v.kind === 'fit')).toEqual([]); // 2 values of T only
    expect(p.caption).toContain('No fit is drawn');
    const layers = (p.spec as { layer: { mark: { type: string } | string; transform: { filter: { equal: string } }[]; encoding: { x?: { axis?: { values: number[] } } } }[] }).layer;
    const censored = layers.find((l) => l.transform?.[0].filter.equal === 'censored')!;
    expect((censored.mark as { type: string }).type).toBe('point');
    expect(layers[0].encoding.x!.axis!.values).toEqual([...SEARCH.contextLengths].sort((a, b) => a - b));
  });

  test('plot learning-accuracy-vs-m: mean, least and largest test accuracy per cell are the stored runs; a 0.99 line', () => {
    const p = plot('learning', 'learning-accuracy-vs-m');
    const values = fullVegaLiteSpec(p.spec, p.rows).data.values;
    const runs = store.runs('train').map((r) => r.result as TrainResult);
    expect(values.reduce((n, v) => n + Number(v.seeds), 0)).toBe(runs.length);
    for (const v of values) {
      const acc = runs.filter((r) => r.config.model === v.model && r.config.contextLength === v.T && r.config.sampleSize === v.m).map((r) => r.testAccuracy);
      expect([v.minTestAccuracy, v.maxTestAccuracy, v.seeds]).toEqual([Math.min(...acc), Math.max(...acc), acc.length]);
      expect(v.testAccuracy).toBeCloseTo(acc.reduce((a, b) => a + b, 0) / acc.length, 12);
    }
    expect(JSON.stringify(p.spec)).toContain('{"y":{"datum":0.99}}');
    expect(JSON.stringify(p.spec)).toContain('"scheme":"category10"');
  });

  test('plots learning-bound-vs-test and learning-support-mass: their data values are the stored runs', () => {
    const runs = store.runs('train').map((r) => r.result as TrainResult);
    const cellOf = (model: string, T: unknown, m: unknown) => runs.filter((r) => r.config.model === model && r.config.contextLength === T && r.config.sampleSize === m);
    const b = plot('learning', 'learning-bound-vs-test');
    for (const v of fullVegaLiteSpec(b.spec, b.rows).data.values) {
      const rs = cellOf('transformer', v.T, v.m);
      const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
      if (v.series === 'measured test error') expect(v.value).toBeCloseTo(Math.max(1 - mean(rs.map((r) => r.testAccuracy)), 1e-4), 12);
      else expect(v.value).toBeCloseTo(mean(rs.map((r) => (r.bound as { generalizationGap: number }).generalizationGap)), 12);
    }
    const s = plot('learning', 'learning-support-mass');
    for (const v of fullVegaLiteSpec(s.spec, s.rows).data.values) {
      const rs = cellOf('transformer', v.T, v.m);
      expect(v.mass).toBeCloseTo(rs.reduce((a, r) => a + (r.supportAttentionMass as number), 0) / rs.length, 12);
      expect(v.uniform).toBe(SEARCH.sparsity / Number(v.T));
    }
  });

  test('plot learning-fresh-steps-to-fit: its data values are the committed full-experiment fresh runs', () => {
    const p = section('learning').plots.find((x) => x.id === 'learning-fresh-steps-to-fit');
    const full = JSON.parse(readFileSync(defaultFullExperimentPath(), 'utf8')) as { fresh?: { contextLength: number; fitStep: number | null; budget: number }[] };
    if (!full.fresh?.length) return expect(p).toBeUndefined();
    const values = fullVegaLiteSpec(p!.spec, p!.rows).data.values;
    expect(values.map((v) => [v.T, v.value, v.kind])).toEqual(full.fresh.map((f) => [f.contextLength, f.fitStep ?? f.budget, f.fitStep === null ? 'censored' : 'fit']));
  });

  test('every plot of the report has a data test above', () => {
    const tested = [
      'capacity-bound-vs-T',
      'capacity-logN-vs-T',
      'representation-norms-vs-T',
      'representation-norms-vs-s',
      'representation-implied-m',
      'learning-m-star-vs-T',
      'learning-accuracy-vs-m',
      'learning-bound-vs-test',
      'learning-support-mass',
      'learning-fresh-steps-to-fit',
    ];
    for (const p of sections.flatMap((s) => s.plots)) expect(tested).toContain(p.id);
  });

  test('numbers: the implied-m range, R² and the adversarial worst ratio read as the tables do', () => {
    const lines = sections.flatMap((s) => s.summary);
    const implied = lines.find((l) => l.check === 'implied m range');
    if (implied) expect(implied.value).toMatch(/^\d\.\d\de\d+ \.\. \d\.\d\de\d+ /);
    const md = readFileSync(join(outDir, 'index.md'), 'utf8');
    expect(md).not.toMatch(/R² = NaN|R² NaN|\bNaN\b/);
    const adv = lines.find((l) => l.check === 'adversarial worst actual/bound')!;
    const worst = Math.max(...store.runs('adversarial').map((r) => (r.result as { worstRatio: number }).worstRatio));
    const shown = Number(/worst actual\/bound ([\d.e-]+)/.exec(adv.value)![1]);
    expect(Math.sign(shown - 1)).toBe(Math.sign(worst - 1));
    for (const l of lines.filter((x) => ['pass', 'fail', 'inconclusive'].includes(x.verdict))) {
      expect(l.claim, l.check).toMatch(/\.$/);
      expect(l.criterion, l.check).toBeTruthy();
    }
  });

  test('report --from DB re-renders the same tables and leaves the store byte-identical', () => {
    store.close();
    const before = readFileSync(dbPath);
    const out2 = join(dir, 'report2');
    const r = runCli(['report', '--from', dbPath, '--out', out2, '--quiet'], { timeoutMs: 120_000 });
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/report: .*index\.md/);
    expect(r.stdout).toMatch(/1\. Capacity/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    for (const f of readdirSync(join(outDir, 'tables'))) {
      if (f === 'checks-properties.csv') continue; // scans the working tree, which others edit concurrently
      expect(readFileSync(join(out2, 'tables', f), 'utf8')).toBe(readFileSync(join(outDir, 'tables', f), 'utf8'));
    }
    store = openRunStore(dbPath, { readonly: true });
  });

  test('headless Chromium loads the HTML report: every <img> and every SVG', async () => {
    expect(existsSync('/usr/bin/chromium')).toBe(true);
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
      '.csv': 'text/csv',
      '.md': 'text/markdown',
      '.css': 'text/css',
      '.woff2': 'font/woff2',
      '.woff': 'font/woff',
      '.ttf': 'font/ttf',
    };
    const server: Server = createServer((req, res) => {
      const path = normalize(join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0])));
      if (!path.startsWith(outDir) || !existsSync(path)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const requested: string[] = [];
      page.on('request', (req) => void requested.push(req.url()));
      await page.goto(`http://127.0.0.1:${port}/index.html`, { waitUntil: 'load' });
      // Nothing is fetched from the network: KaTeX's stylesheet and fonts are in the report folder.
      expect(requested.filter((u) => !u.startsWith(`http://127.0.0.1:${port}/`))).toEqual([]);
      expect(requested.some((u) => u.endsWith('/katex/katex.min.css'))).toBe(true);
      // Mathematics is rendered (KaTeX's markup), never left as raw TeX.
      expect(await page.$$eval('.katex', (els) => els.length)).toBeGreaterThan(0);
      // ... and styled by the local stylesheet, in KaTeX's own fonts.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.katex')).fontFamily`)).toMatch(/KaTeX_Main/);
      expect(await page.evaluate(`document.fonts.ready.then(() => [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'))`)).toBe(true);
      // Browser code as a string: this file is typed without the DOM library.
      const text = (await page.evaluate('document.body.innerText')) as string;
      expect(text).not.toMatch(/\$[^$\n]*\^[^$\n]*\$|2\^\{O\(s\)\}|10\^-4/);
      // No element is wider than the 1,400 px window unless it sits in a box that scrolls or clips it
      // (a table's .table-scroll box; KaTeX clips the tail of its root-sign SVG).
      const overflow = (await page.evaluate(`(() => {
        const vw = document.documentElement.clientWidth;
        const bad = [];
        for (const el of document.querySelectorAll('body *')) {
          if (el.getBoundingClientRect().right <= vw + 1) continue;
          let boxed = false;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const ox = getComputedStyle(a).overflowX;
            if (ox !== 'visible' && a.getBoundingClientRect().right <= vw + 1) { boxed = true; break; }
          }
          if (!boxed) bad.push(el.tagName + '#' + el.id + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
        }
        return { vw, scrollWidth: document.documentElement.scrollWidth, bad };
      })()`)) as { vw: number; scrollWidth: number; bad: string[] };
      expect(overflow.bad).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.vw);
      expect(await page.$$eval('.table-scroll > table', (els) => els.length)).toBe(await page.$$eval('table', (els) => els.length));
      const imgs = await page.$$eval('img', (els) => els.map((e) => ({ src: e.getAttribute('src'), ok: e.complete && e.naturalWidth > 0 })));
      expect(imgs.length).toBe(sections.flatMap((s) => s.plots).length);
      expect(imgs.filter((i) => !i.ok)).toEqual([]);
      const svgs = await page.$$eval('a[href$=".svg"]', async (links) =>
        Promise.all(
          links.map(async (a) => {
            const href = a.getAttribute('href')!;
            const text = await (await fetch(href)).text();
            // Runs in the page: browser globals, not in this file's Node typings.
            // biome-ignore lint/suspicious/noExplicitAny: browser globals (DOMParser) have no Node typings here.
            const g = globalThis as any;
            const doc = new g.DOMParser().parseFromString(text, 'image/svg+xml');
            const parses: boolean = doc.documentElement.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
            const img = new g.Image();
            img.src = href;
            await img.decode().catch(() => undefined);
            return { href, parses, width: img.naturalWidth as number };
          }),
        ),
      );
      expect(svgs.length).toBe(imgs.length);
      expect(svgs.filter((s) => !s.parses || !(s.width > 0))).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});

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
import { formatCell } from '../../src/report/format.js';
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
  { name: 't-construct-s', kind: 'construct', grid: { family: ['symmetric', 'general'], sparsity: [2, 4] }, fixed: { fn: 'parity', contextLength: 16 } },
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
    expect(rows).toHaveLength(runs.length);
    for (const row of rows) {
      const match = runs.filter(
        (x) =>
          x.c.contextLength === Number(row.T) &&
          x.c.sparsity === Number(row.s) &&
          x.r.family === row.family &&
          (x.c.fn === row.target || (row.target === 'table (random)' && x.c.fn.startsWith('table:'))),
      );
      expect(match).toHaveLength(1);
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
    const types: Record<string, string> = { '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv', '.md': 'text/markdown' };
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
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/index.html`, { waitUntil: 'load' });
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

/**
 * The full experiment's machinery on a tiny plan, trained in process (the same trainRun the pool's
 * workers call): every unit stored in a SQLite run store, a rerun trains nothing, shards partition the
 * plan, the summary files are written and carry the per-(T, m) outcome counts.
 */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/experiments/store/sqlite-store.js';
import { inProcessExecutor } from '../helpers/in-process-executor.js';
import { fullExperimentPlan, runFullExperimentUnits, shardUnits, summarizeFullExperiment, unitCost, type FullExperimentSettings } from '../../src/experiments/full-experiment.js';
import { writeFullExperimentFiles } from '../../src/experiments/full-experiment-files.js';
import { parseCsv } from '../../src/report/csv.js';

const SMOKE: FullExperimentSettings = { maxT: 8, seeds: 2, paritySeeds: 1, mMax: 32, parity: false };

describe('full experiment (tiny plan, in process)', () => {
  test('plan: the issue grid by default; shards partition it; cost estimate is finite and positive', () => {
    const plan = fullExperimentPlan();
    const primary = plan.filter((u) => u.group === 'primary');
    expect(primary).toHaveLength(2 * 2 * 6);
    for (const u of primary) if (u.kind === 'search') expect([u.options.seeds, u.options.sparsity, u.options.resolution]).toEqual([5, 3, 2 ** 0.25]);
    const shards = [1, 2, 3].map((i) => shardUnits(plan, { index: i, count: 3 }).map((u) => u.index));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(plan.map((u) => u.index));
    for (const u of plan) expect(unitCost(u).cpuSeconds).toBeGreaterThan(0);
  });

  test('runs into the store, resumes without training, writes the summary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attn-full-'));
    const store = openRunStore(join(dir, 'runs.db'));
    const plan = fullExperimentPlan(SMOKE);
    expect(plan.map((u) => u.group)).toEqual(['primary', 'primary', 'primary', 'primary']);
    const small = plan.map((u) => (u.kind === 'search' ? { ...u, options: { ...u.options, base: { width: 8, steps: 60, batchSize: 16, testSize: 64, evalEvery: 10 } } } : u));
    const ex = inProcessExecutor();
    const first = await runFullExperimentUnits(store, small, ex);
    expect(first).toEqual({ ran: 4, skipped: 0 });
    const trained = ex.trained;
    expect(trained).toBeGreaterThan(0);
    expect(await runFullExperimentUnits(store, small, ex)).toEqual({ ran: 0, skipped: 4 });
    expect(ex.trained).toBe(trained);
    const summary = summarizeFullExperiment(store, SMOKE, small);
    expect(summary.stored).toBe(4);
    expect(summary.verdicts.map((v) => [v.task, v.model])).toEqual([
      ['and', 'mlp'],
      ['and', 'transformer'],
      ['majority', 'mlp'],
      ['majority', 'transformer'],
    ]);
    for (const v of summary.verdicts) expect(v.verdict?.verdict).toBe('inconclusive'); // one T only
    writeFullExperimentFiles(join(dir, 'data'), summary);
    const counts = parseCsv(readFileSync(join(dir, 'data', 'full-experiment-censoring.csv'), 'utf8'));
    const probes = summary.searches.flatMap((s) => s.rows.flatMap((r) => r.probes));
    expect(counts).toHaveLength(probes.length);
    for (const c of counts) expect(Number(c.success) + Number(c.statisticalFailure) + Number(c.censored)).toBe(Number(c.seeds));
    const json = JSON.parse(readFileSync(join(dir, 'data', 'full-experiment-summary.json'), 'utf8'));
    expect(json.searches).toHaveLength(4);
    store.close();
  }, 300_000);
});

describe('full experiment settings at the boundary', () => {
  test('bad settings are refused with the field named', async () => {
    const { checkFullExperimentSettings, FULL_EXPERIMENT_DEFAULTS } = await import('../../src/experiments/full-experiment.js');
    expect(checkFullExperimentSettings({ ...FULL_EXPERIMENT_DEFAULTS })).toEqual(FULL_EXPERIMENT_DEFAULTS);
    expect(() => checkFullExperimentSettings({ ...FULL_EXPERIMENT_DEFAULTS, maxT: 4 })).toThrow(/fullExperiment: maxT must be .*\(got 4\)/);
    expect(() => checkFullExperimentSettings({ ...FULL_EXPERIMENT_DEFAULTS, seeds: Number.NaN })).toThrow(/fullExperiment: seeds/);
    expect(() => checkFullExperimentSettings({ ...FULL_EXPERIMENT_DEFAULTS, extra: 1 })).toThrow(/fullExperiment: extra must be a known setting/);
  });
});

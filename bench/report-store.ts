/**
 * Benchmark of the run store and the report renderer (issue 6): insert N runs one transaction each
 * (as the sweep runner does), read them back, resolve a sweep's status over them, and render the report
 * sections 1, 2 and 4 from a store filled by the default bound, construction and adversarial sweeps.
 * Run: npx tsx bench/report-store.ts [N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRunStore } from '../src/experiments/store/sqlite-store.js';
import { contentHash } from '../src/experiments/store/canonical.js';
import { parseSweepSpec } from '../src/experiments/sweep/spec.js';
import { runSweep } from '../src/experiments/sweep/runner.js';
import { runKinds } from '../src/experiments/sweep/kinds.js';
import { renderReport } from '../src/report/render.js';
import { adversarialSpec, capacitySpec, representationSSpec, representationTCompactSpec, representationTSpec } from '../src/report/default-config.js';

const N = Number(process.argv[2] ?? 5000);
if (!Number.isSafeInteger(N) || N < 1) {
  process.stderr.write(`report-store: N must be an integer >= 1 (got ${process.argv[2]})\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'attn-bench-report-'));
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(3);
try {
  const store = openRunStore(join(dir, 'bench.db'));
  // A result about the size of a train result without its model (norms, bound trace).
  const result = {
    testAccuracy: 0.75,
    trainAccuracy: 1,
    steps: 400,
    norms: Array.from({ length: 40 }, (_, i) => ({ spectral: i / 7, frobenius: i / 3 })),
    bound: { trace: Array.from({ length: 20 }, (_, i) => ({ id: `x${i}`, value: i })) },
  };
  let t0 = performance.now();
  for (let i = 0; i < N; i++) store.putRun({ hash: contentHash('bench', { i }), kind: 'bench', sweep: 'bench', config: { i }, result });
  console.log(`insert ${N} runs, one transaction each: ${secs(t0)} s (${((N / (performance.now() - t0)) * 1000).toFixed(0)} runs/s)`);
  t0 = performance.now();
  const again = [...Array(N).keys()].filter((i) => !store.putRun({ hash: contentHash('bench', { i }), kind: 'bench', sweep: 'bench', config: { i }, result })).length;
  console.log(`re-insert (all ignored: ${again === N}): ${secs(t0)} s`);
  t0 = performance.now();
  const all = store.runs('bench');
  console.log(`read back ${all.length} runs: ${secs(t0)} s`);
  t0 = performance.now();
  const hashes = store.hashes();
  console.log(`hash set (${hashes.size}): ${secs(t0)} s`);
  store.close();

  const rs = openRunStore(join(dir, 'report.db'));
  const kinds = runKinds();
  for (const raw of [capacitySpec(), representationTSpec(), representationTCompactSpec(), representationSSpec(), adversarialSpec()]) {
    const spec = parseSweepSpec(raw, kinds);
    t0 = performance.now();
    const s = await runSweep(spec, kinds.get(spec.kind)!, rs);
    console.log(`sweep ${spec.name}: ${s.ran} cells in ${secs(t0)} s`);
  }
  t0 = performance.now();
  const { sections, written } = await renderReport(rs, { outDir: join(dir, 'report'), repoRoot: process.cwd(), progress: { silent: true } });
  console.log(`render ${sections.length} sections, ${written.plots.size} plots (SVG + PNG + CSV), ${written.tables.size} tables: ${secs(t0)} s`);
  rs.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

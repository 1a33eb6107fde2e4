/**
 * The full learning experiment of issue 10 (src/experiments/full-experiment.ts): primary test (majority
 * and AND, s = 3, T = 8..256, 5 seeds, Transformer and MLP), parity hardness case with growing budgets,
 * fresh-samples steps-to-fit series. Resumable through the SQLite run store; shardable like `sweep`.
 *
 *   npx tsx scripts/full-experiment.ts [--db PATH] [--shard i/N] [--dry-run] [--summary-only]
 *        [--max-T N] [--seeds N] [--parity-seeds N] [--m-max N] [--no-parity] [--workers N] [--out DIR]
 *
 * --db: the run store (default runs/full-experiment.db); each Slurm shard gets its own, merged with
 * `attn-theory sweep merge A.db B.db --out all.db`, then `--summary-only --db all.db` writes the data.
 * --dry-run: print the plan (units, runs, worst-case cost from the per-(T, model) cost model) and exit.
 * --out: where the summary goes (default proofs-notes/data: full-experiment-summary.json and
 * full-experiment-{mstar,censoring,verdicts,fresh}.csv). Ctrl-C stops; finished runs stay in the store.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRunStore } from '../src/experiments/store/sqlite-store.js';
import { TrainPool } from '../src/experiments/pool.js';
import { parseShard } from '../src/experiments/sweep/grid.js';
import {
  checkFullExperimentSettings,
  FULL_EXPERIMENT_DEFAULTS,
  fullExperimentPlan,
  runFullExperimentUnits,
  shardUnits,
  summarizeFullExperiment,
  unitCost,
  unitLabel,
  type FullExperimentSettings,
} from '../src/experiments/full-experiment.js';
import { writeFullExperimentFiles } from '../src/experiments/full-experiment-files.js';

const KNOWN = new Set(['--db', '--shard', '--dry-run', '--summary-only', '--max-T', '--seeds', '--parity-seeds', '--m-max', '--no-parity', '--workers', '--out']);
const BOOLEAN = new Set(['--dry-run', '--summary-only', '--no-parity']);

function fail(msg: string): never {
  process.stderr.write(`full-experiment: ${msg}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const flags = new Map<string, string | true>();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!KNOWN.has(a)) fail(`unknown flag ${JSON.stringify(a)} (known: ${[...KNOWN].join(' ')})`);
  if (BOOLEAN.has(a)) flags.set(a, true);
  else {
    const v = args[++i];
    if (v === undefined) fail(`${a} needs a value`);
    flags.set(a, v);
  }
}
const int = (name: string, dflt: number, min: number): number => {
  const raw = flags.get(name);
  if (raw === undefined) return dflt;
  const v = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min) fail(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  return v;
};

let settings: FullExperimentSettings;
let shard: { index: number; count: number } | undefined;
try {
  settings = checkFullExperimentSettings({
    maxT: int('--max-T', FULL_EXPERIMENT_DEFAULTS.maxT, 8),
    seeds: int('--seeds', FULL_EXPERIMENT_DEFAULTS.seeds, 1),
    paritySeeds: int('--parity-seeds', FULL_EXPERIMENT_DEFAULTS.paritySeeds, 1),
    mMax: int('--m-max', FULL_EXPERIMENT_DEFAULTS.mMax, 16),
    parity: !flags.has('--no-parity'),
  });
  const rawShard = flags.get('--shard');
  shard = typeof rawShard === 'string' ? parseShard(rawShard) : undefined;
} catch (e) {
  fail((e as Error).message.split('\n')[0]);
}
const workers = int('--workers', availableParallelism(), 1);
const dbPath = String(flags.get('--db') ?? 'runs/full-experiment.db');
const outDir = String(flags.get('--out') ?? 'proofs-notes/data');
const plan = fullExperimentPlan(settings);
const mine = shardUnits(plan, shard);

if (flags.has('--dry-run')) {
  const groups = new Map<string, { units: number; runs: number; cpu: number }>();
  let runs = 0;
  let cpu = 0;
  for (const u of mine) {
    const c = unitCost(u);
    runs += c.runs;
    cpu += c.cpuSeconds;
    const key = `${u.group}`;
    const g = groups.get(key) ?? { units: 0, runs: 0, cpu: 0 };
    g.units++;
    g.runs += c.runs;
    g.cpu += c.cpuSeconds;
    groups.set(key, g);
  }
  const out: string[] = [];
  out.push(`full-experiment plan${shard ? ` (shard ${shard.index}/${shard.count})` : ''}: ${mine.length} of ${plan.length} units; settings ${JSON.stringify(settings)}`);
  out.push('training protocol: src/experiments/full-experiment-config.ts (Adam at the pilot-chosen learning rate, budget 2000 steps doubled until the run fits, cap 128000, parity 2000·(T/8)²)');
  for (const [g, v] of groups) out.push(`  ${g}: ${v.units} units, at most ${v.runs} runs, worst case ${(v.cpu / 3600).toFixed(2)} CPU-hours`);
  out.push(
    `total: at most ${runs} runs; worst case (every run uses its full budget, every search its most probes) ${(cpu / 3600).toFixed(2)} CPU-hours = ${(cpu / 3600 / workers).toFixed(2)} h on ${workers} workers`,
  );
  out.push('cost model: ms/step = 4.5 + 0.006 T (Transformer), 1.6 + 0.0035 T (MLP), + 0.5 s per run (src/experiments/full-experiment.ts msPerStep); runs that fit stop early, so real cost is lower');
  for (const u of mine) {
    const c = unitCost(u);
    out.push(`  #${u.index} ${unitLabel(u)}: <= ${c.runs} runs, <= ${Math.round(c.cpuSeconds)} CPU-s`);
  }
  process.stdout.write(out.join('\n') + '\n');
  process.exit(0);
}

mkdirSync(dirname(dbPath), { recursive: true });
const store = openRunStore(dbPath);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const t0 = performance.now();
let n = 0;
try {
  if (!flags.has('--summary-only')) {
    const pool = new TrainPool({ workers, signal: controller.signal });
    try {
      const r = await runFullExperimentUnits(store, mine, pool, (label, c, res, reused) => {
        n++;
        if (!reused)
          process.stderr.write(
            `[${((performance.now() - t0) / 1000).toFixed(0)} s] run ${n} ${label}: m=${c.sampleSize} seed=${c.seed} test ${res.testAccuracy.toFixed(4)} train ${res.trainAccuracy.toFixed(4)} steps ${res.steps}\n`,
          );
      });
      process.stderr.write(`full-experiment: ${r.ran} units run, ${r.skipped} already stored (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    } finally {
      pool.close();
    }
  }
  const summary = summarizeFullExperiment(store, settings, plan);
  mkdirSync(outDir, { recursive: true });
  const files = writeFullExperimentFiles(outDir, summary);
  process.stdout.write(`full-experiment: ${summary.stored} of ${summary.planned} units stored in ${dbPath}; wrote ${files.join(', ')}\n`);
  for (const v of summary.verdicts) process.stdout.write(`  ${v.group} ${v.task} s=${v.sparsity} ${v.model}: ${v.verdict?.verdict ?? 'n/a'} (${v.verdict?.reason ?? v.missing})\n`);
} catch (err) {
  if ((err as Error).name === 'AbortError') {
    process.stderr.write('full-experiment: interrupted; finished runs are kept in the store\n');
    process.exit(130);
  }
  process.stderr.write(`full-experiment: ${(err as Error).message.split('\n')[0]}\n`);
  process.exit(2);
} finally {
  store.close();
}

/**
 * Aggregate training throughput of the default experiment (issue 10 §1): samples/s over all runs, both
 * cores (a TrainPool of 2 workers), old code against new, on a fixed subset of the default experiment's
 * configs: its task and T grid (--grid default: s = 3 majority, T ∈ {8, 16, 32}; --grid issue10: the
 * default experiment issue 10 measured, s = 3 parity, T ∈ {8, 16, 32, 64}) × m ∈ {128, 1024} × seed 1 ×
 * {Transformer, MLP}, every TrainConfig default (both sides train the same configs). Interleaved
 * (old, new, old, new, ...) `--reps` times; ratios of medians measured in the same run. The last line is JSON.
 *
 *   old  = the trainer before issue 10, from a source tree given by --old (a `git archive` of the
 *          base commit with node_modules linked; every run is tfjs autodiff with the full-set evaluation
 *          every evalEvery steps);
 *   new  = this tree (trainer 'auto': fused [CLS] step for the Transformer, tfjs for the MLP, cheap
 *          early-stop checks); with --trainer tfjs, this tree's tfjs path instead.
 *
 *   git archive f7212fc | tar -x -C /tmp/attn-old && ln -s "$PWD/node_modules" /tmp/attn-old/node_modules
 *   NODE_OPTIONS="--import $PWD/bench/support/register-tfjs-esm.mjs" npx tsx bench/default-experiment-throughput.ts --old /tmp/attn-old [--reps 3]
 * The hook is for the old tree only: at f7212fc tfjs-core's extensionless ES modules did not load under
 * tsx (this tree bundles them at build time, scripts/build.mjs). NODE_OPTIONS, not --import: the pool's
 * workers are forked with an empty execArgv and need the hook too.
 *
 * samples = Σ_runs steps·min(B, m); throughput = samples / elapsed wall time of the pool (data, training,
 * evaluation, diagnostics included; worker start-up excluded: both workers run a 1-step warm-up first). The runs of the two sides may stop at different steps (the fused
 * step is float64, tfjs float32): per-side success counts are printed beside the ratio.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_EXPERIMENT_OPTIONS } from '../src/experiments/default-experiment.js';
import { TrainPool } from '../src/experiments/pool.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}
const oldDir = arg('--old');
if (!oldDir || !existsSync(join(oldDir, 'src/experiments/pool.ts'))) throw new Error(`default-experiment-throughput: --old must be a source tree with src/experiments/pool.ts (got ${oldDir})`);
const reps = Number(arg('--reps') ?? 2);
if (!Number.isSafeInteger(reps) || reps < 1) throw new Error(`default-experiment-throughput: --reps must be an integer >= 1 (got ${arg('--reps')})`);
const newTrainer = arg('--trainer') ?? 'auto';
if (newTrainer !== 'auto' && newTrainer !== 'tfjs') throw new Error(`default-experiment-throughput: --trainer must be auto|tfjs (got ${newTrainer})`);

const { TrainPool: OldPool } = (await import(pathToFileURL(join(oldDir, 'src/experiments/pool.ts')).href)) as { TrainPool: typeof TrainPool };

// --grid default: the current default experiment's task and T grid (majority, T ∈ {8, 16, 32});
// --grid issue10: the default experiment the issue measured against (parity s = 3, T ∈ {8, 16, 32, 64}),
// whose runs are long enough that the training step, not the per-run overhead, dominates.
const grid = arg('--grid') ?? 'default';
if (grid !== 'default' && grid !== 'issue10') throw new Error(`default-experiment-throughput: --grid must be default|issue10 (got ${grid})`);
const o = grid === 'default' ? DEFAULT_EXPERIMENT_OPTIONS : { ...DEFAULT_EXPERIMENT_OPTIONS, task: 'parity' as const, contextLengths: [8, 16, 32, 64] as const };
const configs = o.models.flatMap((model) =>
  o.contextLengths.flatMap((contextLength) => [128, 1024].map((sampleSize) => ({ task: o.task, sparsity: o.sparsity, contextLength, sampleSize, seed: 1, model }))),
);

interface Side {
  elapsed: number[];
  samples: number;
  cpu: number[];
  successes: number;
  steps: number[];
  trainers: string[];
}
const sides: Record<'old' | 'new', Side> = {
  old: { elapsed: [], samples: 0, cpu: [], successes: 0, steps: [], trainers: [] },
  new: { elapsed: [], samples: 0, cpu: [], successes: 0, steps: [], trainers: [] },
};

async function runSide(name: 'old' | 'new'): Promise<void> {
  const pool = name === 'old' ? new OldPool({ workers: 2 }) : new TrainPool({ workers: 2 });
  const cs = name === 'old' ? configs : configs.map((c) => ({ ...c, trainer: newTrainer }));
  try {
    // Start both workers first (process start, tsx, tfjs backend): the real experiment runs its 207 runs in
    // one pool, where that start-up is paid once; here every side and repetition has its own pool.
    const warm = { task: 'parity', sparsity: 1, contextLength: 2, sampleSize: 4, seed: 1, steps: 1, testSize: 4, model: 'mlp' };
    await pool.run([warm, { ...warm, seed: 2 }] as never);
    const t0 = performance.now();
    const rs = await pool.run(cs as never);
    const s = sides[name];
    s.elapsed.push((performance.now() - t0) / 1000);
    s.cpu.push(rs.reduce((a, r) => a + r.cpuSeconds, 0));
    s.samples = rs.reduce((a, r, i) => a + r.steps * Math.min(64, configs[i].sampleSize), 0);
    s.successes = rs.filter((r) => r.testAccuracy >= o.threshold).length;
    s.steps = rs.map((r) => r.steps);
    s.trainers = rs.map((r) => (r as { trainer?: string }).trainer ?? 'tfjs');
  } finally {
    pool.close();
  }
}

for (let r = 0; r < reps; r++) {
  await runSide('old');
  await runSide('new');
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const thr = (s: Side) => s.samples / median(s.elapsed);
const cpuThr = (s: Side) => s.samples / median(s.cpu);
console.log(`${configs.length} runs per side (parity s = 3, T ∈ {8,16,32,64}, m ∈ {128,1024}, seed 1, Transformer + MLP), 2 workers, ${reps} interleaved repetitions; medians`);
console.log('side  samples    wall s   samples/s   worker CPU s   samples/CPU-s   runs ≥ 0.99');
for (const name of ['old', 'new'] as const) {
  const s = sides[name];
  console.log(
    `${name.padEnd(4)} ${String(s.samples).padStart(9)} ${median(s.elapsed).toFixed(1).padStart(8)} ${thr(s).toFixed(0).padStart(11)} ${median(s.cpu).toFixed(1).padStart(13)} ${cpuThr(s).toFixed(0).padStart(15)}   ${s.successes}/${configs.length}`,
  );
}
console.log(`new/old: ${(thr(sides.new) / thr(sides.old)).toFixed(2)}x samples/s (wall, both cores), ${(cpuThr(sides.new) / cpuThr(sides.old)).toFixed(2)}x samples per CPU-second`);
console.log(
  JSON.stringify({
    bench: 'default-experiment-throughput',
    newTrainer,
    configs,
    reps,
    old: sides.old,
    new: sides.new,
    ratio: { wallThroughput: thr(sides.new) / thr(sides.old), cpuThroughput: cpuThr(sides.new) / cpuThr(sides.old) },
  }),
);

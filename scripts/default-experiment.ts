/**
 * The default experiment (src/experiments/default-experiment.ts: s = 3 majority, T ∈ {8, 16, 32}, 3 seeds), Transformer and MLP,
 * m*(T) by doubling then bisection, fits against a + b·log T and a + b·T, counting floor, and per-(model, T)
 * diagnostics at m* (attention mass on the support, the bound, certificates). A script, not a test.
 *
 *   npx tsx scripts/default-experiment.ts [--out DIR] [--workers N]
 *
 * Writes DIR/runs.jsonl (every run, reused by a rerun), DIR/sample-complexity.json and DIR/summary.md
 * (atomically), default DIR = runs/default-experiment. Ctrl-C: stops, keeps finished runs, writes no result.
 */
import { cpus, loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/core/files.js';
import { DEFAULT_EXPERIMENT_OPTIONS, JsonlRunStore, configHash, sampleComplexity, searchRunConfig, type SampleComplexityResult, type TrainResult } from '../src/experiments/api.js';
import { describeSampleComplexity } from '../src/cli/commands/sample-complexity.js';
import { fmt, table } from '../src/cli/output.js';
import { curveVerdicts } from '../src/experiments/stats/curve-verdicts.js';

/** The verdict table (alg-learning-verdict) of the search. */
function verdictTable(r: SampleComplexityResult): string {
  return table(
    ['model', 'm* [bootstrap interval] per T', 'selected law', 'log-log slope range', 'verdict', 'why'],
    curveVerdicts([r]).map((v) => [
      v.model,
      v.points.map((p) => `T=${p.contextLength}: ${p.mStar ?? p.status} [${p.bootstrap ? `${p.bootstrap.lower}, ${p.bootstrap.upper}` : 'n/a'}]`).join('; '),
      v.verdict ? (v.verdict.selection.selected ?? v.verdict.selection.status) : 'n/a',
      v.verdict?.exponentRange ? `[${fmt(v.verdict.exponentRange.min)}, ${fmt(v.verdict.exponentRange.max)}]` : 'n/a',
      v.verdict?.verdict ?? 'n/a',
      v.verdict?.reason ?? v.missing ?? '',
    ]),
  );
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Per-(model, T) diagnostics of the runs at m* (or at the largest probe when censored). */
function diagnosticsTable(r: SampleComplexityResult, store: JsonlRunStore): string {
  const rows: string[][] = [];
  for (const row of r.rows) {
    const m = row.mStar ?? row.probes[row.probes.length - 1]?.m;
    if (m === undefined) continue;
    const runs: TrainResult[] = [];
    for (let seed = 1; seed <= r.options.seeds; seed++) {
      const c = searchRunConfig(r.options, row.model, row.contextLength, m, seed);
      const got = store.get(configHash(c));
      if (got) runs.push(got);
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
    const mass = runs.map((x) => x.supportAttentionMass).filter((x): x is number => x !== null);
    const gaps = runs.map((x) => (x.bound as { generalizationGap?: number } | null)?.generalizationGap).filter((x): x is number => typeof x === 'number');
    const certified = runs.filter((x) => x.certifiedMargin !== null).length;
    rows.push([
      row.model,
      String(row.contextLength),
      `${m}${row.mStar === null ? ' (largest probe)' : ''}`,
      runs.map((x) => fmt(x.testAccuracy)).join(' '),
      runs.map((x) => String(x.steps)).join(' '),
      mass.length ? fmt(mean(mass)) : 'n/a',
      gaps.length ? fmt(mean(gaps)) : 'n/a',
      row.model === 'transformer' ? `${certified}/${runs.length}` : 'n/a',
      fmt(mean(runs.map((x) => x.wallSeconds))),
    ]);
  }
  return table(['model', 'T', 'm', 'test acc per seed', 'steps per seed', 'support attn mass', 'bound gap (mean)', 'certified', 'mean s/run'], rows);
}

const outDir = flag('--out') ?? 'runs/default-experiment';
const workersRaw = flag('--workers');
const workers = workersRaw === undefined ? undefined : Number(workersRaw);
if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 1)) {
  process.stderr.write(`default-experiment: --workers must be an integer >= 1 (got ${JSON.stringify(workersRaw)})\n`);
  process.exit(2);
}
const store = new JsonlRunStore(join(outDir, 'runs.jsonl'));
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const loadBefore = loadavg();
const t0 = performance.now();
let n = 0;
try {
  const result = await sampleComplexity(
    {
      ...DEFAULT_EXPERIMENT_OPTIONS,
      contextLengths: [...DEFAULT_EXPERIMENT_OPTIONS.contextLengths],
      models: [...DEFAULT_EXPERIMENT_OPTIONS.models],
      workers,
      signal: controller.signal,
      onRun: (c, r, reused) => {
        n++;
        process.stderr.write(
          `[${((performance.now() - t0) / 1000).toFixed(0)} s] run ${n}: ${c.model} T=${c.contextLength} m=${c.sampleSize} seed=${c.seed} test ${fmt(r.testAccuracy)} steps ${r.steps}${reused ? ' (reused)' : ` ${fmt(r.wallSeconds)} s`}\n`,
        );
      },
    },
    store,
  );
  const wall = (performance.now() - t0) / 1000;
  const loadAfter = loadavg();
  const header =
    `# Default experiment (protocol OURS, proofs-notes/alg-sample-complexity.md)\n\n` +
    `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), workers ${workers ?? availableParallelism()}, ` +
    `load average before ${loadBefore.map((x) => x.toFixed(1)).join('/')} and after ${loadAfter.map((x) => x.toFixed(1)).join('/')} ` +
    `(other work on the machine slows every run). Total wall time ${fmt(wall)} s; ${result.runs.trained} runs trained, ${result.runs.reused} reused; ` +
    `worker CPU ${fmt(result.runs.cpuSeconds)} s in total, i.e. about ${fmt(result.runs.cpuSeconds / (workers ?? availableParallelism()))} s of wall time on ${workers ?? availableParallelism()} otherwise idle cores.\n\n`;
  const summary = header + '```\n' + describeSampleComplexity(result) + '\n' + verdictTable(result) + '\n' + diagnosticsTable(result, store) + '```\n';
  writeFileAtomic(join(outDir, 'sample-complexity.json'), JSON.stringify({ ...result, totalWallSeconds: wall, loadBefore, loadAfter }, null, 2) + '\n');
  writeFileAtomic(join(outDir, 'summary.md'), summary);
  process.stdout.write(summary);
} catch (err) {
  if ((err as Error).name === 'AbortError') {
    process.stderr.write('default-experiment: interrupted; finished runs are kept in the store, no result written\n');
    process.exit(130);
  }
  process.stderr.write(`default-experiment: ${(err as Error).message.split('\n')[0]}\n`);
  process.exit(2);
}

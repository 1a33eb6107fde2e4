/**
 * `attn-theory sample-complexity --task parity --s 3 --T 8,16,32,64 --seeds 3 [--out DIR] [--json]`:
 * m*(T) for the Transformer and the MLP baseline by doubling then bisection, with fits against
 * a + b·log T and a + b·T and the counting floor log₂ C(T, s) (proofs-notes/alg-sample-complexity.md).
 * With --out DIR, finished runs go to DIR/runs.jsonl as they finish (reused by a rerun) and the result to
 * DIR/sample-complexity.json, each written atomically; Ctrl-C stops the workers and writes no result.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { action, flagError } from '../errors.js';
import { parseChoice, parseInteger, parseIntegerList, parseReal } from '../flags.js';
import { fmt, printJson, table } from '../output.js';
import { writeFileAtomic } from '../../core/files.js';
import { JsonlRunStore, MemoryRunStore, MODEL_KINDS, TASKS, sampleComplexity, type SampleComplexityOptions, type SampleComplexityResult, type TrainConfig } from '../../experiments/api.js';
import { addTrainingFlags, parseTrainingFlags, type TrainingFlags } from './train.js';
import { commandSummary } from '../command-table.js';

/** Plain-text rendering of a sample-complexity result: the m* table, then the fits. */
export function describeSampleComplexity(r: SampleComplexityResult): string {
  const o = r.options;
  let out = `task ${o.task}, s = ${o.sparsity}; m* = least m with >= ${o.required} of ${o.seeds} seeds fitting their training set and reaching test accuracy >= ${o.threshold}; `;
  out += `probes from m = ${o.mStart} doubling up to ${o.mMax}, then bisection to hi/lo <= ${fmt(o.resolution)}; backend ${r.backends.join(', ') || 'none'}\n\n`;
  out += table(
    ['model', 'T', 'm*', 'bracket', 'log2 C(T,s)', 'censored runs', 'probes m:S/F/C (decision)'],
    r.rows.map((x) => [
      x.model,
      String(x.contextLength),
      x.status === 'found' ? String(x.mStar) : x.status === 'above-max' ? `> ${o.mMax}` : 'unresolved',
      x.status === 'found' ? `(${x.lowerBracket ?? '?'}, ${x.mStar}]` : x.status === 'above-max' ? 'above mMax' : `(${x.lowerBracket ?? '?'}, ${x.upperBracket ?? '?'}] not closed: censored probes`,
      fmt(x.countingFloor),
      String(x.censoredRuns ?? 0),
      x.probes
        .map((p) => `${p.m}:${p.successes}/${p.statisticalFailures ?? '?'}/${p.censored ?? '?'}${p.decision ? (p.decision === 'success' ? '+' : p.decision === 'failure' ? '-' : '?') : ''}`)
        .join(' '),
    ]),
  );
  out += 'S = fit and generalized, F = fit but did not generalize (statistical failure), C = never fit (optimization-censored); + success, - failure, ? censored probe\n';
  out += '\n';
  const fitRows: string[][] = [];
  for (const f of r.fits) {
    if (!f.log || !f.linear) {
      fitRows.push([f.model, 'n/a', '', '', '', `m* found at ${f.contextLengths.length} T value(s): no fit`]);
      continue;
    }
    for (const l of [f.log, f.linear]) {
      fitRows.push([f.model, l.form, fmt(l.a), fmt(l.b), fmt(l.rss), l.residuals.map(fmt).join(' ') + (f.betterFit === l.form ? '  <- smaller RSS' : '')]);
    }
  }
  out += table(['model', 'fit', 'a', 'b', 'RSS', 'residuals (per T)'], fitRows);
  out += `\nruns: ${r.runs.total} needed, ${r.runs.reused} reused, ${r.runs.trained} trained (${fmt(r.runs.trainSeconds)} s of training wall time, ${fmt(r.runs.cpuSeconds)} s of worker CPU); wall ${fmt(r.wallSeconds)} s\n`;
  return out;
}

/** Raw options of `sample-complexity`. */
export type SampleComplexityFlags = TrainingFlags & {
  task: string;
  s: string;
  T: string;
  seeds?: string;
  required?: string;
  models?: string;
  threshold?: string;
  mStart?: string;
  mMax?: string;
  workers?: string;
  out?: string;
  json?: boolean;
};

/** Parse `sample-complexity`'s flags into search options; every error names its flag (CliUsageError). */
export function parseSampleComplexityFlags(o: SampleComplexityFlags): SampleComplexityOptions {
  const task = parseChoice('--task', o.task, TASKS);
  const s = parseInteger('--s', o.s, 1);
  const Ts = parseIntegerList('--T', o.T, 1);
  for (const T of Ts) if (s > T) throw flagError('--s', `<= every value of --T (${T})`, o.s);
  const seeds = o.seeds === undefined ? 3 : parseInteger('--seeds', o.seeds, 1);
  const required = o.required === undefined ? undefined : parseInteger('--required', o.required, 1);
  if (required !== undefined && required > seeds) throw flagError('--required', `<= --seeds = ${seeds}`, o.required);
  let models: TrainConfig['model'][] | undefined;
  if (o.models !== undefined) {
    const parts = String(o.models)
      .split(',')
      .map((x) => x.trim());
    models = parts.map((p) => {
      if (!(MODEL_KINDS as readonly string[]).includes(p)) throw flagError('--models', `a comma-separated list from ${MODEL_KINDS.join('|')}`, o.models);
      return p as TrainConfig['model'];
    });
  }
  let threshold: number | undefined;
  if (o.threshold !== undefined) {
    threshold = parseReal('--threshold', o.threshold);
    if (!(threshold > 0 && threshold <= 1)) throw flagError('--threshold', 'in (0, 1]', o.threshold);
  }
  const mStart = o.mStart === undefined ? undefined : parseInteger('--m-start', o.mStart, 1);
  const mMax = o.mMax === undefined ? undefined : parseInteger('--m-max', o.mMax, 1);
  if (mMax !== undefined && mMax < (mStart ?? 16)) throw flagError('--m-max', `>= --m-start (${mStart ?? 16})`, o.mMax);
  const workers = o.workers === undefined ? undefined : parseInteger('--workers', o.workers, 1);
  const base = parseTrainingFlags(o);
  return { task, sparsity: s, contextLengths: Ts, seeds, required, models, threshold, mStart, mMax, base, workers };
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program
    .command('sample-complexity')
    .description(commandSummary('sample-complexity'))
    .requiredOption('--task <task>', `target: ${TASKS.join('|')}`)
    .requiredOption('--s <s>', 'sparsity s')
    .requiredOption('--T <list>', 'context lengths, comma-separated (e.g. 8,16,32,64)')
    .option('--seeds <n>', 'seeds per probed m (default 3)')
    .option('--required <k>', 'successful seeds needed (default: a strict majority)')
    .option('--models <list>', `comma-separated, from ${MODEL_KINDS.join('|')} (default both)`)
    .option('--threshold <acc>', 'test accuracy counted as success, in (0, 1] (default 0.99)')
    .option('--m-start <m>', 'first m probed (default 16)')
    .option('--m-max <m>', 'largest m probed; beyond it m* is censored (default 2048)')
    .option('--workers <n>', 'worker processes (default one per core)');
  addTrainingFlags(cmd, false)
    .option('--out <dir>', 'write runs.jsonl (reused on rerun) and sample-complexity.json there')
    .option('--json', 'machine-readable output')
    .action(
      action('sample-complexity', async (o: SampleComplexityFlags) => {
        const parsed = parseSampleComplexityFlags(o);
        const store = o.out ? new JsonlRunStore(join(o.out, 'runs.jsonl')) : new MemoryRunStore();
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        const progress = process.stderr.isTTY && !o.json;
        let done = 0;
        try {
          const r = await sampleComplexity(
            {
              ...parsed,
              signal: controller.signal,
              onRun: (c, res, reused) => {
                done++;
                if (progress)
                  process.stderr.write(`\r${done} runs (last: ${c.model} T=${c.contextLength} m=${c.sampleSize} seed=${c.seed} test ${fmt(res.testAccuracy)}${reused ? ', reused' : ''})        `);
              },
            },
            store,
          );
          if (progress) process.stderr.write('\n');
          if (o.out) writeFileAtomic(join(o.out, 'sample-complexity.json'), JSON.stringify(r, null, 2) + '\n');
          if (o.json) printJson(r);
          else process.stdout.write(describeSampleComplexity(r));
        } catch (err) {
          if ((err as Error).name === 'AbortError') {
            process.stderr.write((progress ? '\n' : '') + 'attn-theory sample-complexity: interrupted; finished runs are kept in the store, no result written\n');
            return 130;
          }
          throw err;
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
      }),
    );
}

/**
 * `attn-theory sweep`: run a grid of experiments into a SQLite run store, resumably.
 *   sweep run SPEC [--shard i/N] [--db PATH] [--workers N]   run (or resume) the spec's missing cells
 *   sweep status SPEC [--shard i/N] [--db PATH]               cells stored / missing
 *   sweep export SPEC --csv [--db PATH] [--out FILE]          stored cells as CSV
 *   sweep merge A.db B.db ... --out C.db                      combine stores (e.g. shards)
 * Every input is validated before any store is opened; a bad spec, shard or store prints one line and
 * exits 2 with the store untouched (alg-sweep-runner).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { action, flagError } from '../errors.js';
import { parseInteger } from '../flags.js';
import { writeFileAtomic } from '../../core/files.js';
import { openRunStore } from '../../experiments/store/sqlite-store.js';
import { readSweepSpec, type SweepSpec } from '../../experiments/sweep/spec.js';
import { expandGrid, parseShard, type Shard } from '../../experiments/sweep/grid.js';
import { runSweep, sweepRows, sweepStatus } from '../../experiments/sweep/runner.js';
import { mergeStores } from '../../experiments/sweep/merge.js';
import type { RunKind } from '../../experiments/sweep/kind.js';
import { createProgress } from '../../report/progress.js';
import { EXIT_INTERRUPTED } from './report.js';
import { toCsv } from '../../report/csv.js';
import { commandSummary } from '../command-table.js';

/** Default store path of a spec: SPEC with .json replaced by .db (plus .shard-i-of-N for a shard). */
export function defaultStorePath(specPath: string, shard?: Shard): string {
  const base = specPath.replace(/\.json$/i, '');
  return shard ? `${base}.shard-${shard.index}-of-${shard.count}.db` : `${base}.db`;
}

async function loadSpec(specPath: string): Promise<{ spec: SweepSpec; kind: RunKind }> {
  // The kinds pull in tfjs and the bounds: load them only when a sweep command runs.
  const { runKinds } = await import('../../experiments/sweep/kinds.js');
  const kinds = runKinds();
  const spec = readSweepSpec(specPath, kinds);
  const kind = kinds.get(spec.kind)!;
  expandGrid(spec, kind); // validate every cell before touching any store
  return { spec, kind };
}

/** Register the command. */
export function register(program: Command): void {
  const sweep = program.command('sweep').description(commandSummary('sweep'));

  sweep
    .command('run <spec>')
    .description("run (or resume) the spec's cells that are not stored yet")
    .option('--shard <i/N>', 'run only shard i of N (1-based), into its own store by default')
    .option('--db <path>', 'run store (default: SPEC with .db)')
    .option('--workers <n>', 'parallel workers (default: the spec, else 1)')
    .option('--quiet', 'no progress output')
    .action(
      action('sweep run', async (specPath: string, o: { shard?: string; db?: string; workers?: string; quiet?: boolean }) => {
        const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
        const workers = o.workers !== undefined ? parseInteger('--workers', o.workers, 1) : undefined;
        const { spec, kind } = await loadSpec(specPath);
        const dbPath = o.db ?? defaultStorePath(specPath, shard);
        const store = openRunStore(dbPath);
        const ctl = new AbortController();
        const onSignal = () => ctl.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        let bar: ReturnType<typeof createProgress> | null = null;
        try {
          const summary = await runSweep(spec, kind, store, {
            ...(shard ? { shard } : {}),
            ...(workers ? { workers } : {}),
            signal: ctl.signal,
            onProgress: (p) => {
              bar ??= createProgress(`sweep ${spec.name}${shard ? ` ${shard.index}/${shard.count}` : ''}`, p.total, { silent: o.quiet ?? false });
              bar.update(p.done, p.cell ? `cell ${p.cell.index}` : undefined);
            },
          });
          (bar as ReturnType<typeof createProgress> | null)?.stop();
          if (ctl.signal.aborted) {
            process.stderr.write(`attn-theory sweep run: interrupted; ${summary.total - summary.missing} of ${summary.total} cells stored in ${dbPath} (run again to resume)\n`);
            return EXIT_INTERRUPTED;
          }
          process.stdout.write(
            `sweep ${spec.name}${shard ? ` shard ${shard.index}/${shard.count}` : ''}: ${summary.total} cells, ${summary.skipped} already stored, ${summary.ran} run now, ${summary.missing} missing -> ${dbPath}\n`,
          );
          return summary.missing === 0 ? 0 : 1;
        } catch (err) {
          if (!ctl.signal.aborted) throw err;
          process.stderr.write(`attn-theory sweep run: interrupted; the finished cells are kept in ${dbPath} (run again to resume)\n`);
          return EXIT_INTERRUPTED;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          store.close();
        }
      }),
    );

  sweep
    .command('status <spec>')
    .description("how many of the spec's cells are stored")
    .option('--shard <i/N>', 'only shard i of N')
    .option('--db <path>', 'run store (default: SPEC with .db)')
    .action(
      action('sweep status', async (specPath: string, o: { shard?: string; db?: string }) => {
        const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
        const { spec, kind } = await loadSpec(specPath);
        const dbPath = o.db ?? defaultStorePath(specPath, shard);
        if (!existsSync(dbPath)) {
          const total = expandGrid(spec, kind).length;
          process.stdout.write(`sweep ${spec.name}: 0 of ${shard ? "this shard's" : total} cells stored (no store at ${dbPath})\n`);
          return 0;
        }
        const store = openRunStore(dbPath, { readonly: true });
        try {
          const s = sweepStatus(spec, kind, store, shard);
          process.stdout.write(
            `sweep ${spec.name}${shard ? ` shard ${shard.index}/${shard.count}` : ''}: ${s.stored} of ${s.total} cells stored, ${s.missing} missing, ${s.foreign} other runs in ${dbPath}\n`,
          );
        } finally {
          store.close();
        }
      }),
    );

  sweep
    .command('export <spec>')
    .description("the spec's stored cells as CSV (stdout, or --out FILE)")
    .option('--csv', 'CSV output (the only format)')
    .option('--db <path>', 'run store (default: SPEC with .db)')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .action(
      action('sweep export', async (specPath: string, o: { csv?: boolean; db?: string; out?: string }) => {
        if (!o.csv) throw flagError('--csv', 'given (CSV is the only export format)', undefined);
        const { spec, kind } = await loadSpec(specPath);
        const store = openRunStore(o.db ?? defaultStorePath(specPath), { readonly: true });
        try {
          const csv = toCsv(sweepRows(spec, kind, store));
          if (o.out) writeFileAtomic(o.out, csv);
          else process.stdout.write(csv);
        } finally {
          store.close();
        }
      }),
    );

  sweep
    .command('merge <stores...>')
    .description('merge run stores (e.g. the shards of a sweep) into --out')
    .option('--out <path>', 'the merged store (created if missing)')
    .action(
      action('sweep merge', (stores: string[], o: { out?: string }) => {
        if (!o.out) throw flagError('--out', 'given', undefined);
        const m = mergeStores(stores, o.out);
        process.stdout.write(`merged ${m.inputs.map((i) => `${i.path} (${i.runs})`).join(', ')}: ${m.inserted} runs added, ${m.duplicates} already present, ${m.total} in ${o.out}\n`);
      }),
    );
}

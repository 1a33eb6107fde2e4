/**
 * `attn-theory report`: the verification report (`npm start`).
 *   report [--out DIR] [--db PATH] [--skip-learning] [--workers N]
 *       run the small default configuration into a run store (default DIR/runs.db; resumable: a
 *       rerun reuses stored runs), then render the report from the store;
 *   report --from DB [--out DIR]
 *       re-render from stored runs only, running nothing.
 * Writes DIR/index.md, DIR/index.html, DIR/plots/*.{svg,png,csv}, DIR/tables/*.csv (DIR default
 * ./report); prints a summary table, the report's path and the total time. Exit 1 when a check fails.
 */
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { action, flagError } from '../errors.js';
import { parseInteger } from '../flags.js';
import { commandSummary } from '../command-table.js';
import type { SqliteRunStore } from '../../experiments/store/sqlite-store.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Exit status after SIGINT/SIGTERM (128 + SIGINT), finished runs kept. */
export const EXIT_INTERRUPTED = 130;

/** Register the command. */
export function register(program: Command): void {
  program
    .command('report')
    .description(commandSummary('report'))
    .option('--from <db>', 're-render from this run store without running anything')
    .option('--out <dir>', 'output directory', 'report')
    .option('--db <path>', 'run store to fill (default: OUT/runs.db)')
    .option('--skip-learning', 'skip the training experiment (section 3)')
    .option('--workers <n>', 'training worker processes (default: one per core)')
    .option('--quiet', 'no progress output')
    .action(
      action('report', async (o: { from?: string; out: string; db?: string; skipLearning?: boolean; workers?: string; quiet?: boolean }) => {
        const t0 = performance.now();
        // Heavy modules (tfjs, vega, resvg) load only when the command runs, not at CLI start.
        const { openRunStore } = await import('../../experiments/store/sqlite-store.js');
        const { renderReport } = await import('../../report/render.js');
        const { runDefaultSweeps } = await import('../../report/pipeline.js');
        const { summaryTable } = await import('../../report/summary.js');
        const workers = o.workers !== undefined ? parseInteger('--workers', o.workers, 1) : undefined;
        const outDir = resolve(o.out);
        if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw flagError('--out', 'a directory', o.out);
        if (o.from !== undefined && o.db !== undefined) throw flagError('--db', 'omitted with --from (--from names the store to read)', o.db);
        const progress = { silent: o.quiet ?? false };
        const log = (l: string) => {
          if (!o.quiet) process.stderr.write(l + '\n');
        };
        let store: SqliteRunStore;
        const lines: string[] = [];
        if (o.from !== undefined) {
          store = openRunStore(o.from, { readonly: true });
          lines.push(`Re-rendered from stored runs (\`report --from ${o.from}\`); nothing was run.`);
        } else {
          mkdirSync(outDir, { recursive: true });
          const dbPath = o.db ?? join(outDir, 'runs.db');
          store = openRunStore(dbPath);
          const ctl = new AbortController();
          const onSignal = () => ctl.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          try {
            const timings = await runDefaultSweeps(store, { skipLearning: o.skipLearning ?? false, ...(workers ? { workers } : {}), progress, signal: ctl.signal, log });
            for (const t of timings) lines.push(`${t.step}: ${t.detail}, ${t.seconds.toFixed(1)} s`);
          } catch (err) {
            if (!ctl.signal.aborted) throw err;
            store.close();
            process.stderr.write(`attn-theory report: interrupted; the finished runs are kept in ${dbPath} (run again to resume)\n`);
            return EXIT_INTERRUPTED;
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
          if (ctl.signal.aborted) {
            store.close();
            process.stderr.write(`attn-theory report: interrupted; the finished runs are kept in ${dbPath} (run again to resume)\n`);
            return EXIT_INTERRUPTED;
          }
          if (o.skipLearning) lines.push('Section 3 training skipped (--skip-learning); it shows whatever training runs the store already holds.');
        }
        try {
          const { sections, written } = await renderReport(store, { outDir, repoRoot: REPO_ROOT, lines, progress });
          const seconds = (performance.now() - t0) / 1000;
          process.stdout.write(summaryTable(sections));
          process.stdout.write(`\nreport: ${written.markdown}\n        ${written.html}\ntotal time: ${seconds.toFixed(1)} s\n`);
          return sections.some((s) => s.summary.some((l) => l.verdict === 'fail')) ? 1 : 0;
        } finally {
          store.close();
        }
      }),
    );
}

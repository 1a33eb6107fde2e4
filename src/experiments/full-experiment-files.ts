/**
 * The full experiment's committed data files (proofs-notes/data/full-experiment-*): the summary JSON
 * (every stored search with per-seed outcomes, so the report recomputes the verdicts) and four CSV views
 * of it (m* with bootstrap intervals, per-(T, m) outcome counts, verdicts, the fresh-samples series).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import { toCsv } from '../report/csv.js';
import type { FullExperimentSummary } from './full-experiment.js';

/** Id of the protocol these files report. */
export const FULL_EXPERIMENT_FILES_ID = 'alg-sample-complexity';
/** File name of the summary JSON (the report's learning section looks for it). */
export const FULL_EXPERIMENT_SUMMARY_FILE = 'full-experiment-summary.json';

const inf = (x: number): number | string => (Number.isFinite(x) ? x : 'inf');

/** CSV rows: one per (group, task, s, model, T). */
export function mstarCsv(s: FullExperimentSummary): string {
  return toCsv(
    s.verdicts.flatMap((v) =>
      v.points.map((p) => ({
        group: v.group,
        task: v.task,
        s: v.sparsity,
        model: v.model,
        T: p.contextLength,
        status: p.status,
        mStar: p.mStar,
        bootstrapLower: p.bootstrap ? inf(p.bootstrap.lower) : null,
        bootstrapUpper: p.bootstrap ? inf(p.bootstrap.upper) : null,
        level: v.perTLevel,
        censoredRuns: p.censoredRuns,
      })),
    ),
  );
}

/** CSV rows: one per probed (group, task, s, model, T, m) with the outcome counts and the decision. */
export function censoringCsv(s: FullExperimentSummary): string {
  return toCsv(
    s.searches.flatMap((r) =>
      r.rows.flatMap((row) =>
        row.probes.map((p) => ({
          group: r.group,
          task: r.options.task,
          s: r.options.sparsity,
          model: row.model,
          T: row.contextLength,
          m: p.m,
          decision: p.decision,
          success: p.successes,
          statisticalFailure: p.statisticalFailures,
          censored: p.censored,
          seeds: r.options.seeds,
        })),
      ),
    ),
  );
}

/** CSV rows: one verdict per (group, task, s, model). */
export function verdictsCsv(s: FullExperimentSummary): string {
  return toCsv(
    s.verdicts.map((v) => ({
      group: v.group,
      task: v.task,
      s: v.sparsity,
      model: v.model,
      verdict: v.verdict?.verdict ?? 'n/a',
      selection: v.verdict ? (v.verdict.selection.selected ?? v.verdict.selection.status) : null,
      exponentMin: v.verdict?.exponentRange ? inf(v.verdict.exponentRange.min) : null,
      exponentMax: v.verdict?.exponentRange ? inf(v.verdict.exponentRange.max) : null,
      reason: v.verdict?.reason ?? v.missing,
    })),
  );
}

/** CSV rows: the fresh-samples series. */
export function freshCsv(s: FullExperimentSummary): string {
  return toCsv(s.fresh.map((f) => ({ ...f })));
}

/**
 * Write the summary JSON (non-finite numbers as "Infinity"/"-Infinity", NaN as null) and the four CSVs
 * into dir, each atomically (alg-sample-complexity §8).
 * @param dir - the output directory (created if missing).
 * @param s - the summary (summarizeFullExperiment).
 * @returns the paths written, summary first.
 * @throws the file system's error when a file cannot be written.
 */
export function writeFullExperimentFiles(dir: string, s: FullExperimentSummary): string[] {
  const files: [string, string][] = [
    [FULL_EXPERIMENT_SUMMARY_FILE, JSON.stringify(s, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v), 1) + '\n'],
    ['full-experiment-mstar.csv', mstarCsv(s)],
    ['full-experiment-censoring.csv', censoringCsv(s)],
    ['full-experiment-verdicts.csv', verdictsCsv(s)],
    ['full-experiment-fresh.csv', freshCsv(s)],
  ];
  return files.map(([name, text]) => {
    const p = join(dir, name);
    writeFileAtomic(p, text);
    return p;
  });
}

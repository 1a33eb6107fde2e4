/**
 * The resumable, idempotent sweep runner (alg-sweep-runner). Cells already in the store (by hash) are
 * skipped; the rest are handed to the kind, and each result is inserted in its own transaction the
 * moment it arrives. A process killed at any point loses at most the runs in flight (not yet
 * committed), never duplicates one (hash is the PRIMARY KEY), and a rerun finishes exactly the
 * missing cells.
 */
import type { SqliteRunStore } from '../store/sqlite-store.js';
import { expandGrid, shardCells, type Shard, type SweepCell } from './grid.js';
import type { RunKind } from './kind.js';
import type { SweepSpec } from './spec.js';

/** Progress of a sweep: done counts stored cells of this shard. */
export interface SweepProgress {
  /** Cells of this shard now in the store (stored before the run plus stored since). */
  readonly done: number;
  /** Cells in this shard. */
  readonly total: number;
  /** The cell that just finished (undefined for the initial call). */
  readonly cell?: SweepCell;
}

/** Options of runSweep. */
export interface RunSweepOptions {
  /** Run only shard i/N of the cells (default: all cells). */
  readonly shard?: Shard;
  /** Overrides spec.workers. */
  readonly workers?: number;
  /** Called once at the start (done = cells already stored), then once per newly stored cell. */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Abort: passed to the kind, which stops starting new cells; the cells stored so far stay. */
  readonly signal?: AbortSignal;
}

/** What a sweep run did. */
export interface SweepRunSummary {
  /** Cells in this shard. */
  readonly total: number;
  /** Cells already stored before this run (skipped). */
  readonly skipped: number;
  /** Cells run and stored now. */
  readonly ran: number;
  /** Cells of this shard still missing afterwards (0 unless aborted). */
  readonly missing: number;
}

/** Run (or resume) a sweep into the store. Throws what the kind throws (the store keeps what was done). */
export async function runSweep(spec: SweepSpec, kind: RunKind, store: SqliteRunStore, opts: RunSweepOptions = {}): Promise<SweepRunSummary> {
  const cells = shardCells(expandGrid(spec, kind), opts.shard);
  const stored = store.hashes();
  const pending = cells.filter((c) => !stored.has(c.hash));
  const byHash = new Map(pending.map((c) => [c.hash, c]));
  let done = cells.length - pending.length;
  let ran = 0;
  opts.onProgress?.({ done, total: cells.length });
  if (pending.length > 0) {
    await kind.runAll(
      pending.map((c) => c.config),
      {
        ...((opts.workers ?? spec.workers) ? { workers: opts.workers ?? spec.workers } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        onResult: (config, result) => {
          const hash = kind.hash(config);
          const cell = byHash.get(hash);
          if (!cell) return; // not a cell of this sweep: never store strays
          if (store.putRun({ hash, kind: kind.name, sweep: spec.name, config, result })) {
            ran++;
            done++;
            opts.onProgress?.({ done, total: cells.length, cell });
          }
        },
      },
    );
  }
  const after = store.hashes();
  const missing = cells.filter((c) => !after.has(c.hash)).length;
  return { total: cells.length, skipped: cells.length - pending.length, ran, missing };
}

/** Status of a sweep against a store: cells stored and missing (optionally per shard). */
export interface SweepStatus {
  /** Cells of the spec (of the shard, when one is given). */
  readonly total: number;
  /** Of those, cells whose hash is in the store. */
  readonly stored: number;
  /** Of those, cells not in the store (total − stored). */
  readonly missing: number;
  /** Stored runs in the store that belong to no cell of this spec. */
  readonly foreign: number;
}

/** Compare a spec's cells with a store's hashes. */
export function sweepStatus(spec: SweepSpec, kind: RunKind, store: SqliteRunStore, shard?: Shard): SweepStatus {
  const cells = shardCells(expandGrid(spec, kind), shard);
  const hashes = store.hashes();
  const mine = new Set(cells.map((c) => c.hash));
  const stored = cells.filter((c) => hashes.has(c.hash)).length;
  let foreign = 0;
  for (const h of hashes) if (!mine.has(h)) foreign++;
  return { total: cells.length, stored, missing: cells.length - stored, foreign };
}

/** The stored rows of a spec's cells, in cell order (missing cells omitted), flattened by the kind. */
export function sweepRows(spec: SweepSpec, kind: RunKind, store: SqliteRunStore): Record<string, string | number | boolean | null>[] {
  const rows: Record<string, string | number | boolean | null>[] = [];
  for (const cell of expandGrid(spec, kind)) {
    const run = store.getRun(cell.hash);
    if (run) rows.push({ cell: cell.index, hash: cell.hash, ...kind.row(cell.config, run.result) });
  }
  return rows;
}

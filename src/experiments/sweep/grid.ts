/**
 * Grid expansion and sharding (alg-sweep-runner): the cells of a spec are the Cartesian product of its
 * axes (keys sorted, last axis fastest) merged over `fixed`, each validated as a full configuration of
 * the kind and keyed by the kind's hash. Shard i/N (1-based) takes the cells whose index ≡ i−1 mod N:
 * the N shards are disjoint and cover the grid.
 */
import { FileFormatError, domainError } from '../../core/errors.js';
import { zodIssueError } from './zod-error.js';
import type { RunKind } from './kind.js';
import type { SweepSpec } from './spec.js';

/** Id of the sweep runner note (proofs-notes/alg-sweep-runner.md). */
export const SWEEP_RUNNER_ID = 'alg-sweep-runner';

/** One grid cell: its index in expansion order, its full configuration and its hash. */
// biome-ignore lint/suspicious/noExplicitAny: cells of any kind; RunKind fixes C where it matters.
export interface SweepCell<C = any> {
  /** 0-based index in expansion order (keys sorted, last axis fastest). */
  readonly index: number;
  /** The full configuration, as parsed by the kind's configSchema. */
  readonly config: C;
  /** The kind's hash of the configuration (the run store's primary key). */
  readonly hash: string;
}

/** A shard: index i in 1..count. */
export interface Shard {
  /** i: this shard, 1-based, in 1..count; it takes the cells whose index ≡ i − 1 mod count. */
  readonly index: number;
  /** N: number of shards, ≥ 1. */
  readonly count: number;
}

/** Parse "i/N" with 1 ≤ i ≤ N. Throws DomainError naming the raw text. */
export function parseShard(raw: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m) throw domainError('parseShard', '--shard', 'i/N with integers 1 <= i <= N', raw);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw domainError('parseShard', '--shard', 'i/N with integers 1 <= i <= N', raw);
  }
  return { index, count };
}

/** Number of cells of a spec (product of axis lengths). */
export function cellCount(spec: SweepSpec): number {
  return Object.values(spec.grid).reduce((n, a) => n * a.length, 1);
}

/** Expand a validated spec into its cells (every cell parsed by the kind's schema). Throws FileFormatError. */
export function expandGrid<C>(spec: SweepSpec, kind: RunKind<C>): SweepCell<C>[] {
  const keys = Object.keys(spec.grid).sort();
  const axes = keys.map((k) => spec.grid[k]);
  const n = cellCount(spec);
  const cells: SweepCell<C>[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < n; index++) {
    const raw: Record<string, unknown> = { ...spec.fixed };
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      raw[keys[a]] = axes[a][rest % axes[a].length];
      rest = Math.floor(rest / axes[a].length);
    }
    const parsed = kind.configSchema.safeParse(raw);
    if (!parsed.success) throw zodIssueError('expandGrid', `spec cell ${index}`, parsed.error, raw, undefined, kind.configSchema);
    const config = parsed.data as C;
    const hash = kind.hash(config);
    const prev = seen.get(hash);
    if (prev !== undefined) throw new FileFormatError(`expandGrid: spec cells must have distinct configurations (got cells ${prev} and ${index} equal after normalization)`);
    seen.set(hash, index);
    cells.push({ index, config, hash });
  }
  return cells;
}

/** The cells of shard i/N (all cells when shard is undefined). */
export function shardCells<C>(cells: readonly SweepCell<C>[], shard?: Shard): SweepCell<C>[] {
  if (!shard) return [...cells];
  return cells.filter((c) => c.index % shard.count === shard.index - 1);
}

/**
 * A sweep run kind: what one grid cell's configuration is, how it is hashed and how a batch of cells
 * is run. Kinds: 'train' (the experiments' trainer, one worker per core) and 'construct' (a certified
 * construction with its implied sample size). See alg-sweep-runner.
 */
import type { z } from 'zod';

/** Options passed to RunKind.runAll. */
export interface RunAllOptions<C, R> {
  /** Parallel workers requested (undefined = the kind's default: one per core for 'train'). */
  readonly workers?: number;
  /** Called once per finished cell, in completion order; the runner stores the result here. */
  readonly onResult: (config: C, result: R) => void;
  /** Abort: stop starting new cells. */
  readonly signal?: AbortSignal;
}

/** One kind of run a sweep can grid over. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds kinds of different configs; a kind's methods take its own C, so unknown would not admit them.
export interface RunKind<C = any, R = any> {
  /** The spec's `kind` value. */
  readonly name: string;
  /** Strict zod object of one full cell configuration (unknown keys rejected). */
  // biome-ignore lint/suspicious/noExplicitAny: any object shape; the kind's own code knows it.
  readonly configSchema: z.ZodObject<any>;
  /** Hash of the full normalized configuration (the store's primary key). */
  hash(config: C): string;
  /** Run the cells, reporting each result through onResult as soon as it finishes. */
  runAll(configs: readonly C[], opts: RunAllOptions<C, R>): Promise<void>;
  /** Flat row for CSV export and tables: configuration columns first, then metrics. */
  row(config: C, result: R): Record<string, string | number | boolean | null>;
  /** Result fields that legitimately differ between two runs of one config (timings, backend). */
  readonly volatileFields: readonly string[];
}

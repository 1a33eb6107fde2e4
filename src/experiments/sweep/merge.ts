/**
 * Merge run stores (alg-sweep-runner): every run of every input is copied into the output under its
 * hash; a hash already present is kept as it is (first input wins), so merging shards of one sweep
 * equals the unsharded run and merging twice changes nothing. All inputs are checked (exist, are run
 * stores of a readable format) before the output is created or touched.
 */
import { resolve } from 'node:path';
import { FileFormatError, showValue } from '../../core/errors.js';
import { openRunStore } from '../store/sqlite-store.js';

/** Outcome of a merge. */
export interface MergeSummary {
  /** Every input store, in the order given. */
  readonly inputs: readonly {
    /** The input store's path. */
    readonly path: string;
    /** Runs the input holds. */
    readonly runs: number;
  }[];
  /** Runs newly inserted into the output. */
  readonly inserted: number;
  /** Runs skipped because their hash was already in the output. */
  readonly duplicates: number;
  /** Runs in the output afterwards. */
  readonly total: number;
}

/** Merge the input stores into `outPath` (created when missing). Throws FileFormatError on a bad input. */
export function mergeStores(inputPaths: readonly string[], outPath: string): MergeSummary {
  const fn = 'mergeStores';
  if (inputPaths.length === 0) throw new FileFormatError(`${fn}: inputs must be at least one store (got none)`);
  const out = resolve(outPath);
  for (const p of inputPaths) {
    if (resolve(p) === out) throw new FileFormatError(`${fn}: --out must differ from every input (got ${showValue(outPath)} as both)`);
  }
  const inputs = inputPaths.map((p) => openRunStore(p, { readonly: true }));
  try {
    const target = openRunStore(outPath);
    try {
      let inserted = 0;
      let duplicates = 0;
      const counts = inputs.map((s) => {
        const runs = s.runs();
        for (const r of runs) {
          if (target.putRun(r)) inserted++;
          else duplicates++;
        }
        return { path: s.path, runs: runs.length };
      });
      return { inputs: counts, inserted, duplicates, total: target.count() };
    } finally {
      target.close();
    }
  } finally {
    for (const s of inputs) s.close();
  }
}

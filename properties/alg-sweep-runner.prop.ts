/**
 * alg-sweep-runner: grid expansion, shards, interrupted-and-resumed runs and merges, on random grids.
 * Uses the test-only 'square' kind (no tfjs); the CLI kill test exercises the real kinds.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweepSpec } from '../src/experiments/sweep/spec.js';
import { expandGrid, shardCells, parseShard } from '../src/experiments/sweep/grid.js';
import { runSweep, sweepStatus } from '../src/experiments/sweep/runner.js';
import { mergeStores } from '../src/experiments/sweep/merge.js';
import { openRunStore, type SqliteRunStore } from '../src/experiments/store/sqlite-store.js';
import { squareKind, squareKinds } from '../test/sweep/fixtures/square-kind.js';

const arbAxis = fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 4 });
const arbSpec = fc.record({ x: arbAxis, seed: arbAxis }).map((grid) => parseSweepSpec({ name: 'p', kind: 'square', grid }, squareKinds));
const tmp = () => mkdtempSync(join(tmpdir(), 'attn-sweep-prop-'));

function contents(s: SqliteRunStore): Map<string, unknown> {
  return new Map(s.runs().map((r) => [r.hash, r.result]));
}

/** Run at most `limit` cells, then stop (a clean interruption: the runner sees an aborted signal). */
async function runLimited(spec: ReturnType<typeof parseSweepSpec>, store: SqliteRunStore, limit: number) {
  const ctl = new AbortController();
  let n = 0;
  const limited = {
    ...squareKind,
    async runAll(configs: Parameters<typeof squareKind.runAll>[0], opts: Parameters<typeof squareKind.runAll>[1]) {
      await squareKind.runAll(configs, {
        ...opts,
        signal: ctl.signal,
        onResult: (c, r) => {
          opts.onResult(c, r);
          if (++n >= limit) ctl.abort();
        },
      });
    },
  };
  return runSweep(spec, limited, store);
}

describe('alg-sweep-runner', () => {
  test.prop([arbSpec], { seed: 6001, numRuns: 60 })('cells = product of axes, distinct hashes, every combination once', (spec) => {
    const cells = expandGrid(spec, squareKind);
    expect(cells.length).toBe(spec.grid.x.length * spec.grid.seed.length);
    expect(new Set(cells.map((c) => c.hash)).size).toBe(cells.length);
    const pairs = new Set(cells.map((c) => `${c.config.x},${c.config.seed}`));
    for (const x of spec.grid.x) for (const s of spec.grid.seed) expect(pairs.has(`${x},${s}`)).toBe(true);
  });

  test.prop([arbSpec, fc.integer({ min: 1, max: 6 })], { seed: 6002, numRuns: 60 })('shards i/N are disjoint and cover the grid', (spec, n) => {
    const cells = expandGrid(spec, squareKind);
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i++) for (const c of shardCells(cells, parseShard(`${i}/${n}`))) seen.set(c.hash, (seen.get(c.hash) ?? 0) + 1);
    expect(seen.size).toBe(cells.length);
    expect([...seen.values()].every((k) => k === 1)).toBe(true);
  });

  test.prop([arbSpec, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })], { seed: 6003, numRuns: 25 })(
    'interrupted runs resumed to completion store every cell once, equal to an uninterrupted run',
    async (spec, stops) => {
      const dir = tmp();
      const ref = openRunStore(join(dir, 'ref.db'));
      await runSweep(spec, squareKind, ref);
      const s = openRunStore(join(dir, 'int.db'));
      for (const k of stops) await runLimited(spec, s, k);
      const last = await runSweep(spec, squareKind, s);
      expect(last.missing).toBe(0);
      expect(sweepStatus(spec, squareKind, s)).toEqual({ total: last.total, stored: last.total, missing: 0, foreign: 0 });
      expect(contents(s)).toEqual(contents(ref));
      ref.close();
      s.close();
    },
  );

  test.prop([arbSpec, fc.integer({ min: 2, max: 4 })], { seed: 6004, numRuns: 20 })('merging all shards equals the unsharded run; merging again adds nothing', async (spec, n) => {
    const dir = tmp();
    const ref = openRunStore(join(dir, 'ref.db'));
    await runSweep(spec, squareKind, ref);
    const paths: string[] = [];
    for (let i = 1; i <= n; i++) {
      const p = join(dir, `s${i}.db`);
      const s = openRunStore(p);
      await runSweep(spec, squareKind, s, { shard: parseShard(`${i}/${n}`) });
      s.close();
      paths.push(p);
    }
    const m1 = mergeStores(paths, join(dir, 'm.db'));
    expect(m1.total).toBe(ref.count());
    const m2 = mergeStores(paths, join(dir, 'm.db'));
    expect(m2.inserted).toBe(0);
    const merged = openRunStore(join(dir, 'm.db'), { readonly: true });
    expect(contents(merged)).toEqual(contents(ref));
    merged.close();
    ref.close();
  });
});

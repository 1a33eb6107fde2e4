/**
 * KILL TEST (alg-sweep-runner): `attn-theory sweep run SPEC` is SIGKILLed at several points, then run
 * again until done. Every grid cell must be stored exactly once, the store must pass SQLite's
 * integrity check after every kill, and the results must equal an uninterrupted run (same seeds, same
 * metrics; wall times excepted). Kill points come from a fixed fast-check seed, never Math.random.
 * A second sweep of kind 'train' (worker processes) is killed mid-run and its workers must not
 * survive the parent.
 */
import { describe, expect, test } from 'vitest';
import { fc } from '../helpers/fc-test.js';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI_BIN, REPO_ROOT, runCli } from '../helpers/cli.js';
import { openRunStore } from '../../src/experiments/store/sqlite-store.js';
import { canonicalJson } from '../../src/experiments/store/canonical.js';
import { runKinds } from '../../src/experiments/sweep/kinds.js';
import { alive } from '../helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-kill-'));

/** Fixed seed of the kill points. */
const KILL_SEED = 4242;

function startSweep(spec: string, db: string): ChildProcess {
  return spawn(process.execPath, [CLI_BIN, 'sweep', 'run', spec, '--db', db, '--quiet'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
}

function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0; // not created yet, or schema not there yet
  }
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (cond()) return true;
    await sleep(25);
  }
  return cond();
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

/** Results by hash, volatile fields removed, as canonical JSON. */
function snapshot(db: string, volatile: readonly string[]): Map<string, string> {
  const s = openRunStore(db, { readonly: true });
  try {
    return new Map(
      s.runs().map((r) => {
        const res = { ...(r.result as Record<string, unknown>) };
        for (const k of volatile) delete res[k];
        return [r.hash, canonicalJson(res)];
      }),
    );
  } finally {
    s.close();
  }
}

function integrity(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    return (d.pragma('integrity_check', { simple: true }) as string) ?? '';
  } finally {
    d.close();
  }
}

describe('kill and resume', () => {
  test('construct sweep: SIGKILL at seeded points, rerun, every cell once, equal to an uninterrupted run', async () => {
    const spec = join(dir, 'construct.json');
    const cells = 24;
    writeFileSync(
      spec,
      JSON.stringify({ name: 'kill-construct', kind: 'construct', grid: { fn: ['parity', 'majority', 'and', 'or'], contextLength: [2048, 4096], seed: [0, 1, 2] }, fixed: { sparsity: 3 } }),
    );
    const ref = join(dir, 'ref.db');
    expect(runCli(['sweep', 'run', spec, '--db', ref, '--quiet'], { timeoutMs: 120_000 }).code).toBe(0);
    const volatile = runKinds().get('construct')!.volatileFields;
    const want = snapshot(ref, volatile);
    expect(want.size).toBe(cells);

    const db = join(dir, 'killed.db');
    // Kill points: stored-row counts from a fixed seed, plus one kill during start-up (count 0).
    const points = [0, ...fc.sample(fc.integer({ min: 1, max: cells - 2 }), { seed: KILL_SEED, numRuns: 3 }).sort((a, b) => a - b)];
    const seen: number[] = [];
    for (const k of points) {
      const child = startSweep(spec, db);
      if (k === 0) await sleep(300);
      else await waitFor(() => storedCount(db) >= k || child.exitCode !== null, 60_000);
      const killed = child.kill('SIGKILL');
      await exited(child);
      const n = storedCount(db);
      seen.push(n);
      if (existsSync(db)) expect(integrity(db)).toBe('ok');
      expect(killed).toBe(true);
      expect(n).toBeLessThan(cells); // killed before the end
    }
    expect(seen.some((n) => n > 0)).toBe(true);
    const last = runCli(['sweep', 'run', spec, '--db', db, '--quiet'], { timeoutMs: 120_000 });
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`${cells} cells, (\\d+) already stored, (\\d+) run now, 0 missing`));
    const got = snapshot(db, volatile);
    expect(got.size).toBe(cells);
    expect(got).toEqual(want);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT count(*) AS n, count(DISTINCT hash) AS u FROM runs').get() as { n: number; u: number }).toEqual({ n: cells, u: cells });
    d.close();
  });

  test('train sweep: SIGKILL mid-run leaves no worker alive; the rerun completes every cell once, equal to an uninterrupted run', async () => {
    const spec = join(dir, 'train.json');
    const cells = 4;
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'kill-train',
        kind: 'train',
        workers: 2,
        grid: { contextLength: [6, 8], seed: [1, 2] },
        fixed: { task: 'parity', sparsity: 2, sampleSize: 32, model: 'transformer', width: 8, steps: 30, batchSize: 16, testSize: 64, evalEvery: 10 },
      }),
    );
    const db = join(dir, 'train.db');
    const child = startSweep(spec, db);
    // Wait until both workers are up, then kill the parent outright.
    expect(await waitFor(() => childPids(child.pid!).length >= 2 || child.exitCode !== null, 90_000)).toBe(true);
    const workers = childPids(child.pid!);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    await exited(child);
    expect(await waitFor(() => workers.every((p) => !alive(p)), 15_000)).toBe(true);
    const before = storedCount(db);
    expect(before).toBeLessThan(cells);
    const done = runCli(['sweep', 'run', spec, '--db', db, '--quiet'], { timeoutMs: 180_000 });
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`${cells} cells, ${before} already stored, ${cells - before} run now, 0 missing`));
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT count(*) AS n, count(DISTINCT hash) AS u FROM runs').get() as { n: number; u: number }).toEqual({ n: cells, u: cells });
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    d.close();
    // Same seeds -> same metrics: an uninterrupted run stores identical results (wall time excepted).
    const ref = join(dir, 'train-ref.db');
    expect(runCli(['sweep', 'run', spec, '--db', ref, '--quiet'], { timeoutMs: 180_000 }).code).toBe(0);
    const volatile = runKinds().get('train')!.volatileFields;
    expect(snapshot(db, volatile)).toEqual(snapshot(ref, volatile));
  });
});

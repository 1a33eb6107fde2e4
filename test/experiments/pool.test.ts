/**
 * runPool / TrainPool: one worker process per core; a run's result does not depend on which worker (or
 * the parent process) trained it; worker failures come back as one-line typed errors; workers die when
 * the parent is killed with SIGKILL.
 */
import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPool } from '../../src/experiments/pool.js';
import { trainRun } from '../../src/experiments/train.js';
import { DomainError } from '../../src/core/errors.js';
import { BackendUnavailableError } from '../../src/experiments/backend.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { alive } from '../helpers/processes.js';

const BASE = { task: 'majority', contextLength: 5, sparsity: 3, sampleSize: 24, steps: 60, testSize: 32 } as const;

describe('runPool', () => {
  test('results are in input order and equal to in-process runs, whichever worker ran them', async () => {
    const configs = [1, 2, 3].map((seed) => ({ ...BASE, seed, model: seed === 2 ? ('mlp' as const) : ('transformer' as const) }));
    const seen: number[] = [];
    const pooled = await runPool(configs, { workers: 2, onResult: (c) => seen.push(c.seed) });
    expect(pooled.map((r) => r.config.seed)).toEqual([1, 2, 3]);
    expect([...seen].sort()).toEqual([1, 2, 3]);
    const local = await trainRun(configs[2]);
    expect(pooled[2].testAccuracy).toBe(local.testAccuracy);
    expect(pooled[2].finalTrainLoss).toBe(local.finalTrainLoss);
    expect(pooled[2].steps).toBe(local.steps);
    expect(JSON.stringify(pooled[2].norms)).toBe(JSON.stringify(local.norms));
  }, 240_000);

  test('bad configs are rejected before any worker starts; worker errors keep their type', async () => {
    await expect(runPool([{ ...BASE, seed: 1, sparsity: 9 }])).rejects.toThrow(DomainError);
    await expect(runPool([{ ...BASE, seed: 1, backend: 'node' }], { workers: 1 })).rejects.toThrow(BackendUnavailableError);
  });

  test('workers die when the parent is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attn-pool-'));
    try {
      const script = join(dir, 'parent.mts');
      const poolUrl = new URL('../../src/experiments/pool.ts', import.meta.url).href;
      writeFileSync(
        script,
        `import { TrainPool } from ${JSON.stringify(poolUrl)};
const pool = new TrainPool({ workers: 2 });
void pool.run([1, 2].map((seed) => ({ task: 'parity', contextLength: 64, sparsity: 3, sampleSize: 4096, seed, steps: 1000000, evalEvery: 1000000, testSize: 16 }))).catch(() => {});
const timer = setInterval(() => { const p = pool.pids(); if (p.length === 2) { console.log(JSON.stringify(p)); clearInterval(timer); } }, 100);
setInterval(() => {}, 1000);
`,
      );
      const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const pids = await new Promise<number[]>((resolve, reject) => {
        let out = '';
        parent.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]) as number[]);
        });
        parent.on('exit', () => reject(new Error('parent exited early')));
        setTimeout(() => reject(new Error('no worker pids within 60 s')), 60_000);
      });
      expect(pids.every(alive)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 20_000;
      while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

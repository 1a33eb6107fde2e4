/**
 * Parallel training: one worker process per core (child_process.fork), each with its own tfjs backend
 * (wasm runs one thread under Node, so processes are how a run uses both cores). Configs are handed out
 * to idle workers in order; results come back in input order. A run's result depends only on its config
 * (all randomness is seeded), never on which worker ran it. Workers exit when their IPC channel closes,
 * so killing the parent (even with SIGKILL) kills them; an AbortSignal kills them at once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AttnTheoryError, DomainError, domainError } from '../core/errors.js';
import { normalizeConfig, type TrainConfig, type TrainConfigInput } from './config.js';
import { BackendUnavailableError } from './backend-names.js';
import type { PoolReply, PoolRequest } from './pool-protocol.js';
import type { TrainResult } from './train-result.js';

/** Options of runPool / TrainPool (alg-sample-complexity runs its training through a pool). */
export interface PoolOptions {
  /** Worker processes (default: one per core, availableParallelism()). */
  readonly workers?: number;
  /** Called as each run finishes (in completion order). */
  readonly onResult?: (c: TrainConfig, r: TrainResult) => void;
  /** Abort: kills the workers and rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** Keep the exported model file in each Transformer result. */
  readonly keepModel?: boolean;
}

/** A training failure inside a worker, rethrown in the parent with the worker's one-line message. */
export class WorkerRunError extends AttnTheoryError {}

// Compiled (dist/*.js): fork the compiled worker directly. From sources (tsx, vitest): fork the .mjs
// bootstrap, which registers tsx's loader and then imports pool-worker.ts.
const WORKER_BOOT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './pool-worker.mjs' : './pool-worker.js', import.meta.url));

function abortError(): Error {
  const e = new Error('runPool: aborted');
  e.name = 'AbortError';
  return e;
}

function rebuildError(name: string, message: string): Error {
  if (name === 'DomainError') return new DomainError(message);
  if (name === 'BackendUnavailableError') return new BackendUnavailableError(message);
  if (name === 'AbortError') return abortError();
  return new WorkerRunError(message);
}

interface Task {
  readonly id: number;
  readonly config: TrainConfig;
  readonly resolve: (r: TrainResult) => void;
  readonly reject: (e: Error) => void;
}

interface Worker {
  readonly child: ChildProcess;
  ready: boolean;
  task: Task | null;
}

/** A reusable pool of training worker processes, one run per worker at a time; close() when done (alg-sample-complexity). */
export class TrainPool {
  private readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  private failure: Error | null = null;

  /**
   * Create the pool; workers start on the first run.
   * @param opts - workers (default one per core), onResult, signal, keepModel.
   * @throws DomainError when workers is not an integer in 1..256.
   */
  constructor(private readonly opts: PoolOptions = {}) {
    const n = opts.workers ?? availableParallelism();
    if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw domainError('TrainPool', 'workers', 'an integer in 1..256', n);
    this.size = n;
    opts.signal?.addEventListener('abort', () => this.fail(abortError()), { once: true });
  }

  /**
   * Train every config (all validated first); results in input order.
   * @throws DomainError for an invalid config; WorkerRunError when a worker fails or the pool is closed;
   *   AbortError when the signal fires.
   */
  async run(inputs: readonly (TrainConfigInput | TrainConfig)[]): Promise<TrainResult[]> {
    const configs = inputs.map((c) => normalizeConfig(c));
    if (this.opts.signal?.aborted) throw abortError();
    if (this.closed) throw new WorkerRunError('TrainPool: the pool is closed');
    return Promise.all(
      configs.map(
        (config) =>
          new Promise<TrainResult>((resolve, reject) => {
            if (this.failure) return reject(this.failure);
            this.queue.push({ id: this.nextId++, config, resolve, reject });
            this.pump();
          }),
      ),
    );
  }

  /** Process ids of the live workers (for diagnostics and the kill-the-parent test). */
  pids(): number[] {
    return this.workers.flatMap((w) => (w.child.pid === undefined ? [] : [w.child.pid]));
  }

  /** Kill every worker (idempotent). */
  close(): void {
    this.closed = true;
    for (const w of this.workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    this.workers.length = 0;
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    const pending = [...this.queue.splice(0), ...this.workers.flatMap((w) => (w.task ? [w.task] : []))];
    this.close();
    for (const t of pending) t.reject(err);
  }

  private spawn(): Worker {
    const child = fork(WORKER_BOOT, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const w: Worker = { child, ready: false, task: null };
    child.on('message', (msg: PoolReply) => {
      if (msg.id === -1) {
        w.ready = true;
        this.pump();
        return;
      }
      const t = w.task;
      if (!t || t.id !== msg.id) return;
      w.task = null;
      if (msg.ok) {
        const r = msg.result as TrainResult;
        this.opts.onResult?.(t.config, r);
        t.resolve(r);
      } else {
        t.reject(rebuildError(msg.name, msg.message));
      }
      this.pump();
    });
    child.on('exit', (code, signal) => {
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1);
      if (!this.closed && !this.failure) {
        const line =
          stderr
            .split('\n')
            .filter((l) => l.trim() !== '' && l.length < 300)
            .pop() ?? '';
        this.fail(new WorkerRunError(`runPool: a worker exited unexpectedly (code ${code}, signal ${signal})${line ? ': ' + line : ''}`));
      }
    });
    this.workers.push(w);
    return w;
  }

  private pump(): void {
    if (this.failure || this.closed) return;
    while (this.workers.length < this.size && this.workers.filter((w) => !w.task).length < this.queue.length) this.spawn();
    for (const w of this.workers) {
      if (!w.ready || w.task || this.queue.length === 0) continue;
      const t = this.queue.shift()!;
      w.task = t;
      const req: PoolRequest = { id: t.id, config: t.config, keepModel: this.opts.keepModel ?? false };
      w.child.send(req);
    }
  }
}

/**
 * Train configs on one worker process per core (a TrainPool closed when done); results in input order
 * (alg-sample-complexity).
 * @param cs - the configs, raw or normalized.
 * @param opts - workers, onResult, signal, keepModel.
 * @throws DomainError for an invalid config or worker count, WorkerRunError when a worker fails, AbortError on abort.
 */
export async function runPool(cs: readonly (TrainConfigInput | TrainConfig)[], opts: PoolOptions = {}): Promise<TrainResult[]> {
  const pool = new TrainPool(opts);
  try {
    return await pool.run(cs);
  } finally {
    pool.close();
  }
}

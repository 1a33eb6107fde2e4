/**
 * The worker threads that do the service's work, with the per-request time budget: each worker runs one
 * task at a time; a task still running when its budget runs out is answered 422 (limit timeBudgetMs) and
 * its worker is terminated and replaced, so the calculus never needs to poll a clock and a slow request
 * cannot hold up the event loop that serves the others. The budget counts from the moment a worker
 * takes the task (time queued behind other requests is not charged to it).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { FieldError, HttpError, LimitError, plainError } from './http-errors.js';
import type { Task } from './tasks.js';
import type { WorkerFailure, WorkerReply } from './worker-protocol.js';

/** Options of a WorkerPool. */
export interface WorkerPoolOptions {
  /** Number of worker threads (≥ 1). */
  readonly workers: number;
  /** Budget of one task in ms. */
  readonly timeBudgetMs: number;
  /** Tasks waiting beyond which run() rejects with 503 busy. */
  readonly queueLimit: number;
  /** Old-generation heap of each worker in MiB (resourceLimits.maxOldGenerationSizeMb). */
  readonly workerMemoryMb: number;
}

// Compiled (dist/*.js): start the compiled worker. From sources (tsx, vitest): the .mjs bootstrap that
// registers tsx's loader first.
const WORKER_FILE = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './worker-boot.mjs' : './worker.js', import.meta.url));
/** Workers that die before they are ready, in a row, before the pool stops replacing them. */
const MAX_START_FAILURES = 3;

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly resolve: (json: string) => void;
  readonly reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
  started?: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
}

/** The error a failed task is answered with. */
function rebuild(f: WorkerFailure): Error {
  if (f.kind === 'http') return new HttpError(f.body);
  if (f.kind === 'model') return new FieldError('bad_model', 'model', null, f.message);
  if (f.kind === 'domain') return new HttpError(plainError('unprocessable', f.message));
  return new Error(f.message);
}

/** A fixed set of worker threads running tasks under a time budget (see the module doc). */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;

  /** Start `options.workers` threads. */
  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < options.workers; i++) {
      const slot = { ready: false, current: null } as unknown as Slot;
      this.startWorker(slot);
      this.slots.push(slot);
    }
  }

  /**
   * Run a task; resolves with its JSON text.
   * @throws (rejects) HttpError: the task's own 4xx/422, 422 limit timeBudgetMs, 503 busy; Error for an internal failure.
   */
  run(task: Task): Promise<string> {
    if (this.closed) return Promise.reject(new HttpError(plainError('busy', 'the service is shutting down')));
    if (this.startFailures >= MAX_START_FAILURES) return Promise.reject(new Error('serve: the worker threads fail to start'));
    if (this.queue.length >= this.options.queueLimit)
      return Promise.reject(new HttpError(plainError('busy', `every worker is busy and ${this.queue.length} requests are waiting (server limit queueLimit); retry later`)));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  /** Terminate every worker; waiting tasks are rejected with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new HttpError(plainError('busy', 'the service is shutting down')));
    await Promise.all(
      this.slots.map(async (s) => {
        s.worker.removeAllListeners();
        s.worker.on('error', () => {});
        if (s.current) {
          clearTimeout(s.current.timer);
          s.current.reject(new HttpError(plainError('busy', 'the service is shutting down')));
        }
        await s.worker.terminate();
      }),
    );
  }

  /** Start a fresh worker in `slot` (not ready until it says so). */
  private startWorker(slot: Slot): void {
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: this.options.workerMemoryMb } });
    slot.worker = worker;
    slot.ready = false;
    slot.current = null;
    worker.on('message', (m: WorkerReply) => this.onMessage(slot, m));
    worker.on('error', (err) => this.onDeath(slot, err));
    worker.on('exit', (code) => this.onDeath(slot, new Error(`serve: a worker thread exited (code ${code})`)));
  }

  private onMessage(slot: Slot, m: WorkerReply): void {
    if ('ready' in m) {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      return;
    }
    const p = slot.current;
    if (!p || p.id !== m.id) return;
    clearTimeout(p.timer);
    slot.current = null;
    if (m.ok) p.resolve(m.json);
    else p.reject(rebuild(m.failure));
    this.pump();
  }

  /**
   * A worker died on its own: a task that ran it out of memory gets 422 (limit workerMemoryMb), any other
   * death is internal (500); the worker is replaced either way.
   */
  private onDeath(slot: Slot, err: Error & { code?: string }): void {
    if (!slot.ready) this.startFailures++;
    const p = slot.current;
    slot.current = null;
    if (p) {
      clearTimeout(p.timer);
      const mb = this.options.workerMemoryMb;
      p.reject(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new LimitError('workerMemoryMb', mb, null, null, `the request's work must fit in ${mb} MiB of worker memory (server limit workerMemoryMb)`)
          : new Error(err.message.split('\n')[0]),
      );
    }
    this.replace(slot);
  }

  /** Terminate the worker of `slot` and start another (unless closed or failing to start). */
  private replace(slot: Slot): void {
    slot.worker.removeAllListeners();
    // A late 'error' from the dying worker must not become an unhandled error event.
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    slot.ready = false;
    slot.current = null;
    if (this.closed) return;
    if (this.startFailures >= MAX_START_FAILURES) {
      for (const p of this.queue.splice(0)) p.reject(new Error('serve: the worker threads fail to start'));
      return;
    }
    this.startWorker(slot);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.current) continue;
      const p = this.queue.shift()!;
      slot.current = p;
      p.started = performance.now();
      const budget = this.options.timeBudgetMs;
      p.timer = setTimeout(() => {
        if (slot.current !== p) return;
        slot.current = null;
        const took = Math.round(performance.now() - (p.started ?? 0));
        p.reject(new LimitError('timeBudgetMs', budget, null, took, `the request's work must take at most ${budget} ms (server limit timeBudgetMs) (stopped after ${took} ms)`));
        this.replace(slot);
      }, budget);
      slot.worker.postMessage({ id: p.id, task: p.task });
    }
  }
}

/** Messages between the service and its worker threads (src/serve/pool.ts, src/serve/worker.ts). */
import type { ErrorBody } from './http-errors.js';
import type { Task } from './tasks.js';

/** Service → worker: one task. */
export interface WorkerRequest {
  readonly id: number;
  readonly task: Task;
}

/** How a failed task is described across the thread boundary (errors do not survive structured clone with their class). */
export type WorkerFailure = { readonly kind: 'http'; readonly body: ErrorBody } | { readonly kind: 'model' | 'domain' | 'internal'; readonly message: string };

/** Worker → service: ready after start-up, then one reply per task. */
export type WorkerReply = { readonly ready: true } | { readonly id: number; readonly ok: true; readonly json: string } | { readonly id: number; readonly ok: false; readonly failure: WorkerFailure };

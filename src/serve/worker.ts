/**
 * A worker thread of `attn-theory serve`: runs one task at a time (src/serve/tasks.ts) and posts its JSON
 * text back; the pool (src/serve/pool.ts) terminates it when a task outlives the time budget.
 */
import { parentPort } from 'node:worker_threads';
import { AttnTheoryError, FileFormatError } from '../core/errors.js';
import { HttpError } from './http-errors.js';
import { runTask } from './tasks.js';
import type { WorkerFailure, WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The failure of a task as the pool rebuilds it: a reply body, a model error, a calculus error, or internal. */
export function describeFailure(err: unknown): WorkerFailure {
  if (err instanceof HttpError) return { kind: 'http', body: err.body };
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  if (err instanceof FileFormatError) return { kind: 'model', message };
  if (err instanceof AttnTheoryError) return { kind: 'domain', message };
  return { kind: 'internal', message };
}

const port = parentPort;
if (port) {
  const post = (m: WorkerReply) => port.postMessage(m);
  port.on('message', (m: WorkerRequest) => {
    try {
      post({ id: m.id, ok: true, json: runTask(m.task) });
    } catch (err) {
      post({ id: m.id, ok: false, failure: describeFailure(err) });
    }
  });
  post({ ready: true });
}

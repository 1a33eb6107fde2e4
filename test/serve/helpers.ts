/**
 * Shared helpers of the serve tests: a service listening on 127.0.0.1 (real HTTP, a free port), a
 * JSON client over node's fetch, and the library's answer for a request as JSON (Float64Arrays as
 * arrays, as the CLI's printJson writes them).
 */
import { startServer, type RunningServer } from '../../src/serve/app.js';
import type { ServeLimits } from '../../src/serve/limits.js';

/** A reply: status, content type and the parsed JSON (or the raw text when not JSON). */
export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly json: unknown;
  readonly text: string;
}

/**
 * Start the service on 127.0.0.1 at a free port, one worker, and a time budget of 60 s unless given:
 * on a loaded shared machine the first ?latex=true request (it loads mathjs) can outlive the default
 * 5 s, and only the budget test (its own server, 100 ms) is about the budget.
 */
export function serveForTest(limits: Partial<ServeLimits> = {}): Promise<RunningServer> {
  return startServer('127.0.0.1', 0, { limits: { workers: 1, timeBudgetMs: 60_000, ...limits } });
}

/** Parse a fetch Response. */
export async function readReply(r: Response): Promise<Reply> {
  const text = await r.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: r.status, type: r.headers.get('content-type') ?? '', json, text };
}

/** POST `body` (an object sent as JSON, or a raw string) to `base + path`. */
export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Reply> {
  return readReply(await fetch(base + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

/** GET `base + path`. */
export async function get(base: string, path: string): Promise<Reply> {
  return readReply(await fetch(base + path));
}

/** A library result as the JSON the service and the CLI send (Float64Arrays as arrays). */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v)));
}

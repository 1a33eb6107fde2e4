/**
 * Names and errors of the tfjs backends, in a module that does not load tfjs (so the CLI, the config
 * schema and the worker pool's parent start fast). src/experiments/backend.ts does the loading.
 */
import { AttnTheoryError } from '../core/errors.js';

/** Backend names accepted by `--backend` and `TrainConfig.backend`. */
export const BACKENDS = ['node', 'wasm', 'cpu'] as const;
/** A requested backend. */
export type BackendName = (typeof BACKENDS)[number];

/** A backend that was requested but cannot start here (message on one line). */
export class BackendUnavailableError extends AttnTheoryError {}

/** One line of an error thrown by tfjs or emscripten (which may print its whole minified module). */
export function shortError(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const line = raw.split('\n')[0].trim();
  return line.length > 200 ? line.slice(0, 197) + '...' : line;
}

/**
 * The limits of `attn-theory serve` (docs/serve.md "Limits"): what one request may ask for, checked on the
 * parsed request before any work starts, and the time budget of the work itself (src/serve/pool.ts).
 * A request beyond a limit gets 422 naming the limit; a limit is never clamped. Bound requests cost
 * O(layers·heads) closed-form evaluations, independent of T, d and m, so they are capped on layers and
 * heads only; constructions, certificates and norms grow with T, s and d and are capped on those.
 */
import { LimitError } from './http-errors.js';

/** Every limit of the service, in one typed object (each with the reason for its default). */
export interface ServeLimits {
  /** Largest request body in bytes (413 beyond): 16 MiB holds the one-hot model `construct` builds at T = 1024 (≈ 10.7 MiB) so it can be sent back to /v1/certify. */
  readonly bodyLimitBytes: number;
  /** Wall-clock budget of one request's work in ms, enforced by terminating its worker thread (422 beyond). */
  readonly timeBudgetMs: number;
  /** Largest T of a construction or of a model sent to /v1/certify or /v1/norms (compact-code construction at T = 65,536 takes ≈ 1 s). */
  readonly maxContextLength: number;
  /** Largest T of a construction with one-hot codes: its dense (T+2)×(T+2) W_QK must fit in a response a client can post back (T = 1024: ≈ 10.7 MiB). */
  readonly maxOneHotContextLength: number;
  /** Largest s of a construction or of a certified target: the general family enumerates 2^s rows (s = 12 certifies in ≈ 0.7 s at T = 1024). */
  readonly maxSparsity: number;
  /** Largest width d of a model sent to /v1/certify or /v1/norms (the spectral norms cost O(d³)). */
  readonly maxWidth: number;
  /** Largest number of layers L of a bound request or a model (a bound evaluation grows quickly with L: ≈ 0.1 s at L = 8). */
  readonly maxLayers: number;
  /** Largest number of heads H of a bound request or of any layer of a model. */
  readonly maxHeads: number;
  /** Heap (old generation) of each worker thread in MiB: a request whose work needs more gets 422 and its worker is replaced. */
  readonly workerMemoryMb: number;
  /** Worker threads doing the work (each runs one request at a time). */
  readonly workers: number;
  /** Requests waiting for a worker beyond which the service answers 503 (overloaded, not bad input). */
  readonly queueLimit: number;
}

/** The defaults (docs/serve.md lists them; `attn-theory serve` uses them). */
export const DEFAULT_LIMITS: ServeLimits = Object.freeze({
  bodyLimitBytes: 16 * 2 ** 20,
  timeBudgetMs: 5000,
  maxContextLength: 65_536,
  maxOneHotContextLength: 1024,
  maxSparsity: 12,
  maxWidth: 2048,
  maxLayers: 16,
  maxHeads: 64,
  workerMemoryMb: 1536,
  workers: 2,
  queueLimit: 256,
});

/** The limits with `overrides` applied (tests use a short time budget). */
export function resolveLimits(overrides: Partial<ServeLimits> = {}): ServeLimits {
  return Object.freeze({ ...DEFAULT_LIMITS, ...overrides });
}

/**
 * Throw LimitError (422) when `value` > the limit `name` of `limits`.
 * @param field - the request field holding the value (e.g. 'contextLength', 'model.width').
 */
export function requireAtMost(limits: ServeLimits, name: keyof ServeLimits, field: string, value: number): void {
  const max = limits[name];
  if (value > max) throw new LimitError(name, max, field, value, `${field} must be <= ${max} (server limit ${name}) (got ${value})`);
}

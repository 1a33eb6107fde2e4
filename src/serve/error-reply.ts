/**
 * Every error a request can meet, mapped to one status and one JSON error body (http-errors.ts): the
 * zod validation failures of the body or query (re-parsed here with the route's schema so the shared
 * translator can name the field and the value), fastify's own body errors (malformed JSON 400, oversize
 * 413, wrong media type 415), the routes' typed errors, and anything else as 500 without a stack trace.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ERROR_CODES, HttpError, plainError, type ErrorBody } from './http-errors.js';
import { fieldErrorFromZod } from './validation-errors.js';

/** A status and the body to send. */
export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
}

/** The zod schema of the route for a validation context ('body', 'querystring'), if any. */
function routeSchema(request: FastifyRequest, context: string): z.ZodType | undefined {
  const schema = request.routeOptions.schema as Record<string, unknown> | undefined;
  const s = schema?.[context];
  return s && typeof (s as z.ZodType).safeParse === 'function' ? (s as z.ZodType) : undefined;
}

/** The 400 for a failed validation, naming the field (null when the schema cannot be found again). */
function validationReply(err: { validationContext?: string; message: string }, request: FastifyRequest): ErrorReply | null {
  const context = err.validationContext ?? 'body';
  const schema = routeSchema(request, context);
  if (!schema) return null;
  const input = context === 'querystring' ? request.query : request.body;
  const parsed = schema.safeParse(input);
  if (parsed.success) return null;
  const e = fieldErrorFromZod(schema, input, parsed.error, context === 'querystring' ? 'query' : 'body');
  return { status: e.status, body: e.body };
}

/** Fastify's own request errors, by code. */
const FASTIFY_CODES: Record<string, { error: keyof typeof ERROR_CODES; message: (e: Error) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'malformed_json', message: () => 'body must be valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'malformed_json', message: () => 'body must be a JSON object (got an empty body with content-type application/json)' },
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'body_too_large', message: () => 'body must be at most the server limit bodyLimitBytes' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { error: 'unsupported_media_type', message: () => 'body must be sent with content-type application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'malformed_json', message: () => 'content-length must match the body' },
};

/**
 * The reply for an error thrown while serving `request`.
 * @param bodyLimitBytes - named in the 413 message.
 * @param onInternal - told about every 500 (the CLI prints one line on stderr).
 */
export function errorReply(err: unknown, request: FastifyRequest, bodyLimitBytes: number, onInternal?: (err: unknown) => void): ErrorReply {
  if (err instanceof HttpError) return { status: err.status, body: err.body };
  const e = err as Error & { code?: string; statusCode?: number; validation?: unknown; validationContext?: string };
  if (e?.validation) {
    const r = validationReply(e, request);
    if (r) return r;
  }
  const known = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) {
    const body = plainError(known.error, known.message(e));
    if (known.error === 'body_too_large') body.message = `body must be at most ${bodyLimitBytes} bytes (server limit bodyLimitBytes)`;
    return { status: ERROR_CODES[known.error], body };
  }
  // A prototype-poisoning key (`__proto__`, `constructor.prototype`) is refused by fastify's JSON parser as a 400 SyntaxError.
  if (e instanceof SyntaxError && e.statusCode === 400) return { status: 400, body: plainError('malformed_json', `body must be JSON without forbidden keys (${e.message})`) };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: plainError('bad_request', `request must be well formed (${(e.message ?? '').split('\n')[0]})`) };
  }
  onInternal?.(err);
  return { status: 500, body: plainError('internal', 'internal error (the service logged it)') };
}

/**
 * The error replies of `attn-theory serve`: one JSON body for every failure (docs/serve.md "Errors"),
 * `{ error, field, value, message }` (plus `limit` for 422), and the typed errors routes throw.
 * Bad input is always 4xx; 5xx only for overload (503) and a genuine internal error (500, no stack).
 */
import { z } from 'zod';

/** The `error` codes a reply can carry, with their status. */
export const ERROR_CODES = {
  /** 400: a field of the body or query has a bad value, or a required field is missing. */
  bad_field: 400,
  /** 400: the body or query has a field the schema does not know. */
  unknown_field: 400,
  /** 400: the body is not valid JSON (or is empty, or holds a forbidden `__proto__` key). */
  malformed_json: 400,
  /** 400: the model in the body fails the model-file checks (shapes that do not fit T and d, bad base64). */
  bad_model: 400,
  /** 400 (or the 4xx fastify chose): another malformed request (a bad URL, a bad header). */
  bad_request: 400,
  /** 404: no route for this method and path. */
  not_found: 404,
  /** 413: the body is larger than the limit bodyLimitBytes. */
  body_too_large: 413,
  /** 415: the body is not application/json. */
  unsupported_media_type: 415,
  /** 422: the request is valid but asks for more than a limit (`limit` names it), or more time than the budget. */
  limit_exceeded: 422,
  /** 422: the request is valid but the calculus cannot evaluate it (e.g. an intermediate overflows). */
  unprocessable: 422,
  /** 503: every worker is busy and the queue is full; retry later. */
  busy: 503,
  /** 500: a failure of the service itself (never caused by the input). */
  internal: 500,
} as const;

/** One of ERROR_CODES. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** zod schema of every error body (the OpenAPI document shows it for each 4xx/5xx). */
export const errorBodySchema = z
  .strictObject({
    error: z
      .enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]])
      .describe('error code (status: 400 bad_field, unknown_field, malformed_json, bad_model, bad_request; 404; 413; 415; 422 limit_exceeded, unprocessable; 503 busy; 500 internal)'),
    field: z.string().nullable().describe('the field at fault as a path (normBounds.readout, model.embedding.token[1][3]), or null'),
    value: z.unknown().describe('the bad value (shortened text when long; "Infinity" for an overflowing number), or null'),
    message: z.string().describe('one line: `field must be <condition> (got <value>)`, in the CLI wording'),
    limit: z.strictObject({ name: z.string(), value: z.number() }).optional().describe('422 limit_exceeded: the limit and its value'),
  })
  .describe('error reply');

/** The JSON body of an error reply. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** An error that becomes a reply with this body (status from ERROR_CODES). */
export class HttpError extends Error {
  /** The reply's JSON body. */
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = new.target.name;
    this.body = body;
  }
  /** The HTTP status of the reply. */
  get status(): number {
    return ERROR_CODES[this.body.error];
  }
}

/** A value as it appears in `value`: itself when short JSON, else its shortened text; non-finite numbers as text. */
export function replyValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  const text = JSON.stringify(v);
  if (text === undefined) return String(v);
  return text.length <= 200 ? v : `${text.slice(0, 197)}...`;
}

/** 400 bad_field / unknown_field / bad_model: a field of the request at fault. */
export class FieldError extends HttpError {
  constructor(error: 'bad_field' | 'unknown_field' | 'bad_model', field: string | null, value: unknown, message: string) {
    super({ error, field, value: replyValue(value), message });
  }
}

/** 422 limit_exceeded: the request asks for more than the limit `name` allows. */
export class LimitError extends HttpError {
  constructor(name: string, max: number, field: string | null, value: unknown, message: string) {
    super({ error: 'limit_exceeded', field, value: replyValue(value), message, limit: { name, value: max } });
  }
}

/** A bare error body for a code with no field. */
export function plainError(error: ErrorCode, message: string, value: unknown = null): ErrorBody {
  return { error, field: null, value: replyValue(value), message };
}

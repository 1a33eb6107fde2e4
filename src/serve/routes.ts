/**
 * The versioned routes of `attn-theory serve`. Each parses its body with the library's schema (the zod
 * validator compiler, set for every route in app.ts), checks the limits (limits.ts) on the parsed
 * request, and hands the work to the worker pool (pool.ts) under the time budget. A reply is the JSON
 * text the task returns, sent as it is (the same JSON as the CLI's --json for that request).
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AttnTheoryError } from '../core/errors.js';
import { parseTargetSpec } from '../constructions/target-spec.js';
import { DEFAULT_ONEHOT_MAX_CONTEXT } from '../constructions/spec-schema.js';
import type { ModelFileJson } from '../model/format.js';
import type { BooleanTarget } from '../model/types.js';
import { VERSION } from '../version.js';
import { errorBodySchema, FieldError } from './http-errors.js';
import { requireAtMost, type ServeLimits } from './limits.js';
import type { WorkerPool } from './pool.js';
import { boundBodySchema, boundQuerySchema, certifyBodySchema, constructBodySchema, noQuerySchema, normsBodySchema, sampleSizeBodySchema } from './schemas.js';
import { boundReplySchema, certifyReplySchema, constructReplySchema, healthReplySchema, normsReplySchema, sampleSizeReplySchema } from './reply-schemas.js';
import { routeInfo } from './route-table.js';

/** A fastify instance with the zod type provider (what app.ts builds). */
export type ZodFastify = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What the routes need from the app. */
export interface RouteDeps {
  readonly pool: WorkerPool;
  readonly limits: ServeLimits;
}

/** The error replies every POST route may give (OpenAPI). */
const ERROR_REPLIES = {
  400: errorBodySchema.describe('bad field, unknown field, malformed JSON or a model that fails the file checks'),
  413: errorBodySchema.describe('body larger than bodyLimitBytes'),
  415: errorBodySchema.describe('body not application/json'),
  422: errorBodySchema.describe('beyond a limit (limit names it) or not evaluable'),
  500: errorBodySchema.describe('internal error'),
  503: errorBodySchema.describe('busy: every worker busy and the queue full'),
};

/** Route options from the route table: summary, description, the body/reply schemas. */
function doc(url: string, reply: z.ZodType) {
  const r = routeInfo(url);
  return { summary: r.summary, description: `Same answer as ${r.sameAs}.`, response: { 200: reply, ...ERROR_REPLIES } };
}

/** Send JSON text as it is (no second serialization). */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Check a bound request's layers and heads against the limits (the only sizes its cost depends on). */
function checkBoundLimits(limits: ServeLimits, r: { layers?: number; heads?: number }, at = ''): void {
  requireAtMost(limits, 'maxLayers', `${at}layers`, r.layers ?? 1);
  requireAtMost(limits, 'maxHeads', `${at}heads`, r.heads ?? 1);
}

/** Check a model sent in a body against the limits on T, d, layers and heads. */
function checkModelLimits(limits: ServeLimits, m: ModelFileJson): void {
  requireAtMost(limits, 'maxContextLength', 'model.contextLength', m.contextLength);
  requireAtMost(limits, 'maxWidth', 'model.width', m.width);
  requireAtMost(limits, 'maxLayers', 'model.layers', m.layers.length);
  for (const [i, l] of m.layers.entries()) requireAtMost(limits, 'maxHeads', `model.layers[${i}].heads`, l.heads.length);
  requireAtMost(limits, 'maxHeads', 'model.clsHeads', m.clsHeads.length);
}

/** The certify target: the body's SPEC parsed for the model's T, else the stored one (checked for s). @throws FieldError naming `target`. */
function certifyTarget(limits: ServeLimits, model: ModelFileJson, spec: string | undefined): BooleanTarget | undefined {
  if (spec === undefined) {
    if (!model.target) throw new FieldError('bad_field', 'target', null, 'target must be given (the model stores no target)');
    requireAtMost(limits, 'maxSparsity', 'model.target.support', model.target.support.length);
    return undefined;
  }
  let target: BooleanTarget;
  try {
    target = parseTargetSpec(spec, model.contextLength);
  } catch (err) {
    if (!(err instanceof AttnTheoryError)) throw err;
    const cond = /must be (.*) \(got/.exec(err.message)?.[1] ?? 'a valid FN@i,j,...';
    throw new FieldError('bad_field', 'target', spec, `target must be ${cond} (got ${JSON.stringify(spec)})`);
  }
  requireAtMost(limits, 'maxSparsity', 'target', target.support.length);
  return target;
}

/** Register the /v1 routes and /healthz on `app`. */
export function registerRoutes(app: ZodFastify, { pool, limits }: RouteDeps): void {
  app.post('/v1/bound', { schema: { body: boundBodySchema, querystring: boundQuerySchema, ...doc('/v1/bound', boundReplySchema) } }, async (req, reply) => {
    checkBoundLimits(limits, req.body);
    return sendJson(reply, await pool.run({ kind: 'bound', request: req.body, latex: req.query.latex === 'true' }));
  });

  app.post('/v1/bound/sample-size', { schema: { body: sampleSizeBodySchema, querystring: noQuerySchema, ...doc('/v1/bound/sample-size', sampleSizeReplySchema) } }, async (req, reply) => {
    checkBoundLimits(limits, req.body.request, 'request.');
    return sendJson(reply, await pool.run({ kind: 'sample-size', request: req.body.request, targetGap: req.body.targetGap }));
  });

  app.post('/v1/construct', { schema: { body: constructBodySchema, querystring: noQuerySchema, ...doc('/v1/construct', constructReplySchema) } }, async (req, reply) => {
    const spec = req.body;
    requireAtMost(limits, 'maxContextLength', 'contextLength', spec.contextLength);
    requireAtMost(limits, 'maxSparsity', 'sparsity', spec.sparsity);
    if ((spec.codes ?? (spec.contextLength <= DEFAULT_ONEHOT_MAX_CONTEXT ? 'onehot' : 'compact')) === 'onehot') {
      requireAtMost(limits, 'maxOneHotContextLength', 'contextLength', spec.contextLength);
    }
    return sendJson(reply, await pool.run({ kind: 'construct', spec }));
  });

  app.post('/v1/certify', { schema: { body: certifyBodySchema, querystring: noQuerySchema, ...doc('/v1/certify', certifyReplySchema) } }, async (req, reply) => {
    const b = req.body;
    checkModelLimits(limits, b.model);
    const target = certifyTarget(limits, b.model, b.target);
    return sendJson(reply, await pool.run({ kind: 'certify', model: b.model, ...(target ? { target } : {}), options: b.options ?? {}, fullInput: b.fullInput === true }));
  });

  app.post('/v1/norms', { schema: { body: normsBodySchema, querystring: noQuerySchema, ...doc('/v1/norms', normsReplySchema) } }, async (req, reply) => {
    checkModelLimits(limits, req.body.model);
    return sendJson(reply, await pool.run({ kind: 'norms', model: req.body.model }));
  });

  app.get('/healthz', { schema: { summary: routeInfo('/healthz').summary, response: { 200: healthReplySchema } } }, async () => ({ status: 'ok' as const, version: VERSION }));
}

/**
 * The HTTP service of `attn-theory serve` (docs/serve.md): fastify 5 with the zod type provider's
 * validator and serializer compilers set for the whole instance (every route's schema is zod; no plain
 * JSON-schema route, which the provider cannot mix with), the body limit, one error handler and one
 * not-found handler that answer JSON `{error, field, value, message}`, the OpenAPI document, the docs
 * page, and the worker pool the routes hand their work to (closed with the app).
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { plainError } from './http-errors.js';
import { errorReply } from './error-reply.js';
import { resolveLimits, type ServeLimits } from './limits.js';
import { WorkerPool } from './pool.js';
import { registerRoutes, type ZodFastify } from './routes.js';
import { registerOpenApi, registerOpenApiRoute } from './openapi.js';
import { registerDocsRoute } from './docs-page.js';

/** Options of buildServer / startServer. */
export interface ServeOptions {
  /** Overrides of DEFAULT_LIMITS (limits.ts). */
  readonly limits?: Partial<ServeLimits>;
  /** Told about every internal error (500); default: nothing. */
  readonly onInternalError?: (err: unknown) => void;
}

/** Build the service (not listening yet); `close()` also stops its worker threads. */
export async function buildServer(options: ServeOptions = {}): Promise<ZodFastify> {
  const limits = resolveLimits(options.limits);
  const app: ZodFastify = Fastify({ logger: false, bodyLimit: limits.bodyLimitBytes, requestTimeout: 120_000 }).withTypeProvider<ZodTypeProvider>();
  // JSON only: a text/plain body gets 415 rather than reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const pool = new WorkerPool({ workers: limits.workers, timeBudgetMs: limits.timeBudgetMs, queueLimit: limits.queueLimit, workerMemoryMb: limits.workerMemoryMb });
  app.addHook('onClose', async () => pool.close());
  app.setErrorHandler((err, request, reply) => {
    const r = errorReply(err, request, limits.bodyLimitBytes, options.onInternalError);
    return reply.code(r.status).type('application/json; charset=utf-8').send(JSON.stringify(r.body));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(plainError('not_found', `no route ${request.method} ${request.url.split('?')[0]} (see GET /docs)`, request.url.split('?')[0]))),
  );
  await registerOpenApi(app);
  registerRoutes(app, { pool, limits });
  registerOpenApiRoute(app);
  registerDocsRoute(app, limits);
  await app.ready();
  return app;
}

/** A listening service. */
export interface RunningServer {
  /** The app (for close()). */
  readonly app: ZodFastify;
  /** http://HOST:PORT with the port actually bound (IPv6 hosts in brackets). */
  readonly url: string;
  /** Stop listening, finish nothing further, stop the workers. */
  readonly close: () => Promise<void>;
}

/** Build the service and listen on host:port (port 0: a free port). @throws the listen error (EADDRINUSE, EACCES...). */
export async function startServer(host: string, port: number, options: ServeOptions = {}): Promise<RunningServer> {
  const app = await buildServer(options);
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shown}:${bound}`, close: () => app.close() };
}

/**
 * The OpenAPI 3.1 document of the service at GET /openapi.json: @fastify/swagger collects every route,
 * and the zod type provider's jsonSchemaTransform turns each route's zod schemas (the library's request
 * schemas) into JSON Schema, so the document is generated from the same schemas that validate.
 */
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { VERSION } from '../version.js';
import type { ZodFastify } from './routes.js';

/** Register @fastify/swagger on `app` (before the routes, so it sees them). */
export async function registerOpenApi(app: ZodFastify): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'attn-theory',
        version: VERSION,
        description:
          'Capacity bounds with explicit constants, certified sparse-function constructions and model norms for bounded-norm self-attention, over JSON. Errors: {error, field, value, message} (docs/serve.md).',
      },
    },
    transform: jsonSchemaTransform,
  });
}

/** Add GET /openapi.json (hidden from the document itself). */
export function registerOpenApiRoute(app: ZodFastify): void {
  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())));
}

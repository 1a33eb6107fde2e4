/**
 * The request schemas of the HTTP routes, composed from the library's own strict zod schemas (never
 * redefined): a bound request is boundRequestSchema as it is; a construct request is constructSpecSchema;
 * certify and norms carry the model itself (modelFileSchema, the model file's JSON) in the body, so no
 * request names a path. Only the transport's own fields (a query flag, the certify target text, the
 * worst-input form) are new here, and they say so.
 */
import { z } from 'zod';
import { boundRequestSchema, sampleSizeRequestSchema, targetGapSchema } from '../bounds/request-schema.js';
import { constructSpecSchema } from '../constructions/spec-schema.js';
import { certifyOptionsSchema } from '../constructions/certify-options-schema.js';
import { modelFileSchema } from '../model/format.js';

/** POST /v1/bound body: a bound request (boundRequestSchema, what computeBound takes). */
export const boundBodySchema = boundRequestSchema;

/** POST /v1/bound query: `?latex=true` also returns the LaTeX closed form (as `bound --latex`). */
export const boundQuerySchema = z.strictObject({
  latex: z.enum(['true', 'false']).optional().describe('true: also return the LaTeX closed form of the gap (cor-closed-form-gap), as `attn-theory bound --latex`'),
});

/** The query of every other POST route: none (strict, so `?anything` is an unknown field, never ignored). */
export const noQuerySchema = z.strictObject({});

/** POST /v1/bound/sample-size body: a request without sampleSize (sampleSizeRequestSchema) and the target gap. */
export const sampleSizeBodySchema = z.strictObject({
  request: sampleSizeRequestSchema.describe('a bound request without sampleSize (the unknown)'),
  targetGap: targetGapSchema,
});

/** POST /v1/construct body: a construct spec (constructSpecSchema, what construct takes). */
export const constructBodySchema = constructSpecSchema;

/** POST /v1/certify body: the model file's JSON, an optional target SPEC, certify's options. */
export const certifyBodySchema = z.strictObject({
  model: modelFileSchema.describe('the model file JSON (docs/model-format.md), e.g. the `model` of a /v1/construct reply'),
  target: z
    .string({ error: 'a target SPEC FN@i,j,... (e.g. parity@3,7,9)' })
    .optional()
    .describe('target overriding the stored one, as `certify --target`: FN@i,j,... e.g. parity@3,7,9 or table:0110@2,5 (default: the model’s stored target)'),
  options: certifyOptionsSchema.optional().describe('certify options (requestedMargin, method), as `certify --margin --method`'),
  fullInput: z.boolean({ error: 'true or false' }).optional().describe('true: worstInput as the full string of T bits (as `certify --json --full-input`); default the compact form'),
});

/** POST /v1/norms body: the model file's JSON. */
export const normsBodySchema = z.strictObject({
  model: modelFileSchema.describe('the model file JSON (docs/model-format.md)'),
});

/** Parsed /v1/bound/sample-size body. */
export type SampleSizeBody = z.output<typeof sampleSizeBodySchema>;
/** Parsed /v1/certify body. */
export type CertifyBody = z.output<typeof certifyBodySchema>;
/** Parsed /v1/norms body. */
export type NormsBody = z.output<typeof normsBodySchema>;

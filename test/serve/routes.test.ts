/**
 * Every route of `attn-theory serve` over real HTTP on 127.0.0.1: each answer deep-equals the library's
 * result for the same request (computeBound, requiredSampleSize, construct, certify, measureNorms), each
 * reply parses with the reply schema the OpenAPI document shows, and /openapi.json and /docs describe
 * every route without a network reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBound, requiredSampleSize } from '../../src/bounds/api.js';
import { certify, construct } from '../../src/constructions/api.js';
import { parseTargetSpec } from '../../src/constructions/target-spec.js';
import { modelFromJson, modelToJson } from '../../src/model/format.js';
import { measureNorms } from '../../src/model/norms-report.js';
import { compactBits } from '../../src/cli/commands/certify.js';
import type { RunningServer } from '../../src/serve/app.js';
import { EXAMPLE_BOUND_REQUEST, EXAMPLE_CONSTRUCT_REQUEST, EXAMPLE_SAMPLE_SIZE_REQUEST, ROUTES } from '../../src/serve/route-table.js';
import { boundReplySchema, certifyReplySchema, constructReplySchema, healthReplySchema, normsReplySchema, sampleSizeReplySchema } from '../../src/serve/reply-schemas.js';
import { VERSION } from '../../src/version.js';
import { SMALL_TRANSFORMER } from '../bounds/fixtures.js';
import { asJson, get, post, serveForTest } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await serveForTest();
  base = server.url;
});
afterAll(async () => server?.close());

describe('POST /v1/bound', () => {
  it.each([
    ['the worked example', EXAMPLE_BOUND_REQUEST],
    ['a one-layer Transformer', SMALL_TRANSFORMER],
    ['a multi-head class with an empirical loss', { ...SMALL_TRANSFORMER, model: 'multihead', heads: 4, empiricalMarginLoss: 0.01 }],
  ])('%s: the reply equals computeBound', async (_name, req) => {
    const r = await post(base, '/v1/bound', req);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.json).toEqual(asJson(computeBound(req)));
    boundReplySchema.parse(r.json);
  });

  it('?latex=true adds the closed form, as computeBound(req, { latex: true })', async () => {
    const r = await post(base, '/v1/bound?latex=true', EXAMPLE_BOUND_REQUEST);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(asJson(computeBound(EXAMPLE_BOUND_REQUEST, { latex: true })));
    expect(typeof (r.json as { latex?: unknown }).latex).toBe('string');
  });
});

describe('POST /v1/bound/sample-size', () => {
  it('equals requiredSampleSize, and m is the least: the gap at m is <= G, at m - 1 above', async () => {
    const r = await post(base, '/v1/bound/sample-size', EXAMPLE_SAMPLE_SIZE_REQUEST);
    expect(r.status).toBe(200);
    const m = requiredSampleSize(EXAMPLE_SAMPLE_SIZE_REQUEST.request, EXAMPLE_SAMPLE_SIZE_REQUEST.targetGap);
    expect(r.json).toEqual({ targetGap: 0.5, sampleSize: m });
    sampleSizeReplySchema.parse(r.json);
    const gap = (sampleSize: number) => computeBound({ ...EXAMPLE_SAMPLE_SIZE_REQUEST.request, sampleSize }).generalizationGap;
    expect(gap(m)).toBeLessThanOrEqual(0.5);
    expect(gap(m - 1)).toBeGreaterThan(0.5);
  });

  it('sampleSize is null when no m up to 2^50 reaches the gap (the library says Infinity)', async () => {
    const body = { ...EXAMPLE_SAMPLE_SIZE_REQUEST, targetGap: 1e-9 };
    expect(requiredSampleSize(body.request, body.targetGap)).toBe(Infinity);
    const r = await post(base, '/v1/bound/sample-size', body);
    expect(r.json).toEqual({ targetGap: 1e-9, sampleSize: null });
  });
});

describe('POST /v1/construct, /v1/certify, /v1/norms', () => {
  it('construct: the summary of `construct --json` without out, plus the model the library builds', async () => {
    const r = await post(base, '/v1/construct', EXAMPLE_CONSTRUCT_REQUEST);
    expect(r.status).toBe(200);
    constructReplySchema.parse(r.json);
    const built = construct(EXAMPLE_CONSTRUCT_REQUEST);
    const { model, ...summary } = r.json as { model: unknown } & Record<string, unknown>;
    expect(model).toEqual(asJson(modelToJson(built.model)));
    expect(summary).toEqual(
      asJson({
        contextLength: 8,
        sparsity: 3,
        support: built.target.support,
        table: built.target.table,
        family: built.family,
        codes: built.model.meta?.codes,
        width: built.model.width,
        requestedMargin: built.requestedMargin,
        norms: built.norms,
      }),
    );
  });

  it('certify the constructed model (stored target, a SPEC target, full input): equals certify()', async () => {
    const built = construct({ contextLength: 12, sparsity: 3, fn: 'majority', seed: 7 });
    const model = modelToJson(built.model);
    const lib = modelFromJson(asJson(model));
    const stored = await post(base, '/v1/certify', { model });
    expect(stored.status).toBe(200);
    certifyReplySchema.parse(stored.json);
    const c = certify(lib);
    expect(stored.json).toEqual(asJson({ ...c, worstInput: compactBits(c.worstInput), target: { support: built.target.support, table: built.target.table } }));
    expect((stored.json as { certified: boolean }).certified).toBe(true);

    // Against another target the same model is not certified: the checker can fail.
    const spec = `parity@${built.target.support.join(',')}`;
    const other = await post(base, '/v1/certify', { model, target: spec, options: { method: 'interval' }, fullInput: true });
    const t = parseTargetSpec(spec, 12);
    const c2 = certify(lib, t, { method: 'interval' });
    expect(other.json).toEqual(asJson({ ...c2, target: { support: t.support, table: t.table } }));
    expect((other.json as { certified: boolean }).certified).toBe(false);
  });

  it('norms of a model in the body equal measureNorms', async () => {
    const model = modelToJson(construct({ contextLength: 16, sparsity: 2, fn: 'and', codes: 'compact' }).model);
    const r = await post(base, '/v1/norms', { model });
    expect(r.status).toBe(200);
    normsReplySchema.parse(r.json);
    expect(r.json).toEqual(asJson(measureNorms(modelFromJson(asJson(model)))));
  });
});

describe('GET /healthz, /openapi.json, /docs', () => {
  it('healthz answers ok and the version', async () => {
    const r = await get(base, '/healthz');
    expect(r.status).toBe(200);
    expect(healthReplySchema.parse(r.json)).toEqual({ status: 'ok', version: VERSION });
  });

  it('the OpenAPI 3.1 document lists every /v1 route with its request schema, strict (additionalProperties false)', async () => {
    const r = await get(base, '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTES.filter((x) => x.url.startsWith('/v1/'))) {
      const op = doc.paths[route.url]?.post;
      expect(op, route.url).toBeDefined();
      const schema = op!.requestBody!.content['application/json'].schema;
      expect(schema.additionalProperties, route.url).toBe(false);
    }
    const bound = doc.paths['/v1/bound'].post.requestBody!.content['application/json'].schema as { required: string[]; properties: Record<string, unknown> };
    expect(bound.required).toEqual(expect.arrayContaining(['model', 'contextLength', 'width', 'sampleSize', 'normBounds', 'margin', 'delta']));
    expect(doc.paths['/healthz']).toBeDefined();
  });

  it('/docs is one HTML page listing every route, with no script and no network reference', async () => {
    const r = await get(base, '/docs');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    for (const route of ROUTES) expect(r.text).toContain(route.url);
    expect(r.text).toContain(`curl -s -X POST ${base}/v1/bound`);
    expect(r.text).not.toMatch(/<script|<link|@import|https?:\/\/(?!127\.0\.0\.1)/);
  });
});

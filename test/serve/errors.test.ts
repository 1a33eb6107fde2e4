/**
 * Every class of bad request over real HTTP, and the service still answering after each: a bad field
 * (400, field and value named, the library's own message), missing and unknown fields, a number that
 * overflows to Infinity in JSON, malformed and empty JSON, a prototype-poisoning key, a model whose
 * shapes do not fit, bad certify targets, an oversize body (413, at the limit's exact boundary), a
 * non-JSON body (415), a request beyond a cap (422, limit named), work beyond the time budget (422, and
 * the worker replaced), work beyond the worker's memory (422), a calculus that cannot evaluate (422), an unknown route (404); and the 500 body
 * of an internal error carries no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBound } from '../../src/bounds/api.js';
import { construct } from '../../src/constructions/api.js';
import { modelToJson } from '../../src/model/format.js';
import type { RunningServer } from '../../src/serve/app.js';
import { errorReply } from '../../src/serve/error-reply.js';
import { DEFAULT_LIMITS } from '../../src/serve/limits.js';
import { EXAMPLE_BOUND_REQUEST as E, EXAMPLE_SAMPLE_SIZE_REQUEST } from '../../src/serve/route-table.js';
import { errorBodySchema } from '../../src/serve/http-errors.js';
import { get, post, serveForTest, type Reply } from './helpers.js';

let server: RunningServer;
let slow: RunningServer;
let small: RunningServer;
let base: string;

beforeAll(async () => {
  [server, slow, small] = await Promise.all([serveForTest(), serveForTest({ timeBudgetMs: 100 }), serveForTest({ workerMemoryMb: 16 })]);
  base = server.url;
});
afterAll(async () => Promise.all([server?.close(), slow?.close(), small?.close()]));

/** The error contract: the status, a JSON error body, and the service answering right after. */
async function expectError(r: Reply, status: number, error: string, at = base): Promise<{ field: string | null; value: unknown; message: string; limit?: { name: string; value: number } }> {
  expect(r.status, r.text).toBe(status);
  expect(r.type).toMatch(/^application\/json/);
  const body = errorBodySchema.parse(r.json);
  expect(body.error).toBe(error);
  expect(r.text).not.toMatch(/\n\s+at |\.ts:\d+/);
  const after = await post(at, '/v1/bound', E);
  expect(after.status).toBe(200);
  return body;
}

/** The message computeBound throws for `req`, without its `computeBound: ` prefix. */
function libraryMessage(req: unknown): string {
  try {
    computeBound(req);
  } catch (err) {
    return (err as Error).message.replace(/^computeBound: /, '');
  }
  throw new Error('computeBound accepted the request');
}

describe('400: bad fields, in the library’s words', () => {
  it.each([
    ['a negative budget', { ...E, normBounds: { ...E.normBounds, readout: -1 } }, 'normBounds.readout', -1],
    ['δ outside (0, 1)', { ...E, delta: 1.5 }, 'delta', 1.5],
    ['a fractional T', { ...E, contextLength: 2.5 }, 'contextLength', 2.5],
    ['a number as text', { ...E, width: '64' }, 'width', '64'],
    ['an unknown model kind', { ...E, model: 'mlp' }, 'model', 'mlp'],
    ['identity σ with L_σ = 2 (the cross-field rule)', { ...E, activationLipschitz: 2 }, 'activationLipschitz', 2],
  ])('%s', async (_name, req, field, value) => {
    const body = await expectError(await post(base, '/v1/bound', req), 400, 'bad_field');
    expect(body.field).toBe(field);
    expect(body.value).toEqual(value);
    expect(body.message).toBe(libraryMessage(req));
  });

  it('missing fields are listed at once, as the library lists them', async () => {
    const req = { model: 'head', margin: 1, delta: 0.1 };
    const body = await expectError(await post(base, '/v1/bound', req), 400, 'bad_field');
    expect(body.message).toBe(libraryMessage(req));
    expect(body.message).toMatch(/contextLength, width, .* must be given/);
  });

  it('a number that overflows to Infinity in JSON (1e400) is refused as not finite', async () => {
    const text = JSON.stringify(E).replace('"margin":1', '"margin":1e400');
    const body = await expectError(await post(base, '/v1/bound', text), 400, 'bad_field');
    expect(body).toMatchObject({ field: 'margin', value: 'Infinity', message: 'margin must be a finite number > 0 (got Infinity)' });
  });

  it('a bad field of a nested request and of the query', async () => {
    const b = await expectError(await post(base, '/v1/bound/sample-size', { ...EXAMPLE_SAMPLE_SIZE_REQUEST, targetGap: 0 }), 400, 'bad_field');
    expect(b.field).toBe('targetGap');
    const q = await expectError(await post(base, '/v1/bound?latex=yes', E), 400, 'bad_field');
    expect(q).toMatchObject({ field: 'latex', value: 'yes' });
  });
});

describe('400: unknown fields', () => {
  it.each([
    ['at the top', { ...E, sampleSizes: 10 }, 'sampleSizes', 'unknown field sampleSizes (did you mean sampleSize?)'],
    ['in the budgets', { ...E, normBounds: { ...E.normBounds, readot: 1 } }, 'normBounds.readot', 'unknown field normBounds.readot (did you mean normBounds.readout?)'],
  ])('%s', async (_name, req, field, message) => {
    const body = await expectError(await post(base, '/v1/bound', req), 400, 'unknown_field');
    expect(body.field).toBe(field);
    expect(body.message).toBe(message);
    expect(libraryMessage(req)).toBe(message);
  });

  it('in the query of any route', async () => {
    const body = await expectError(await post(base, '/v1/construct?out=model.json', { contextLength: 4, sparsity: 2, fn: 'and' }), 400, 'unknown_field');
    expect(body).toMatchObject({ field: 'out', value: 'model.json' });
  });

  it('in a model sent to /v1/norms', async () => {
    const model = { ...modelToJson(construct({ contextLength: 4, sparsity: 2, fn: 'or' }).model), weights: [] };
    const body = await expectError(await post(base, '/v1/norms', { model }), 400, 'unknown_field');
    expect(body.field).toBe('model.weights');
  });
});

describe('400: malformed bodies and models', () => {
  it.each([
    ['truncated JSON', '{"model": "head", '],
    ['an empty body', ''],
    ['a __proto__ key', '{"__proto__": {"polluted": true}}'],
  ])('%s', async (_name, text) => {
    const body = await expectError(await post(base, '/v1/bound', text), 400, 'malformed_json');
    expect(body.field).toBeNull();
  });

  it('a JSON array instead of an object names the body', async () => {
    const body = await expectError(await post(base, '/v1/bound', '[1, 2]'), 400, 'bad_field');
    expect(body).toMatchObject({ field: null, message: 'body must be an object (got [1,2])' });
  });

  it('a model entry that is not a number, and a model whose rows do not fit d', async () => {
    const model = modelToJson(construct({ contextLength: 4, sparsity: 2, fn: 'and' }).model) as unknown as { embedding: { token: unknown[][] } };
    const badEntry = structuredClone(model);
    badEntry.embedding.token[1][2] = 'x';
    const a = await expectError(await post(base, '/v1/norms', { model: badEntry }), 400, 'bad_field');
    expect(a).toMatchObject({ field: 'model.embedding.token[1][2]', value: 'x', message: 'model.embedding.token[1][2] must be a finite number (got "x")' });
    const badShape = structuredClone(model);
    badShape.embedding.token[1].push(0);
    const b = await expectError(await post(base, '/v1/certify', { model: badShape }), 400, 'bad_model');
    expect(b.field).toBe('model');
    expect(b.message).toMatch(/^model: embedding\.token: row 1 has \d+ entries, expected \d+/);
  });

  it('a path where a model belongs is refused: the service reads no file', async () => {
    for (const path of ['/v1/certify', '/v1/norms']) {
      const body = await expectError(await post(base, path, { model: '/etc/passwd' }), 400, 'bad_field');
      expect(body).toMatchObject({ field: 'model', value: '/etc/passwd' });
    }
  });

  it('certify targets: out of range, malformed, and none stored', async () => {
    const built = construct({ contextLength: 6, sparsity: 2, fn: 'and' });
    const model = modelToJson(built.model);
    const a = await expectError(await post(base, '/v1/certify', { model, target: 'parity@1,7' }), 400, 'bad_field');
    expect(a).toMatchObject({ field: 'target', value: 'parity@1,7', message: 'target must be positions in 1..6 (got "parity@1,7")' });
    await expectError(await post(base, '/v1/certify', { model, target: 'parity' }), 400, 'bad_field');
    const { target: _t, ...bare } = model;
    const c = await expectError(await post(base, '/v1/certify', { model: bare }), 400, 'bad_field');
    expect(c).toMatchObject({ field: 'target', message: 'target must be given (the model stores no target)' });
  });
});

describe('413, 415, 404', () => {
  it('413 for one byte over bodyLimitBytes; exactly at the limit the body is read (and judged on its fields)', async () => {
    const limit = DEFAULT_LIMITS.bodyLimitBytes;
    const pad = (n: number) => `{"x":1${' '.repeat(n - 7)}}`;
    expect(pad(limit).length).toBe(limit);
    const over = await expectError(await post(base, '/v1/bound', pad(limit + 1)), 413, 'body_too_large');
    expect(over.message).toBe(`body must be at most ${limit} bytes (server limit bodyLimitBytes)`);
    await expectError(await post(base, '/v1/bound', pad(limit)), 400, 'unknown_field');
  });

  it('415 for a body that is not JSON', async () => {
    await expectError(await post(base, '/v1/bound', 'model=head', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectError(await post(base, '/v1/bound', 'model=head', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('404 for an unknown path and for a route under the wrong method', async () => {
    const a = await expectError(await post(base, '/v2/bound', E), 404, 'not_found');
    expect(a.value).toBe('/v2/bound');
    await expectError(await get(base, '/v1/bound'), 404, 'not_found');
  });
});

describe('422: limits, the time budget, and what the calculus cannot evaluate', () => {
  it.each([
    ['/v1/bound', { ...E, model: 'transformer', layers: DEFAULT_LIMITS.maxLayers + 1 }, 'maxLayers', 'layers'],
    ['/v1/bound', { ...E, model: 'multihead', heads: DEFAULT_LIMITS.maxHeads + 1 }, 'maxHeads', 'heads'],
    ['/v1/bound/sample-size', { ...EXAMPLE_SAMPLE_SIZE_REQUEST, request: { ...EXAMPLE_SAMPLE_SIZE_REQUEST.request, model: 'transformer', layers: 17 } }, 'maxLayers', 'request.layers'],
    ['/v1/construct', { contextLength: DEFAULT_LIMITS.maxContextLength + 1, sparsity: 2, fn: 'and', codes: 'compact' }, 'maxContextLength', 'contextLength'],
    ['/v1/construct', { contextLength: 2048, sparsity: 2, fn: 'and', codes: 'onehot' }, 'maxOneHotContextLength', 'contextLength'],
    ['/v1/construct', { contextLength: 64, sparsity: DEFAULT_LIMITS.maxSparsity + 1, fn: 'parity' }, 'maxSparsity', 'sparsity'],
  ])('%s beyond %s', async (path, req, limit, field) => {
    const body = await expectError(await post(base, path, req), 422, 'limit_exceeded');
    expect(body.field).toBe(field);
    expect(body.limit).toEqual({ name: limit, value: DEFAULT_LIMITS[limit as keyof typeof DEFAULT_LIMITS] });
    expect(body.message).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')} must be <= \\d+ \\(server limit ${limit}\\)`));
  });

  it('a model wider than maxWidth is refused before it is decoded', async () => {
    const model = { ...modelToJson(construct({ contextLength: 4, sparsity: 2, fn: 'and' }).model), width: DEFAULT_LIMITS.maxWidth + 1 };
    const body = await expectError(await post(base, '/v1/norms', { model }), 422, 'limit_exceeded');
    expect(body).toMatchObject({ field: 'model.width', limit: { name: 'maxWidth' } });
  });

  it('work beyond the time budget is stopped (422 timeBudgetMs) and the next request is served', async () => {
    const body = await expectError(await post(slow.url, '/v1/construct', { contextLength: 65_536, sparsity: 8, fn: 'parity' }), 422, 'limit_exceeded', slow.url);
    expect(body.limit).toEqual({ name: 'timeBudgetMs', value: 100 });
    expect(body.message).toMatch(/^the request's work must take at most 100 ms \(server limit timeBudgetMs\)/);
  });

  it('work that runs its worker out of memory is 422 (limit workerMemoryMb), and the next request is served', async () => {
    // Three 1000x1000 nested-row matrices: about 6 MiB of JSON (under the body limit), far more than 16 MiB of worker heap once decoded.
    const d = 1000;
    const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
    const model = {
      format: 'attn-theory-model',
      version: 1,
      contextLength: 4,
      width: d,
      embedding: { token: zeros(2, d), position: [{ kind: 'onehot', scale: 1, column: 0 }], cls: new Array<number>(d).fill(0) },
      layers: [],
      clsHeads: Array.from({ length: 3 }, () => ({ wQK: zeros(d, d), wV: zeros(d, 1), activation: 'identity' })),
      readout: [{ weight: [[1]], bias: null, activation: 'identity' }],
    };
    const body = await expectError(await post(small.url, '/v1/norms', { model }), 422, 'limit_exceeded', small.url);
    expect(body.limit).toEqual({ name: 'workerMemoryMb', value: 16 });
  });

  it('a request the calculus cannot evaluate (budgets so large the cover overflows) is 422 unprocessable with the library’s message', async () => {
    const req = { ...E, normBounds: { ...E.normBounds, valueSpectral: 1e200, valueGroup21: 1e200 } };
    expect(() => computeBound(req)).toThrow(/must be a finite number/);
    const body = await expectError(await post(base, '/v1/bound', req), 422, 'unprocessable');
    expect(body.message).toBe(libraryMessage(req));
  });
});

describe('500', () => {
  it('an internal error becomes a 500 body without the stack, and the service is told', () => {
    const seen: unknown[] = [];
    const err = new TypeError('cannot read properties of undefined');
    const r = errorReply(err, {} as never, 1, (e) => seen.push(e));
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: 'internal', field: null, value: null, message: 'internal error (the service logged it)' });
    expect(JSON.stringify(r.body)).not.toContain('cannot read');
    expect(seen).toEqual([err]);
  });
});

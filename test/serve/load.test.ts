/**
 * A bounded load test over real HTTP: 2,000 mixed requests (analytic bounds of every model kind,
 * sample-size inversions, constructions, certificates, norms, and bad requests) from 16 concurrent
 * clients. Every answer must equal the library's for the same request (deep-equal; a request the library
 * refuses must get the 400/422 with the library's message), with zero 5xx. Prints the throughput and the
 * p50/p90/p99 latency (provisional on a shared machine: the figures are reported, not asserted).
 * The requests come from a fast-check seed, so a failure replays.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeBound, requiredSampleSize } from '../../src/bounds/api.js';
import { certify, construct } from '../../src/constructions/api.js';
import { modelFromJson, modelToJson } from '../../src/model/format.js';
import { measureNorms } from '../../src/model/norms-report.js';
import { compactBits } from '../../src/cli/commands/certify.js';
import type { RunningServer } from '../../src/serve/app.js';
import { asJson, serveForTest } from './helpers.js';

const REQUESTS = 2000;
const CLIENTS = 16;
const SEED = 20261201;

interface Case {
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
  /** The expected JSON for 200, or the expected error message. */
  readonly expected: unknown;
}

const budget = fc.double({ min: 0.05, max: 20, noNaN: true });
const boundRequest = fc
  .record({
    model: fc.constantFrom('head', 'scalar', 'multihead', 'transformer'),
    contextLength: fc.integer({ min: 1, max: 2 ** 20 }),
    width: fc.integer({ min: 1, max: 512 }),
    sampleSize: fc.integer({ min: 1, max: 1e12 }),
    inputNorm: budget,
    normBounds: fc.record({ valueSpectral: budget, valueGroup21: budget, qkGroup21: budget, readout: budget }),
    identity: fc.boolean(),
    activationLipschitz: budget,
    heads: fc.integer({ min: 1, max: 3 }),
    // L = 2 in one Transformer request of ten: a 2-layer bound costs several times a 1-layer one.
    layers: fc.integer({ min: 1, max: 10 }).map((x) => (x === 10 ? 2 : 1)),
    margin: fc.double({ min: 0.01, max: 10, noNaN: true }),
    delta: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
  })
  .map(({ identity, heads, layers, ...r }) => ({
    ...r,
    ...(identity ? { valueActivation: 'identity', activationLipschitz: 1 } : {}),
    ...(r.model === 'multihead' || r.model === 'transformer' ? { heads } : {}),
    ...(r.model === 'transformer' ? { layers } : {}),
  }));

/** The library's answer for a bound-kind request: 200 and the JSON, or the refusal's status and message. */
function libraryCase(path: string, body: unknown, run: () => unknown, refusal: RegExp): Case {
  try {
    return { path, body, status: 200, expected: asJson(run()) };
  } catch (err) {
    const message = (err as Error).message;
    // A bad field is 400 with the message without its `fn: ` prefix; a calculus failure is 422 with the library's message.
    if (refusal.test(message)) return { path, body, status: 400, expected: message.replace(refusal, '') };
    return { path, body, status: 422, expected: message };
  }
}

function buildCases(): Case[] {
  const small = [
    { contextLength: 8, sparsity: 3, fn: 'parity', support: [2, 5, 7] },
    { contextLength: 12, sparsity: 2, fn: 'and', seed: 3 },
    { contextLength: 16, sparsity: 3, fn: 'majority', codes: 'compact' },
  ];
  const built = small.map((spec) => ({ spec, c: construct(spec) }));
  const fixed: Case[] = [];
  for (const { spec, c } of built) {
    const model = modelToJson(c.model);
    const meta = c.model.meta ?? {};
    fixed.push({
      path: '/v1/construct',
      body: spec,
      status: 200,
      expected: asJson({
        contextLength: spec.contextLength,
        sparsity: spec.sparsity,
        support: c.target.support,
        table: c.target.table,
        family: c.family,
        codes: meta.codes,
        width: c.model.width,
        requestedMargin: c.requestedMargin,
        norms: c.norms,
        model,
      }),
    });
    const decoded = modelFromJson(asJson(model));
    const cert = certify(decoded);
    fixed.push({
      path: '/v1/certify',
      body: { model },
      status: 200,
      expected: asJson({ ...cert, worstInput: compactBits(cert.worstInput), target: { support: c.target.support, table: c.target.table } }),
    });
    fixed.push({ path: '/v1/norms', body: { model }, status: 200, expected: asJson(measureNorms(decoded)) });
  }
  const kinds = fc.sample(fc.tuple(fc.integer({ min: 0, max: 99 }), boundRequest, fc.double({ min: 0.05, max: 2, noNaN: true }), fc.integer({ min: 0, max: fixed.length - 1 })), {
    seed: SEED,
    numRuns: REQUESTS,
  });
  return kinds.map(([k, req, gap, which]) => {
    if (k < 70) return libraryCase('/v1/bound', req, () => computeBound(req), /^computeBound: /);
    if (k < 75) {
      // 5%: inversions of the [CLS]-head classes (a Transformer's costs ~50 bound evaluations of ~1 ms: kept for the route tests).
      const { sampleSize: _m, layers: _l, ...r } = req;
      const rest = r.model === 'transformer' ? { ...r, model: 'multihead' } : r;
      return libraryCase(
        '/v1/bound/sample-size',
        { request: rest, targetGap: gap },
        () => {
          const m = requiredSampleSize(rest, gap);
          return { targetGap: gap, sampleSize: Number.isFinite(m) ? m : null };
        },
        /^requiredSampleSize: /,
      );
    }
    if (k < 85) {
      // A bad request: a negative budget or a misspelled field, refused with the library's words.
      const bad = k % 2 === 0 ? { ...req, normBounds: { ...req.normBounds, readout: -gap } } : { ...req, margni: 1 };
      return libraryCase('/v1/bound', bad, () => computeBound(bad), /^computeBound: /);
    }
    return fixed[which];
  });
}

let server: RunningServer;
let cases: Case[];

beforeAll(async () => {
  [server, cases] = await Promise.all([serveForTest({ workers: 2 }), Promise.resolve().then(buildCases)]);
});
afterAll(async () => server?.close());

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

it(`${REQUESTS} mixed requests from ${CLIENTS} concurrent clients: zero 5xx, every answer the library's`, async () => {
  // Warm both workers (the first request of each loads the calculus).
  await Promise.all(
    Array.from({ length: 4 }, () => fetch(`${server.url}/v1/bound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cases[0].body) }).then((r) => r.text())),
  );
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const mismatches: string[] = [];
  let next = 0;
  const client = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const t0 = performance.now();
      const r = await fetch(server.url + c.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.body) });
      const json = (await r.json()) as Record<string, unknown>;
      latencies.push(performance.now() - t0);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const ok = r.status === c.status && (c.status === 200 ? isDeepStrictEqual(json, c.expected) : json.message === c.expected);
      if (!ok && mismatches.length < 5)
        mismatches.push(`${c.path} ${JSON.stringify(c.body).slice(0, 200)} -> ${r.status} ${JSON.stringify(json).slice(0, 300)}; expected ${c.status} ${JSON.stringify(c.expected).slice(0, 200)}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const fmt = (x: number) => x.toFixed(1);
  console.log(
    `serve load test: ${REQUESTS} requests, ${CLIENTS} clients, ${(REQUESTS / seconds).toFixed(0)} req/s, latency p50 ${fmt(percentile(latencies, 50))} ms, p90 ${fmt(percentile(latencies, 90))} ms, p99 ${fmt(percentile(latencies, 99))} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))} (provisional: shared machine)`,
  );
  expect(mismatches).toEqual([]);
  expect(latencies.length).toBe(REQUESTS);
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  // The mix really is mixed: answers, refusals.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(REQUESTS / 2);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
});

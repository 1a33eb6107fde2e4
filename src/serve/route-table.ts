/**
 * The routes of `attn-theory serve`, named once: method, path, what it does, the CLI command whose
 * `--json` output its reply equals, and an example body. The routes module, the OpenAPI summaries and
 * the /docs page all read this table, so they cannot drift apart.
 */
import { WORKED_EXAMPLE_REQUEST } from '../bounds/worked-example.js';

/** One route of the service. */
export interface RouteInfo {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** One line: what the route computes. */
  readonly summary: string;
  /** The CLI command with the same answer, or what the reply is. */
  readonly sameAs: string;
  /** An example body (POST routes), small enough for a curl command line. */
  readonly example?: unknown;
}

/** The worked example of proofs-notes (README "Capacity bounds"): a scalar head with identity σ. */
export const EXAMPLE_BOUND_REQUEST = WORKED_EXAMPLE_REQUEST;

/** The example bound request without its sample size, and a target gap. */
export const EXAMPLE_SAMPLE_SIZE_REQUEST = {
  request: (({ sampleSize: _m, ...rest }) => rest)(EXAMPLE_BOUND_REQUEST),
  targetGap: 0.5,
} as const;

/** A small construction: parity of bits 2, 5, 7 of T = 8. */
export const EXAMPLE_CONSTRUCT_REQUEST = { contextLength: 8, sparsity: 3, fn: 'parity', support: [2, 5, 7] } as const;

/** Every route, in the order the docs list them. */
export const ROUTES: readonly RouteInfo[] = [
  {
    method: 'POST',
    url: '/v1/bound',
    summary: 'capacity bound with explicit constants for a bound request (boundRequestSchema); ?latex=true adds the LaTeX closed form',
    sameAs: 'attn-theory bound --json (computeBound)',
    example: EXAMPLE_BOUND_REQUEST,
  },
  {
    method: 'POST',
    url: '/v1/bound/sample-size',
    summary: 'least sample size m whose generalization gap is at most targetGap (alg-sample-size-inversion); sampleSize null when none up to 2^50',
    sameAs: 'attn-theory bound --target-gap G --json, field leastSampleSize (requiredSampleSize)',
    example: EXAMPLE_SAMPLE_SIZE_REQUEST,
  },
  {
    method: 'POST',
    url: '/v1/construct',
    summary: 'build a [CLS]-head model computing an s-sparse Boolean function of T bits with a certified margin; the reply carries the model file JSON',
    sameAs: 'attn-theory construct --json (summary without out) plus model',
    example: EXAMPLE_CONSTRUCT_REQUEST,
  },
  {
    method: 'POST',
    url: '/v1/certify',
    summary: 'certify y·f(b) >= margin on all 2^T inputs of a model sent in the body ({model, target?, options?, fullInput?})',
    sameAs: 'attn-theory certify MODEL --json',
  },
  {
    method: 'POST',
    url: '/v1/norms',
    summary: 'every norm the bounds use, measured on a model sent in the body ({model})',
    sameAs: 'attn-theory norms MODEL --json (measureNorms)',
  },
  { method: 'GET', url: '/healthz', summary: 'liveness: {status: "ok", version}', sameAs: '-' },
  { method: 'GET', url: '/openapi.json', summary: 'the OpenAPI 3 document of these routes', sameAs: '-' },
  { method: 'GET', url: '/docs', summary: 'this page', sameAs: '-' },
];

/** The entry of ROUTES for a path. @throws Error when the table has no such route (a programming error). */
export function routeInfo(url: string): RouteInfo {
  const r = ROUTES.find((x) => x.url === url);
  if (!r) throw new Error(`routeInfo: url must be a route of ROUTES (got ${JSON.stringify(url)})`);
  return r;
}

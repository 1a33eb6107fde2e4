/**
 * def-request-schemas (proofs-notes/def-request-schemas.md): every public request is parsed once by one
 * strict zod schema. Attacked on random valid requests: a non-finite number at any numeric field, an
 * unknown field at any level and an unknown enum value are each rejected with a one-line message that
 * names the field (and the value); the valid request itself is accepted unchanged. The checker rejects
 * a non-strict mutant schema (unknown fields silently dropped, the bug the schemas fix).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { z } from 'zod';
import { REQUEST_SCHEMAS_ID, boundRequestSchema, normBoundsSchema } from '../src/bounds/request-schema.js';
import { computeBound } from '../src/bounds/api.js';
import { construct, certify } from '../src/constructions/api.js';
import { constructSpecSchema } from '../src/constructions/spec-schema.js';
import { certifyOptionsSchema } from '../src/constructions/certify-options-schema.js';
import { parseOrThrow } from '../src/core/zod-issue.js';

const pos = fc.double({ min: 0.01, max: 10, noNaN: true });
const arbRequest = fc.record({
  model: fc.constantFrom('head' as const, 'scalar' as const, 'multihead' as const, 'transformer' as const),
  contextLength: fc.integer({ min: 1, max: 4096 }),
  width: fc.integer({ min: 1, max: 64 }),
  sampleSize: fc.integer({ min: 1, max: 1e9 }),
  inputNorm: pos,
  normBounds: fc.record({ valueSpectral: pos, valueGroup21: pos, qkGroup21: pos, readout: pos }),
  activationLipschitz: pos,
  margin: pos,
  delta: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
});
type Req = Record<string, unknown> & { normBounds: Record<string, unknown> };
const NUMERIC_PATHS = [
  'contextLength',
  'width',
  'sampleSize',
  'inputNorm',
  'normBounds.valueSpectral',
  'normBounds.valueGroup21',
  'normBounds.qkGroup21',
  'normBounds.readout',
  'activationLipschitz',
  'margin',
  'delta',
];

function setPath(r: Req, path: string, v: unknown): Req {
  const copy: Req = { ...r, normBounds: { ...r.normBounds } };
  const [a, b] = path.split('.') as [string, string | undefined];
  if (b === undefined) copy[a] = v;
  else (copy[a] as Record<string, unknown>)[b] = v;
  return copy;
}

/** The checker: does `parse` reject an unknown field at `path`, naming it? */
function rejectsUnknownField(parse: (x: unknown) => unknown, r: Req, path: string): boolean {
  try {
    parse(setPath(r, path, 1));
    return false;
  } catch (e) {
    return e instanceof Error && e.message.includes(`unknown field ${path}`) && !e.message.includes('\n');
  }
}

describe(REQUEST_SCHEMAS_ID, () => {
  test.prop([arbRequest], { seed: 13001, numRuns: 100 })('a valid request parses to itself', (r) => {
    expect(boundRequestSchema.parse(r)).toEqual(r);
  });

  test.prop([arbRequest, fc.constantFrom(...NUMERIC_PATHS), fc.constantFrom(Number.NaN, Infinity, -Infinity)], { seed: 13002, numRuns: 200 })(
    'a non-finite number at any numeric field is rejected, naming the field and the value',
    (r, path, bad) => {
      expect(() => computeBound(setPath(r as Req, path, bad))).toThrow(new RegExp(`computeBound: ${path.replace('.', '\\.')} must be .*\\(got ${String(bad).replace('-', '\\-')}\\)`));
    },
  );

  test.prop([arbRequest, fc.constantFrom('normBounds.outputSpectrl', 'normBounds.qk', 'sampelSize', 'heads2', 'latex')], { seed: 13003, numRuns: 100 })(
    'an unknown field at any level is rejected, naming it; a non-strict mutant is not',
    (r, path) => {
      const parse = (x: unknown) => parseOrThrow(boundRequestSchema, x, 'computeBound', 'request');
      expect(rejectsUnknownField(parse, r as Req, path)).toBe(true);
      // Mutant: the same fields without strictness drops the unknown field and accepts the request.
      const loose = z.object({ ...boundRequestSchema.shape, normBounds: z.object(normBoundsSchema.shape) });
      expect(rejectsUnknownField((x) => parseOrThrow(loose, x, 'computeBound', 'request'), r as Req, path)).toBe(false);
    },
  );

  test.prop([arbRequest, fc.constantFrom('rnn', 'Scalar', '')], { seed: 13004, numRuns: 50 })('an unknown model kind is rejected, naming the value', (r, kind) => {
    expect(() => computeBound({ ...r, model: kind })).toThrow(`computeBound: model must be one of head|scalar|multihead|transformer (got ${JSON.stringify(kind)})`);
  });

  test('construct and certify parse once: unknown fields, bad enums and NaN are errors, never defaults', () => {
    expect(() => construct({ fn: 'parity', contextLength: 8, sparsity: 3, margn: 2 })).toThrow(/unknown field margn/);
    expect(() => construct({ fn: 'parity', contextLength: 8, sparsity: 3, margin: Number.NaN })).toThrow(/margin must be .*\(got NaN\)/);
    expect(() => construct({ fn: 'parity', contextLength: 8, sparsity: 3, codes: 'dense' })).toThrow(/codes must be one of/);
    const c = construct({ fn: 'parity', contextLength: 8, sparsity: 3 });
    expect(() => certify(c.model, undefined, { method: 'bogus' })).toThrow(/method must be one of exact-position-keys\|interval \(got "bogus"\)/);
    expect(() => certify(c.model, undefined, { requestedMargn: 1 })).toThrow(/unknown field requestedMargn/);
    // The library calls are the schemas at the door: the same inputs, parsed directly, fail the same way.
    expect(constructSpecSchema.safeParse({ fn: 'parity', contextLength: 8, sparsity: 3, margn: 2 }).success).toBe(false);
    expect(certifyOptionsSchema.safeParse({ method: 'bogus' }).success).toBe(false);
    expect(certifyOptionsSchema.parse({ method: 'interval' })).toEqual({ method: 'interval' });
  });
});

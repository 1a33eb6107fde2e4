/**
 * construct and certify at their boundary: strict schemas (unknown fields and enum values named,
 * NaN/±Infinity rejected, cross-field rules), and certify's method option (an unknown method is an
 * error, never the interval method; exact-position-keys on a model it does not apply to is refused).
 */
import { describe, expect, test } from 'vitest';
import { construct, certify } from '../../src/constructions/api.js';
import { constructSpecSchema } from '../../src/constructions/spec-schema.js';
import { flipReadoutSign } from '../../src/constructions/mutations.js';

const base = { fn: 'parity', contextLength: 8, sparsity: 2, support: [3, 7] } as const;

describe('constructSpecSchema at construct', () => {
  test.each([
    [{ ...base, famly: 'general' }, 'construct: unknown field famly (did you mean family?)'],
    [{ ...base, codes: 'dense' }, 'construct: codes must be one of onehot|compact (got "dense")'],
    [{ ...base, family: 'clever' }, 'construct: family must be one of symmetric|general (got "clever")'],
    [{ ...base, margin: NaN }, 'construct: margin must be a finite number > 0 (got NaN)'],
    [{ ...base, margin: Infinity }, 'construct: margin must be a finite number > 0 (got Infinity)'],
    [{ ...base, contextLength: 8.5 }, 'construct: contextLength must be an integer >= 1 (got 8.5)'],
    [{ ...base, sparsity: 9, support: undefined }, 'construct: sparsity must be at most T = 8 (got 9)'],
    [{ ...base, support: [3, 9] }, 'construct: support must be positions in 1..8 (got [3,9])'],
    [{ ...base, support: [3, 3] }, 'construct: support must be free of duplicates (got [3,3])'],
    [{ ...base, support: [0, 3] }, 'construct: support[0] must be an integer >= 1 (got 0)'],
    [{ ...base, fn: 'xor' }, 'construct: fn must be one of parity|and|or|majority|threshold:K|table:BITS (got "xor")'],
    [{ ...base, fn: 'table:0100', family: 'symmetric' }, 'construct: family must be \'general\' for a function that is not symmetric (got "symmetric")'],
    [{ ...base, contextLength: 5000, support: undefined, codes: 'onehot' }, /^construct: codes must be compact when T > 4096/],
    [{ ...base, seed: -1 }, 'construct: seed must be an integer in 0..4294967295 (got -1)'],
  ])('rejects %j', (input, message) => {
    expect(() => construct(input)).toThrow(message);
  });

  test('every missing field at once', () => {
    expect(() => construct({ fn: 'and' })).toThrow(/^construct: contextLength, sparsity must be given$/);
  });

  test('a parsed spec is the spec (no defaults filled: the builder owns them)', () => {
    expect(constructSpecSchema.parse(base)).toEqual(base);
    const c = construct(base);
    expect(c.target.support).toEqual([3, 7]);
    expect(c.requestedMargin).toBe(1);
  });
});

describe('certifyOptionsSchema at certify', () => {
  const c = construct(base);
  test('an unknown method or option is an error, never the default method', () => {
    expect(() => certify(c.model, c.target, { method: 'bogus' })).toThrow('certify: method must be one of exact-position-keys|interval (got "bogus")');
    expect(() => certify(c.model, c.target, { requestedMargn: 1 })).toThrow('certify: unknown field requestedMargn (did you mean requestedMargin?)');
    expect(() => certify(c.model, c.target, { requestedMargin: -Infinity })).toThrow('certify: requestedMargin must be a finite number > 0 (got -Infinity)');
  });

  test('both methods by name; they agree on the certified verdict for a constructed head and its mutant', () => {
    const exact = certify(c.model, c.target, { method: 'exact-position-keys' });
    const interval = certify(c.model, c.target, { method: 'interval' });
    expect(exact.method).toBe('exact-position-keys');
    expect(interval.method).toBe('interval');
    expect(exact.certified).toBe(true);
    expect(interval.minMargin).toBeLessThanOrEqual(exact.minMargin + 1e-9);
    const broken = flipReadoutSign(c.model);
    expect(certify(broken, c.target, { method: 'exact-position-keys' }).certified).toBe(false);
    expect(certify(broken, c.target, { method: 'interval' }).certified).toBe(false);
  });

  test('exact-position-keys is refused where it does not apply', () => {
    const h0 = c.model.clsHeads[0];
    const other = { ...h0, wQK: { ...h0.wQK, data: h0.wQK.data.map((x) => 2 * x) } };
    const two = { ...c.model, clsHeads: [h0, other] };
    expect(() => certify(two, c.target, { method: 'exact-position-keys' })).toThrow(/^certify: method must be interval for this model \(\[CLS\] heads 1 and 2 have different W_QK/);
    const layered = { ...c.model, layers: [{ heads: [], residual: true, projectionRadius: null }] };
    expect(() => certify(layered, c.target, { method: 'exact-position-keys' })).toThrow(/the model has 1 self-attention layers/);
    const { target: _t, ...bare } = c.model;
    expect(() => certify(bare)).toThrow(/^certify: target must be given \(the model stores none\)$/);
  });
});

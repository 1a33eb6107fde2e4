/**
 * The cross-field rule of src/bounds/request-schema.ts (def-request-schemas): an identity σ has L_σ = 1.
 * Both schemas that share it (bound request, sample-size request) refuse identity with L_σ ≠ 1, naming
 * activationLipschitz, and accept identity with L_σ = 1 and a non-identity σ with any L_σ (targets the rule's
 * condition and its issue; the request-schema test file that checks the message runs outside the mutation suite).
 */
import { describe, expect, test } from 'vitest';
import { boundRequestSchema, sampleSizeRequestSchema } from '../../../src/bounds/request-schema.js';
import { WORKED } from '../fixtures.js';

describe('identity σ needs L_σ = 1', () => {
  const { sampleSize: _m, ...classOnly } = WORKED;
  test.each([
    ['bound request', boundRequestSchema, WORKED],
    ['sample-size request', sampleSizeRequestSchema, classOnly],
  ] as const)('%s', (_name, schema, base) => {
    const bad = schema.safeParse({ ...base, valueActivation: 'identity', activationLipschitz: 2 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['activationLipschitz', '1 when valueActivation is identity']]);
    expect(schema.safeParse({ ...base, valueActivation: 'identity', activationLipschitz: 1 }).success).toBe(true);
    expect(schema.safeParse({ ...base, valueActivation: 'lipschitz', activationLipschitz: 2 }).success).toBe(true);
    expect(schema.safeParse({ ...base, valueActivation: 'lipschitz', activationLipschitz: 1 }).success).toBe(true);
  });
});

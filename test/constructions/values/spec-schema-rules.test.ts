/**
 * spec-schema.ts cross-field rules at their boundaries, through constructSpecSchema.safeParse (issue path
 * and message) and constructSpecRules directly: s = T and a support containing T are accepted; a support of
 * the wrong size is one 'support' issue; one-hot codes at T = 4096 are accepted and at T = 4097 refused;
 * without `codes`, T = 5000 defaults to compact (no issue); 'symmetric' is checked only when the table
 * exists and only for family 'symmetric' (a symmetric table passes, 'general' with any table passes, a bad
 * fn gives the fn issue alone); an error that is not the toolkit's own propagates.
 */
import { describe, expect, test } from 'vitest';
import { constructSpecRules, constructSpecSchema } from '../../../src/constructions/spec-schema.js';

function issues(input: unknown): { path: string; message: string }[] {
  const r = constructSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('accepted at the boundary', () => {
  test.each([
    [{ fn: 'parity', contextLength: 3, sparsity: 3 }],
    [{ fn: 'parity', contextLength: 6, sparsity: 2, support: [6, 1] }],
    [{ fn: 'and', contextLength: 4096, sparsity: 1, codes: 'onehot' }],
    [{ fn: 'and', contextLength: 5000, sparsity: 1 }],
    [{ fn: 'majority', contextLength: 5, sparsity: 3, family: 'symmetric' }],
    [{ fn: 'table:0010', contextLength: 5, sparsity: 2, family: 'general' }],
    [{ fn: 'parity', contextLength: 5, sparsity: 2, family: 'general' }],
  ])('%j', (input) => {
    expect(issues(input)).toEqual([]);
  });
});

describe('refused, with the issue on the right field', () => {
  test('a support of the wrong size', () => {
    expect(issues({ fn: 'parity', contextLength: 6, sparsity: 3, support: [1, 2] })).toEqual([{ path: 'support', message: 'a list of s = 3 positions' }]);
  });
  test('one-hot codes at T = 4097', () => {
    const got = issues({ fn: 'and', contextLength: 4097, sparsity: 1, codes: 'onehot' });
    expect(got.length).toBe(1);
    expect(got[0].path).toBe('codes');
    expect(got[0].message).toMatch(/^compact when T > 4096/);
  });
  test("a bad fn with family 'symmetric': the fn issue only", () => {
    const got = issues({ fn: 'xor', contextLength: 5, sparsity: 2, family: 'symmetric' });
    expect(got.map((i) => i.path)).toEqual(['fn']);
  });
  test("a non-symmetric table with family 'symmetric'", () => {
    expect(issues({ fn: 'table:0010', contextLength: 5, sparsity: 2, family: 'symmetric' })).toEqual([{ path: 'family', message: "'general' for a function that is not symmetric" }]);
  });
});

describe('constructSpecRules: how a thrown error becomes an issue', () => {
  test("a DomainError without a '(got …)' part still gives an issue, with the fallback condition 'valid'", () => {
    // sparsity absent (a caller outside zod): truthTable's error reads 'makeTarget: sparsity must be …' with no value.
    const got: { path: unknown; message: string }[] = [];
    const ctx = { addIssue: (i: { path: unknown; message: string }) => got.push(i) } as never;
    constructSpecRules({ fn: 'parity', contextLength: 4, sparsity: undefined as never }, ctx);
    expect(got.map((i) => [i.path, i.message])).toEqual([[['fn'], 'valid']]);
  });
  test('a TypeError from a non-string fn propagates (it is not turned into an issue)', () => {
    const ctx = { addIssue: () => {} } as never;
    expect(() => constructSpecRules({ fn: 42 as never, contextLength: 4, sparsity: 2 }, ctx)).toThrow(TypeError);
  });
});

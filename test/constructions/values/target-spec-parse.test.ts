/**
 * target-spec.ts (def-sparse-boolean-targets, SPEC := FN '@' POSITIONS): parsed targets against the
 * definition (support in the given order, table = truthTable), blanks around positions allowed, and each
 * malformed SPEC refused with parseTargetSpec's own message (not a later, different failure): not a
 * string, no '@', nothing before '@', nothing after '@', a non-integer position.
 */
import { describe, expect, test } from 'vitest';
import { parseTargetSpec } from '../../../src/constructions/target-spec.js';
import { truthTable } from '../../../src/constructions/targets.js';

describe('parseTargetSpec', () => {
  test('FN@positions, order kept, blanks around positions allowed', () => {
    const t = parseTargetSpec('table:0010@ 5, 2', 6);
    expect(t.support).toEqual([5, 2]);
    expect(t.table).toBe('0010');
    expect(parseTargetSpec('threshold:2@1,3,4', 4).table).toBe(truthTable('threshold:2', 3));
  });
  test.each([
    ['parity', /parseTargetSpec: spec must be of the form FN@i,j,\.\.\./],
    ['@1,2', /parseTargetSpec: spec must be of the form FN@i,j,\.\.\./],
    ['parity@', /parseTargetSpec: spec must be of the form FN@i,j,\.\.\./],
    ['parity@1,x', /parseTargetSpec: spec must be FN@ followed by comma-separated positive integers/],
    ['parity@1,,2', /parseTargetSpec: spec must be FN@ followed by comma-separated positive integers/],
    ['parity@-1', /parseTargetSpec: spec must be FN@ followed by comma-separated positive integers/],
  ])('%s is refused', (spec, message) => {
    expect(() => parseTargetSpec(spec, 5)).toThrow(message);
  });
  test('a spec that is not a string', () => {
    expect(() => parseTargetSpec(17 as never, 5)).toThrow(/parseTargetSpec: spec must be a string FN@i,j,\.\.\. \(got 17\)/);
  });
});

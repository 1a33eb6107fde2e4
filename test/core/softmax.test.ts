/** Worked examples for src/core/softmax.ts (lem-softmax-stability). */
import { expect, test } from 'vitest';
import { softmax, logSumExp } from '../../src/core/softmax.js';

test('softmax([0, log 3]) = [1/4, 3/4]', () => {
  const p = softmax([0, Math.log(3)]);
  expect(p[0]).toBeCloseTo(0.25, 15);
  expect(p[1]).toBeCloseTo(0.75, 15);
});

test('huge scores: softmax([1e6, 0, -1e6]) = [1, 0, 0] and softmax([1e300, 1e300]) = [1/2, 1/2]', () => {
  expect(Array.from(softmax([1e6, 0, -1e6]))).toEqual([1, 0, 0]);
  expect(Array.from(softmax([1e300, 1e300]))).toEqual([0.5, 0.5]);
  expect(Array.from(softmax([1.7e308, -1.7e308]))).toEqual([1, 0]);
});

test('log-sum-exp: lse([1000, 1000]) = 1000 + log 2; lse([x]) = x', () => {
  expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
  expect(logSumExp([-1e300])).toBe(-1e300);
});

test('empty input is a domain error naming the function', () => {
  expect(() => softmax([])).toThrow('softmax: u must be non-empty (got "[]")');
  expect(() => logSumExp([])).toThrow('logSumExp: u must be non-empty (got "[]")');
});

test('the input is not mutated', () => {
  const u = Float64Array.from([3, 1, 2]);
  softmax(u);
  expect(Array.from(u)).toEqual([3, 1, 2]);
});

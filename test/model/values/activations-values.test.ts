/**
 * The activations σ of def-reference-model, entrywise and on one number, against the doc's definitions
 * written out here: identity(x) = x, relu(x) = x if x > 0 else 0 (a comparison: relu(−0) = −0 in place,
 * relu(NaN) = 0 on one number), tanh = Math.tanh. Targets the survivors of activations.ts: a case body
 * emptied (it would fall through into the next activation), the relu comparison flipped or made
 * non-strict (−0 tells `<` from `<=` and `>` from `>=`), and the loops' bounds (every entry is changed).
 */
import { describe, expect, test } from 'vitest';
import { activate, applyActivationInPlace } from '../../../src/model/activations.js';

const INPUTS = [-2.5, -1, -0, 0, 0.5, 3];
const naive = {
  identity: (x: number) => x,
  // biome-ignore lint/complexity/useMathMinMax: the doc's relu is this comparison (Math.max(-0, 0) and NaN differ).
  relu: (x: number) => (x > 0 ? x : 0),
  tanh: (x: number) => Math.tanh(x),
} as const;

describe('applyActivationInPlace: σ entrywise, every entry', () => {
  for (const act of ['identity', 'relu', 'tanh'] as const) {
    test(act, () => {
      const v = Float64Array.from(INPUTS);
      applyActivationInPlace(act, v);
      for (let i = 0; i < INPUTS.length; i++) {
        // in place, relu only overwrites negative entries: −0 stays −0 (−0 < 0 is false).
        // biome-ignore lint/complexity/useMathMinMax: the in-place relu is this comparison (keeps -0).
        const want = act === 'relu' ? (INPUTS[i] < 0 ? 0 : INPUTS[i]) : naive[act](INPUTS[i]);
        expect(Object.is(v[i], want), `${act}(${INPUTS[i]}) = ${v[i]}, want ${want}`).toBe(true);
      }
    });
  }
  test('identity keeps negatives (no fall-through into relu); relu is not tanh; tanh changes 3', () => {
    const v = Float64Array.of(-1, 3);
    applyActivationInPlace('identity', v);
    expect([...v]).toEqual([-1, 3]);
    applyActivationInPlace('relu', v);
    expect([...v]).toEqual([0, 3]);
    applyActivationInPlace('tanh', v);
    expect([...v]).toEqual([0, Math.tanh(3)]);
  });
});

describe('activate: σ on one number', () => {
  for (const act of ['identity', 'relu', 'tanh'] as const) {
    test(act, () => {
      for (const x of INPUTS) {
        const got = activate(act, x);
        expect(Object.is(got, naive[act](x)), `${act}(${x}) = ${got}`).toBe(true);
      }
    });
  }
  test('relu(−0) is +0 and relu(NaN) is 0 (the comparison, not Math.max)', () => {
    expect(Object.is(activate('relu', -0), 0)).toBe(true);
    expect(activate('relu', Number.NaN)).toBe(0);
    expect(activate('relu', 2)).toBe(2);
    expect(activate('relu', -2)).toBe(0);
  });
});

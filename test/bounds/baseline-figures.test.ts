/**
 * The baselines' figures the documents quote, computed in process: the README's worked example
 * (parameter counting 0.367 at T = 2^10 and 2^20; the naive route vacuous with ln N(F/2) from 1.2·10^7 to
 * 4.4·10^12) and the table of proofs-notes/lem-l1-maurey-baseline.md §4. A change to a baseline's
 * arithmetic moves these figures; the CLI tests check the same numbers through the binary.
 */
import { describe, expect, test } from 'vitest';
import { computeBound } from '../../src/bounds/api.js';
import { WORKED_EXAMPLE_REQUEST } from '../../src/bounds/worked-example.js';

const at = (T: number, over: Record<string, unknown> = {}) => computeBound({ ...WORKED_EXAMPLE_REQUEST, contextLength: T, ...over });
/** Relative closeness to the quoted figure's precision (digits = significant digits quoted). */
const near = (x: number, quoted: number, digits: number) => expect(Math.abs(x - quoted) / quoted).toBeLessThan(0.5 * 10 ** (1 - digits) * 1.0001);

describe('baseline figures quoted in the README and the notes', () => {
  test('parameter counting 0.367 at both T, naive route vacuous with ln N(F/2) 1.2e7 -> 4.4e12 (README)', () => {
    for (const T of [2 ** 10, 2 ** 20]) near(at(T).baselines.parameterCounting.value, 0.367, 3);
    const n10 = at(2 ** 10).baselines.naiveSoftmaxT as unknown as { value: number; logCoveringAtHalfRange: number; softmaxConstant: number };
    const n20 = at(2 ** 20).baselines.naiveSoftmaxT as unknown as { value: number; logCoveringAtHalfRange: number; softmaxConstant: number };
    near(n10.logCoveringAtHalfRange, 1.2e7, 2);
    near(n20.logCoveringAtHalfRange, 4.4e12, 2);
    expect(n10.value).toBeGreaterThan(1);
    expect(n10.softmaxConstant).toBe((2 ** 10 + 1) / 2);
    expect(at(2 ** 10).baselines.parameterCounting.parameterCount).toBe(64 * 64 + 64);
  });

  test('l1Maurey: the table of lem-l1-maurey-baseline §4 (any T)', () => {
    const l1 = (over: Record<string, unknown>) => (at(1024, over).baselines.l1Maurey as unknown as { value: number }).value;
    const cells: [Record<string, unknown>, number][] = [
      [{ width: 4 }, 0.229],
      [{ width: 8 }, 0.258],
      [{ width: 16 }, 0.283],
      [{ width: 64 }, 0.326],
      [{ width: 64, valueActivation: 'lipschitz' }, 0.852],
      [{ width: 64, model: 'multihead', heads: 4 }, 2.177],
    ];
    for (const [over, quoted] of cells) near(l1(over), quoted, 3);
    expect(l1({ width: 4, contextLength: 2 ** 20 })).toBe(l1({ width: 4 }));
  });
});

/**
 * The witness search's budget in certifyInterval (src/constructions/certify-interval.ts,
 * alg-certify-interval), written against the surviving mutants of its bounds: at most
 * ⌊MAX_WITNESS_EVAL_ENTRIES / (T·d)⌋ single-flip evaluations through the reference model, and none at all
 * (worstInputMargin NaN, the worst assignment on background 0) when T·d exceeds MAX_WITNESS_EVAL_ENTRIES.
 * Checked on models whose margins are known in closed form (counts of ones over T + 1 rows) and on a
 * model where every flip in the pass could improve the witness, so a pass that runs past its budget
 * changes the later positions. Slow by design (the budget is ~4e6 reference entries): kept apart.
 */
import { describe, expect, test } from 'vitest';
import { MAX_WITNESS_EVAL_ENTRIES, certifyInterval } from '../../../src/constructions/certify-interval.js';
import { fromData, fromRows } from '../../../src/core/matrix.js';
import type { BooleanTarget, Model } from '../../../src/model/types.js';
import { bitsOf, flipModel, marginOf } from './flip-model.js';

describe('greedy pass budget', () => {
  test('the pass stops after ⌊MAX_WITNESS_EVAL_ENTRIES / (T·d)⌋ evaluations: later positions keep the background', () => {
    // T = 2001, d = 2: budget ⌊4e6 / 4002⌋ = 999 flips, over positions 2..1000 (position 1 is the support).
    const T = 2001;
    const p = Array.from({ length: T }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (i % 5) / 4));
    const model = flipModel(p);
    const budget = Math.floor(MAX_WITNESS_EVAL_ENTRIES / (T * 2));
    expect(budget).toBe(999);
    const c = certifyInterval(model, { support: [1], table: '11' });
    const w = bitsOf(c.worstInput);
    expect(c.worstInputMargin).toBe(marginOf(model, { support: [1], table: '11' }, w));
    const tail = w.subarray(1 + budget); // positions 1001..2001
    expect(tail.every((b) => b === tail[0])).toBe(true);
    const head = w.subarray(1, 1 + budget);
    expect(head.some((b) => b !== tail[0])).toBe(true); // the pass ran and kept flips
  });
});

/**
 * W_QK = 0, W_V = e_1, x_u = b_u·e_1 (no position blocks): f = (number of ones)/(T + 1); the
 * target '1011' on support {1, 3} makes (b_1, b_3) = (0, 1) (label −1) the worst assignment.
 */
function wideModel(T: number, d: number): Model {
  const tok = new Float64Array(2 * d);
  tok[d] = 1;
  const wV = new Float64Array(d);
  wV[0] = 1;
  return {
    contextLength: T,
    width: d,
    embedding: { token: fromData(2, d, tok), position: [], cls: new Float64Array(d) },
    layers: [],
    clsHeads: [{ wQK: fromData(d, d, new Float64Array(d * d)), wV: fromData(d, 1, wV), activation: 'identity' }],
    readout: [{ weight: fromRows([[1]]), bias: null, activation: 'identity' }],
  };
}

describe('witness budget: no reference evaluation when T·d > MAX_WITNESS_EVAL_ENTRIES', () => {
  const target: BooleanTarget = { support: [1, 3], table: '1011' };
  test('T·d = 20000·201 > 4e6: no search, the witness is the worst assignment on background 0', () => {
    const c = certifyInterval(wideModel(20000, 201), target);
    expect(c.worstInputMargin).toBeNaN();
    expect(c.attained).toBe(false);
    expect(c.worstInput).toBe(`001${'0'.repeat(19997)}`);
    expect(c.certifiedLowerBound).toBeLessThan(0);
  });

  test('T·d = 20000·200 = 4e6 exactly: the search runs (both backgrounds, one flip)', () => {
    const model = wideModel(20000, 200);
    const c = certifyInterval(model, target);
    expect(Number.isFinite(c.worstInputMargin)).toBe(true);
    // all-ones background: f = 19999/20001, label −1
    expect(c.worstInputMargin).toBeCloseTo(-19999 / 20001, 12);
    expect(c.worstInput.slice(0, 3)).toBe('011');
  });
});

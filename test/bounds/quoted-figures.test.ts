/**
 * The bound figures the documents quote, computed in process so that the mutation suite sees them: the
 * waterfall table of proofs-notes/alg-bound-waterfall.md (every step, four columns, 4 decimals) and the
 * README's worked example (ln N(F/8) 5,423 → 6,545, least m for a gap of 0.5: 1.01·10⁵ and 1.44·10⁵).
 * The properties check that each bound holds; these check that it is the number we publish, so a mutant
 * that loosens a constant or a term (still a valid bound) is caught. The CLI tests check the same figures
 * through the binary.
 */
import { describe, expect, test } from 'vitest';
import { computeBound, requiredSampleSize } from '../../src/bounds/api.js';
import { boundWaterfall } from '../../src/bounds/waterfall.js';
import { WORKED_EXAMPLE_REQUEST as W } from '../../src/bounds/worked-example.js';

const STEPS = ['first chain', 'expectedRademacher', 'massartPairs', 'multisetCentres', 'slackEps', 'l2Maurey', 'coverOnlyQK', 'multiheadRademacherSum'];
// Columns of the note's table: identity σ; lipschitz σ; multihead H = 4 identity; identity σ at T = 2^20.
const TABLE: [Record<string, unknown>, string[]][] = [
  [{}, ['0.3038', '0.3029', '0.2486', '0.2239', '0.2239', '0.1931', '0.0862', '0.0862']],
  [{ valueActivation: 'lipschitz' }, ['1.0793', '1.0784', '0.9117', '0.7975', '0.7569', '0.3157', '0.3157', '0.3157']],
  [{ model: 'multihead', heads: 4 }, ['2.0370', '2.0361', '1.6822', '1.5575', '1.5575', '1.3344', '1.3344', '0.3438']],
  [{ contextLength: 2 ** 20 }, ['0.3203', '0.3194', '0.2613', '0.2401', '0.2401', '0.2088', '0.1000', '0.1000']],
];

describe('quoted bound figures', () => {
  test.each(TABLE)('alg-bound-waterfall table, column %o', (over, column) => {
    const rows = boundWaterfall({ ...W, ...over });
    expect(rows.map((r) => r.step)).toEqual(STEPS);
    expect(rows.map((r) => r.generalizationGap.toFixed(4))).toEqual(column);
    expect(rows.at(-1)?.generalizationGap).toBe(computeBound({ ...W, ...over }).generalizationGap);
  });

  test('README worked example: ln N(F/8) 5,423 -> 6,545 and the least m for a gap of 0.5, 1.01e5 -> 1.44e5', () => {
    const { sampleSize: _, ...noM } = W;
    const at10 = computeBound(W);
    const at20 = computeBound({ ...W, contextLength: 2 ** 20 });
    expect(at10.logCovering[2].eps).toBe(at10.logCovering[0].eps / 4);
    expect(Math.round(at10.logCovering[2].value)).toBe(5423);
    expect(Math.round(at20.logCovering[2].value)).toBe(6545);
    expect(requiredSampleSize(noM, 0.5).toPrecision(3)).toBe('1.01e+5');
    expect(requiredSampleSize({ ...noM, contextLength: 2 ** 20 }, 0.5).toPrecision(3)).toBe('1.44e+5');
  });
});

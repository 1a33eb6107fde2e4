/**
 * buildGeneralSparseHead and buildSymmetricSparseHead (src/constructions/general.ts, symmetric.ts), the
 * per-family entry points: each builds a head of its own family that computes its target with margin
 * ≥ γ on all 2^T inputs (exhaustive, against the Boolean target, not against weights).
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { buildGeneralSparseHead } from '../../src/constructions/general.js';
import { buildSymmetricSparseHead } from '../../src/constructions/symmetric.js';
import { MARGIN_SLACK } from '../../src/constructions/scales.js';
import { exhaustiveMinMargin, arbTable } from '../../properties/support/constructions.js';

const sizes = fc.integer({ min: 2, max: 8 }).chain((T) => fc.integer({ min: 1, max: Math.min(3, T) }).map((s) => ({ T, s })));

describe('per-family entry points', () => {
  test.prop(
    [
      sizes.chain(({ T, s }) =>
        fc.record({
          T: fc.constant(T),
          support: fc.shuffledSubarray(
            Array.from({ length: T }, (_, i) => i + 1),
            { minLength: s, maxLength: s },
          ),
          table: arbTable(s),
        }),
      ),
    ],
    { seed: 24201, numRuns: 40 },
  )('buildGeneralSparseHead: a general-family head with exhaustive margin >= γ on any table', ({ T, support, table }) => {
    const target = { support: [...support].sort((a, b) => a - b), table };
    const h = buildGeneralSparseHead(target, T, { codes: 'onehot', margin: 1 });
    expect(h.model.meta?.family).toBe('general');
    expect(exhaustiveMinMargin(h.model, target).min).toBeGreaterThanOrEqual(1 - MARGIN_SLACK);
  });

  test.prop(
    [
      sizes.chain(({ T, s }) =>
        fc.record({
          T: fc.constant(T),
          support: fc.shuffledSubarray(
            Array.from({ length: T }, (_, i) => i + 1),
            { minLength: s, maxLength: s },
          ),
          levels: fc.array(fc.constantFrom('0', '1'), { minLength: s + 1, maxLength: s + 1 }),
        }),
      ),
    ],
    { seed: 24202, numRuns: 40 },
  )('buildSymmetricSparseHead: a symmetric-family head with exhaustive margin >= γ on any symmetric table', ({ T, support, levels }) => {
    const s = support.length;
    const table = Array.from(
      { length: 2 ** s },
      (_, k) =>
        levels[
          k
            .toString(2)
            .split('')
            .filter((c) => c === '1').length
        ],
    ).join('');
    const target = { support: [...support].sort((a, b) => a - b), table };
    const h = buildSymmetricSparseHead(target, T, { codes: 'onehot', margin: 1 });
    expect(h.model.meta?.family).toBe('symmetric');
    expect(exhaustiveMinMargin(h.model, target).min).toBeGreaterThanOrEqual(1 - MARGIN_SLACK);
  });
});

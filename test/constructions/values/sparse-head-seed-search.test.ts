/**
 * buildSparseHead's code-seed search at its two edges (con-compact-position-codes: a seed is accepted when
 * λ_min(G) ≥ 1/2 and leak ≤ 1/2; AttnTheoryError after MAX_CODE_SEED_ATTEMPTS = 64 failing seeds).
 * With real codes a seed passes with probability ≥ 1/2, so 64 failures in a row and λ_min(G) = 1/2
 * exactly do not occur at the sizes a test can build; compact-codes.ts's compactQuery is therefore wrapped
 * (vi.mock) so that its Gram check reports:
 * - 'reject': λ_min(G) = 1/4 for every seed: the give-up error must name the range seed0..seed0 + 63 and
 *   exactly the seeds seed0, seed0 + 1, …, seed0 + 63 (mod 2^32) must have been tried, in order
 *   (targets the give-up branch: its condition, `>=` vs `>`, and the range in the message);
 * - 'tie': the real q with λ_min(G) reported as exactly 1/2: the threshold is inclusive, so the head is
 *   the same as without the wrapper (same seed, same W_QK) (targets `gramMin >= 1/2` → `>`).
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';

const state = vi.hoisted(() => ({ mode: 'off' as 'off' | 'reject' | 'tie', seeds: [] as number[] }));

vi.mock(import('../../../src/constructions/compact-codes.js'), async (importOriginal) => {
  const mod = await importOriginal();
  return {
    ...mod,
    compactQuery: (support: readonly number[], r: Float64Array, D: number, seed: number) => {
      state.seeds.push(seed);
      if (state.mode === 'reject') return { q: new Float64Array(0), gramMin: 0.25 };
      const real = mod.compactQuery(support, r, D, seed);
      if (state.mode === 'tie' && real.q.length > 0) return { q: real.q, gramMin: mod.GRAM_MIN_EIGENVALUE };
      return real;
    },
  };
});

import { buildSparseHead, MAX_CODE_SEED_ATTEMPTS } from '../../../src/constructions/sparse-head.js';
import { makeTarget } from '../../../src/constructions/targets.js';
import { AttnTheoryError } from '../../../src/core/errors.js';

const T = 8;
const target = makeTarget({ fn: 'table:0110', contextLength: T, sparsity: 2, support: [3, 6] });

beforeEach(() => {
  state.mode = 'off';
  state.seeds = [];
});

describe('buildSparseHead gives up after 64 seeds whose codes all fail', () => {
  for (const seed0 of [1000, 2 ** 32 - 2]) {
    test(`codeSeed ${seed0}: seeds ${seed0}..${seed0 + 63} (mod 2^32) tried in order, then AttnTheoryError`, () => {
      state.mode = 'reject';
      expect(MAX_CODE_SEED_ATTEMPTS).toBe(64);
      let err: unknown;
      try {
        buildSparseHead(target, T, { family: 'general', codes: 'compact', margin: 0.5, codeSeed: seed0 });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AttnTheoryError);
      expect((err as Error).message).toContain(`buildSparseHead: no code seed in ${seed0}..${seed0 + 63} gives λ_min(G) >= 1/2`);
      expect((err as Error).message).toContain(`(T = ${T}, s = 2)`);
      expect(state.seeds).toEqual(Array.from({ length: 64 }, (_, i) => (seed0 + i) >>> 0));
    });
  }
});

describe('λ_min(G) = 1/2 exactly is accepted (the check is λ_min(G) ≥ 1/2)', () => {
  test('same seed and same W_QK as with the unwrapped Gram check', () => {
    for (const family of ['general', 'symmetric'] as const) {
      const plain = buildSparseHead(target, T, { family, codes: 'compact', margin: 0.5, codeSeed: 17 });
      const triedPlain = state.seeds.length;
      state.mode = 'tie';
      state.seeds = [];
      const tie = buildSparseHead(target, T, { family, codes: 'compact', margin: 0.5, codeSeed: 17 });
      expect(state.seeds.length).toBe(triedPlain);
      expect(tie.model.meta?.codeSeed).toBe(plain.model.meta?.codeSeed);
      expect(Array.from(tie.model.clsHeads[0].wQK.data)).toEqual(Array.from(plain.model.clsHeads[0].wQK.data));
      state.mode = 'off';
      state.seeds = [];
    }
  });
});

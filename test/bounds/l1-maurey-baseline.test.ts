/**
 * lem-l1-maurey-baseline through the CLI: `bound --json` reports the baseline `l1Maurey` with the same gap at
 * T = 2^10 and 2^20 (it has no T), the figures quoted in the note at d = 4 and d = 64, and no entry for a
 * class with self-attention layers.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { boundArgv } from '../helpers/bound-flags.js';

// The README's worked example (test/helpers/bound-flags.ts) at T, d, the model kind and identity σ.
const flags = (T: number, d: number, model = 'scalar') => [...boundArgv({ '--model': model, '--T': String(T), '--d': String(d), '--m': '1e7', '--value-activation': 'identity' }), '--json'];

describe('l1Maurey baseline in bound --json', () => {
  test('T-free, the note figures, absent with layers', () => {
    const gap = (T: number, d: number) => {
      const r = runCli(flags(T, d));
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).baselines.l1Maurey.value as number;
    };
    const small = gap(1024, 4);
    expect(gap(2 ** 20, 4)).toBe(small);
    expect(small).toBeCloseTo(0.2286, 3);
    const d64 = gap(1024, 64);
    expect(d64).toBeCloseTo(0.3255, 3);
    expect(d64).toBeGreaterThan(small);
    const tr = runCli(flags(1024, 4, 'transformer'));
    expect(tr.code, tr.stderr).toBe(0);
    expect(JSON.parse(tr.stdout).baselines.l1Maurey).toBeUndefined();
  });
});

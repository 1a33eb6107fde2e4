/**
 * `attn-theory certify --json`: the worst input is compact (majority bit + the 1-based positions that
 * differ from it) and --full-input restores the T bits (round trip through the real binary); the
 * --method choices are the options schema's; compactBits/expandBits are inverse on fc-seeded strings.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { fc, test as propTest } from '../helpers/fc-test.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { construct } from '../../src/constructions/api.js';
import { writeModelFile } from '../../src/model/format.js';
import { compactBits, expandBits } from '../../src/cli/commands/certify.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-certify-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certify --json worst input', () => {
  propTest.prop([fc.string({ unit: fc.constantFrom('0', '1'), minLength: 1, maxLength: 300 })], { seed: 9101, numRuns: 200 })(
    'compactBits and expandBits are inverse; positions are 1-based, of the minority bit',
    (bits) => {
      const c = compactBits(bits);
      expect(expandBits(c)).toBe(bits);
      expect(c.positions.length).toBeLessThanOrEqual(bits.length / 2);
      for (const p of c.positions) expect(bits[p - 1]).toBe(c.majorityBit === 0 ? '1' : '0');
    },
  );

  test('T = 2048: compact output is much smaller than the bits, --full-input round trips; bad --method / --full-input alone exit 2', () => {
    const path = join(dir, 'and.json');
    writeModelFile(path, construct({ fn: 'and', contextLength: 2048, sparsity: 3, seed: 5, codes: 'compact' }).model);
    const compact = runCli(['certify', path, '--json']);
    expect(compact.code, compact.stderr).toBe(0);
    const full = runCli(['certify', path, '--json', '--full-input']);
    expect(full.code, full.stderr).toBe(0);
    const jc = JSON.parse(compact.stdout);
    const jf = JSON.parse(full.stdout);
    expect(jf.worstInput).toMatch(/^[01]{2048}$/);
    expect(jc.worstInput.length).toBe(2048);
    expect(expandBits(jc.worstInput)).toBe(jf.worstInput);
    expect(compact.stdout.length * 2).toBeLessThan(full.stdout.length);
    const { worstInput: _a, ...restC } = jc;
    const { worstInput: _b, ...restF } = jf;
    expect(restC).toEqual(restF);
    const bad = runCli(['certify', path, '--method', 'exact']);
    expect(isOneLineError(bad)).toBe(true);
    expect(bad.stderr.trim()).toBe('attn-theory certify: --method must be one of exact-position-keys|interval (got "exact")');
    const alone = runCli(['certify', path, '--full-input']);
    expect(isOneLineError(alone)).toBe(true);
    expect(alone.stderr.trim()).toBe('attn-theory certify: --full-input must be used with --json (got true)');
  }, 120_000);
});

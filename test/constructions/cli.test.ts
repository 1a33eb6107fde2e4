/**
 * `attn-theory construct` and `attn-theory certify` through the real binary (few spawns: each costs
 * seconds of shared CPU): the happy path (exit 0, certified on all 2^T inputs), a wrong --target
 * (exit 1), one bad input (exit 2, one line). Every other bad-input category of issue 4 is checked
 * in-process on the same flag parsers the commands use.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { parseConstructOptions, type ConstructFlags } from '../../src/cli/commands/construct.js';
import { resolveCertifyTarget, compactBits, expandBits } from '../../src/cli/commands/certify.js';
import { CliUsageError } from '../../src/cli/errors.js';
import { construct } from '../../src/constructions/api.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-construct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = join(dir, 'parity.json');

describe('construct + certify (real binary)', () => {
  test('construct writes a model that certify certifies (exit 0); --target override not certified (exit 1); bad flag exit 2', () => {
    const c = runCli(['construct', '--T', '40', '--s', '3', '--fn', 'table:01101001', '--support', '5,17,33', '--margin', '0.5', '--out', model]);
    expect(c.code, c.stderr).toBe(0);
    expect(existsSync(model)).toBe(true);
    expect(c.stdout).toMatch(/family = symmetric/);
    const r = runCli(['certify', model, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.certified).toBe(true);
    expect(j.inputsCovered).toBe('all 2^40 inputs');
    expect(j.method).toBe('exact-position-keys');
    expect(j.minMargin).toBeGreaterThanOrEqual(0.5);
    // Compact worst input: majority bit + 1-based positions differing from it; --full-input round trip.
    expect(Object.keys(j.worstInput).sort()).toEqual(['length', 'majorityBit', 'positions']);
    expect(j.worstInput.length).toBe(40);
    const full = runCli(['certify', model, '--json', '--full-input']);
    expect(full.code, full.stderr).toBe(0);
    const jf = JSON.parse(full.stdout);
    expect(jf.worstInput).toMatch(/^[01]{40}$/);
    expect(expandBits(j.worstInput)).toBe(jf.worstInput);
    expect(compactBits(jf.worstInput)).toEqual(j.worstInput);
    const w = runCli(['certify', model, '--target', 'parity@5,17,34']);
    expect(w.code).toBe(1);
    expect(w.stdout).toMatch(/^certified: false/m);
    expect(w.stdout).toMatch(/inputsCovered: all 2\^40 inputs/);
    expect(w.stdout).toMatch(/worstInput: [01]{40}/);
    const bad = runCli(['construct', '--T', '4', '--s', '5', '--fn', 'parity', '--out', join(dir, 'bad.json')]);
    expect(isOneLineError(bad), bad.stderr).toBe(true);
    expect(bad.stderr.trim()).toBe('attn-theory construct: --s must be at most T = 4 (got "5")');
  }, 180_000);
});

describe('bad input: the message names the flag (in-process, same parsers)', () => {
  const base: ConstructFlags = { T: '8', s: '2', fn: 'and', out: join(dir, 'x.json') };
  const cases: [string, Partial<ConstructFlags>, RegExp][] = [
    ['s = 0', { s: '0' }, /^--s must be an integer in 1..16 \(got "0"\)$/],
    ['s > T', { T: '4', s: '5' }, /^--s must be at most T = 4 \(got "5"\)$/],
    ['support out of range', { support: '1,9' }, /^--support must be positions in 1..8/],
    ['support with duplicates', { support: '3,3' }, /^--support must be free of duplicates/],
    ['support of the wrong size', { support: '3' }, /^--support must be a list of s = 2 positions/],
    ['table of the wrong length', { fn: 'table:011' }, /^--fn must be of length 2\^s = 4 \(got "table:011"\)$/],
    ['table not 0/1', { fn: 'table:01a1' }, /^--fn must be made of '0' and '1'/],
    ['unknown function', { fn: 'xor' }, /^--fn must be one of parity\|and\|or\|majority\|threshold:K\|table:BITS \(got "xor"\)$/],
    ['threshold out of range', { fn: 'threshold:5' }, /^--fn must be threshold:K with K an integer in 0..s\+1/],
    ['margin = 0', { margin: '0' }, /^--margin must be a finite number > 0 \(got "0"\)$/],
    ['margin < 0', { margin: '-2' }, /^--margin must be a finite number > 0/],
    ['margin NaN', { margin: 'NaN' }, /^--margin must be a finite number/],
    ['margin Infinity', { margin: 'Infinity' }, /^--margin must be a finite number/],
    ['one-hot at huge T', { T: '100000', codes: 'onehot' }, /^--codes must be compact when T > 4096/],
    ['unknown codes', { codes: 'dense' }, /^--codes must be one of onehot\|compact/],
    ['symmetric family for a non-symmetric table', { fn: 'table:0100', family: 'symmetric' }, /^--family must be 'general'/],
    ['missing --out', { out: undefined }, /^--out must be given \(a path\)$/],
    ['every missing flag at once', { T: undefined, fn: undefined, out: undefined }, /^--T, --fn, --out must be given$/],
    ['support entry not an integer', { support: '1,x' }, /^--support must be an integer >= 1 \(got "1,x"\)$/],
    ['seed out of range', { seed: '4294967296' }, /^--seed must be an integer in 0..4294967295 \(got "4294967296"\)$/],
  ];
  for (const [name, patch, re] of cases) {
    test(name, () => {
      let err: unknown;
      try {
        parseConstructOptions({ ...base, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CliUsageError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toMatch(/\n/);
    });
  }

  test('numbers accept exponent notation (--T 1e1)', () => {
    expect(parseConstructOptions({ ...base, T: '1e1', support: '9,10' }).spec).toEqual({ fn: 'and', contextLength: 10, sparsity: 2, support: [9, 10] });
  });

  test('certify --target: bad specs name --target; the stored target is the default', () => {
    const m = construct({ fn: 'parity', contextLength: 10, sparsity: 2, support: [3, 7] }).model;
    expect(resolveCertifyTarget(m, undefined).support).toEqual([3, 7]);
    expect(resolveCertifyTarget(m, 'table:0110@2,5').table).toBe('0110');
    for (const [spec, re] of [
      ['parity@3,3', /^--target must be free of duplicates/],
      ['parity@3,11', /^--target must be positions in 1..10/],
      ['parity', /^--target must be of the form FN@i,j/],
      ['table:011@1,2', /^--target must be of length 2\^s = 4/],
      ['xor@1,2', /^--target must be one of parity/],
    ] as const) {
      expect(() => resolveCertifyTarget(m, spec)).toThrow(re);
    }
    const { target: _t, ...bare } = m;
    expect(() => resolveCertifyTarget(bare, undefined)).toThrow(/^--target must be given/);
  });
});

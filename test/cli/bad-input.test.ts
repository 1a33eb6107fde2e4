/**
 * Every bad-input category of issue 2 through the real binary: one stderr line naming the file/field
 * or flag and the bad value, exit status 2, no stack trace. One test per category; further variants of
 * each (foreign format, ragged rows, short packed data, support out of range...) are checked without a
 * process spawn in test/model/format-errors.test.ts, since each spawn costs ~1 s of shared CPU.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { EXAMPLE, makeFixtures } from './fixtures.js';

const fx = makeFixtures();
afterAll(() => fx.cleanup());

/** Run, check the one-line contract, and return the line. */
function oneLine(args: string[]): string {
  const r = runCli(args);
  expect(isOneLineError(r), `stdout=${r.stdout} stderr=${r.stderr} code=${r.code}`).toBe(true);
  expect(r.stdout).toBe('');
  return r.stderr.trim();
}

const BITS = ['--bits', '00000000'];

describe('bad model files', () => {
  const cases: [string, string, RegExp, ('eval' | 'norms')?][] = [
    ['missing file', 'does-not-exist.json', /does-not-exist\.json: cannot read model file \(no such file\)/],
    ['invalid JSON', 'invalid.json', /invalid\.json: invalid JSON \(/],
    ['wrong format version', 'version2.json', /version2\.json: version must be 1 \(got 2\)/],
    ['shape mismatch W_V vs d', 'shape-wv.json', /clsHeads\[0\]\.wV must be 10xany \(got 2x1\)/],
    ['infinite entry (1e999 in JSON)', 'infinite.json', /embedding\.cls\[9\] must be a finite number \(got Infinity\)$/],
    ['NaN in a packed float64le matrix', 'nan-packed.json', /clsHeads\[0\]\.wV entry 3 \(row 3\) must be a finite number \(got NaN\)/, 'norms'],
    ['T < 1 (contextLength 0)', 'ctx0.json', /contextLength must be an integer >= 1 \(got 0\)$/],
    ['non-integer contextLength 2.5', 'ctx-fraction.json', /contextLength must be an integer >= 1 \(got 2\.5\)$/],
  ];
  for (const [name, file, re, command = 'eval'] of cases) {
    test(`${name} (${command})`, () => {
      const line = oneLine(command === 'eval' ? ['eval', fx.path(file), ...BITS] : ['norms', fx.path(file)]);
      expect(line.startsWith(`attn-theory ${command}: `)).toBe(true);
      expect(line).toMatch(re);
    });
  }
});

describe('bad flags (eval)', () => {
  test('--bits of the wrong length names the flag, T and the length', () => {
    expect(oneLine(['eval', EXAMPLE, '--bits', '0110100'])).toBe('attn-theory eval: --bits must be of length T = 8 (got "length 7")');
  });
  test('--bits with characters other than 0/1 names the value', () => {
    expect(oneLine(['eval', EXAMPLE, '--bits', '0110x001'])).toBe(`attn-theory eval: --bits must be a string of '0' and '1' (got "0110x001")`);
  });
});

describe('missing flags and arguments (issue 12): every one listed at once, never "(got undefined)"', () => {
  test('eval with nothing: the model argument and --bits in one line', () => {
    expect(oneLine(['eval'])).toBe('attn-theory eval: <model>, --bits must be given');
  });
  test('train with nothing: all four required flags in one line', () => {
    expect(oneLine(['train'])).toBe('attn-theory train: --task, --T, --s, --m must be given');
  });
  test('sample-complexity with one of three: the other two', () => {
    expect(oneLine(['sample-complexity', '--task', 'parity'])).toBe('attn-theory sample-complexity: --s, --T must be given');
  });
  test('schema flags (construct): every missing one, in flag order', () => {
    expect(oneLine(['construct', '--T', '8'])).toBe('attn-theory construct: --s, --fn, --out must be given');
  });
  test('a model file with a missing field names it without a value', () => {
    expect(oneLine(['certify', fx.path('missing-cls.json')])).toBe(`attn-theory certify: ${fx.path('missing-cls.json')}: embedding.cls is missing`);
  });
});

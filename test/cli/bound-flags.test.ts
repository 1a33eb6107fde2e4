/**
 * `attn-theory bound` flags derived from the bound request schema: one flag per schema field, help
 * and choices from the schema, exponent notation, every missing flag listed at once, misspelled flags
 * and bad enum values rejected (exit 2, one line), the README worked example via
 * --value-activation identity, and --target-gap.
 */
import { describe, expect, test } from 'vitest';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { BOUND_REQUEST_FLAGS, parseBoundFlags, runBoundFlags } from '../../src/cli/commands/bound.js';
import { boundRequestSchema, normBoundsSchema } from '../../src/bounds/request-schema.js';
import { flagHelp } from '../../src/cli/schema-flags.js';

/** The README worked example as flags (scalar head, identity σ, d = 64, budgets 1, m = 10^7 as 1e7). */
const README = [
  '--model',
  'scalar',
  '--T',
  '1024',
  '--d',
  '64',
  '--m',
  '1e7',
  '--BX',
  '1',
  '--BV',
  '1',
  '--BV21',
  '1',
  '--BQK21',
  '1',
  '--Bw',
  '1',
  '--Lsigma',
  '1',
  '--margin',
  '1',
  '--delta',
  '0.05',
  '--value-activation',
  'identity',
];

/** argv pairs → the options object commander builds. */
function toOpts(argv: string[]): Record<string, string | boolean> {
  const o: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, '').replace(/-([a-z0-9])/gi, (_m, c: string) => c.toUpperCase())] = argv[i + 1];
  return o;
}

describe('bound flags from the schema', () => {
  test('one flag per field of the request (normBounds leaves included), no flag without a field', () => {
    const leaves = [...Object.keys(boundRequestSchema.shape).filter((k) => k !== 'normBounds'), ...Object.keys(normBoundsSchema.shape).map((k) => `normBounds.${k}`)].sort();
    expect(BOUND_REQUEST_FLAGS.map((f) => f.path.join('.')).sort()).toEqual(leaves);
    expect(new Set(BOUND_REQUEST_FLAGS.map((f) => f.flag)).size).toBe(BOUND_REQUEST_FLAGS.length);
  });

  test('help and choices come from the schema', () => {
    const va = BOUND_REQUEST_FLAGS.find((f) => f.flag === '--value-activation')!;
    expect(flagHelp(boundRequestSchema, va)).toContain('(identity|lipschitz)');
    const model = BOUND_REQUEST_FLAGS.find((f) => f.flag === '--model')!;
    expect(flagHelp(boundRequestSchema, model)).toContain('(head|scalar|multihead|transformer)');
    const r = runCli(['bound', '--help']);
    expect(r.code).toBe(0);
    for (const f of ['--value-activation <identity|lipschitz>', '--value-dim', '--qk-spectral', '--output-spectral', '--output-group21', '--empirical-margin-loss', '--target-gap', '--latex'])
      expect(r.stdout).toContain(f);
  });

  test('--m 1e7 and --value-activation identity reproduce the README worked example (gap 0.086, least m for 0.5: 1.01e5)', () => {
    const parsed = parseBoundFlags(toOpts([...README, '--target-gap', '0.5']));
    expect(parsed.kind === 'request' && parsed.request.sampleSize).toBe(10_000_000);
    const r = runBoundFlags(parsed);
    expect(r.generalizationGap.toFixed(3)).toBe('0.086');
    expect(r.leastSampleSize!.sampleSize! / 1e5).toBeCloseTo(1.01, 2);
    expect(r.latex).toBeUndefined();
  });

  test('every missing flag at once, in one line, never "(got undefined)"', () => {
    expect(() => parseBoundFlags({})).toThrow(/^--model, --T, --d, --m, --BX, --BV, --BV21, --BQK21, --Bw, --Lsigma, --margin, --delta must be given$/);
    expect(() => parseBoundFlags(toOpts(README.slice(0, 8)))).toThrow(/^--BX, --BV, --BV21, --BQK21, --Bw, --Lsigma, --margin, --delta must be given$/);
  });

  test.each([
    ['--value-activation', 'relu', '--value-activation must be one of identity|lipschitz (got "relu")'],
    ['--value-dim', '0', '--value-dim must be an integer >= 1 (got "0")'],
    ['--qk-spectral', 'NaN', '--qk-spectral must be a finite number > 0 (got "NaN")'],
    ['--empirical-margin-loss', '2', '--empirical-margin-loss must be in [0, 1] (got "2")'],
    ['--target-gap', '-1', '--target-gap must be a finite number > 0 (got "-1")'],
    ['--Lsigma', '2', '--Lsigma must be 1 when valueActivation is identity (got "2")'],
  ])('bad %s %s', (flag, value, message) => {
    const argv = [...README];
    const i = argv.indexOf(flag);
    if (i >= 0) argv[i + 1] = value;
    else argv.push(flag, value);
    expect(() => parseBoundFlags(toOpts(argv))).toThrow(message);
  });

  test('through the binary: a misspelled flag, missing flags, a bad enum value: exit 2, one line; --json --latex works', () => {
    const typo = runCli(['bound', ...README, '--outputspectral', '3']);
    expect(isOneLineError(typo)).toBe(true);
    expect(typo.stderr).toMatch(/unknown option '--outputspectral'/);
    const missing = runCli(['bound', '--model', 'scalar']);
    expect(isOneLineError(missing)).toBe(true);
    expect(missing.stderr.trim()).toBe('attn-theory bound: --T, --d, --m, --BX, --BV, --BV21, --BQK21, --Bw, --Lsigma, --margin, --delta must be given');
    const ok = runCli(['bound', ...README, '--latex', '--json']);
    expect(ok.code).toBe(0);
    const j = JSON.parse(ok.stdout);
    expect(j.generalizationGap.toFixed(3)).toBe('0.086');
    expect(typeof j.latex).toBe('string');
  });
});

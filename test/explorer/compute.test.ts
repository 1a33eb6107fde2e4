/**
 * The explorer's computation (src/explorer/compute.ts) against the library and the CLI: on valid
 * texts its report equals computeBound on the request built independently from the same texts; on bad
 * texts its message is the CLI's (parseBoundFlags of `attn-theory bound`, and the real binary's stderr
 * line); the inputs are the CLI's flags exactly; the defaults are the report's section-1 setting.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../helpers/fc-test.js';
import { computeBound, requiredSampleSize } from '../../src/bounds/api.js';
import { BOUND_REQUEST_FLAGS, parseBoundFlags } from '../../src/cli/commands/bound.js';
import { optionKey } from '../../src/cli/schema-flags.js';
import { CAPACITY_SETTING } from '../../src/report/default-config.js';
import { exploreTexts, flagsOfMessage, type ExplorerTexts } from '../../src/explorer/compute.js';
import { EXPLORER_DEFAULT_TEXTS, EXPLORER_REQUEST_FLAGS } from '../../src/explorer/fields.js';
import { runCli } from '../helpers/cli.js';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(String);
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const opt = (a: fc.Arbitrary<string>) => fc.option(a, { nil: undefined });

/** Valid texts: every required field, optional ones sometimes (transformers small: each costs ~10 ms). */
const arbTexts: fc.Arbitrary<Record<string, string>> = fc
  .record({
    model: fc.constantFrom('head', 'scalar', 'multihead', 'transformer'),
    T: int(1, 2 ** 24),
    d: int(1, 512),
    m: fc.oneof(
      int(1, 1e9),
      fc.integer({ min: 1, max: 14 }).map((k) => `1e${k}`),
    ),
    BX: num(0.01, 10),
    BV: num(0.01, 10),
    BV21: num(0.01, 10),
    BQK21: num(0.01, 10),
    Bw: num(0.01, 10),
    qkSpectral: opt(num(0.01, 10)),
    outputSpectral: opt(num(0.01, 10)),
    outputGroup21: opt(num(0.01, 10)),
    heads: opt(int(1, 3)),
    layers: opt(int(1, 2)),
    valueDim: opt(int(1, 64)),
    identity: fc.boolean(),
    Lsigma: num(0.1, 4),
    margin: num(0.01, 10),
    delta: num(1e-9, 0.999),
    empiricalMarginLoss: opt(num(0, 1)),
  })
  .map(({ identity, ...t }) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(t)) if (v !== undefined) out[k] = v;
    if (identity) Object.assign(out, { valueActivation: 'identity', Lsigma: '1' });
    return out;
  });

/** The request the texts stand for, built without the flag parser (Number of each text, by field path). */
function requestOf(texts: ExplorerTexts): Record<string, unknown> {
  const req: Record<string, unknown> = { normBounds: {} };
  for (const f of BOUND_REQUEST_FLAGS) {
    const t = texts[optionKey(f.flag)];
    if (t === undefined) continue;
    const v = ['model', 'valueActivation'].includes(f.path[0]) ? t : Number(t);
    if (f.path.length === 2) (req.normBounds as Record<string, unknown>)[f.path[1]] = v;
    else req[f.path[0]] = v;
  }
  return req;
}

describe('exploreTexts', () => {
  test('its inputs are the flags of attn-theory bound, in the same order', () => {
    expect(EXPLORER_REQUEST_FLAGS).toEqual(BOUND_REQUEST_FLAGS);
  });

  test("its defaults are the report's section-1 setting (CAPACITY_SETTING) at T = 256", () => {
    const r = exploreTexts(EXPLORER_DEFAULT_TEXTS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.request).toEqual({ ...CAPACITY_SETTING, contextLength: 256 });
  });

  test.prop([arbTexts], { seed: 1313, numRuns: 40 })('on valid texts the report equals computeBound of the same request', (texts) => {
    const r = exploreTexts(texts);
    if (!r.ok) throw new Error(r.message);
    expect(r.report).toEqual(computeBound(requestOf(texts)));
    expect(r.leastSampleSize).toBeUndefined();
  });

  test('with a target gap it reports the least m of requiredSampleSize, as bound --target-gap', () => {
    const texts = { ...EXPLORER_DEFAULT_TEXTS, targetGap: '0.1' };
    const r = exploreTexts(texts);
    if (!r.ok) throw new Error(r.message);
    const { sampleSize: _m, ...rest } = requestOf(texts);
    const least = requiredSampleSize(rest, 0.1);
    expect(r.leastSampleSize).toEqual({ targetGap: 0.1, sampleSize: least });
    // The least m is tight: its gap is at most the target, one fewer is above it.
    expect(computeBound({ ...rest, sampleSize: least }).generalizationGap).toBeLessThanOrEqual(0.1);
    expect(computeBound({ ...rest, sampleSize: least - 1 }).generalizationGap).toBeGreaterThan(0.1);
    expect(exploreTexts({ ...texts, targetGap: '1e-300' })).toMatchObject({ ok: true, leastSampleSize: { targetGap: 1e-300, sampleSize: null } });
  });

  const BAD_TEXTS = ['abc', '-1', '0', '1.5', '2.5e0', 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', '1,5', ' ', 'héad'];
  const arbBad = fc.record({
    texts: arbTexts,
    key: fc.constantFrom(...BOUND_REQUEST_FLAGS.map((f) => optionKey(f.flag)), 'targetGap'),
    bad: fc.oneof(fc.constantFrom(...BAD_TEXTS), fc.string({ maxLength: 6 })),
    drop: fc.boolean(),
  });

  test.prop([arbBad], { seed: 1314, numRuns: 200 })("on bad texts the message is the CLI's, naming the flag; never a report", ({ texts, key, bad, drop }) => {
    const t: Record<string, string> = { ...texts };
    if (drop) delete t[key];
    else t[key] = bad;
    let cli: string | null = null;
    try {
      // The CLI sees a blank flag as given-but-empty only if typed; the page drops blank inputs, as an absent flag.
      const opts = Object.fromEntries(Object.entries(t).filter(([, v]) => v.trim() !== ''));
      parseBoundFlags(opts);
    } catch (err) {
      cli = (err as Error).message;
    }
    const r = exploreTexts(t);
    if (cli === null) {
      expect(r.ok).toBe(true);
      return;
    }
    expect(r).toEqual({ ok: false, message: cli, flags: flagsOfMessage(cli) });
    if (!r.ok) {
      expect(r.flags.length).toBeGreaterThan(0);
      expect(r.message).not.toMatch(/undefined/);
    }
  });

  test('the messages name the flag and the text: missing, out of range, cross-field', () => {
    const missing = exploreTexts({ ...EXPLORER_DEFAULT_TEXTS, T: '', d: '' });
    expect(missing).toEqual({ ok: false, message: '--T, --d must be given', flags: ['--T', '--d'] });
    expect(exploreTexts({ ...EXPLORER_DEFAULT_TEXTS, delta: '1.5' })).toEqual({ ok: false, message: '--delta must be in (0, 1) (got "1.5")', flags: ['--delta'] });
    expect(exploreTexts({ ...EXPLORER_DEFAULT_TEXTS, valueActivation: 'identity', Lsigma: '2' })).toMatchObject({ ok: false, flags: ['--Lsigma'] });
    expect(exploreTexts({ ...EXPLORER_DEFAULT_TEXTS, targetGap: '0' })).toMatchObject({ ok: false, flags: ['--target-gap'] });
  });

  test("the real binary prints the same line after its 'attn-theory bound: ' prefix", () => {
    const texts = { ...EXPLORER_DEFAULT_TEXTS, delta: '1.5' };
    const r = exploreTexts(texts);
    const argv = ['bound', ...Object.entries(texts).flatMap(([k, v]) => [BOUND_REQUEST_FLAGS.find((f) => optionKey(f.flag) === k)!.flag, v])];
    const run = runCli(argv);
    expect(run.code).toBe(2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(run.stderr).toBe(`attn-theory bound: ${r.message}\n`);
  });

  test('flagsOfMessage reads the flags a message starts with, and nothing from other messages', () => {
    expect(flagsOfMessage('--T, --d, --m must be given')).toEqual(['--T', '--d', '--m']);
    expect(flagsOfMessage('--value-activation must be one of identity|lipschitz (got "x")')).toEqual(['--value-activation']);
    expect(flagsOfMessage('computeBound: generalizationGap is NaN')).toEqual([]);
  });
});

describe('exploreTexts on a valid request whose numbers overflow inside the chain', () => {
  test("shows the library's message, the line the CLI prints, instead of throwing", () => {
    const texts = { ...EXPLORER_DEFAULT_TEXTS, BQK21: '1e300', BV21: '1e300' };
    const r = exploreTexts(texts);
    expect(r.ok).toBe(false);
    const argv = ['bound', ...Object.entries(texts).flatMap(([k, v]) => [BOUND_REQUEST_FLAGS.find((f) => optionKey(f.flag) === k)!.flag, v])];
    const run = runCli(argv);
    expect(run.code).toBe(2);
    if (!r.ok) {
      expect(r.message).toMatch(/must be/);
      expect(run.stderr).toBe(`attn-theory bound: ${r.message}\n`);
    }
  });
});

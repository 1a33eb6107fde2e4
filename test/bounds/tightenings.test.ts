/**
 * The tightenings of issue 11 item 3 at the README example (scalar head, d = 64, budgets 1, B_X = 1,
 * m = 10^7, γ = 1, δ = 0.05), through the CLI with --json as the targets ask: identity σ ≤ 0.15 at
 * T = 2^10 with the log-T law kept at 2^20, a 1-Lipschitz σ ≤ 0.35, H = 4 identity heads ≤ 0.45; the first
 * chain (--disable-tightenings all) still gives the old figures; --waterfall; bad names rejected.
 */
import { describe, expect, test } from 'vitest';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { boundArgv } from '../helpers/bound-flags.js';
import { computeBound } from '../../src/bounds/api.js';
import { boundWaterfall } from '../../src/bounds/waterfall.js';
import { resolveTightenings, TIGHTENINGS, NO_TIGHTENINGS, ALL_TIGHTENINGS } from '../../src/bounds/tightenings.js';
import { logMultisetCount } from '../../src/bounds/linear-cover.js';
import { WORKED } from './fixtures.js';

// The README's worked example's flags (test/helpers/bound-flags.ts), with m written as the README prints it.
const FLAGS = boundArgv({ '--m': '1e7' }).slice(1);

interface Json {
  generalizationGap: number;
  rademacher: number;
  logCovering: { eps: number; value: number }[];
  trace: { id: string }[];
  waterfall?: { step: string; generalizationGap: number }[];
}

function run(extra: string[]): Json {
  const r = runCli(['bound', ...FLAGS, ...extra, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

const withT = (T: number) => FLAGS.map((a, i) => (FLAGS[i - 1] === '--T' ? String(T) : a));

describe('tightenings at the README example, through the CLI', () => {
  test('targets: identity ≤ 0.15 (log-T law kept at 2^20), lipschitz ≤ 0.35, multihead H = 4 identity ≤ 0.45', () => {
    const id10 = run(['--value-activation', 'identity']);
    expect(id10.generalizationGap).toBeLessThanOrEqual(0.15);
    expect(id10.trace.some((t) => t.id === 'thm-qk-only-chaining')).toBe(true);
    const r20 = runCli(['bound', ...withT(2 ** 20), '--value-activation', 'identity', '--json']);
    const id20 = JSON.parse(r20.stdout) as Json;
    expect(id20.generalizationGap).toBeLessThanOrEqual(0.15);
    // log-T law: T³-fold more positions, the gap grows by less than the ratio of ln(2m(T+1)+1).
    const logRatio = Math.log(2e7 * (2 ** 20 + 1) + 1) / Math.log(2e7 * 1025 + 1);
    expect(id20.generalizationGap / id10.generalizationGap).toBeLessThan(logRatio);
    expect(id20.generalizationGap).toBeGreaterThan(id10.generalizationGap);
    const lip = run(['--value-activation', 'lipschitz']);
    expect(lip.generalizationGap).toBeLessThanOrEqual(0.35);
    const mh4 = JSON.parse(runCli(['bound', ...FLAGS.map((a) => (a === 'scalar' ? 'multihead' : a)), '--heads', '4', '--value-activation', 'identity', '--json']).stdout) as Json;
    expect(mh4.generalizationGap).toBeLessThanOrEqual(0.45);
  });

  test('--disable-tightenings all is the first chain (0.304, 1.079); --waterfall; a bad name is one line, exit 2', () => {
    expect(run(['--value-activation', 'identity', '--disable-tightenings', 'all']).generalizationGap.toFixed(3)).toBe('0.304');
    expect(run(['--disable-tightenings', 'all']).generalizationGap.toFixed(3)).toBe('1.079');
    const w = run(['--value-activation', 'identity', '--waterfall']);
    expect(w.waterfall!.map((r) => r.step)).toEqual(['first chain', ...TIGHTENINGS]);
    expect(w.waterfall![0].generalizationGap.toFixed(3)).toBe('0.304');
    expect(w.waterfall![w.waterfall!.length - 1].generalizationGap).toBe(w.generalizationGap);
    const bad = runCli(['bound', ...FLAGS, '--disable-tightenings', 'l2Maury']);
    expect(isOneLineError(bad)).toBe(true);
    expect(bad.stderr).toMatch(/--disable-tightenings must be one of .*l2Maurey/);
  });
});

describe('tightenings in the library', () => {
  test('resolveTightenings and the request field', () => {
    expect(resolveTightenings(undefined)).toEqual(ALL_TIGHTENINGS);
    expect(resolveTightenings(['all'])).toEqual(NO_TIGHTENINGS);
    expect(resolveTightenings(['l2Maurey']).l2Maurey).toBe(false);
    expect(resolveTightenings(['l2Maurey']).massartPairs).toBe(true);
    expect(() => computeBound({ ...WORKED, disabledTightenings: ['nope'] })).toThrow(/computeBound: disabledTightenings/);
    expect(() => computeBound({ ...WORKED, disabledTightenings: 'all' })).toThrow(/computeBound: disabledTightenings/);
  });

  test('each step alone off never lowers the default; the waterfall of every kind ends at the default', () => {
    for (const model of ['scalar', 'multihead', 'transformer'] as const) {
      const req = { ...WORKED, model, heads: 2, layers: 1, sampleSize: 1e6, valueActivation: undefined };
      const def = computeBound(req).generalizationGap;
      for (const t of TIGHTENINGS) expect(computeBound({ ...req, disabledTightenings: [t] }).generalizationGap).toBeGreaterThanOrEqual(def);
      const rows = boundWaterfall(req);
      expect(rows[rows.length - 1].generalizationGap).toBe(def);
    }
  });

  test('logMultisetCount: small exact cases', () => {
    expect(logMultisetCount(2, 0)).toBe(0);
    expect(Math.exp(logMultisetCount(2, 3))).toBeCloseTo(10, 9); // C(5, 3)
    expect(Math.exp(logMultisetCount(4, 2))).toBeCloseTo(15, 9); // C(6, 2)
  });
});

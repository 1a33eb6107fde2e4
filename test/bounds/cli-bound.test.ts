/**
 * `attn-theory bound`, run as a user would (test/helpers/cli.ts): --json keys, the readable table,
 * --weights with a model file, and the one-line error contract for bad or missing flags.
 */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { writeModelFile } from '../../src/model/format.js';
import { fromData } from '../../src/core/matrix.js';
import type { Model } from '../../src/model/types.js';
import { parseBoundFlags, renderBoundReport } from '../../src/cli/commands/bound.js';
import { computeBound, type BoundRequest } from '../../src/bounds/api.js';

/** argv pairs → the options object commander builds (keys without dashes). */
function toOpts(argv: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, '')] = argv[i + 1];
  return o;
}

const FLAGS = [
  '--model',
  'scalar',
  '--T',
  '1024',
  '--d',
  '16',
  '--m',
  '100000',
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
  '0.5',
  '--delta',
  '0.05',
];

function withFlag(flag: string, value: string | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < FLAGS.length; i += 2) {
    if (FLAGS[i] === flag) {
      if (value !== null) out.push(flag, value);
    } else out.push(FLAGS[i], FLAGS[i + 1]);
  }
  return out;
}

describe('attn-theory bound', () => {
  test('analytic flags: the report has the contract keys; the table mentions the baselines (in-process)', () => {
    const parsed = parseBoundFlags(toOpts(FLAGS));
    expect(parsed.kind).toBe('request');
    const j = JSON.parse(JSON.stringify(computeBound((parsed as { request: BoundRequest }).request)));
    for (const k of ['generalizationGap', 'rademacher', 'logCovering', 'vacuous', 'trace', 'baselines']) expect(j).toHaveProperty(k);
    expect(j.logCovering[0]).toHaveProperty('eps');
    expect(j.logCovering[0]).toHaveProperty('value');
    expect(Object.keys(j.baselines)).toEqual(['parameterCounting', 'naiveSoftmaxT', 'l1Maurey']);
    // The readable table (rendered in-process: one spawn costs seconds on a loaded machine).
    const parsedT = parseBoundFlags(toOpts([...withFlag('--model', 'transformer'), '--layers', '2', '--heads', '2']));
    const text = renderBoundReport(computeBound((parsedT as { request: BoundRequest }).request));
    expect(text).toMatch(/generalization gap/);
    expect(text).toMatch(/naiveSoftmaxT/);
    expect(text).toMatch(/thm-transformer-covering/);
  });

  test('--weights --json through the real binary: contract keys, norms measured from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bound-cli-'));
    try {
      const d = 4;
      const eye = fromData(
        d,
        d,
        Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 0.5 : 0)),
      );
      const model: Model = {
        contextLength: 8,
        width: d,
        embedding: {
          token: fromData(2, d, Float64Array.from([0, 0, 0, 0, 0.5, 0, 0, 0])),
          position: [{ kind: 'sign-hash', scale: 0.2, seed: 1, column: 0, width: d }],
          cls: Float64Array.from([0, 0.5, 0, 0]),
        },
        layers: [],
        clsHeads: [{ wQK: eye, wV: eye, activation: 'identity' }],
        readout: [{ weight: fromData(d, 1, Float64Array.from([1, 0, 0, 0])), bias: null, activation: 'identity' }],
      };
      const path = join(dir, 'm.json');
      writeModelFile(path, model);
      const r = runCli(['bound', '--weights', path, '--m', '1000', '--margin', '0.1', '--delta', '0.1', '--json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      for (const k of ['generalizationGap', 'rademacher', 'logCovering', 'vacuous', 'trace', 'baselines']) expect(j).toHaveProperty(k);
      expect(j.trace.some((t: { id: string }) => t.id === 'thm-head-covering')).toBe(true);
      expect(() => parseBoundFlags(toOpts(['--weights', path, '--m', '1000', '--margin', '0.1', '--delta', '0.1', '--T', '8']))).toThrow(/--T must be absent when --weights is given/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['--delta', '1.5', '--delta must be in (0, 1) (got "1.5")'],
    ['--BV', '-1', '--BV must be a finite number > 0 (got "-1")'],
    ['--BQK21', 'NaN', '--BQK21 must be a finite number > 0 (got "NaN")'],
    ['--BQK21', 'Infinity', '--BQK21 must be a finite number > 0 (got "Infinity")'],
    ['--BQK21', '1e999', '--BQK21 must be a finite number > 0 (got "1e999")'],
    ['--m', '1.5e3x', '--m must be an integer >= 1 (got "1.5e3x")'],
    ['--m', '2.5', '--m must be an integer >= 1 (got "2.5")'],
    ['--m', '0', '--m must be an integer >= 1 (got "0")'],
    ['--T', '0', '--T must be an integer >= 1 (got "0")'],
    ['--model', 'rnn', '--model must be one of head|scalar|multihead|transformer (got "rnn")'],
    ['--Lsigma', null, '--Lsigma must be given (a finite number > 0)'],
  ])('bad %s %s: the flag error names the flag', (flag, value, message) => {
    expect(() => parseBoundFlags(toOpts(withFlag(flag, value)))).toThrow(message);
  });

  test('an unknown --model is reported before any missing flag', () => {
    expect(() => parseBoundFlags(toOpts(['--model', 'foo']))).toThrow('--model must be one of head|scalar|multihead|transformer (got "foo")');
  });

  test('a bad flag through the real binary: one line, exit 2, no stack', () => {
    const r = runCli(['bound', ...withFlag('--delta', '1.5')]);
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toContain('attn-theory bound: --delta must be in (0, 1) (got "1.5")');
  });
});

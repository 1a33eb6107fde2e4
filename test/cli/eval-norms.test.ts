/**
 * The CLI on the shipped example: `--help`, `eval` (checked against the reference `forward` on the same
 * bits, and against the Boolean target) and `norms` (checked against `measureNorms`).
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE } from './fixtures.js';
import { readModelFile } from '../../src/model/format.js';
import { forward } from '../../src/model/forward.js';
import { targetLabel } from '../../src/model/target.js';
import { measureNorms } from '../../src/model/norms-report.js';
import { parseBits } from '../../src/model/embed.js';

const model = readModelFile(EXAMPLE);

describe('attn-theory --help', () => {
  test('lists the commands and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['eval', 'norms', 'report']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    expect(r.stdout).toMatch(/^\s+eval <model>\s/m);
    // Each command's own help (its module loaded) gives its full usage.
    expect(runCli(['eval', '--help']).stdout).toMatch(/eval \[options\] <model>/);
    expect(runCli(['help', 'eval']).stdout).toMatch(/eval \[options\] <model>/);
  });
});

describe('attn-theory eval', () => {
  for (const bits of ['01001010']) {
    test(`--json on ${bits} equals forward() and the target's label`, () => {
      const r = runCli(['eval', EXAMPLE, '--bits', bits, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { output: number; sign: number; targetLabel: number; margin: number };
      const b = parseBits('test', 'bits', bits, 8);
      const f = forward(model, b);
      expect(out.output).toBe(f);
      expect(out.targetLabel).toBe(targetLabel(model.target!, b));
      expect(out.margin).toBe(out.targetLabel * f);
      expect(out.sign).toBe(Math.sign(f));
      expect(out.margin).toBeGreaterThan(0); // the example is correct on every input (exhaustive check in test/model)
    });
  }
  test('plain text prints f(b) at full precision and the margin', () => {
    const r = runCli(['eval', EXAMPLE, '--bits', '01000000']);
    expect(r.code).toBe(0);
    const f = forward(model, parseBits('test', 'bits', '01000000', 8));
    expect(r.stdout).toContain(`f(b) = ${f}`);
    expect(r.stdout).toMatch(/target label = 1, margin y·f\(b\) = 0\.99/);
  });
});

describe('attn-theory norms', () => {
  test('--json equals measureNorms on the same file', () => {
    const r = runCli(['norms', EXAMPLE, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(measureNorms(model))));
  });
  test('the table shows B_X and one row per weight with both group-norm conventions', () => {
    const r = runCli(['norms', EXAMPLE]);
    expect(r.code).toBe(0);
    const n = measureNorms(model);
    expect(r.stdout).toContain('B_X');
    expect(r.stdout).toContain('(2,1) cols');
    expect(r.stdout).toContain('(2,1) rows');
    expect(r.stdout).toMatch(/\[CLS\] head 1 W_QK\s+10x10/);
    expect(r.stdout).toMatch(/readout layer 2 W\s+3x1/);
    expect(n.inputRowNormBound).toBeCloseTo(Math.sqrt(2), 14); // one-hot position + bit column
  });
});

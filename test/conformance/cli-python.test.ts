/**
 * `attn-theory conformance` against the Python reference client (examples/conformance/), run as a
 * user would (the compiled CLI, the client through the shell): the client conforms, and its two broken
 * variants are caught and shrunk to a one-head, T = 1 counterexample that replays.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { modelFromJson, readModelFile } from '../../src/model/format.js';
import { modelToRequestJson } from '../../src/conformance/encode.js';
import { referenceOutputs } from '../../src/conformance/run.js';
import { errorRatio } from '../../src/conformance/compare.js';
import { DEFAULT_REPORT_FILE, modelSize } from '../../src/conformance/verdict.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { PY_CLIENT, askClient, conformance, pythonMissing, q, readReport, scratch } from './support.js';

const missing = pythonMissing();
const dirs: string[] = [];
const dir = () => {
  const d = scratch();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(missing !== null)(`Python reference client${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('computes the worked example of docs/model-format.md, and all 256 inputs of parity3-T8 in the packed encoding', () => {
    const model = readModelFile(join(REPO_ROOT, 'examples/parity3-T8.json'));
    const one = askClient(['python3', PY_CLIENT], JSON.parse(readFileSync(join(REPO_ROOT, 'examples/parity3-T8.json'), 'utf8')), ['01000010']);
    expect(one.outputs?.[0]).toBeCloseTo(-0.9999508469051888, 14);
    const inputs = Array.from({ length: 256 }, (_, x) => x.toString(2).padStart(8, '0'));
    const all = askClient(['python3', PY_CLIENT], modelToRequestJson(model, 'packed'), inputs);
    const expected = referenceOutputs(model, inputs);
    all.outputs?.forEach((got, i) => expect(errorRatio(expected[i], got, { absTol: 1e-12, relTol: 1e-9 })).toBeLessThanOrEqual(1));
  });

  it('conforms: exit 0, one PASS line, no report written', () => {
    const cwd = dir();
    const r = conformance(cwd, ['--cmd', `python3 ${q(PY_CLIENT)}`, '--cases', '25', '--seed', '14']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^conformance: PASS 25 cases, \d+ inputs, max \|got - expected\| \S+ \(absTol 1e-12, relTol 1e-9, seed 14\) \[reference_client\.py \(numpy\)\]\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  for (const bug of ['transposed-scores', 'cls-not-key']) {
    it(`--bug ${bug}: exit 1, a counterexample shrunk to T = 1 and one head, which replays`, () => {
      const cwd = dir();
      const cmd = `python3 ${q(PY_CLIENT)} --bug ${bug}`;
      const r = conformance(cwd, ['--cmd', cmd, '--cases', '20', '--seed', '14', '--out', 'cx/found.json']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(r.stdout).toMatch(/^conformance: FAIL case \d+ of seed 14: f\(b\) = \S+, expected \S+ on b = [01]+ .*shrunk to T=1 .* counterexample: cx\/found\.json/);
      expect(readdirSync(join(cwd, 'cx'))).toEqual(['found.json']); // no temp file left behind
      const report = readReport(join(cwd, 'cx/found.json'));
      expect(report).toMatchObject({ protocol: 'attn-theory-conformance/1', kind: 'mismatch', command: cmd, seed: 14 });
      const model = modelFromJson(report.model, 'report');
      const inputs = report.inputs as string[];
      const size = modelSize(model);
      expect(size.contextLength).toBeLessThanOrEqual(4);
      expect(size.layerHeads + size.clsHeads).toBe(1);
      expect(report.expected).toEqual(referenceOutputs(model, inputs));
      const got = report.got as number[];
      expect(errorRatio((report.expected as number[])[0], got[0], { absTol: 1e-12, relTol: 1e-9 })).toBeGreaterThan(1);
      // The counterexample replays: the broken client gives the same wrong number, the correct one agrees.
      expect(askClient(['python3', PY_CLIENT, '--bug', bug], report.model, inputs).outputs).toEqual(got);
      const fixed = askClient(['python3', PY_CLIENT], report.model, inputs).outputs ?? [];
      expect(errorRatio((report.expected as number[])[0], fixed[0], { absTol: 1e-12, relTol: 1e-9 })).toBeLessThanOrEqual(1);
    });
  }

  it('writes the report to conformance-counterexample.json in the current directory by default', () => {
    const cwd = dir();
    const r = conformance(cwd, ['--cmd', `python3 ${q(PY_CLIENT)} --bug cls-not-key`, '--cases', '10']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`counterexample: ${DEFAULT_REPORT_FILE}`);
    expect(existsSync(join(cwd, DEFAULT_REPORT_FILE))).toBe(true);
  });
});

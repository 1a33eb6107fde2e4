/** The verdict line and the report file (src/conformance/verdict.ts). */
import { describe, expect, it } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { generateCase } from '../../src/conformance/generate.js';
import { readableJson, reportJson, verdictLine } from '../../src/conformance/verdict.js';
import type { ConformanceFail, ConformanceOptions } from '../../src/conformance/run.js';
import { modelFromJson } from '../../src/model/format.js';

const opts: ConformanceOptions = { command: 'python3 impl.py', seed: 5, cases: 10, tolerance: { absTol: 1e-12, relTol: 1e-9 }, timeoutMs: 1000 };

describe('verdict line', () => {
  const c = { ...generateCase(5, 2), inputs: ['0'.repeat(generateCase(5, 2).model.contextLength)] };
  const fail: ConformanceFail = {
    status: 'fail',
    implementation: 'impl 1.0',
    caseIndex: 2,
    original: { case: generateCase(5, 2), failure: { kind: 'mismatch', expected: [-0.103856], got: [-0.108], worst: 0 } },
    shrink: { smallest: { case: c, failure: { kind: 'mismatch', expected: [-0.103856], got: [-0.108], worst: 0 } }, requests: 55, accepted: 20 },
  };

  it('states got, expected, the input, the allowed error (exponent intact) and where the report is', () => {
    const line = verdictLine(fail, opts, 'out/cx.json');
    expect(line).toMatch(
      /^conformance: FAIL case 2 of seed 5: f\(b\) = -0\.108, expected -0\.103856 on b = 0+ \(\|got - expected\| = 0\.004144 > absTol \+ relTol·\|expected\| = 1\.04856e-10\); shrunk to T=\d+ .* in 55 requests; counterexample: out\/cx\.json \[impl 1\.0\]$/,
    );
    expect(line).not.toContain('\n');
  });

  it('a pass and a violation', () => {
    expect(verdictLine({ status: 'pass', cases: 10, inputs: 64, maxAbsError: 2.220446049250313e-16 }, opts, 'x.json')).toBe(
      'conformance: PASS 10 cases, 64 inputs, max |got - expected| 2.22045e-16 (absTol 1e-12, relTol 1e-9, seed 5)',
    );
    expect(verdictLine({ status: 'violation', violation: { kind: 'timeout', detail: 'no reply to request 3 within 1000 ms' }, request: null, caseIndex: 1, stderrTail: '' }, opts, 'x.json')).toBe(
      'conformance: PROTOCOL VIOLATION timeout: no reply to request 3 within 1000 ms (case 1 of seed 5); report: x.json',
    );
  });

  it('the report of a failure holds a valid model file, the input, expected and got', () => {
    const r = reportJson(fail, opts);
    expect(r).toMatchObject({
      protocol: 'attn-theory-conformance/1',
      kind: 'mismatch',
      command: 'python3 impl.py',
      implementation: 'impl 1.0',
      seed: 5,
      case: 2,
      inputs: c.inputs,
      expected: [-0.103856],
      got: [-0.108],
    });
    expect(modelFromJson(JSON.parse(readableJson(r)).model, 'report').contextLength).toBe(c.model.contextLength);
    expect(reportJson({ status: 'pass', cases: 1, inputs: 1, maxAbsError: 0 }, opts)).toBeNull();
  });
});

describe('readableJson', () => {
  test.prop([fc.jsonValue()], { seed: 1407, numRuns: 200 })('parses back to the same value', (v) => {
    expect(JSON.parse(readableJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
  });

  it('keeps short arrays on one line and breaks long objects', () => {
    const text = readableJson({ inputs: ['01'], model: { a: Array.from({ length: 40 }, (_, i) => i) } }, 60);
    expect(text).toContain('"inputs": ["01"]');
    expect(text.split('\n').length).toBeGreaterThan(3);
  });
});

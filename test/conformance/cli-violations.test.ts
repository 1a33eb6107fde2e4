/**
 * `attn-theory conformance` against programs that break the protocol (fixtures/client.mjs, in Node so
 * these run without Python): each break is reported as its own named violation with exit 1, never as a
 * pass; bad flags exit 2 with one line naming the flag and the value.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOneLineError } from '../helpers/cli.js';
import { modelFromJson } from '../../src/model/format.js';
import type { ViolationKind } from '../../src/conformance/protocol.js';
import { NODE_CLIENT, conformance, q, readReport, scratch } from './support.js';

const dirs: string[] = [];
const dir = () => {
  const d = scratch();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const node = (mode: string) => `${q(process.execPath)} ${q(NODE_CLIENT)} ${mode}`;

describe('protocol violations are reported as such (exit 1), never as a pass', () => {
  it.each<[string, ViolationKind, RegExp, string[]?]>([
    ['exit-early', 'exited', /exited with status 0 before replying to the hello/],
    ['crash-at-start', 'exited', /exited with status 3 before replying to the hello/],
    ['silent', 'timeout', /no reply to the hello within 400 ms/],
    ['old-protocol', 'protocol-mismatch', /speaks "attn-theory-conformance\/0"/],
    ['garbage', 'malformed-json', /not JSON: "the answer is 42" \(case 0 of seed 1\)/],
    ['nan', 'non-finite', /NaN or Infinity/],
    ['overflow', 'non-finite', /outputs\[0\] is Infinity/],
    ['sleep', 'timeout', /no reply to (request 1|the hello) within 400 ms/],
    ['crash', 'exited', /exited with status 3 before replying to request 1/],
    ['wrong-id', 'wrong-id', /reply carries id 2, the request being answered has id 1/],
    ['wrong-length', 'wrong-length', /has \d+ outputs for \d+ inputs/],
    ['extra-field', 'bad-message', /debug/],
    ['string-output', 'bad-message', /outputs\[0\]/],
    ['exit-1-at-end', 'exited', /exited with status 1 after its stdin was closed/],
  ])('%s: %s', (mode, kind, detail) => {
    const cwd = dir();
    const r = conformance(cwd, ['--cmd', node(mode), '--cases', '2', '--timeout-ms', mode === 'silent' || mode === 'sleep' ? '400' : '20000', '--out', 'v.json']);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^conformance: PROTOCOL VIOLATION ${kind}: `));
    expect(lines[0]).toMatch(detail);
    expect(lines[0]).toContain('report: v.json');
    const report = readReport(join(cwd, 'v.json'));
    expect(report).toMatchObject({ kind: 'violation', violation: { kind } });
    if (mode.startsWith('crash')) expect(report.stderrTail).toContain('crashing on purpose');
    expect(readdirSync(cwd)).toEqual(['v.json']);
  });

  it('a program that answers twice: the stray second line is a violation', () => {
    const r = conformance(dir(), ['--cmd', node('twice'), '--cases', '3', '--out', 'v.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^conformance: PROTOCOL VIOLATION (unsolicited-output|wrong-id): /);
  });

  it('a program that does not exit after stdin is closed is stopped and reported', () => {
    const r = conformance(dir(), ['--cmd', node('linger'), '--cases', '1', '--timeout-ms', '1500', '--out', 'v.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^conformance: PROTOCOL VIOLATION timeout: the program did not exit within 1500 ms after its stdin was closed/);
  });

  it('a command that does not exist is an exit with the shell status 127', () => {
    const r = conformance(dir(), ['--cmd', 'attn-theory-no-such-program-xyz', '--out', 'v.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^conformance: PROTOCOL VIOLATION exited: the program exited with status 127 before replying to the hello \(the shell could not find the command\)/);
  });
});

describe('programs that speak the protocol', () => {
  it('the toolkit reference behind the protocol conforms (exit 0)', () => {
    const cwd = dir();
    const r = conformance(cwd, ['--cmd', node('conform'), '--cases', '15', '--seed', '-3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^conformance: PASS 15 cases, \d+ inputs, max \|got - expected\| 0 \(absTol 1e-12, relTol 1e-9, seed -3\) \[client\.mjs conform\]\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an error reply is a failure, shrunk while it stays an error reply (one tanh left)', () => {
    const cwd = dir();
    const r = conformance(cwd, ['--cmd', node('error-on-tanh'), '--cases', '20', '--out', 'cx.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^conformance: FAIL case \d+ of seed 1: error reply "tanh is not implemented" on b = [01]+ .*shrunk to T=1 /);
    const report = readReport(join(cwd, 'cx.json'));
    expect(report).toMatchObject({ kind: 'error-reply', message: 'tanh is not implemented' });
    const m = modelFromJson(report.model, 'report');
    const acts = [...m.layers.flatMap((l) => l.heads), ...m.clsHeads, ...m.readout].map((h) => h.activation);
    expect(acts.filter((a) => a === 'tanh')).toHaveLength(1);
  });
});

describe('bad flags: exit 2, one line naming the flag and the value', () => {
  it.each<[string[], RegExp]>([
    [[], /--cmd must be a non-empty command line$/],
    [['--cmd', '  '], /--cmd must be a non-empty command line \(got " {2}"\)/],
    [['--cmd', 'true', '--cases', '0'], /--cases must be an integer >= 1 \(got "0"\)/],
    [['--cmd', 'true', '--cases', '2.5'], /--cases must be an integer >= 1 \(got "2.5"\)/],
    [['--cmd', 'true', '--seed', 'x'], /--seed must be an integer >= -9007199254740991 \(got "x"\)/],
    [['--cmd', 'true', '--tol', '-1'], /--tol must be a finite number >= 0 \(got "-1"\)/],
    [['--cmd', 'true', '--rel-tol', 'NaN'], /--rel-tol must be a finite number \(got "NaN"\)/],
    [['--cmd', 'true', '--abs-tol', '1e999'], /--abs-tol must be a finite number \(got "1e999"\)/],
    [['--cmd', 'true', '--timeout-ms', '0'], /--timeout-ms must be an integer >= 1 \(got "0"\)/],
    [['--cmd', 'true', '--out', '.'], /--out must be a file path, not a directory \(got /],
    [['--cmd', 'true', '--bogus'], /unknown option '--bogus'/],
  ])('%j', (args, message) => {
    const cwd = dir();
    const r = conformance(cwd, args);
    expect(isOneLineError(r), `${r.code} ${r.stderr}`).toBe(true);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

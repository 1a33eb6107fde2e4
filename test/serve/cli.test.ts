/**
 * `attn-theory serve` as a user runs it: the compiled binary (dist/cli/main.js) on 127.0.0.1 at a free
 * port. Its one line `listening on http://127.0.0.1:PORT` (loopback by default); the replies equal the
 * CLI's own --json output for the same request (bound, construct, certify, norms); the README's curl
 * command, run as printed (port swapped), and the Python example give the library's numbers; a bad
 * --host / --port, or a port in use, is one line and exit 2; fastify loads only when serve runs; SIGINT and SIGTERM stop it with status 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBound, requiredSampleSize } from '../../src/bounds/api.js';
import { curlCommand } from '../../src/serve/docs-page.js';
import { EXAMPLE_BOUND_REQUEST, EXAMPLE_CONSTRUCT_REQUEST, EXAMPLE_SAMPLE_SIZE_REQUEST } from '../../src/serve/route-table.js';
import { boundArgv } from '../helpers/bound-flags.js';
import { CLI_BIN, REPO_ROOT, isOneLineError, runCli } from '../helpers/cli.js';
import { alive } from '../helpers/processes.js';
import { asJson, get, post } from './helpers.js';

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/** Start the compiled `attn-theory serve ...args` and wait for its listening line. */
function startCli(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening on (http:\/\/[^\s]+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], exited });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

let served: Served;
let dir: string;

beforeAll(async () => {
  served = await startCli(['--port', '0']);
  dir = mkdtempSync(join(tmpdir(), 'attn-serve-cli-'));
});
afterAll(() => {
  if (served && alive(served.child.pid!)) served.child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('attn-theory serve (compiled binary)', () => {
  it('binds to 127.0.0.1 by default and answers /healthz', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(served.url, '/healthz')).status).toBe(200);
  });

  it('replies equal the CLI --json output: bound, construct (and the file it writes), certify, norms', async () => {
    const cliBound = runCli([...boundArgv({ '--value-activation': 'identity' }), '--json']);
    expect(cliBound.code).toBe(0);
    expect((await post(served.url, '/v1/bound', EXAMPLE_BOUND_REQUEST)).json).toEqual(JSON.parse(cliBound.stdout));

    const file = join(dir, 'parity.json');
    const cliConstruct = runCli(['construct', '--T', '8', '--s', '3', '--fn', 'parity', '--support', '2,5,7', '--out', file, '--json']);
    expect(cliConstruct.code).toBe(0);
    const built = (await post(served.url, '/v1/construct', EXAMPLE_CONSTRUCT_REQUEST)).json as { model: unknown } & Record<string, unknown>;
    const { model, ...summary } = built;
    expect({ out: file, ...summary }).toEqual(JSON.parse(cliConstruct.stdout));
    expect(model).toEqual(JSON.parse(readFileSync(file, 'utf8')));

    const cliCertify = runCli(['certify', file, '--json']);
    expect(cliCertify.code).toBe(0);
    expect((await post(served.url, '/v1/certify', { model })).json).toEqual(JSON.parse(cliCertify.stdout));
    const cliNorms = runCli(['norms', file, '--json']);
    expect((await post(served.url, '/v1/norms', { model })).json).toEqual(JSON.parse(cliNorms.stdout));
  });

  it("the README's curl command, as printed (port swapped), answers computeBound's report", async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- serve-curl-example -->'));
    const command = /```sh\n(curl [^\n]+)\n```/.exec(block)?.[1];
    expect(command).toBe(curlCommand('http://127.0.0.1:8765', '/v1/bound', EXAMPLE_BOUND_REQUEST));
    const port = new URL(served.url).port;
    const runnable = command!.replace('http://127.0.0.1:8765', `http://127.0.0.1:${port}`);
    let reply: unknown;
    if (HAS_CURL) {
      const r = spawnSync('bash', ['-c', runnable], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(0);
      reply = JSON.parse(r.stdout);
    } else {
      // No curl here: send the command's exact request.
      const data = /-d '([^']+)'/.exec(runnable)![1];
      reply = (await post(served.url, '/v1/bound', data)).json;
    }
    expect(reply).toEqual(asJson(computeBound(EXAMPLE_BOUND_REQUEST)));
  });

  it.skipIf(!HAS_PYTHON)('examples/python-client.py prints the library’s numbers (skipped when python3 is absent)', () => {
    const r = spawnSync('python3', [join(REPO_ROOT, 'examples', 'python-client.py'), served.url], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    const b = computeBound(EXAMPLE_BOUND_REQUEST);
    expect(Number(lines.generalizationGap)).toBe(b.generalizationGap);
    expect(Number(lines.rademacher)).toBe(b.rademacher);
    expect(Number(lines.total)).toBe(b.total);
    expect(lines.vacuous).toBe(b.vacuous ? 'True' : 'False');
    expect(Number(lines.parameterCountingGap)).toBe(b.baselines.parameterCounting.value);
    expect(Number(lines.targetGap)).toBe(EXAMPLE_SAMPLE_SIZE_REQUEST.targetGap);
    expect(Number(lines.leastSampleSize)).toBe(requiredSampleSize(EXAMPLE_SAMPLE_SIZE_REQUEST.request, EXAMPLE_SAMPLE_SIZE_REQUEST.targetGap));
  });

  it.each([
    [['--port', '65536'], '--port must be an integer in 0..65535 (got "65536")'],
    [['--port', '80.5'], '--port must be an integer in 0..65535 (got "80.5")'],
    [['--host', 'example.org'], '--host must be an IP address (127.0.0.1, ::1, 0.0.0.0, ...) or localhost (got "example.org")'],
    [['--hots', '127.0.0.1'], null],
  ])('bad flags %j: one line, exit 2', (args, line) => {
    const r = runCli(['serve', ...args]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    if (line) expect(r.stderr).toBe(`attn-theory serve: ${line}\n`);
  });

  it('fastify loads only when serve runs: not for another command, not for a bad flag of serve', () => {
    const probe = join(REPO_ROOT, 'test', 'package', 'fixtures', 'load-probe.mjs');
    for (const args of [
      [...boundArgv(), '--json'],
      ['serve', '--port', '-1'],
    ]) {
      const r = spawnSync(process.execPath, ['--import', probe, CLI_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      const loaded = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
      expect(loaded, r.stderr).toBeDefined();
      expect(loaded!.match(/node_modules\/(fastify|@fastify|fastify-type-provider-zod)\//g) ?? [], args.join(' ')).toEqual([]);
    }
  });

  it('a port in use: one line naming --port, exit 2', () => {
    const port = new URL(served.url).port;
    const r = runCli(['serve', '--port', port]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`^attn-theory serve: --port must be a free port \\(${port} is in use on 127.0.0.1\\)`));
  });

  it('SIGTERM and SIGINT shut it down with status 0', async () => {
    const other = await startCli(['--port', '0']);
    other.child.kill('SIGTERM');
    expect(await other.exited).toBe(0);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
  });
});

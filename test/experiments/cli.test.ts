/**
 * `attn-theory train` and `attn-theory sample-complexity` through the real binary: bad input gives one
 * line and exit 2; a tiny run reports JSON; a tiny search writes its store and result, and a rerun reuses
 * every run; Ctrl-C (SIGINT) leaves no result file and no temporary file.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BIN, REPO_ROOT, isOneLineError, runCli } from '../helpers/cli.js';
import { JsonlRunStore } from '../../src/experiments/run-store.js';
import { parseTrainOptions } from '../../src/cli/commands/train.js';
import { parseSampleComplexityFlags } from '../../src/cli/commands/sample-complexity.js';
import { CliUsageError } from '../../src/cli/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-exp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRAIN = ['train', '--task', 'parity', '--T', '6', '--s', '2', '--m', '32', '--seed', '1', '--steps', '50', '--test-size', '64'];
const SC = ['sample-complexity', '--task', 'and', '--s', '2', '--T', '4,6', '--seeds', '1', '--models', 'mlp', '--m-start', '4', '--m-max', '16', '--steps', '40', '--test-size', '64'];

/** Parse argv-style flags ('--m-start' → mStart) into the raw options object commander would build. */
function raw(args: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) o[args[i].slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = args[i + 1];
  return o;
}

describe('bad input is rejected with a message naming the flag (parsers, in process)', () => {
  const trainCases: [string, string[], RegExp][] = [
    ['unknown model', ['--task', 'parity', '--T', '6', '--s', '2', '--m', '32', '--model', 'rnn'], /^--model must be one of transformer\|mlp \(got "rnn"\)$/],
    ['s > T', ['--task', 'parity', '--T', '4', '--s', '5', '--m', '10'], /^--s must be <= --T = 4 \(got "5"\)$/],
    ['m < 1', ['--task', 'parity', '--T', '4', '--s', '2', '--m', '0'], /^--m must be an integer >= 1 \(got "0"\)$/],
    ['unknown backend', ['--task', 'parity', '--T', '4', '--s', '2', '--m', '8', '--backend', 'gpu'], /^--backend must be one of node\|wasm\|cpu \(got "gpu"\)$/],
    ['NaN learning rate', ['--task', 'parity', '--T', '4', '--s', '2', '--m', '8', '--lr', 'NaN'], /^--lr must be a finite number \(got "NaN"\)$/],
    ['label noise 0.5', ['--task', 'parity', '--T', '4', '--s', '2', '--m', '8', '--label-noise', '0.5'], /^--label-noise must be in \[0, 0.5\)/],
    ['unknown optimizer', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--optimizer', 'rmsprop'], /^--optimizer must be one of adam\|adamw\|sgd-momentum\|sgd \(got "rmsprop"\)$/],
    ['negative momentum', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--optimizer', 'sgd-momentum', '--momentum', '-0.5'], /^--momentum must be a finite number >= 0 \(got "-0.5"\)$/],
    ['momentum with adam', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--momentum', '0.5'], /^--momentum must be absent with optimizer adam/],
    ['lr decay 0', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--optimizer', 'sgd', '--lr-decay', '0'], /^--lr-decay must be a finite number > 0 \(got "0"\)$/],
    ['budget cap < steps', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--steps', '100', '--budget-cap', '50'], /^--budget-cap must be >= steps = 100 \(got 50\)$/],
    ['restarts above 16', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--restarts', '17'], /^--restarts must be <= 16 \(got "17"\)$/],
    ['fractional restarts', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--restarts', '1.5'], /^--restarts must be an integer/],
    ['unknown loss', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--loss', 'mse'], /^--loss must be one of logistic\|hinge \(got "mse"\)$/],
    ['fresh mode with stop-at fit', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--data-mode', 'fresh', '--stop-at', 'fit'], /^--stop-at must be 'solve' with dataMode fresh/],
    ['unknown data mode', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--data-mode', 'online'], /^--data-mode must be one of fixed\|fresh \(got "online"\)$/],
    ['unknown trainer', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--trainer', 'gpu'], /^--trainer must be one of auto\|tfjs\|fused \(got "gpu"\)$/],
    ['fused trainer with sgd', ['--task', 'and', '--T', '4', '--s', '2', '--m', '8', '--trainer', 'fused', '--optimizer', 'sgd'], /^--trainer must be 'auto' or 'tfjs' with optimizer sgd/],
  ];
  for (const [name, args, re] of trainCases) {
    test(`train: ${name}`, () => {
      expect(() => parseTrainOptions(raw(args) as never)).toThrow(CliUsageError);
      expect(() => parseTrainOptions(raw(args) as never)).toThrow(re);
    });
  }
  const scCases: [string, string[], RegExp][] = [
    ['s > some T in the list', ['--task', 'parity', '--s', '5', '--T', '8,4'], /^--s must be <= every value of --T \(4\)/],
    ['unknown model in --models', ['--task', 'parity', '--s', '2', '--T', '8', '--models', 'mlp,cnn'], /^--models must be a comma-separated list from transformer\|mlp/],
    ['required > seeds', ['--task', 'parity', '--s', '2', '--T', '8', '--seeds', '3', '--required', '4'], /^--required must be <= --seeds = 3/],
    ['threshold 0', ['--task', 'parity', '--s', '2', '--T', '8', '--threshold', '0'], /^--threshold must be in \(0, 1\]/],
  ];
  for (const [name, args, re] of scCases) {
    test(`sample-complexity: ${name}`, () => {
      expect(() => parseSampleComplexityFlags(raw(args) as never)).toThrow(re);
    });
  }
  test('the parsers accept a good command line and fill defaults', () => {
    const c = parseTrainOptions(raw(['--task', 'junta', '--T', '9', '--s', '3', '--m', '100', '--heads', '2', '--weight-decay', '0.01']) as never);
    expect(c).toMatchObject({ task: 'junta', contextLength: 9, sparsity: 3, sampleSize: 100, seed: 1, heads: 2, weightDecay: 0.01, model: 'transformer', optimizer: 'adamw' });
    const sgd = parseTrainOptions(
      raw([
        '--task',
        'majority',
        '--T',
        '9',
        '--s',
        '3',
        '--m',
        '300',
        '--model',
        'mlp',
        '--optimizer',
        'sgd-momentum',
        '--lr',
        '0.01',
        '--lr-decay',
        '0.999',
        '--lr-floor',
        '0.001',
        '--loss',
        'hinge',
        '--steps',
        '100',
        '--budget-cap',
        '800',
      ]) as never,
    );
    expect(sgd).toMatchObject({ optimizer: 'sgd-momentum', momentum: 0.9, lrDecay: 0.999, lrFloor: 0.001, loss: 'hinge', budgetCap: 800, dataMode: 'fixed', stopAt: 'fit' });
    const fresh = parseTrainOptions(raw(['--task', 'and', '--T', '9', '--s', '3', '--m', '64', '--data-mode', 'fresh', '--solve-size', '500']) as never);
    expect(fresh).toMatchObject({ dataMode: 'fresh', stopAt: 'solve', solveSize: 500 });
    const o = parseSampleComplexityFlags(raw(['--task', 'parity', '--s', '3', '--T', '8,16', '--steps', '50']) as never);
    expect(o).toMatchObject({ contextLengths: [8, 16], seeds: 3, base: { steps: 50 } });
  });
});

describe('bad input through the real binary: one line, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown task', ['train', '--task', 'xor', '--T', '8', '--s', '2', '--m', '10'], /^attn-theory train: --task must be one of parity\|and\|majority\|junta \(got "xor"\)/],
    [
      'budget cap below the budget',
      ['train', '--task', 'and', '--T', '8', '--s', '2', '--m', '10', '--steps', '100', '--budget-cap', '10'],
      /^attn-theory train: --budget-cap must be >= steps = 100 \(got 10\)$/m,
    ],
    [
      'non-numeric T list',
      ['sample-complexity', '--task', 'parity', '--s', '2', '--T', '8,x,32'],
      /^attn-theory sample-complexity: --T must be a comma-separated list of integers >= 1 \(got "8,x,32"\)/,
    ],
    [
      'a forced backend that cannot start (tfjs-node is not installed here)',
      [...TRAIN, '--backend', 'node'],
      /^attn-theory train: initBackend: backend must be available on this machine \(got "node"\)/,
    ],
  ];
  for (const [name, args, re] of cases) {
    test(name, () => {
      const r = runCli(args);
      expect(isOneLineError(r), `code=${r.code} stderr=${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(re);
      expect(r.stdout).toBe('');
    });
  }
});

describe('train and sample-complexity', () => {
  test('train --json reports the run with its backend; --save-model writes a readable model file', () => {
    const path = join(dir, 'model.json');
    const r = runCli([...TRAIN, '--json', '--save-model', path], { timeoutMs: 110_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.backend).toMatch(/^(wasm|cpu|node)$/);
    expect(out.config).toMatchObject({ task: 'parity', contextLength: 6, sparsity: 2, sampleSize: 32, seed: 1 });
    expect(out.testAccuracy).toBeGreaterThanOrEqual(0);
    const ev = runCli(['eval', path, '--bits', '010110', '--json'], { timeoutMs: 110_000 });
    expect(ev.code, ev.stderr).toBe(0);
    expect(Number.isFinite(JSON.parse(ev.stdout).output)).toBe(true);
  }, 240_000);

  test('sample-complexity --out writes the store and the result; a rerun reuses every run', () => {
    const out = join(dir, 'sc');
    const first = runCli([...SC, '--out', out, '--json'], { timeoutMs: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a.rows).toHaveLength(2);
    expect(a.runs.trained).toBeGreaterThan(0);
    expect(new JsonlRunStore(join(out, 'runs.jsonl')).size).toBe(a.runs.trained);
    expect(JSON.parse(readFileSync(join(out, 'sample-complexity.json'), 'utf8')).rows).toEqual(a.rows);
    const second = runCli([...SC, '--out', out, '--json'], { timeoutMs: 120_000 });
    const b = JSON.parse(second.stdout);
    expect(b.runs.trained).toBe(0);
    expect(b.runs.reused).toBe(b.runs.total);
    expect(b.rows).toEqual(a.rows);
  }, 240_000);

  test('Ctrl-C: exit 130, no result file, no temporary file, the store stays readable', async () => {
    const out = join(dir, 'interrupted');
    const args = [
      'sample-complexity',
      '--task',
      'parity',
      '--s',
      '3',
      '--T',
      '32,64',
      '--seeds',
      '2',
      '--m-start',
      '512',
      '--steps',
      '100000',
      '--eval-every',
      '100000',
      '--test-size',
      '64',
      '--out',
      out,
    ];
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once the worker processes exist: by then the command's SIGINT handler is installed.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim() === '') await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(existsSync(join(out, 'sample-complexity.json'))).toBe(false);
    if (existsSync(out)) {
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(() => new JsonlRunStore(join(out, 'runs.jsonl'))).not.toThrow();
    }
  }, 180_000);
});

/**
 * The package as a user consumes it (issue 9 item 6): the packed tarball installed into a fresh project
 * offline (test/helpers/consumer-project.ts), then
 * - each entry point imported from plain Node ESM, one function called, and the light entries checked to
 *   load none of tfjs, vega, resvg, better-sqlite3 or mathjs;
 * - require() from CommonJS;
 * - a strict TypeScript consumer type-checked against the shipped .d.ts;
 * - the installed CLI run (help, a bound, bad input, construct + certify, a short training run);
 * - attn-theory/testing in the consumer's own vitest suite: the copy-paste example
 *   (examples/testing/attention.test.ts) passes, and broken functions are rejected with counterexamples
 *   (fixtures/testing-broken.spec.ts). vitest is linked from our node_modules (a consumer has its own).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, isOneLineError } from '../helpers/cli.js';
import { createConsumerProject, type ConsumerProject } from '../helpers/consumer-project.js';
import { boundArgv } from '../helpers/bound-flags.js';

const FIXTURES = join(REPO_ROOT, 'test', 'package', 'fixtures');
const HEAVY = ['@tensorflow', 'vega', 'vega-lite', '@resvg', 'better-sqlite3', 'mathjs', 'cli-progress'];
const LIGHT_ENTRIES = ['attn-theory', 'attn-theory/bounds', 'attn-theory/constructions', 'attn-theory/model', 'attn-theory/testing'];
const ALL_ENTRIES = [...LIGHT_ENTRIES, 'attn-theory/experiments', 'attn-theory/report'];

let project: ConsumerProject;

beforeAll(() => {
  project = createConsumerProject();
  for (const f of ['load-probe.mjs', 'load-probe-hooks.mjs', 'use-entries.mjs', 'require.cjs', 'consumer.ts']) copyFileSync(join(FIXTURES, f), join(project.dir, f));
  mkdirSync(join(project.dir, 'test'));
  copyFileSync(join(REPO_ROOT, 'examples', 'testing', 'attention.test.ts'), join(project.dir, 'test', 'attention.test.ts'));
  copyFileSync(join(REPO_ROOT, 'examples', 'conformance', 'reference_client.py'), join(project.dir, 'reference_client.py'));
  copyFileSync(join(FIXTURES, 'testing-broken.spec.ts'), join(project.dir, 'test', 'testing-broken.spec.ts')); // .spec: our own vitest config runs only *.test.ts
  symlinkSync(join(REPO_ROOT, 'node_modules', 'vitest'), join(project.dir, 'node_modules', 'vitest'), 'dir');
}, 300_000);

afterAll(() => {
  if (project) rmSync(dirname(project.dir), { recursive: true, force: true });
});

function node(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: project.dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Packages (node_modules/<name>) among the loaded module URLs or paths. */
function loadedPackages(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`no LOADED line in: ${stderr}`);
  const names = new Set<string>();
  for (const u of JSON.parse(line.slice(7)) as string[]) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(decodeURIComponent(u));
    if (m) names.add(m[1]!);
  }
  return [...names];
}

describe('the packed tarball in a fresh project', () => {
  it('ships dist, assets and docs, and no tests, benches, sources or CI scripts', () => {
    const files = execFileSync('tar', ['tzf', project.tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/assets/fonts/DejaVuSans.ttf');
    for (const f of files) expect(f).not.toMatch(/^package\/(src|test|properties|bench|scripts|\.ci|proofs-notes|examples)\//);
    expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  // 150 MiB until the HTTP service, the KaTeX rendering and the testing entry point landed: fastify 5 +
  // @fastify/swagger + the zod type provider with their closure (ajv, pino, find-my-way, yaml, ...),
  // katex (report HTML and the explorer), fast-check (the peer dependency of attn-theory/testing) and the
  // explorer page's bundled assets add about 22 MiB; measured 168–172 MiB on 2026-12-01.
  it('installs in at most 180 MiB with every dependency', () => {
    expect(project.installedBytes / 2 ** 20).toBeLessThanOrEqual(180);
  });

  it.each(ALL_ENTRIES)('%s imports from plain Node ESM and its function runs', (entry) => {
    const r = node(['use-entries.mjs', entry]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    if (entry === 'attn-theory' || entry === 'attn-theory/bounds') expect(out.gap).toBeCloseTo(0.31572, 4);
    if (entry === 'attn-theory') expect(out.version).toBe(project.version);
    if (entry === 'attn-theory/constructions') expect(out).toEqual({ certified: true, inputsCovered: 'all 2^16 inputs' });
    if (entry === 'attn-theory/model') expect(out.output).toBeGreaterThan(0); // AND of two ones is true
    if (entry === 'attn-theory/experiments') expect(out.hash).toMatch(/^[0-9a-f]{16,}$/);
    if (entry === 'attn-theory/report') expect(out.shard).toEqual({ index: 2, count: 3 });
    if (entry === 'attn-theory/testing') expect(out.checked).toBe(5);
  });

  it.each(LIGHT_ENTRIES)('%s loads no heavy dependency', (entry) => {
    const r = node(['--import', './load-probe.mjs', 'use-entries.mjs', entry]);
    expect(r.code).toBe(0);
    const loaded = loadedPackages(r.stderr);
    expect(loaded).toContain('attn-theory');
    if (entry === 'attn-theory/testing') expect(loaded).toContain('fast-check'); // its peer dependency, installed by the consumer
    for (const heavy of HEAVY) expect(loaded.filter((p) => p === heavy || p.startsWith(heavy + '/') || p.startsWith(heavy + '-'))).toEqual([]);
  });

  it('attn-theory/experiments loads no tfjs until a run starts', () => {
    const r = node(['--import', './load-probe.mjs', 'use-entries.mjs', 'attn-theory/experiments']);
    expect(r.code).toBe(0);
    expect(loadedPackages(r.stderr).filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
  });

  it('the probe sees a heavy dependency when one is loaded (mutant: the report entry loads sqlite on use)', () => {
    writeFileSync(join(project.dir, 'heavy.mjs'), "const m = await import('attn-theory/report'); m.openRunStore('probe.db').close();\n");
    const r = node(['--import', './load-probe.mjs', 'heavy.mjs']);
    expect(r.code).toBe(0);
    expect(loadedPackages(r.stderr)).toContain('better-sqlite3');
  });

  it('require() works from CommonJS', () => {
    const r = node(['--no-warnings', 'require.cjs']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { version: string; gap: number; d: number };
    expect(out.version).toBe(project.version);
    expect(out.gap).toBeGreaterThan(0);
    expect(out.d).toBeGreaterThan(0);
  });

  it('a strict TypeScript consumer and the copy-paste vitest example type-check against the shipped .d.ts', () => {
    const typesNode = dirname(createRequire(import.meta.url).resolve('@types/node/package.json'));
    writeFileSync(
      join(project.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [dirname(typesNode)],
        },
        files: ['consumer.ts', 'test/attention.test.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const r = node([tsc, '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Only the .d.ts are shipped: the consumer cannot be checking our sources.
    expect(existsSync(join(project.dir, 'node_modules', 'attn-theory', 'src'))).toBe(false);
  });

  it("the consumer's vitest suite runs the copy-paste example (passing) and rejects broken functions with counterexamples", () => {
    const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run', '--reporter', 'verbose'], {
      cwd: project.dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
    });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Tests\s+6 passed \(6\)/);
    expect(r.status).toBe(0);
    for (const b of ['agreesWithReference', 'boundIsSound', 'constructionIsCorrect'])
      expect(out).toMatch(new RegExp(`COUNTEREXAMPLE "${b}: counterexample after \\d+ case\\(s\\), shrunk \\d+ time\\(s\\): `));
  });

  const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasNumpy)('runs attn-theory conformance against the Python reference client (exit 0) and both broken variants (exit 1, shrunk)', () => {
    const bin = join(project.dir, 'node_modules', '.bin', 'attn-theory');
    const run = (bug: string[]) =>
      spawnSync(bin, ['conformance', '--cmd', ['python3', 'reference_client.py', ...bug].join(' '), '--cases', '10', '--seed', '3', '--out', 'cx.json'], {
        cwd: project.dir,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const ok = run([]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    for (const bug of ['cls-not-key', 'transposed-scores']) {
      const bad = run(['--bug', bug]);
      expect(bad.status, bug).toBe(1);
      expect(bad.stdout + bad.stderr).toMatch(/counterexample/i);
      const report = JSON.parse(readFileSync(join(project.dir, 'cx.json'), 'utf8')) as { kind: string; model: unknown; inputs: string[]; shrink: { accepted: number } };
      expect(report.kind).toBe('mismatch');
      expect(report.inputs.every((b) => b.length <= 4)).toBe(true); // shrunk to a small T
      expect(report.shrink.accepted).toBeGreaterThan(0);
    }
  });

  describe('the installed CLI', () => {
    const bin = () => join(project.dir, 'node_modules', '.bin', 'attn-theory');
    const cli = (args: string[]) => {
      const r = spawnSync(bin(), args, { cwd: project.dir, encoding: 'utf8', timeout: 120_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('prints its version and help', () => {
      expect(cli(['--version']).stdout.trim()).toBe(project.version);
      const help = cli(['--help']);
      expect(help.code).toBe(0);
      for (const c of ['bound', 'construct', 'certify', 'train', 'report', 'sweep']) expect(help.stdout).toContain(c);
    });

    it('computes a bound as JSON and rejects bad input in one line with exit 2', () => {
      const r = cli([...boundArgv(), '--json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { generalizationGap: number }).generalizationGap).toBeCloseTo(0.31572, 4);
      expect(isOneLineError(cli(['bound', '--model', 'scalar', '--T', 'NaN']))).toBe(true);
    });

    it('constructs and certifies a head', () => {
      expect(cli(['construct', '--T', '64', '--s', '3', '--fn', 'majority', '--out', 'm.json']).code).toBe(0);
      const r = cli(['certify', 'm.json', '--json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { certified: boolean }).certified).toBe(true);
    });

    it('trains with the wasm backend shipped in the install', () => {
      const r = cli(['train', '--task', 'and', '--T', '8', '--s', '2', '--m', '64', '--steps', '40', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { backend: string }).backend).toBe('wasm');
    });
  });
});

/**
 * Start-up costs of the package as a user installs it (issue 9 targets), each beside `node -e 0`
 * measured in the same run, interleaved, medians of REPS repetitions:
 * - `attn-theory --help` wall time, as a ratio to `node -e 0` (target <= 3x), directly and through npx;
 * - `attn-theory bound ...` CPU time, bootstrap included (target <= 0.4 s);
 * - `import('attn-theory/bounds')` CPU time (target <= 0.2 s) and the first computeBound after it
 *   (target <= 50 ms);
 * - the installed size of the package with its dependencies (target <= 150 MiB).
 * It packs the repository and installs the tarball into a temporary project offline first
 * (test/helpers/consumer-project.ts). Run: npx tsx bench/startup.ts. Last line: JSON.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsumerProject } from '../test/helpers/consumer-project.js';
import { boundArgv } from '../test/helpers/bound-flags.js';

const REPS = Number(process.env.REPS ?? 9);
const CPU_PROBE = fileURLToPath(new URL('./support/cpu-at-exit.mjs', import.meta.url));
const BOUND_ARGS = boundArgv();

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

function wallMs(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function reported(cmd: string, args: string[], cwd: string, key: string): number[] {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => l.startsWith(key + ' '))
    .map((l) => Number(l.slice(key.length + 1)));
}

const project = createConsumerProject();
const dir = project.dir;
const cliJs = join(dir, 'node_modules', 'attn-theory', 'dist', 'cli', 'main.js');
writeFileSync(
  join(dir, 'import-bounds.mjs'),
  [
    'const c0 = process.cpuUsage();',
    "const m = await import('attn-theory/bounds');",
    'const c1 = process.cpuUsage(c0);',
    "console.log('IMPORT_CPU_MS', (c1.user + c1.system) / 1000);",
    'const t0 = performance.now();',
    "m.computeBound({ model: 'scalar', contextLength: 1024, width: 64, sampleSize: 1e7, inputNorm: 1, normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 }, activationLipschitz: 1, margin: 1, delta: 0.05 });",
    "console.log('FIRST_BOUND_MS', performance.now() - t0);",
  ].join('\n'),
);

const s: Record<string, number[]> = { node0: [], help: [], npxHelp: [], npx0: [], boundCpu: [], boundWall: [], importCpu: [], firstBound: [] };
for (let i = 0; i < REPS; i++) {
  s.node0!.push(wallMs(process.execPath, ['-e', '0'], dir));
  s.help!.push(wallMs(process.execPath, [cliJs, '--help'], dir));
  s.npx0!.push(wallMs('npx', ['--no-install', 'node', '-e', '0'], dir));
  s.npxHelp!.push(wallMs('npx', ['--no-install', 'attn-theory', '--help'], dir));
  const t0 = performance.now();
  s.boundCpu!.push(...reported(process.execPath, ['--import', CPU_PROBE, cliJs, ...BOUND_ARGS], dir, 'CPU_MS'));
  s.boundWall!.push(performance.now() - t0);
  s.importCpu!.push(...reported(process.execPath, ['import-bounds.mjs'], dir, 'IMPORT_CPU_MS'));
  s.firstBound!.push(...reported(process.execPath, ['import-bounds.mjs'], dir, 'FIRST_BOUND_MS'));
}
const m = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, median(v)])) as Record<string, number>;
const result = {
  reps: REPS,
  nodeE0WallMs: +m.node0!.toFixed(1),
  helpWallMs: +m.help!.toFixed(1),
  helpOverNode: +(m.help! / m.node0!).toFixed(2),
  npxHelpWallMs: +m.npxHelp!.toFixed(1),
  npxHelpOverNpxNode: +(m.npxHelp! / m.npx0!).toFixed(2),
  boundCpuMs: +m.boundCpu!.toFixed(1),
  boundWallMs: +m.boundWall!.toFixed(1),
  importBoundsCpuMs: +m.importCpu!.toFixed(1),
  firstComputeBoundMs: +m.firstBound!.toFixed(2),
  installedMiB: +(project.installedBytes / 2 ** 20).toFixed(1),
  installedApparentMiB: +(project.installedApparentBytes / 2 ** 20).toFixed(1),
};
console.log(`node -e 0                       ${result.nodeE0WallMs} ms wall (median of ${REPS})`);
console.log(`attn-theory --help              ${result.helpWallMs} ms wall = ${result.helpOverNode}x node -e 0   (target <= 3x)`);
console.log(`npx attn-theory --help          ${result.npxHelpWallMs} ms wall = ${result.npxHelpOverNpxNode}x npx node -e 0`);
console.log(`attn-theory bound ...           ${result.boundCpuMs} ms CPU, ${result.boundWallMs} ms wall   (target <= 400 ms CPU)`);
console.log(`import('attn-theory/bounds')    ${result.importBoundsCpuMs} ms CPU   (target <= 200 ms)`);
console.log(`first computeBound after it     ${result.firstComputeBoundMs} ms   (target <= 50 ms)`);
console.log(`installed size with deps        ${result.installedMiB} MiB on disk (du), ${result.installedApparentMiB} MiB of file contents   (target <= 150 MiB)`);
console.log(JSON.stringify(result));
rmSync(dirname(dir), { recursive: true, force: true });

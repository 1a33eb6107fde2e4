/**
 * Performance of the constructions and certifiers (issue 4 targets), figures for
 * proofs-notes/alg-certify-position-keys.md:
 *   1. construct + certify, T = 4096, s = 5, random truth tables (general family), one-hot and compact codes: < 1 s;
 *   2. T = 2^20, s = 8, compact codes: construct, write, read, certify (issue 12: ≤ 2 s CPU, median of 3,
 *      with its ratio to the JavaScript sign-hash loop measured in the same run) and peak RSS (< 2 GiB).
 * Run: npx tsx bench/constructions.ts [--quick]. Prints a markdown table and writes
 * bench/results/constructions-perf.json.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync, statSync } from 'node:fs';
import { construct, certify } from '../src/constructions/api.js';
import { readModelFile, writeModelFile } from '../src/model/format.js';
import { createRng } from '../src/core/rng.js';
import { writeFileAtomic } from '../src/core/files.js';
import { matVec } from '../src/core/matrix.js';
import { signHashNegSumsJs, signHashTables } from '../src/constructions/certify-sign-hash-kernel.js';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const quick = process.argv.includes('--quick');
const rows: Record<string, string | number | boolean>[] = [];
const ms = (t0: number) => performance.now() - t0;
/** CPU milliseconds (user + system) since a process.cpuUsage() mark: robust to a loaded machine. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c0);
  return (u.user + u.system) / 1000;
};
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024;

function randomTable(s: number, seed: number): string {
  const rng = createRng(seed);
  let t = '';
  for (let i = 0; i < 2 ** s; i++) t += rng.bit() ? '1' : '0';
  return t;
}

// 1. T = 4096, s = 5, any truth table.
for (const codes of ['onehot', 'compact'] as const) {
  const times: number[] = [];
  for (let rep = 0; rep < (quick ? 2 : 5); rep++) {
    const t0 = performance.now();
    const c = construct({ fn: `table:${randomTable(5, 100 + rep)}`, contextLength: 4096, sparsity: 5, seed: rep, codes, family: 'general', margin: 1 });
    const tc = ms(t0);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const cert = certify(c.model);
    const tv = ms(t1);
    const tvCpu = cpuMs(c1);
    if (!cert.certified) throw new Error(`bench: not certified (codes ${codes}, rep ${rep})`);
    times.push(tc + tv);
    rows.push({
      case: `T=4096 s=5 table #${rep}`,
      codes,
      d: c.model.width,
      constructMs: +tc.toFixed(1),
      certifyMs: +tv.toFixed(1),
      certifyCpuMs: +tvCpu.toFixed(1),
      totalMs: +(tc + tv).toFixed(1),
      certified: cert.certified,
      minMargin: cert.minMargin,
    });
  }
  times.sort((a, b) => a - b);
  console.error(`T=4096 s=5 ${codes}: median construct+certify ${times[Math.floor(times.length / 2)].toFixed(1)} ms`);
}

// 2. T = 2^20, s = 8, compact codes, both families; through a model file.
const dir = join(tmpdir(), `attn-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
for (const [fn, family] of [
  [`table:${randomTable(8, 7)}`, 'general'],
  ['majority', 'symmetric'],
] as const) {
  const T = 2 ** 20;
  const t0 = performance.now();
  const c = construct({ fn: fn as `table:${string}`, contextLength: T, sparsity: 8, seed: 1, codes: 'compact', margin: 1, family });
  const tc = ms(t0);
  const path = join(dir, `${family}.json`);
  const t1 = performance.now();
  writeModelFile(path, c.model);
  const tw = ms(t1);
  const size = statSync(path).size;
  const t2 = performance.now();
  const m = readModelFile(path);
  const tr = ms(t2);
  // certify: median CPU of `reps` runs (the issue-12 target is ≤ 2 s CPU), and as a ratio against a
  // baseline measured in the same run: the JavaScript sign-hash loop on the same q slice (what certify's
  // hot loop cost before the SIMD kernel).
  const reps = quick ? 1 : 3;
  const cpus: number[] = [];
  const walls: number[] = [];
  let cert = certify(m);
  for (let r = 0; r < reps; r++) {
    const t3 = performance.now();
    const c3 = process.cpuUsage();
    cert = certify(m);
    walls.push(ms(t3));
    cpus.push(cpuMs(c3));
  }
  const tv = median(walls);
  const tvCpu = median(cpus);
  const block = m.embedding.position.find((b) => b.kind === 'sign-hash');
  let baselineCpu = Number.NaN;
  if (block && block.kind === 'sign-hash') {
    const q = matVec(m.clsHeads[0].wQK, m.embedding.cls);
    const tables = signHashTables(q.subarray(block.column, block.column + block.width));
    const b0 = process.cpuUsage();
    signHashNegSumsJs(block.seed, m.contextLength, tables);
    baselineCpu = cpuMs(b0);
  }
  if (!cert.certified) throw new Error(`bench: T=2^20 ${family} not certified`);
  rows.push({
    case: `T=2^20 s=8 ${family}`,
    codes: 'compact',
    d: c.model.width,
    constructMs: +tc.toFixed(0),
    writeMs: +tw.toFixed(0),
    fileMiB: +(size / 2 ** 20).toFixed(1),
    readMs: +tr.toFixed(0),
    certifyMs: +tv.toFixed(0),
    certifyCpuMs: +tvCpu.toFixed(0),
    jsLoopBaselineCpuMs: +baselineCpu.toFixed(0),
    certifyOverBaseline: +(tvCpu / baselineCpu).toFixed(3),
    certified: cert.certified,
    minMargin: cert.minMargin,
    certifiedLowerBound: cert.certifiedLowerBound,
    slack: cert.slack,
    peakRssMiB: +maxRssMiB().toFixed(0),
  });
  console.error(
    `T=2^20 s=8 ${family}: certify ${(tvCpu / 1000).toFixed(2)} s CPU (median of ${reps}; target <= 2 s) = ${(tvCpu / baselineCpu).toFixed(3)} × the JavaScript sign-hash loop alone (${(baselineCpu / 1000).toFixed(2)} s, same run); wall ${tv.toFixed(0)} ms; construct ${tc.toFixed(0)} ms, read ${tr.toFixed(0)} ms, peak RSS ${maxRssMiB().toFixed(0)} MiB`,
  );
}
rmSync(dir, { recursive: true, force: true });

const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
console.log(`| ${keys.join(' | ')} |\n|${keys.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${keys.map((k) => String(r[k] ?? '')).join(' | ')} |`);
mkdirSync('bench/results', { recursive: true });
writeFileAtomic('bench/results/constructions-perf.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');

/**
 * Benchmark: write and read a model file at scale (issue 2: T = 65,536, d = 64 with a dense position
 * matrix, stored as packed float64le). Prints write/read seconds, file size, and the cost of the
 * first forward pass and of B_X on the loaded model.
 * Run: npx tsx bench/model-file-load.ts [T] [d]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomModel } from '../properties/arbitraries/model.js';
import { writeModelFile, readModelFile } from '../src/model/format.js';
import { forward } from '../src/model/forward.js';
import { maxEmbeddedRowNorm } from '../src/model/embed.js';
import { createRng } from '../src/core/rng.js';

const T = Number(process.argv[2] ?? 65_536);
const d = Number(process.argv[3] ?? 64);
if (!Number.isSafeInteger(T) || T < 1 || !Number.isSafeInteger(d) || d < 1) {
  process.stderr.write(`model-file-load: T and d must be integers >= 1 (got ${process.argv[2]}, ${process.argv[3]})\n`);
  process.exit(2);
}

const seconds = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(3);

let t0 = performance.now();
const model = randomModel({ seed: 65536, contextLength: T, width: d, layers: 0, clsHeads: 1, readoutDepth: 2 }, { positionKinds: ['dense'], positionBlocks: 1, headDim: 4, target: 'never' });
console.log(`build   T = ${T}, d = ${d}: ${seconds(t0)} s`);

const dir = mkdtempSync(join(tmpdir(), 'attn-bench-'));
const path = join(dir, 'large.json');
try {
  t0 = performance.now();
  writeModelFile(path, model);
  console.log(`write   ${seconds(t0)} s`);
  console.log(`size    ${(statSync(path).size / 2 ** 20).toFixed(1)} MiB (${statSync(path).size} bytes)`);
  t0 = performance.now();
  const back = readModelFile(path);
  console.log(`read    ${seconds(t0)} s (parse + zod + decode + checks)`);
  const rng = createRng(1);
  const bits = Uint8Array.from({ length: T }, () => rng.bit());
  t0 = performance.now();
  const f = forward(back, bits);
  console.log(`forward ${seconds(t0)} s (one [CLS] head, f(b) = ${f.toPrecision(6)}, equal to in-memory: ${f === forward(model, bits)})`);
  t0 = performance.now();
  const bx = maxEmbeddedRowNorm(back.embedding, T);
  console.log(`B_X     ${seconds(t0)} s (B_X = ${bx.toPrecision(6)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

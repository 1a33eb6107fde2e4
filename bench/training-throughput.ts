/**
 * Training throughput of the tfjs models (issue 5, performance): samples/s and achieved GFLOP/s of full
 * training steps (forward, backward, Adam) at T = 64, 128, 256, beside the float32 2-D matmul peak
 * measured in the same run on the same backend.
 *
 *   npx tsx bench/training-throughput.ts [--backend wasm|cpu|node] [--steps N] [--batch B] [--width d]
 *
 * FLOP model (proofs-notes/def-tfjs-export.md, fast path): a forward pass costs per sample
 * 2·H·T·d (attention-weighted E_pos) + 2·H·d² (values) + 2·d² + 2·d (readout) + 12·H·T (scores,
 * softmax, sums); a training step counts 3x the forward (backward ≈ 2x forward). MLP: 2·(T·r + r² + r)
 * per forward, same 3x. Achieved GFLOP/s = model FLOPs / wall time (so overheads lower it).
 */
import { performance } from 'node:perf_hooks';
import { initBackend, tf } from '../src/experiments/backend.js';
import { buildTransformer } from '../src/experiments/tf-transformer.js';
import { buildMlp } from '../src/experiments/tf-mlp.js';
import { logisticLoss } from '../src/experiments/train.js';
import type { TfModel } from '../src/experiments/tf-init.js';
import { createRng } from '../src/core/rng.js';
import { BACKENDS, type BackendName } from '../src/experiments/backend-names.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${name} must be an integer >= 1 (got ${process.argv[i + 1]})`);
  return v;
}
const bi = process.argv.indexOf('--backend');
const requested = bi >= 0 ? (process.argv[bi + 1] as BackendName) : undefined;
if (requested !== undefined && !BACKENDS.includes(requested)) throw new Error(`--backend must be one of ${BACKENDS.join('|')}`);
const STEPS = flag('--steps', 100);
const B = flag('--batch', 64);
const D = flag('--width', 64);
const H = 1;

const backend = await initBackend(requested);

/** Float32 2-D matmul peak: best GFLOP/s over sizes 256, 512, 1024. */
function matmulPeak(): { size: number; gflops: number }[] {
  const out: { size: number; gflops: number }[] = [];
  for (const n of [256, 512, 1024]) {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
    const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
    tf.matMul(a, b).dispose(); // warm-up
    const reps = n >= 1024 ? 5 : n >= 512 ? 20 : 60;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }
    const sec = (performance.now() - t0) / 1000;
    out.push({ size: n, gflops: (reps * 2 * n ** 3) / sec / 1e9 });
    a.dispose();
    b.dispose();
  }
  return out;
}

function transformerFlops(T: number): number {
  return 3 * (2 * H * T * D + 2 * H * D * D + 2 * D * D + 2 * D + 12 * H * T);
}
function mlpFlops(T: number): number {
  return 3 * 2 * (T * D + D * D + D);
}

/** Time `STEPS` Adam steps on fixed random batches (after 10 warm-up steps). */
function timeTraining(net: TfModel, T: number): number {
  const rng = createRng(T);
  const batches = Array.from({ length: 8 }, () => {
    const bits = new Float32Array(B * T);
    for (let i = 0; i < bits.length; i++) bits[i] = rng.bit();
    const labels = new Float32Array(B);
    for (let i = 0; i < B; i++) labels[i] = rng.bit() ? 1 : -1;
    return { x: tf.tensor2d(bits, [B, T]), y: tf.tensor1d(labels) };
  });
  const opt = tf.train.adam(0.003);
  const step = (i: number) => {
    const { x, y } = batches[i % batches.length];
    const loss = opt.minimize(() => logisticLoss(net.predict(x as tf.Tensor2D), y as tf.Tensor1D), true, net.variables as tf.Variable[]);
    loss?.dataSync(); // synchronise, as the trainer's early-stop check does
    loss?.dispose();
  };
  for (let i = 0; i < 10; i++) step(i);
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) step(i);
  const sec = (performance.now() - t0) / 1000;
  opt.dispose();
  for (const b of batches) {
    b.x.dispose();
    b.y.dispose();
  }
  return (STEPS * B) / sec;
}

const peak = matmulPeak();
const best = Math.max(...peak.map((p) => p.gflops));
console.log(`backend ${backend}; float32 2-D matmul: ${peak.map((p) => `${p.size}: ${p.gflops.toFixed(1)} GFLOP/s`).join(', ')}`);
console.log(`training: batch ${B}, d = ${D}, H = ${H}, ${STEPS} timed Adam steps each\n`);
console.log('model        T    samples/s   GFLOP/s   % of matmul peak');
const rows: unknown[] = [];
for (const T of [64, 128, 256]) {
  for (const kind of ['transformer', 'mlp'] as const) {
    const rng = createRng(1);
    const net = kind === 'transformer' ? buildTransformer(rng, { contextLength: T, width: D, heads: H, layers: 1 }) : buildMlp(rng, T, D);
    const sps = timeTraining(net, T);
    const gf = (sps * (kind === 'transformer' ? transformerFlops(T) : mlpFlops(T))) / 1e9;
    console.log(`${kind.padEnd(12)} ${String(T).padEnd(4)} ${sps.toFixed(0).padStart(9)}   ${gf.toFixed(2).padStart(7)}   ${((100 * gf) / best).toFixed(1).padStart(6)}%`);
    rows.push({ kind, T, samplesPerSecond: sps, gflops: gf });
    net.dispose();
  }
}
console.log(JSON.stringify({ backend, batch: B, width: D, heads: H, steps: STEPS, matmulPeak: peak, rows }));

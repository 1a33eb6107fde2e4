/**
 * Training throughput (issue 10 §1): samples/s of full training steps (batch sampling, forward, backward,
 * Adam) of the one-layer [CLS] Transformer at T = 64, 128, 256 (d = 64, B = 64, H = 1), for
 *   numpy — ../shared/bench/numpy_cls_step.py, one BLAS thread (the same model written the efficient way;
 *           its readout is wider, 4d),
 *   fused — our fused step (src/experiments/fast/fused-cls.ts, what trainRun uses by default),
 *   tfjs  — our tfjs autodiff step (trainRun with trainer 'tfjs'),
 * interleaved (numpy, fused, tfjs, numpy, ...) `--reps` times, with ratios of medians measured in the same
 * run. Also the float32 2-D matmul peak of the tfjs backend, and achieved GFLOP/s by the FLOP model below.
 * The last line is JSON.
 *
 *   npx tsx bench/training-throughput.ts [--backend wasm|cpu|node] [--steps N] [--reps R] [--batch B] [--width d]
 *
 * FLOP model (proofs-notes/alg-fused-cls-step.md §Cost): a step costs 2·(3·B·H·T·d + 3·B·H·d² + 3·B·d²)
 * FLOPs in its matrix products (forward 1/3, backward 2/3); the O(B·H·T) softmax work is not counted.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { initBackend, tf } from '../src/experiments/backend.js';
import { buildTransformer } from '../src/experiments/tf-transformer.js';
import { logisticLoss } from '../src/experiments/train.js';
import { createRng } from '../src/core/rng.js';
import { BACKENDS, type BackendName } from '../src/experiments/backend-names.js';
import { BatchSampler } from '../src/experiments/fast/batches.js';
import { clsLayout, FusedCls } from '../src/experiments/fast/fused-cls.js';
import { packVariables } from '../src/experiments/fast/fused-train.js';
import { flatAdam } from '../src/experiments/fast/optimizers.js';
import type { Dataset } from '../src/experiments/tasks.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`training-throughput: ${name} must be an integer >= 1 (got ${process.argv[i + 1]})`);
  return v;
}
const bi = process.argv.indexOf('--backend');
const requested = bi >= 0 ? (process.argv[bi + 1] as BackendName) : undefined;
if (requested !== undefined && !BACKENDS.includes(requested)) throw new Error(`training-throughput: --backend must be one of ${BACKENDS.join('|')} (got ${requested})`);
const STEPS = flag('--steps', 200);
const REPS = flag('--reps', 3);
const B = flag('--batch', 64);
const D = flag('--width', 64);
const H = 1;
const TS = [64, 128, 256];
const M = 4096; // training-set rows, as numpy_cls_step.py
const NUMPY = fileURLToPath(new URL('../../shared/bench/numpy_cls_step.py', import.meta.url));

const backend = await initBackend(requested);

/** Float32 2-D matmul peak of the backend: GFLOP/s at sizes 256, 512, 1024. */
function matmulPeak(): { size: number; gflops: number }[] {
  const out: { size: number; gflops: number }[] = [];
  for (const n of [256, 512, 1024]) {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
    const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
    tf.matMul(a, b).dispose();
    const reps = n >= 1024 ? 5 : n >= 512 ? 20 : 60;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }
    out.push({ size: n, gflops: (reps * 2 * n ** 3) / ((performance.now() - t0) / 1000) / 1e9 });
    a.dispose();
    b.dispose();
  }
  return out;
}

function stepFlops(T: number): number {
  return 2 * (3 * B * H * T * D + 3 * B * H * D * D + 3 * B * D * D);
}

function dataset(T: number): Dataset {
  const rng = createRng(1000 + T);
  const bits = Uint8Array.from({ length: M * T }, () => rng.bit());
  const labels = Float32Array.from({ length: M }, () => (rng.bit() ? 1 : -1));
  return { size: M, contextLength: T, bits, labels };
}

/** numpy_cls_step.py's samples/s at T (one BLAS thread; its own timer around its step loop). */
function numpyRate(T: number): number {
  const out = execFileSync('python3', [NUMPY, '--T', String(T), '--B', String(B), '--d', String(D), '--steps', String(STEPS), '--threads', '1'], { encoding: 'utf8' });
  const row = JSON.parse(out.trim().split('\n').at(-1)!) as { samples_per_s: number };
  return row.samples_per_s;
}

/** Our fused step (what trainRun runs): sample a batch, loss and gradient, Adam; 10 warm-up steps. */
function fusedRate(T: number, data: Dataset): number {
  const net = buildTransformer(createRng(1), { contextLength: T, width: D, heads: H, layers: 1 });
  const L = clsLayout(T, D, H);
  const theta = packVariables(net.variables, L.size);
  net.dispose();
  const sampler = new BatchSampler(1, data, B);
  const ws = new FusedCls(L, B);
  const opt = flatAdam(L.size, 0.003);
  const bits = new Uint8Array(B * T);
  const labels = new Float32Array(B);
  const step = () => {
    sampler.next(bits, labels);
    ws.lossAndGrad(theta, bits, labels, B);
    opt.step(theta, ws.grad);
  };
  for (let i = 0; i < 10; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) step();
  return (STEPS * B) / ((performance.now() - t0) / 1000);
}

/** Our tfjs autodiff step (trainRun's 'tfjs' trainer): sample a batch, minimize, no host read; 10 warm-up steps. */
function tfjsRate(T: number, data: Dataset): number {
  const net = buildTransformer(createRng(1), { contextLength: T, width: D, heads: H, layers: 1 });
  const opt = tf.train.adam(0.003);
  const sampler = new BatchSampler(1, data, B);
  const bits = new Float32Array(B * T);
  const labels = new Float32Array(B);
  const step = () => {
    sampler.next(bits, labels);
    tf.tidy(() => {
      const x = tf.tensor2d(bits, [B, T]);
      const y = tf.tensor1d(labels);
      opt.minimize(() => logisticLoss(net.predict(x), y), false, net.variables as tf.Variable[]);
    });
  };
  for (let i = 0; i < 10; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) step();
  const sps = (STEPS * B) / ((performance.now() - t0) / 1000);
  opt.dispose();
  net.dispose();
  return sps;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const peak = matmulPeak();
const best = Math.max(...peak.map((p) => p.gflops));
console.log(`backend ${backend}; float32 2-D matmul: ${peak.map((p) => `${p.size}: ${p.gflops.toFixed(1)} GFLOP/s`).join(', ')}`);
console.log(`batch ${B}, d = ${D}, H = 1, L = 1, ${STEPS} timed steps, ${REPS} interleaved repetitions (numpy, fused, tfjs); medians\n`);
console.log('T     numpy/s   fused/s    tfjs/s   fused/numpy (worst pair)  tfjs/numpy  fused/tfjs  fused GFLOP/s (% of peak)');
// One discarded pass per trainer first, so that V8's optimizing tiers (JS and wasm) are in place before
// the first timed repetition (a training run takes 2000 steps; the steady state is what it sees).
fusedRate(TS[0], dataset(TS[0]));
tfjsRate(TS[0], dataset(TS[0]));
const rows: unknown[] = [];
for (const T of TS) {
  const data = dataset(T);
  const np: number[] = [];
  const fu: number[] = [];
  const tj: number[] = [];
  for (let r = 0; r < REPS; r++) {
    np.push(numpyRate(T));
    fu.push(fusedRate(T, data));
    tj.push(tfjsRate(T, data));
  }
  const [n, f, t] = [median(np), median(fu), median(tj)];
  const gf = ((f / B) * stepFlops(T)) / 1e9;
  const worstPair = Math.min(...fu.map((x, i) => x / np[i])); // each repetition's fused / the numpy run just before it
  console.log(
    `${String(T).padEnd(4)} ${n.toFixed(0).padStart(9)} ${f.toFixed(0).padStart(9)} ${t.toFixed(0).padStart(9)}   ${(f / n).toFixed(2).padStart(9)} (${worstPair.toFixed(2)})      ${(t / n).toFixed(2).padStart(9)}  ${(f / t).toFixed(2).padStart(9)}   ${gf.toFixed(2)} (${((100 * gf) / best).toFixed(1)}%)`,
  );
  rows.push({
    T,
    numpy: np,
    fused: fu,
    tfjs: tj,
    median: { numpy: n, fused: f, tfjs: t },
    ratio: { fusedOverNumpy: f / n, fusedOverNumpyWorstPair: worstPair, tfjsOverNumpy: t / n, fusedOverTfjs: f / t },
    fusedGflops: gf,
  });
}
console.log(JSON.stringify({ bench: 'training-throughput', backend, batch: B, width: D, heads: H, steps: STEPS, reps: REPS, matmulPeak: peak, rows }));

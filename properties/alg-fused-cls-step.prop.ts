/**
 * alg-fused-cls-step: the fused one-layer [CLS] step (src/experiments/fast/fused-cls.ts) computes the
 * tfjs model's outputs, logistic loss and the gradient of every variable, checked against tfjs autodiff
 * (tf.variableGrads of tf-transformer.ts's model) on random shapes (T, d, H, B), weights scaled so that
 * attention is far from uniform, inputs and labels; within FUSED_GRAD_TOL. A mutant that drops the
 * softmax Jacobian's centering term is rejected by the same check. The flat optimizers replay tfjs's
 * Adam, SGD and momentum updates on random gradient sequences. Note: proofs-notes/alg-fused-cls-step.md.
 */
import { beforeAll, describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { arbSeed } from './arbitraries/index.js';
import { createRng } from '../src/core/rng.js';
import { REL_TOL_FLOAT32, ABS_TOL_FLOAT32, close } from '../src/core/tolerances.js';
import { initBackend, tf } from '../src/experiments/backend.js';
import { buildTransformer } from '../src/experiments/tf-transformer.js';
import { logisticLoss } from '../src/experiments/train.js';
import { clsLayout, FusedCls, FUSED_GRAD_TOL, type FusedClsOptions } from '../src/experiments/fast/fused-cls.js';
import { packVariables } from '../src/experiments/fast/fused-train.js';
import { FusedMlp, mlpLayout } from '../src/experiments/fast/fused-mlp.js';
import { buildMlp } from '../src/experiments/tf-mlp.js';
import { flatAdam, flatMomentum, flatSgd, type FlatOptimizer } from '../src/experiments/fast/optimizers.js';

beforeAll(async () => {
  await initBackend();
}, 60_000);

interface Shape {
  seed: number;
  T: number;
  d: number;
  H: number;
  B: number;
  scale: number;
}

/** Central differences (step 1e-5, float64) agree with an exact gradient to O(h²·|∂³L|) + rounding ≈ 1e-7 here. */
const FD_TOL = 1e-5;

/**
 * The first disagreement between the fused step and tfjs autodiff (outputs, loss, any gradient entry
 * within FUSED_GRAD_TOL of the largest tfjs gradient entry), or with central differences when fdCheck; or null.
 */
function firstDisagreement(s: Shape, opts: FusedClsOptions = {}, fdCheck = false): string | null {
  const rng = createRng(s.seed);
  const net = buildTransformer(rng, { contextLength: s.T, width: s.d, heads: s.H, layers: 1 });
  try {
    for (const v of net.variables) v.assign(tf.mul(v, s.scale));
    // biases start at 0: give them values too, so their gradients and the ReLU mask are exercised
    for (const v of [net.weights.c1, net.weights.c2])
      v.assign(
        tf.tensor(
          Float32Array.from({ length: v.size }, () => 0.5 * rng.normal()),
          v.shape,
        ),
      );
    const bits = Uint8Array.from({ length: s.B * s.T }, () => rng.bit());
    const labels = Float32Array.from({ length: s.B }, () => (rng.bit() ? 1 : -1));
    const L = clsLayout(s.T, s.d, s.H);
    const ws = new FusedCls(L, s.B, opts);
    const theta = ws.theta;
    theta.set(packVariables(net.variables, L.size));
    const out = new Float64Array(s.B);
    ws.predict(theta, bits, 0, s.B, out);
    const loss = ws.lossAndGrad(theta, bits, labels, s.B);
    const x = tf.tensor2d(Float32Array.from(bits), [s.B, s.T]);
    const y = tf.tensor1d(labels);
    try {
      const tfOut = tf.tidy(() => net.predict(x)).dataSync();
      for (let i = 0; i < s.B; i++) if (!close(out[i], tfOut[i], REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `output ${i}: fused ${out[i]} vs tfjs ${tfOut[i]}`;
      const { value, grads } = tf.variableGrads(() => logisticLoss(net.predict(x), y), net.variables as tf.Variable[]);
      const tfLoss = value.dataSync()[0];
      if (!close(loss, tfLoss, REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `loss: fused ${loss} vs tfjs ${tfLoss}`;
      const all = net.variables.map((v) => grads[v.name].dataSync());
      let scale = 0;
      for (const g of all) for (let i = 0; i < g.length; i++) scale = Math.max(scale, Math.abs(g[i]));
      const tol = FUSED_GRAD_TOL.rel * scale + FUSED_GRAD_TOL.abs;
      let o = 0;
      for (const [k, v] of net.variables.entries()) {
        const g = all[k];
        for (let i = 0; i < g.length; i++) {
          if (!(Math.abs(ws.grad[o + i] - g[i]) <= tol)) return `gradient of ${v.name} [${i}]: fused ${ws.grad[o + i]} vs tfjs ${g[i]} (tolerance ${tol})`;
        }
        o += g.length;
      }
      if (fdCheck) {
        // float64 central differences of the fused loss: a sharp referee where float32 autodiff is coarse
        const h = 1e-5;
        const grad = Float64Array.from(ws.grad);
        for (let i = 0; i < L.size; i++) {
          const t = Float64Array.from(theta);
          t[i] += h;
          const up = ws.lossAndGrad(t, bits, labels, s.B);
          t[i] -= 2 * h;
          const down = ws.lossAndGrad(t, bits, labels, s.B);
          const fd = (up - down) / (2 * h);
          if (!(Math.abs(fd - grad[i]) <= FD_TOL * (1 + Math.abs(fd)))) return `θ[${i}]: fused gradient ${grad[i]} vs central difference ${fd}`;
        }
      }
      tf.dispose([value, ...Object.values(grads)]);
      return null;
    } finally {
      x.dispose();
      y.dispose();
    }
  } finally {
    net.dispose();
  }
}

const arbShape = fc.record({
  seed: arbSeed(),
  T: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 9 }),
  H: fc.integer({ min: 1, max: 3 }),
  B: fc.integer({ min: 1, max: 9 }),
  scale: fc.double({ min: 0.25, max: 2.5, noNaN: true }),
});

describe('alg-fused-cls-step: fused loss and gradients = tfjs autodiff (FUSED_GRAD_TOL)', () => {
  test.prop([arbShape], { seed: 20261201, numRuns: 120 })('outputs, loss and every gradient agree on random shapes, weights, inputs, labels', (s) => {
    expect(firstDisagreement(s)).toBeNull();
  });

  test.prop([arbShape], { seed: 20261202, numRuns: 40 })('the fused gradient equals float64 central differences of the fused loss', (s) => {
    expect(firstDisagreement(s, {}, true)).toBeNull();
  });

  test.prop([arbShape], { seed: 20261203, numRuns: 60 })('the wasm SIMD and the JS kernels give bit-identical outputs, loss and gradient', (s) => {
    const rng = createRng(s.seed);
    const L = clsLayout(s.T, 4 * s.d, s.H); // widths ≥ 4 so that the 4×4 wasm blocks run
    const bits = Uint8Array.from({ length: 4 * s.B * s.T }, () => rng.bit());
    const labels = Float32Array.from({ length: 4 * s.B }, () => (rng.bit() ? 1 : -1));
    const theta = Float64Array.from({ length: L.size }, () => (s.scale * rng.normal()) / Math.sqrt(4 * s.d));
    const run = (wasm: boolean) => {
      const ws = new FusedCls(L, 4 * s.B, { wasm });
      ws.theta.set(theta);
      const loss = ws.lossAndGrad(ws.theta, bits, labels, 4 * s.B);
      const out = new Float64Array(4 * s.B);
      ws.predict(ws.theta, bits, 0, 4 * s.B, out);
      return { loss, grad: Array.from(ws.grad), out: Array.from(out) };
    };
    expect(run(true)).toEqual(run(false));
  });

  test.prop([arbSeed()], { seed: 11, numRuns: 10 })('mutation: dropping the softmax Jacobian centering term is caught', (seed) => {
    const s = { seed, T: 8, d: 6, H: 2, B: 6, scale: 1 };
    expect(firstDisagreement(s)).toBeNull();
    expect(firstDisagreement(s, { softmaxCentering: false })).toMatch(/^gradient of/);
  });
});

/**
 * The first disagreement between the fused MLP step and tfjs autodiff of buildMlp's model (outputs, loss,
 * gradients within FUSED_GRAD_TOL), or null; `transposeW2` packs W₂ transposed (a layout mutant).
 */
function mlpDisagreement(seed: number, T: number, r: number, B: number, scale: number, transposeW2 = false): string | null {
  const rng = createRng(seed);
  const net = buildMlp(rng, T, r);
  try {
    for (const v of net.variables)
      v.assign(
        tf.add(
          tf.mul(v, scale),
          tf.tensor(
            Float32Array.from({ length: v.size }, () => 0.1 * rng.normal()),
            v.shape,
          ),
        ),
      );
    const bits = Uint8Array.from({ length: B * T }, () => rng.bit());
    const labels = Float32Array.from({ length: B }, () => (rng.bit() ? 1 : -1));
    const L = mlpLayout(T, r);
    const ws = new FusedMlp(L, B);
    ws.theta.set(packVariables(net.variables, L.size));
    if (transposeW2) {
      const w = ws.theta.slice(L.w2, L.w2 + r * r);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) ws.theta[L.w2 + j * r + i] = w[i * r + j];
    }
    const out = new Float64Array(B);
    ws.predict(ws.theta, bits, 0, B, out);
    const loss = ws.lossAndGrad(ws.theta, bits, labels, B);
    const x = tf.tensor2d(Float32Array.from(bits), [B, T]);
    const y = tf.tensor1d(labels);
    try {
      const tfOut = tf.tidy(() => net.predict(x)).dataSync();
      for (let i = 0; i < B; i++) if (!close(out[i], tfOut[i], REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `output ${i}: fused ${out[i]} vs tfjs ${tfOut[i]}`;
      const { value, grads } = tf.variableGrads(() => logisticLoss(net.predict(x), y), net.variables as tf.Variable[]);
      if (!close(loss, value.dataSync()[0], REL_TOL_FLOAT32, ABS_TOL_FLOAT32)) return `loss: fused ${loss} vs tfjs ${value.dataSync()[0]}`;
      const all = net.variables.map((v) => grads[v.name].dataSync());
      let G = 0;
      for (const g of all) for (let i = 0; i < g.length; i++) G = Math.max(G, Math.abs(g[i]));
      const tol = FUSED_GRAD_TOL.rel * G + FUSED_GRAD_TOL.abs;
      let o = 0;
      for (const [k, g] of all.entries()) {
        for (let i = 0; i < g.length; i++) if (!(Math.abs(ws.grad[o + i] - g[i]) <= tol)) return `gradient of variable ${k} [${i}]: fused ${ws.grad[o + i]} vs tfjs ${g[i]}`;
        o += g.length;
      }
      tf.dispose([value, ...Object.values(grads)]);
      return null;
    } finally {
      x.dispose();
      y.dispose();
    }
  } finally {
    net.dispose();
  }
}

const arbMlp = fc.record({
  seed: arbSeed(),
  T: fc.integer({ min: 1, max: 12 }),
  r: fc.integer({ min: 1, max: 10 }),
  B: fc.integer({ min: 1, max: 9 }),
  scale: fc.double({ min: 0.25, max: 2.5, noNaN: true }),
});

describe('alg-fused-cls-step §MLP: fused MLP loss and gradients = tfjs autodiff (FUSED_GRAD_TOL)', () => {
  test.prop([arbMlp], { seed: 20261204, numRuns: 100 })('outputs, loss and every gradient agree', ({ seed, T, r, B, scale }) => {
    expect(mlpDisagreement(seed, T, r, B, scale)).toBeNull();
  });

  test.prop([arbSeed()], { seed: 12, numRuns: 10 })('mutation: W₂ packed transposed is caught', (seed) => {
    expect(mlpDisagreement(seed, 6, 5, 6, 1)).toBeNull();
    expect(mlpDisagreement(seed, 6, 5, 6, 1, true)).not.toBeNull();
  });

  test.prop([arbMlp], { seed: 20261205, numRuns: 40 })('the wasm SIMD and the JS kernels give bit-identical MLP outputs, loss and gradient', ({ seed, T, r, B }) => {
    const rng = createRng(seed);
    const L = mlpLayout(4 * T, 4 * r);
    const bits = Uint8Array.from({ length: 4 * B * 4 * T }, () => rng.bit());
    const labels = Float32Array.from({ length: 4 * B }, () => (rng.bit() ? 1 : -1));
    const theta = Float64Array.from({ length: L.size }, () => rng.normal() / Math.sqrt(4 * r));
    const run = (wasm: boolean) => {
      const ws = new FusedMlp(L, 4 * B, { wasm });
      ws.theta.set(theta);
      const loss = ws.lossAndGrad(ws.theta, bits, labels, 4 * B);
      return { loss, grad: Array.from(ws.grad) };
    };
    expect(run(true)).toEqual(run(false));
  });
});

/** Run `steps` updates of a tfjs optimizer and of a flat one on the same gradients; the largest difference. */
function optimizerGap(make: () => { tfOpt: tf.Optimizer; flat: FlatOptimizer }, init: Float32Array, grads: Float32Array[]): number {
  const { tfOpt, flat } = make();
  const v = tf.variable(tf.tensor1d(init));
  const theta = Float64Array.from(init);
  for (const g of grads) {
    const gt = tf.tensor1d(g);
    tfOpt.applyGradients({ [v.name]: gt });
    gt.dispose();
    flat.step(theta, Float64Array.from(g));
  }
  const got = v.dataSync();
  let gap = 0;
  for (let i = 0; i < init.length; i++) gap = Math.max(gap, Math.abs(got[i] - theta[i]) / (1 + Math.abs(theta[i])));
  v.dispose();
  tfOpt.dispose();
  return gap;
}

const arbRun = fc.record({
  seed: arbSeed(),
  n: fc.integer({ min: 1, max: 20 }),
  steps: fc.integer({ min: 1, max: 6 }),
  lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
  mu: fc.double({ min: 0, max: 0.99, noNaN: true }),
});

describe('alg-fused-cls-step: flat optimizers = tfjs optimizers', () => {
  test.prop([arbRun], { seed: 5, numRuns: 60 })('Adam, SGD, momentum and Nesterov momentum agree within float32 tolerance', ({ seed, n, steps, lr, mu }) => {
    const rng = createRng(seed);
    const init = Float32Array.from({ length: n }, () => rng.normal());
    const grads = Array.from({ length: steps }, () => Float32Array.from({ length: n }, () => rng.normal() * 10 ** rng.int(-3, 1)));
    expect(optimizerGap(() => ({ tfOpt: tf.train.adam(lr), flat: flatAdam(n, lr) }), init, grads)).toBeLessThan(REL_TOL_FLOAT32);
    expect(optimizerGap(() => ({ tfOpt: tf.train.sgd(lr), flat: flatSgd(n, lr) }), init, grads)).toBeLessThan(REL_TOL_FLOAT32);
    expect(optimizerGap(() => ({ tfOpt: tf.train.momentum(lr, mu), flat: flatMomentum(n, lr, mu) }), init, grads)).toBeLessThan(REL_TOL_FLOAT32);
    expect(optimizerGap(() => ({ tfOpt: tf.train.momentum(lr, mu, true), flat: flatMomentum(n, lr, mu, true) }), init, grads)).toBeLessThan(REL_TOL_FLOAT32);
  });

  test.prop([arbRun], { seed: 6, numRuns: 20 })('mutation: Adam without bias correction is caught', ({ seed, n }) => {
    const lr = 0.05;
    const rng = createRng(seed);
    const init = Float32Array.from({ length: n }, () => rng.normal());
    const grads = [Float32Array.from({ length: n }, () => 1 + rng.float())];
    const noCorrection = flatAdam(n, lr, 0.9, 0.999, 1e-7, { biasCorrection: false });
    expect(optimizerGap(() => ({ tfOpt: tf.train.adam(lr), flat: noCorrection }), init, grads)).toBeGreaterThan(REL_TOL_FLOAT32);
  });
});

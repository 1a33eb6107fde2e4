/**
 * Elementwise optimizers on a flat parameter vector θ, with tfjs's update formulas (tfjs-core 4.22
 * optimizers), kept apart from the gradient computation so any of them drives the fused step
 * (proofs-notes/alg-fused-cls-step.md §Optimizer). State is float64.
 */
import { domainError } from '../../core/errors.js';

/** An optimizer that updates θ in place from its gradient. */
export interface FlatOptimizer {
  /** One update θ ← θ − (rule)(g). θ and g have the length given at construction. */
  step(theta: Float64Array, grad: Float64Array): void;
}

function checkRate(fn: string, lr: number): void {
  if (!Number.isFinite(lr) || lr <= 0) throw domainError(fn, 'learningRate', 'a finite number > 0', lr);
}

/**
 * Adam as tf.train.adam(lr, β₁, β₂, ε): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← θ − lr·(m/(1−β₁^t)) / (√(v/(1−β₂^t)) + ε). ε defaults to tfjs's float32 backend epsilon 1e-7.
 * opts.biasCorrection false (a mutant for the properties) drops the 1/(1−β^t) factors.
 * Throws DomainError for a bad rate or size.
 */
export function flatAdam(size: number, learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, opts: { readonly biasCorrection?: boolean } = {}): FlatOptimizer {
  const correct = opts.biasCorrection ?? true;
  checkRate('flatAdam', learningRate);
  if (!Number.isSafeInteger(size) || size < 1) throw domainError('flatAdam', 'size', 'an integer >= 1', size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let acc1 = beta1;
  let acc2 = beta2;
  return {
    step(theta, g) {
      const c1 = correct ? 1 - acc1 : 1;
      const c2 = correct ? 1 - acc2 : 1;
      for (let i = 0; i < size; i++) {
        const gi = g[i];
        const mi = beta1 * m[i] + (1 - beta1) * gi;
        const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        theta[i] -= (learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
      }
      acc1 *= beta1;
      acc2 *= beta2;
    },
  };
}

/** Plain SGD as tf.train.sgd(lr): θ ← θ − lr·g. */
export function flatSgd(size: number, learningRate: number): FlatOptimizer {
  checkRate('flatSgd', learningRate);
  return {
    step(theta, g) {
      for (let i = 0; i < size; i++) theta[i] -= learningRate * g[i];
    },
  };
}

/**
 * SGD with momentum as tf.train.momentum(lr, μ, nesterov): a ← μa + g; θ ← θ − lr·a, or with Nesterov
 * θ ← θ − lr·(μa + g). Throws DomainError for a bad rate or momentum.
 */
export function flatMomentum(size: number, learningRate: number, momentum: number, nesterov = false): FlatOptimizer {
  checkRate('flatMomentum', learningRate);
  if (!Number.isFinite(momentum) || momentum < 0) throw domainError('flatMomentum', 'momentum', 'a finite number >= 0', momentum);
  const a = new Float64Array(size);
  return {
    step(theta, g) {
      for (let i = 0; i < size; i++) {
        const ai = momentum * a[i] + g[i];
        a[i] = ai;
        theta[i] -= learningRate * (nesterov ? momentum * ai + g[i] : ai);
      }
    },
  };
}

/** Decoupled weight decay (AdamW's second half): θ_i ← factor·θ_i on every [start, end) range. */
export function applyDecay(theta: Float64Array, ranges: readonly (readonly [number, number])[], factor: number): void {
  for (const [s, e] of ranges) for (let i = s; i < e; i++) theta[i] *= factor;
}

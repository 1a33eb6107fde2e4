/**
 * Optimizers and learning-rate schedules of a training run (proofs-notes/alg-sample-complexity.md
 * §5). The update rules, with g the mini-batch gradient at w, η_t the scheduled rate at step t,
 * λ = weightDecay and D the decayed variables (weights and embeddings, never biases):
 * - adam: tfjs's Adam (β₁ = 0.9, β₂ = 0.999, ε = the backend's float32 epsilon), no decay;
 * - adamw: the same Adam step, then w ← (1 − η·λ) w on D (decoupled decay, unchanged since protocol 1);
 * - sgd: w ← w − η_t (g + λ·w·[w ∈ D])  (L2-coupled decay: PyTorch's SGD weight_decay convention);
 * - sgd-momentum: v ← μ v − η_t (g + λ·w·[w ∈ D]); w ← w + v  (Keras's SGD(momentum) convention, the
 *   one Trauger & Tewari ran; v starts at 0).
 * Schedule (sgd family only): η_t = max(lrFloor, learningRate · lrDecay^⌊t / E⌋) with t the 0-based step
 * and E = ⌈m / min(batch, m)⌉ the steps of one epoch; Adam keeps η constant.
 * The pure update rule `applyUpdateRule` works on Float32Arrays so a fused fast path can reuse it; the
 * tfjs trainer `makeTrainer` applies the same rule with tensor kernels.
 */
import { tf } from './backend.js';
import type { TrainConfig } from './config.js';

/** Steps of one epoch: ⌈m / min(batch, m)⌉ (the epoch of the lr schedule; in fresh mode m is nominal). */
export function stepsPerEpoch(c: Pick<TrainConfig, 'sampleSize' | 'batchSize'>): number {
  return Math.ceil(c.sampleSize / Math.min(c.batchSize, c.sampleSize));
}

/**
 * The learning rate of the 0-based step t: constant for adam/adamw, else
 * max(lrFloor, learningRate · lrDecay^⌊t / stepsPerEpoch⌋).
 */
export function learningRateAt(c: TrainConfig, step: number): number {
  if (c.optimizer === 'adam' || c.optimizer === 'adamw') return c.learningRate;
  const decay = c.lrDecay ?? 1;
  if (decay === 1) return c.learningRate;
  const epoch = Math.floor(step / stepsPerEpoch(c));
  return Math.max(c.lrFloor ?? 0, c.learningRate * Math.pow(decay, epoch));
}

/** Parameters of one SGD-family update. */
export interface SgdStep {
  /** η_t. */
  readonly lr: number;
  /** μ (0 for plain SGD). */
  readonly momentum: number;
  /** λ applied to this variable (0 when it is not decayed). */
  readonly weightDecay: number;
}

/**
 * The SGD-family update rule on raw arrays, in place: with g' = g + λ w, plain SGD (momentum 0 and no
 * velocity) does w ← w − η g'; with a velocity array, v ← μ v − η g', w ← w + v. The reference the tfjs
 * trainer is tested against, and what a fused fast path applies to its own gradient buffers.
 */
export function applyUpdateRule(w: Float32Array, g: Float32Array, velocity: Float32Array | null, p: SgdStep): void {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] + p.weightDecay * w[i];
    if (velocity) {
      velocity[i] = p.momentum * velocity[i] - p.lr * gi;
      w[i] += velocity[i];
    } else w[i] -= p.lr * gi;
  }
}

/** One run's optimizer: `step(loss, t)` takes the gradient step t (0-based) on the model's variables. */
export interface Trainer {
  /** Minimize the scalar loss by one step with the schedule's rate at step t (tensors it makes are freed). */
  step(loss: () => tf.Scalar, t: number): void;
  /** Free the optimizer's state. */
  dispose(): void;
}

/**
 * Build the trainer of a config for these variables (`decayed` ⊂ `variables` get weight decay).
 * Adam/AdamW are exactly the protocol-1 code path (tf.train.adam + decoupled decay).
 */
export function makeTrainer(c: TrainConfig, variables: readonly tf.Variable[], decayed: readonly tf.Variable[]): Trainer {
  if (c.optimizer === 'adam' || c.optimizer === 'adamw') {
    const opt = tf.train.adam(c.learningRate);
    const decayFactor = 1 - c.learningRate * c.weightDecay;
    return {
      step(loss) {
        tf.tidy(() => {
          opt.minimize(loss, false, variables as tf.Variable[]);
          if (c.optimizer === 'adamw' && c.weightDecay > 0) for (const v of decayed) v.assign(tf.mul(v, decayFactor));
        });
      },
      dispose: () => opt.dispose(),
    };
  }
  const isDecayed = new Set(decayed);
  const mu = c.optimizer === 'sgd-momentum' ? (c.momentum ?? 0.9) : 0;
  const velocity = mu > 0 ? variables.map((v) => tf.variable(tf.zerosLike(v), false)) : null;
  return {
    step(loss, t) {
      const lr = learningRateAt(c, t);
      tf.tidy(() => {
        const { grads } = tf.variableGrads(loss, variables as tf.Variable[]);
        variables.forEach((w, i) => {
          let g: tf.Tensor = grads[w.name];
          const lambda = isDecayed.has(w) ? c.weightDecay : 0;
          if (lambda > 0) g = tf.add(g, tf.mul(w, lambda));
          if (velocity) {
            const v = velocity[i];
            v.assign(tf.sub(tf.mul(v, mu), tf.mul(g, lr)));
            w.assign(tf.add(w, v));
          } else w.assign(tf.sub(w, tf.mul(g, lr)));
        });
      });
    },
    dispose() {
      if (velocity) for (const v of velocity) v.dispose();
    },
  };
}

/**
 * The trained Transformer in tfjs, with the float64 reference's semantics (src/model, notation.md):
 *   x_0 = [CLS] row, x_t = E_tok[b_t] + E_pos[t];  L − 1 self-attention layers
 *   y_t = x_t + Σ_h (σ(W_V^hᵀ Xᵀ softmax(X W_QK^h x_t)))ᵀ W_C^h  (residual, no projection);
 *   then H [CLS] heads, summed: p = Σ_h W_V^hᵀ Xᵀ softmax(X W_QK^h x_0) (σ = identity);
 *   f(b) = w₂ᵀ relu(W₁ᵀ p + c₁) + c₂ (the readout MLP).
 * W_QK^h = W_K^h W_Q^hᵀ is trained through its factors W_Q, W_K (d×d each) and exported as the product.
 * "layers" in a TrainConfig counts every attention layer including the [CLS] one: layers = 1 is the
 * [CLS]-query model (model file `layers: []`), layers = L has L − 1 full self-attention layers.
 *
 * Fast path (L = 1, the default). x_0 is a parameter, so q_h = W_QK^h x_0 ∈ R^d is one vector per head
 * and, with Δ = E_tok[1] − E_tok[0], every score is elementwise (no per-token keys, no rank-3 matmul):
 *   s_0 = x_0·q_h,   s_t = b_t (Δ·q_h) + E_tok[0]·q_h + (E_pos q_h)_t   (t = 1..T),
 *   Xᵀa = a_0 x_0 + (Σ_t a_t) E_tok[0] + (Σ_t a_t b_t) Δ + a_{1..T} E_pos   (one (B·H, T)@(T, d) matmul).
 */
import { tf } from './backend.js';
import { normalVariable, zerosVariable, type TfModel } from './tf-init.js';
import type { Rng } from '../core/rng.js';

/** Shapes of a Transformer. */
export interface TransformerShape {
  /** T. */
  readonly contextLength: number;
  /** d (also the key and value dimension k). */
  readonly width: number;
  /** H, [CLS] heads (and heads per self-attention layer). */
  readonly heads: number;
  /** L, attention layers including the [CLS] one (≥ 1). */
  readonly layers: number;
}

/** Per-head weights of a self-attention layer. */
export interface TfLayerHead {
  readonly wQ: tf.Variable; // (d, d)
  readonly wK: tf.Variable; // (d, d)
  readonly wV: tf.Variable; // (d, d)
  readonly wC: tf.Variable; // (d, d)
}

/** The trainable weights, named after the reference model's fields. */
export interface TfTransformerWeights {
  readonly token: tf.Variable; // E_tok (2, d)
  readonly position: tf.Variable; // E_pos (T, d)
  readonly cls: tf.Variable; // x_0 (1, d)
  readonly layers: readonly (readonly TfLayerHead[])[]; // L − 1 layers of H heads
  readonly clsQ: readonly tf.Variable[]; // H × (d, d)
  readonly clsK: readonly tf.Variable[]; // H × (d, d)
  readonly clsV: tf.Variable; // (H·d, d): rows h·d..(h+1)·d are W_V^h
  readonly w1: tf.Variable; // (d, d)
  readonly c1: tf.Variable; // (d)
  readonly w2: tf.Variable; // (d, 1)
  readonly c2: tf.Variable; // (1)
}

/** A tfjs Transformer: a TfModel plus its named weights and an attention probe. */
export interface TfTransformer extends TfModel {
  readonly shape: TransformerShape;
  readonly weights: TfTransformerWeights;
  /** [CLS] attention a ∈ (B, H, T+1) of the last layer (column 0 = the [CLS] row itself). */
  clsAttention(bits: tf.Tensor2D): tf.Tensor3D;
}

/** Build a Transformer with weights drawn from rng (std 1/√d, readout He init). */
export function buildTransformer(rng: Rng, shape: TransformerShape): TfTransformer {
  const { contextLength: T, width: d, heads: H, layers: L } = shape;
  const s = 1 / Math.sqrt(d);
  const token = normalVariable(rng, [2, d], s);
  const position = normalVariable(rng, [T, d], s);
  const cls = normalVariable(rng, [1, d], s);
  const layers: TfLayerHead[][] = [];
  for (let l = 0; l < L - 1; l++) {
    const hs: TfLayerHead[] = [];
    for (let h = 0; h < H; h++) {
      hs.push({
        wQ: normalVariable(rng, [d, d], s),
        wK: normalVariable(rng, [d, d], s),
        wV: normalVariable(rng, [d, d], s),
        wC: normalVariable(rng, [d, d], s / Math.sqrt(H)),
      });
    }
    layers.push(hs);
  }
  const clsQ = Array.from({ length: H }, () => normalVariable(rng, [d, d], s));
  const clsK = Array.from({ length: H }, () => normalVariable(rng, [d, d], s));
  const clsV = normalVariable(rng, [H * d, d], s);
  const w1 = normalVariable(rng, [d, d], Math.sqrt(2 / d));
  const c1 = zerosVariable([d]);
  const w2 = normalVariable(rng, [d, 1], s);
  const c2 = zerosVariable([1]);
  const weights: TfTransformerWeights = { token, position, cls, layers, clsQ, clsK, clsV, w1, c1, w2, c2 };
  const layerVars = layers.flatMap((hs) => hs.flatMap((h) => [h.wQ, h.wK, h.wV, h.wC]));
  const matrices = [token, position, cls, ...layerVars, ...clsQ, ...clsK, clsV, w1, w2];
  const variables = [...matrices, c1, c2];

  /** Fast path: [CLS] attention (B, H, T+1) and pooled head output (B, d), L = 1. */
  function fastCls(bits: tf.Tensor2D): { attention: tf.Tensor3D; pooled: tf.Tensor2D } {
    const B = bits.shape[0];
    const e0 = tf.slice(token, [0, 0], [1, d]); // (1, d) E_tok[0]
    const delta = tf.sub(tf.slice(token, [1, 0], [1, d]), e0); // (1, d) Δ
    const qs = clsQ.map((wQ, h) => tf.matMul(clsK[h], tf.matMul(wQ, cls, true, true))); // H × (d, 1): q_h = W_K W_Qᵀ x_0
    const Q = H === 1 ? qs[0] : tf.concat(qs, 1); // (d, H)
    const dq = tf.reshape(tf.matMul(delta, Q), [1, H, 1]); // Δ·q_h
    const e0q = tf.reshape(tf.matMul(e0, Q), [1, H, 1]); // E_tok[0]·q_h
    const s0 = tf.reshape(tf.matMul(cls, Q), [1, H, 1]); // s_0 = x_0·q_h
    const pq = tf.reshape(tf.transpose(tf.matMul(position, Q)), [1, H, T]); // (E_pos q_h)_t
    const b3 = tf.reshape(bits, [B, 1, T]); // (B, 1, T)
    const sT = tf.add(tf.mul(b3, dq), tf.add(e0q, pq)); // (B, H, T) s_t, t = 1..T
    const scores = tf.concat([tf.broadcastTo(s0, [B, H, 1]), sT], 2); // (B, H, T+1); broadcastTo, not tile: its gradient is one Sum kernel, tile's is B slices + B adds
    const attention = tf.softmax(scores) as tf.Tensor3D; // (B, H, T+1) over the last axis
    const a0 = tf.slice(attention, [0, 0, 0], [B, H, 1]); // (B, H, 1)
    const aT = tf.slice(attention, [0, 0, 1], [B, H, T]); // (B, H, T)
    const sumA = tf.sum(aT, 2, true); // (B, H, 1) Σ_t a_t
    const sumAB = tf.sum(tf.mul(aT, b3), 2, true); // (B, H, 1) Σ_t a_t b_t
    const posMix = tf.reshape(tf.matMul(tf.reshape(aT, [B * H, T]), position), [B, H, d]); // a_{1..T} E_pos
    const mixed = tf.add(tf.add(tf.mul(a0, tf.reshape(cls, [1, 1, d])), tf.mul(sumA, tf.reshape(e0, [1, 1, d]))), tf.add(tf.mul(sumAB, tf.reshape(delta, [1, 1, d])), posMix)); // (B, H, d) Xᵀ a per head
    const pooled = tf.matMul(tf.reshape(mixed, [B, H * d]), clsV) as tf.Tensor2D; // (B, d) Σ_h W_V^hᵀ Xᵀ a^h
    return { attention, pooled };
  }

  /** X⁰ (B, T+1, d): row 0 = x_0, row t = E_tok[0] + b_t Δ + E_pos[t]. */
  function embedAll(bits: tf.Tensor2D): tf.Tensor3D {
    const B = bits.shape[0];
    const e0 = tf.reshape(tf.slice(token, [0, 0], [1, d]), [1, 1, d]);
    const delta = tf.sub(tf.reshape(tf.slice(token, [1, 0], [1, d]), [1, 1, d]), e0);
    const rows = tf.add(tf.add(tf.mul(tf.reshape(bits, [B, T, 1]), delta), e0), tf.reshape(position, [1, T, d])); // (B, T, d)
    return tf.concat([tf.broadcastTo(tf.reshape(cls, [1, 1, d]), [B, 1, d]), rows], 1) as tf.Tensor3D; // (B, T+1, d)
  }

  /** One self-attention layer, every row a query (rank-3 matmuls: the slow path). */
  function selfAttention(X: tf.Tensor3D, hs: readonly TfLayerHead[]): tf.Tensor3D {
    const [B, N] = X.shape;
    const X2 = tf.reshape(X, [B * N, d]); // (B·N, d)
    let Y: tf.Tensor3D = X; // residual
    for (const h of hs) {
      const Z = tf.reshape(tf.matMul(tf.matMul(X2, h.wQ), h.wK, false, true), [B, N, d]); // row t = (W_QK x_t)ᵀ
      const A = tf.softmax(tf.matMul(Z, X, false, true)); // (B, N, N): A[t, u] = softmax_u(x_uᵀ W_QK x_t)
      const mixed = tf.reshape(tf.matMul(A, X), [B * N, d]); // (B·N, d) Xᵀ a_t
      const out = tf.matMul(tf.matMul(mixed, h.wV), h.wC); // (B·N, d) (W_Vᵀ Xᵀ a_t)ᵀ W_C
      Y = tf.add(Y, tf.reshape(out, [B, N, d])) as tf.Tensor3D;
    }
    return Y;
  }

  /** General [CLS] heads on X^{L−1}: query x_0 of the last hidden state (depends on the input). */
  function generalCls(X: tf.Tensor3D): { attention: tf.Tensor3D; pooled: tf.Tensor2D } {
    const [B, N] = X.shape;
    const x0 = tf.reshape(tf.slice(X, [0, 0, 0], [B, 1, d]), [B, d]); // (B, d)
    const atts: tf.Tensor2D[] = [];
    const mixes: tf.Tensor2D[] = [];
    for (let h = 0; h < H; h++) {
      const q = tf.matMul(tf.matMul(x0, clsQ[h]), clsK[h], false, true); // (B, d) q = W_K W_Qᵀ x_0 as a row
      const sc = tf.sum(tf.mul(X, tf.reshape(q, [B, 1, d])), 2); // (B, N) s_u = x_u·q
      const a = tf.softmax(sc) as tf.Tensor2D; // (B, N)
      atts.push(a);
      mixes.push(tf.sum(tf.mul(X, tf.reshape(a, [B, N, 1])), 1) as tf.Tensor2D); // (B, d) Xᵀ a
    }
    const attention = tf.stack(atts, 1) as tf.Tensor3D; // (B, H, N)
    const pooled = tf.matMul(tf.concat(mixes, 1), clsV) as tf.Tensor2D; // (B, d)
    return { attention, pooled };
  }

  function cls_(bits: tf.Tensor2D): { attention: tf.Tensor3D; pooled: tf.Tensor2D } {
    if (L === 1) return fastCls(bits);
    let X = embedAll(bits);
    for (const hs of layers) X = selfAttention(X, hs);
    return generalCls(X);
  }

  return {
    kind: 'transformer',
    shape,
    weights,
    variables,
    decayed: matrices,
    predict(bits: tf.Tensor2D): tf.Tensor1D {
      const B = bits.shape[0];
      const { pooled } = cls_(bits);
      const h1 = tf.relu(tf.add(tf.matMul(pooled, w1), c1)); // (B, d)
      return tf.reshape(tf.add(tf.matMul(h1, w2), c2), [B]) as tf.Tensor1D; // (B)
    },
    clsAttention(bits: tf.Tensor2D): tf.Tensor3D {
      return cls_(bits).attention;
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}

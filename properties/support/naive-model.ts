/**
 * A deliberately naive second implementation of the reference semantics (proofs-notes/notation.md,
 * DIGEST §2), written from the equations with plain nested arrays and explicit loops, sharing no code
 * with src/model beyond the type definitions. The differential properties (properties/
 * def-reference-model.prop.ts) check src/model against it. Its softmax is the textbook exp/sum (no max
 * shift), so it is only valid for moderate scores: it throws when a score exceeds NAIVE_MAX_SCORE.
 */
import type { Matrix } from '../../src/core/matrix.js';
import type { Activation } from '../../src/model/activations.js';
import type { Model, AttentionHead, SelfAttentionLayer, DenseLayer, PositionBlock } from '../../src/model/types.js';

/** Largest |score| the naive softmax accepts (exp(600) ≈ 3.8e260 is still finite). */
export const NAIVE_MAX_SCORE = 600;

/** Thrown when the naive softmax is asked for scores it cannot handle; properties skip such cases. */
export class NaiveRangeError extends Error {}

type Rows = number[][];

/** Entry (i, j) of a Matrix, read from its row-major data. */
function at(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

/** σ applied to one number, from its definition. */
export function naiveActivation(act: Activation, x: number): number {
  if (act === 'identity') return x;
  if (act === 'relu') return Math.max(0, x);
  // tanh x = (e^{2x} − 1)/(e^{2x} + 1), written with expm1 to keep relative accuracy near 0.
  if (Math.abs(x) > 20) return Math.sign(x) * (1 - 2 / (Math.exp(2 * Math.abs(x)) + 1));
  const e = Math.expm1(2 * x);
  return e / (e + 2);
}

/**
 * The portable 32-bit sign hash, re-implemented from its written spec (docs/model-format.md) with
 * BigInt arithmetic mod 2^32 rather than Math.imul.
 */
export function naiveSignHash(seed: number, t: number, j: number): 1 | -1 {
  const M = 0x100000000n;
  const fmix = (h0: bigint): bigint => {
    let h = h0 % M;
    h ^= h >> 16n;
    h = (h * 0x85ebca6bn) % M;
    h ^= h >> 13n;
    h = (h * 0xc2b2ae35n) % M;
    h ^= h >> 16n;
    return h;
  };
  const inner = fmix(BigInt(t + 1)) ^ ((BigInt(j + 1) * 0x9e3779b1n) % M) ^ BigInt(seed >>> 0);
  return fmix(inner) >> 31n === 1n ? -1 : 1;
}

/** Row t (0-based) of one position block, materialized from the definition of its kind. */
export function naivePositionRow(block: PositionBlock, t: number, width: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < width; j++) {
    if (block.kind === 'dense') out.push(at(block.matrix, t, j));
    else if (block.kind === 'onehot') out.push(j === block.column + t ? block.scale : 0);
    else out.push(j >= block.column && j < block.column + block.width ? block.scale * naiveSignHash(block.seed, t, j - block.column) : 0);
  }
  return out;
}

/** X: row 0 = x_0, row t = E_tok[b_t] + Σ_blocks E_pos-block[t] (t = 1..T). */
export function naiveEmbed(model: Model, bits: ArrayLike<number>): Rows {
  const d = model.width;
  const X: Rows = [Array.from(model.embedding.cls)];
  for (let t = 1; t <= model.contextLength; t++) {
    const xt: number[] = [];
    for (let j = 0; j < d; j++) xt.push(at(model.embedding.token, bits[t - 1], j));
    for (const block of model.embedding.position) {
      const p = naivePositionRow(block, t - 1, d);
      for (let j = 0; j < d; j++) xt[j] += p[j];
    }
    X.push(xt);
  }
  return X;
}

/** Textbook softmax exp(s_u)/Σ exp(s_v), no shift. Throws NaiveRangeError on large scores. */
export function naiveSoftmax(s: number[]): number[] {
  for (const x of s) if (!(Math.abs(x) <= NAIVE_MAX_SCORE)) throw new NaiveRangeError(`score ${x} too large for the naive softmax`);
  const e = s.map((x) => Math.exp(x));
  let total = 0;
  for (const x of e) total += x;
  return e.map((x) => x / total);
}

/** Scores s_u = Σ_i Σ_j X[u][i] W_QK[i][j] z[j] for u = 0..T (the [CLS] row is a key too). */
export function naiveScores(wQK: Matrix, X: Rows, z: ArrayLike<number>): number[] {
  const s: number[] = [];
  for (let u = 0; u < X.length; u++) {
    let acc = 0;
    for (let i = 0; i < wQK.rows; i++) for (let j = 0; j < wQK.cols; j++) acc += X[u][i] * at(wQK, i, j) * z[j];
    s.push(acc);
  }
  return s;
}

/** f_head(X, z)_c = σ( Σ_i W_V[i][c] Σ_u a_u X[u][i] ), a = softmax(s). */
export function naiveHead(head: AttentionHead, X: Rows, z: ArrayLike<number>): number[] {
  const a = naiveSoftmax(naiveScores(head.wQK, X, z));
  const out: number[] = [];
  for (let c = 0; c < head.wV.cols; c++) {
    let acc = 0;
    for (let u = 0; u < X.length; u++) for (let i = 0; i < head.wV.rows; i++) acc += a[u] * X[u][i] * at(head.wV, i, c);
    out.push(naiveActivation(head.activation, acc));
  }
  return out;
}

/** y_t = Π_R( x_t·[residual] + Σ_h Σ_c f_head^h(X, x_t)_c W_C^h[c][:] ), every row t = 0..T a query. */
export function naiveLayer(layer: SelfAttentionLayer, X: Rows): Rows {
  const Y: Rows = [];
  for (let t = 0; t < X.length; t++) {
    const y = X[t].map((x) => (layer.residual ? x : 0));
    for (const h of layer.heads) {
      const o = naiveHead(h, X, X[t]);
      for (let j = 0; j < y.length; j++) for (let c = 0; c < o.length; c++) y[j] += o[c] * at(h.wC, c, j);
    }
    if (layer.projectionRadius !== null) {
      let sq = 0;
      for (const v of y) sq += v * v;
      const n = Math.sqrt(sq);
      if (n > layer.projectionRadius) for (let j = 0; j < y.length; j++) y[j] *= layer.projectionRadius / n;
    }
    Y.push(y);
  }
  return Y;
}

/** Readout: v ↦ σ_l(Σ_i v_i W_l[i][:] + b_l), layer after layer. */
export function naiveReadout(layers: readonly DenseLayer[], v: ArrayLike<number>): number[] {
  let h = Array.from(v);
  for (const l of layers) {
    const out: number[] = [];
    for (let j = 0; j < l.weight.cols; j++) {
      let acc = l.bias ? l.bias[j] : 0;
      for (let i = 0; i < l.weight.rows; i++) acc += h[i] * at(l.weight, i, j);
      out.push(naiveActivation(l.activation, acc));
    }
    h = out;
  }
  return h;
}

/** f(b): embed, L layers, Σ of [CLS] heads on query x_0^L (or x_0^L itself), readout. */
export function naiveForward(model: Model, bits: ArrayLike<number>): number {
  let X = naiveEmbed(model, bits);
  for (const layer of model.layers) X = naiveLayer(layer, X);
  let pooled: number[];
  if (model.clsHeads.length === 0) pooled = [...X[0]];
  else {
    pooled = new Array<number>(model.clsHeads[0].wV.cols).fill(0);
    for (const h of model.clsHeads) {
      const o = naiveHead(h, X, X[0]);
      for (let c = 0; c < pooled.length; c++) pooled[c] += o[c];
    }
  }
  return naiveReadout(model.readout, pooled)[0];
}

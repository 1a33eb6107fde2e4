/**
 * Fused forward + backward of the MLP baseline (tf-mlp.ts) in Float64Array loops and the gemm kernels:
 *   x = 2b − 1,  h₁ = relu(W₁ᵀx + c₁),  h₂ = relu(W₂ᵀh₁ + c₂),  f = w₃ᵀh₂ + c₃,  loss = mean log(1 + e^{−y f}),
 * and the gradient of every variable (proofs-notes/alg-fused-cls-step.md §MLP). θ is laid out in the
 * tfjs model's `variables` order [W₁ (T, r), c₁, W₂ (r, r), c₂, w₃ (r), c₃].
 */
import { domainError } from '../../core/errors.js';
import { gemmAccWith } from './gemm.js';
import type { WasmGemm } from './wasm-gemm.js';
import { makeWorkspace } from './workspace.js';
import type { FusedStep, StepLayout } from './fused-cls.js';

/** Offsets of the MLP's variables in θ. */
export interface MlpLayout extends StepLayout {
  readonly T: number;
  readonly r: number;
  readonly w1: number;
  readonly c1: number;
  readonly w2: number;
  readonly c2: number;
  readonly w3: number;
  readonly c3: number;
}

/** The layout of θ for inputs of length T and hidden width r. */
export function mlpLayout(T: number, r: number): MlpLayout {
  const w1 = 0;
  const c1 = w1 + T * r;
  const w2 = c1 + r;
  const c2 = w2 + r * r;
  const w3 = c2 + r;
  const c3 = w3 + r;
  return {
    T,
    r,
    w1,
    c1,
    w2,
    c2,
    w3,
    c3,
    size: c3 + 1,
    decayed: [
      [w1, c1],
      [w2, c2],
      [w3, c3],
    ],
  };
}

/** Workspace of the fused MLP step for one (layout, batch size). Not re-entrant. */
export class FusedMlp implements FusedStep {
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  private readonly kernel: WasmGemm | null;
  private readonly x: Float64Array; // (B, T) ±1
  private readonly z1: Float64Array; // (B, r)
  private readonly h1: Float64Array; // (B, r)
  private readonly z2: Float64Array; // (B, r)
  private readonly h2: Float64Array; // (B, r)
  private readonly gOut: Float64Array; // (B)
  private readonly g2: Float64Array; // (B, r)
  private readonly g1: Float64Array; // (B, r)
  private readonly w2T: Float64Array; // (r, r)

  /** @param L the layout; @param B the largest batch; opts.wasm false forces the JS kernel (same results). */
  constructor(
    readonly L: MlpLayout,
    readonly B: number,
    opts: { readonly wasm?: boolean } = {},
  ) {
    if (!Number.isSafeInteger(B) || B < 1) throw domainError('FusedMlp', 'B', 'an integer >= 1', B);
    const { T, r } = L;
    const doubles = 2 * L.size + B * T + 6 * B * r + B + r * r;
    const ws = makeWorkspace(doubles, opts.wasm !== false);
    this.kernel = ws.kernel;
    const take = ws.take;
    this.theta = take(L.size);
    this.grad = take(L.size);
    this.x = take(B * T);
    this.z1 = take(B * r);
    this.h1 = take(B * r);
    this.z2 = take(B * r);
    this.h2 = take(B * r);
    this.g2 = take(B * r);
    this.g1 = take(B * r);
    this.gOut = take(B);
    this.w2T = take(r * r);
  }

  private forward(th: Float64Array, bits: Uint8Array, n: number, out: Float64Array): void {
    const { T, r, w1, c1, w2, c2, w3, c3 } = this.L;
    const { x, z1, h1, z2, h2 } = this;
    for (let i = 0; i < n * T; i++) x[i] = 2 * bits[i] - 1;
    for (let b = 0; b < n; b++) for (let j = 0; j < r; j++) z1[b * r + j] = th[c1 + j];
    gemmAccWith(this.kernel, n, r, T, x, 0, T, 1, th, w1, r, 1, z1, 0, r);
    // biome-ignore lint/complexity/useMathMinMax: relu as tfjs computes it (Math.max differs on NaN).
    for (let i = 0; i < n * r; i++) h1[i] = z1[i] > 0 ? z1[i] : 0;
    for (let b = 0; b < n; b++) for (let j = 0; j < r; j++) z2[b * r + j] = th[c2 + j];
    gemmAccWith(this.kernel, n, r, r, h1, 0, r, 1, th, w2, r, 1, z2, 0, r);
    for (let b = 0; b < n; b++) {
      let f = th[c3];
      for (let j = 0; j < r; j++) {
        const v = z2[b * r + j];
        // biome-ignore lint/complexity/useMathMinMax: relu as tfjs computes it (Math.max differs on NaN).
        h2[b * r + j] = v > 0 ? v : 0;
        if (v > 0) f += v * th[w3 + j];
      }
      out[b] = f;
    }
  }

  /** Outputs f(b) of rows [from, from + n) into out[0..n). Throws DomainError when n is not in 1..B. */
  predict(th: Float64Array, bits: Uint8Array, from: number, n: number, out: Float64Array): void {
    if (n > this.B || n < 1) throw domainError('FusedMlp.predict', 'n', `in 1..${this.B}`, n);
    const T = this.L.T;
    this.forward(th, bits.subarray(from * T, (from + n) * T), n, out);
  }

  /** Mean logistic loss of rows [0, n) and its gradient into this.grad. Throws DomainError when n is not in 1..B. */
  lossAndGrad(th: Float64Array, bits: Uint8Array, labels: Float32Array, n: number): number {
    if (n > this.B || n < 1) throw domainError('FusedMlp.lossAndGrad', 'n', `in 1..${this.B}`, n);
    const { T, r, w1, c1, w2, c2, w3, c3 } = this.L;
    const { grad: g, x, z1, h1, z2, h2, gOut, g1, g2, w2T } = this;
    this.forward(th, bits, n, gOut);
    g.fill(0);
    let loss = 0;
    for (let b = 0; b < n; b++) {
      const m = -labels[b] * gOut[b];
      loss += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
      const sig = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
      gOut[b] = (-labels[b] * sig) / n;
    }
    for (let b = 0; b < n; b++) {
      const go = gOut[b];
      g[c3] += go;
      for (let j = 0; j < r; j++) {
        g[w3 + j] += h2[b * r + j] * go;
        const v = z2[b * r + j] > 0 ? go * th[w3 + j] : 0;
        g2[b * r + j] = v;
        g[c2 + j] += v;
      }
    }
    gemmAccWith(this.kernel, r, r, n, h1, 0, 1, r, g2, 0, r, 1, g, w2, r); // ∂W₂ += h₁ᵀ g₂
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) w2T[j * r + i] = th[w2 + i * r + j];
    g1.fill(0, 0, n * r);
    gemmAccWith(this.kernel, n, r, r, g2, 0, r, 1, w2T, 0, r, 1, g1, 0, r); // g₂ W₂ᵀ
    for (let b = 0; b < n; b++) {
      for (let j = 0; j < r; j++) {
        const v = z1[b * r + j] > 0 ? g1[b * r + j] : 0;
        g1[b * r + j] = v;
        g[c1 + j] += v;
      }
    }
    gemmAccWith(this.kernel, T, r, n, x, 0, 1, T, g1, 0, r, 1, g, w1, r); // ∂W₁ += xᵀ g₁
    return loss / n;
  }
}
